/** The desa binaan planner's one answer (issue #12): every candidate desa with the facts its score rests on. */
import { Type, type Static } from 'typebox';
import { PLANNER_CRITERIA, type Criterion } from '../domain/planner-score.ts';
import { IdSchema } from './common.ts';
import { WithinSchema } from './layer-filters.ts';
import { DisclosureControl, Nullable } from './response-parts.ts';
import { Author, Timestamp, Title, Version } from './saved-views.ts';
import { PLAN_DECISIONS } from './vocabulary.ts';

export const PlannerQuery = Type.Object(
  {
    region: Type.Optional(
      Type.String({
        pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2})?)?$',
        description: 'A province, kabupaten or kecamatan code',
      }),
    ),
    within: Type.Optional(WithinSchema),
  },
  { additionalProperties: false },
);

const Km = Nullable(Type.Number());

export const PlannerCandidatesResponse = Type.Object({
  disclosureControl: DisclosureControl,
  synthetic: Type.Boolean({ description: 'Whether the counts come from the synthetic demo data' }),
  period: Type.Object({ from: Type.String(), to: Type.String() }, { description: 'The incidents’ 12 months' }),
  weights: Type.Record(Type.String(), Type.Number(), { description: 'The documented default weights' }),
  incidentTypeWeights: Type.Record(Type.String(), Type.Number()),
  distanceScaleKm: Type.Record(Type.String(), Type.Number()),
  normalisation: Type.Record(Type.String(), Type.String()),
  nearKm: Type.Number({ description: 'The people of the other desa within this distance count as near a candidate' }),
  candidates: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      kecamatan: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      foreigners: Type.Integer({ description: 'Residents as the role may see them (a withheld count as 0)' }),
      workers: Type.Integer({ description: 'Foreign workers as the role may see them (a withheld count as 0)' }),
      incidentsByType: Type.Record(Type.String(), Type.Integer()),
      landBorderKm: Km,
      seaBorderKm: Km,
      officeKm: Km,
      binaanKm: Km,
    }),
  ),
  binaan: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      kecamatan: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      foreigners: Type.Integer(),
      workers: Type.Integer(),
      incidentsByType: Type.Record(Type.String(), Type.Integer()),
    }),
    { description: 'The active desa binaan of the area, with their people as the role may see them' },
  ),
});

/** The most decisions one plan holds (a shortlist, not the whole province). */
export const MAX_PLAN_ITEMS = 200;

const RegionCode = Type.String({
  pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2})?)?$',
  description: 'The province, kabupaten or kecamatan the plan is for',
});

export const PlanWeights = Type.Object(
  Object.fromEntries(
    PLANNER_CRITERIA.map((name) => [name, Type.Number({ minimum: 0, maximum: 100, description: `Weight of ${name}` })]),
  ) as Record<Criterion, ReturnType<typeof Type.Number>>,
  { additionalProperties: false, description: 'A weight per criterion, 0–100 (the score divides by their sum)' },
);

export const PlanItem = Type.Object(
  {
    code: Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$', description: 'A desa of the caller’s area' }),
    decision: Type.Union(
      PLAN_DECISIONS.map((decision) => Type.Literal(decision)),
      { description: 'planned: chosen for the plan; rejected: set aside' },
    ),
    note: Type.String({ maxLength: 500, description: 'Why, up to 500 characters' }),
  },
  { additionalProperties: false },
);
export type PlanItem = Static<typeof PlanItem>;

const planFields = {
  title: Title,
  region: Type.Union([RegionCode, Type.Null()]),
  within: Type.Union([WithinSchema, Type.Null()], {
    description:
      'The area drawn on the map the plan was made in (its desa are those whose centre lies inside), or null',
  }),
  weights: PlanWeights,
  radiusKm: Type.Number({
    minimum: 0.5,
    maximum: 200,
    description: 'The reach of a PIMPASA officer (km), 0.5–200; kept to two decimals',
  }),
  sameKecamatan: Type.Boolean({ description: 'Whether a desa binaan also reaches every desa of its kecamatan' }),
  items: Type.Array(PlanItem, {
    maxItems: MAX_PLAN_ITEMS,
    description: `The decisions, up to ${MAX_PLAN_ITEMS}, each desa once`,
  }),
};

export const NewPlanBody = Type.Object(planFields, { additionalProperties: false });
export type NewPlanBody = Static<typeof NewPlanBody>;
export const PlanChangesBody = Type.Object({ ...planFields, version: Version }, { additionalProperties: false });
export type PlanChangesBody = Static<typeof PlanChangesBody>;

export const PlanSchema = Type.Object({
  id: IdSchema,
  ...planFields,
  author: Author,
  agencyCode: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});
export type Plan = Static<typeof PlanSchema>;
export const PlanListResponse = Type.Object({ plans: Type.Array(PlanSchema) });

export const PlanExportQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { description: 'Default id' })) },
  { additionalProperties: false },
);
