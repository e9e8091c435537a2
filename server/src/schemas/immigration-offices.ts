/** Immigration offices (issue #12): the Kanim of the seven provinces, their location and working area. */
import { Type, type Static } from 'typebox';

const KabupatenCode = Type.String({ pattern: '^\\d{2}\\.\\d{2}$' });

export const ImmigrationOfficeSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  provinsiCode: Type.String(),
  town: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  areas: Type.Array(Type.String(), { description: 'The kabupaten/kota it serves, where known' }),
  areaNames: Type.Array(Type.String(), { description: 'Their names, in code order' }),
  located: Type.Union([Type.Literal('town'), Type.Literal('corrected')], {
    description: 'town: the town’s centre, as seeded; corrected: set by an admin',
  }),
  version: Type.Integer(),
  updatedAt: Type.String(),
});
export type ImmigrationOffice = Static<typeof ImmigrationOfficeSchema>;

export const ImmigrationOfficeListResponse = Type.Object({ offices: Type.Array(ImmigrationOfficeSchema) });

export const OfficeCodeParams = Type.Object(
  { code: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }) },
  { additionalProperties: false },
);

/** Where Indonesia is: a location outside this box is a typo, not an office. */
export const INDONESIA_BOX = { west: 94, south: -11.5, east: 141.5, north: 6.5 } as const;

export const OfficeChangeBody = Type.Object(
  {
    lon: Type.Number({ minimum: INDONESIA_BOX.west, maximum: INDONESIA_BOX.east }),
    lat: Type.Number({ minimum: INDONESIA_BOX.south, maximum: INDONESIA_BOX.north }),
    town: Type.Optional(Type.String({ minLength: 2, maxLength: 80 })),
    areas: Type.Optional(Type.Array(KabupatenCode, { maxItems: 40, uniqueItems: true })),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type OfficeChangeBody = Static<typeof OfficeChangeBody>;
