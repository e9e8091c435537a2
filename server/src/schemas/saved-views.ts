/** Saved views and agendas (issue #11, meeting mode): what the API takes and answers. */
import { Type, type Static } from 'typebox';
import { IdSchema } from './common.ts';

/** The most views one agenda holds: a meeting steps through them one by one. */
export const MAX_AGENDA_VIEWS = 60;

/**
 * The characters a link may hold: the URL-safe set the web app writes (web/src/lib/state/viewLink.ts, `hashWith`).
 * No whitespace or control characters. The database's CHECK says the same (migration 0010).
 */
export const VIEW_LINK_PATTERN = "^[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*$";

export const Title = Type.String({
  minLength: 1,
  maxLength: 120,
  pattern: '^[^\\u0000-\\u001F\\u007F]*$',
  description: '1–120 characters, not only spaces, no line breaks or control characters',
});
export const Version = Type.Integer({
  minimum: 1,
  maximum: 2_147_483_647,
  description: 'The version the change was made on; a newer one on the server gives 409 STALE_VERSION',
});
export const Timestamp = Type.String({ description: 'UTC, e.g. 2026-07-01T08:30:00.000Z' });

const viewFields = {
  title: Title,
  notes: Type.String({ maxLength: 4000, description: 'Speaker notes, up to 4000 characters' }),
  link: Type.String({
    maxLength: 2000,
    pattern: VIEW_LINK_PATTERN,
    description:
      "The view as the web app writes it in the URL hash, without '#' (e.g. peta=8.2/0.95/110.4&lapisan=incidents); stored as it is",
  }),
};

export const NewViewBody = Type.Object(
  { title: viewFields.title, notes: Type.Optional(viewFields.notes), link: viewFields.link },
  { additionalProperties: false },
);
export type NewViewBody = Static<typeof NewViewBody>;

/** A PUT replaces the whole view. */
export const ViewChangesBody = Type.Object(
  { title: viewFields.title, notes: viewFields.notes, link: viewFields.link, version: Version },
  { additionalProperties: false },
);
export type ViewChangesBody = Static<typeof ViewChangesBody>;

const agendaFields = {
  title: Title,
  meetingOn: Type.Union([Type.String({ format: 'date', description: 'YYYY-MM-DD' }), Type.Null()], {
    description: 'The day of the meeting, or null',
  }),
  place: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], {
    description: 'Where the meeting is held (up to 200 characters), or null',
  }),
  viewIds: Type.Array(IdSchema, {
    maxItems: MAX_AGENDA_VIEWS,
    uniqueItems: true,
    description: `The agenda's views in order: up to ${MAX_AGENDA_VIEWS}, each once, each a view of the caller's agency`,
  }),
};

export const NewAgendaBody = Type.Object(
  {
    title: agendaFields.title,
    meetingOn: Type.Optional(agendaFields.meetingOn),
    place: Type.Optional(agendaFields.place),
    viewIds: Type.Optional(agendaFields.viewIds),
  },
  { additionalProperties: false },
);
export type NewAgendaBody = Static<typeof NewAgendaBody>;

/** A PUT replaces the whole agenda: a day or place left out is cleared; the views are always sent. */
export const AgendaChangesBody = Type.Object(
  { ...NewAgendaBody.properties, viewIds: agendaFields.viewIds, version: Version },
  { additionalProperties: false },
);
export type AgendaChangesBody = Static<typeof AgendaChangesBody>;

export const SavedItemIdParams = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const Author = Type.Object({ username: Type.String(), displayName: Type.String() });

export const SavedViewSchema = Type.Object({
  id: IdSchema,
  title: Type.String(),
  notes: Type.String(),
  link: Type.String(),
  author: Author,
  agencyCode: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
export type SavedView = Static<typeof SavedViewSchema>;

export const AgendaSchema = Type.Object({
  id: IdSchema,
  title: Type.String(),
  meetingOn: agendaFields.meetingOn,
  place: agendaFields.place,
  viewIds: Type.Array(IdSchema),
  author: Author,
  agencyCode: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
export type Agenda = Static<typeof AgendaSchema>;

export const AgendaWithViewsSchema = Type.Object({
  ...AgendaSchema.properties,
  views: Type.Array(SavedViewSchema, { description: 'The views of `viewIds`, in that order' }),
});
export type AgendaWithViews = Static<typeof AgendaWithViewsSchema>;

export const SavedViewListResponse = Type.Object({ views: Type.Array(SavedViewSchema) });
export const AgendaListResponse = Type.Object({ agendas: Type.Array(AgendaSchema) });

export const AgendaReadQuery = Type.Object(
  {
    notes: Type.Optional(
      Type.Union([Type.Literal('include'), Type.Literal('omit')], {
        description:
          'include: the views with their speaker notes (the presenter’s window); omit (default): without them (the projector’s page and everything else)',
      }),
    ),
  },
  { additionalProperties: false },
);
