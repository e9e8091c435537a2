import { Type, type Static } from 'typebox';

const CodeList = (pattern: string, description: string) =>
  Type.String({ pattern: `^${pattern}(,${pattern})*$`, maxLength: 400, description });

export const RegionLevelSchema = Type.Union([
  Type.Literal('provinsi'),
  Type.Literal('kabupaten'),
  Type.Literal('kecamatan'),
  Type.Literal('desa'),
]);
export type RegionLevel = Static<typeof RegionLevelSchema>;
const RegionLevel = RegionLevelSchema;

/** Filters every operational layer accepts; the caller's area always applies on top. */
const layerFilterProperties = {
  bbox: Type.Optional(
    Type.String({
      pattern: '^-?\\d+(\\.\\d+)?(,-?\\d+(\\.\\d+)?){3}$',
      description: 'west,south,east,north in WGS84 degrees',
    }),
  ),
  region: Type.Optional(
    Type.String({
      pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?$',
      description: 'A province, kabupaten, kecamatan or desa code',
    }),
  ),
  from: Type.Optional(Type.String({ format: 'date', description: 'First day of the period (inclusive)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day of the period (inclusive)' })),
  nationality: Type.Optional(CodeList('[A-Z]{3}', 'ISO 3166 alpha-3 codes, comma-separated')),
  permitType: Type.Optional(CodeList('(ITK|ITAS|ITAP|PLB|DIPLOMATIK|LAINNYA)', 'Permit types, comma-separated')),
  residentStatus: Type.Optional(CodeList('(active|departed|deported)', 'Resident statuses, comma-separated')),
  incidentType: Type.Optional(
    CodeList(
      '(overstay|permit_misuse|illegal_work|tppo|tppm|pmi_nonprosedural|illegal_crossing|sham_marriage|other)',
      'Incident types',
    ),
  ),
  incidentStatus: Type.Optional(CodeList('(reported|verified|acted_on|closed)', 'Incident statuses')),
};

export const LayerFilterQuery = Type.Object(layerFilterProperties, { additionalProperties: false });
export type LayerFilterQuery = Static<typeof LayerFilterQuery>;

export const SummaryByRegionQuery = Type.Object(
  { ...layerFilterProperties, level: RegionLevel },
  { additionalProperties: false },
);
export type SummaryByRegionQuery = Static<typeof SummaryByRegionQuery>;

/** A count of people: a number, or "< 3" for roles that may not see people. */
const PeopleCount = Type.Union([Type.Integer(), Type.String()]);

export const ResidentSummaryResponse = Type.Object({
  level: RegionLevel,
  synthetic: Type.Boolean({ description: 'True when the data shown is the synthetic demo data' }),
  regions: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      people: PeopleCount,
      overstay: PeopleCount,
      overstayOver60Days: PeopleCount,
      expiringWithin30Days: PeopleCount,
    }),
  ),
});

export const IncidentSummaryResponse = Type.Object({
  level: RegionLevel,
  synthetic: Type.Boolean(),
  regions: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      incidents: Type.Integer(),
      people: PeopleCount,
      byType: Type.Record(Type.String(), Type.Integer()),
    }),
  ),
});

export const ViewSummaryResponse = Type.Object({
  synthetic: Type.Boolean(),
  people: PeopleCount,
  overstay: PeopleCount,
  expiringWithin30Days: PeopleCount,
  incidents: Type.Integer(),
  incidentsByType: Type.Record(Type.String(), Type.Integer()),
});

export const IncidentPointsResponse = Type.Object({
  truncated: Type.Boolean({ description: 'More incidents matched than are returned; narrow the filters or the view' }),
  points: Type.Array(
    Type.Object({
      id: Type.Integer(),
      lon: Type.Number(),
      lat: Type.Number(),
      type: Type.String(),
      occurredAt: Type.String(),
      status: Type.String(),
      severity: Type.String(),
      peopleCount: PeopleCount,
    }),
  ),
});
