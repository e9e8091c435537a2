import { Type, type Static } from 'typebox';
import { ExportFormat } from './common.ts';
import { listOf, oneOf } from './enums.ts';
import {
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  NATIONALITY_GROUPS,
  PERMIT_TYPES,
  RESIDENT_STATUSES,
  SEVERITIES,
} from './vocabulary.ts';

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
export const layerFilterProperties = {
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
  nationality: Type.Optional(
    CodeList('[A-Z]{3}', 'ISO 3166 alpha-3 codes, comma-separated (roles that may see people only)'),
  ),
  nationalityGroup: Type.Optional(
    oneOf(NATIONALITY_GROUPS, {
      description: 'A group of nationalities (the only nationality filter for roles that may not see people)',
    }),
  ),
  permitType: Type.Optional(listOf(PERMIT_TYPES, 'Permit types, comma-separated')),
  residentStatus: Type.Optional(listOf(RESIDENT_STATUSES, 'Resident statuses, comma-separated')),
  incidentType: Type.Optional(listOf(INCIDENT_TYPES, 'Incident types, comma-separated')),
  incidentStatus: Type.Optional(listOf(INCIDENT_STATUSES, 'Incident statuses, comma-separated')),
  borderKind: Type.Optional(
    Type.Union([Type.Literal('land'), Type.Literal('sea'), Type.Literal('nearest')], {
      description: 'Which border the distance band measures to (default: the nearest of the two)',
    }),
  ),
  borderMinKm: Type.Optional(
    Type.Number({ minimum: 0, maximum: 5000, description: 'Desa at least this far from the border (km)' }),
  ),
  borderMaxKm: Type.Optional(
    Type.Number({ minimum: 0, maximum: 5000, description: 'Desa nearer than this to the border (km)' }),
  ),
};

export const LayerFilterQuery = Type.Object(layerFilterProperties, { additionalProperties: false });
export type LayerFilterQuery = Static<typeof LayerFilterQuery>;

export const SummaryByRegionQuery = Type.Object(
  { ...layerFilterProperties, level: RegionLevel },
  { additionalProperties: false },
);
export type SummaryByRegionQuery = Static<typeof SummaryByRegionQuery>;

/**
 * A count of people: exact for roles that may see people; for the others perturbed by the cell-key method and, below
 * the threshold (zeros included), the marker "< 3" (ADR 0007).
 */
export const PeopleCount = Type.Union([Type.Integer(), Type.String()]);

/** True when the counts of people in this answer are perturbed and suppressed for the caller's role (ADR 0007). */
export const DisclosureControl = Type.Boolean({
  description: 'Counts of people are perturbed (cell-key method) and small ones suppressed for the caller’s role',
});

export const ResidentSummaryResponse = Type.Object({
  level: RegionLevel,
  synthetic: Type.Boolean({ description: 'True when the data shown is the synthetic demo data' }),
  disclosureControl: DisclosureControl,
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
  disclosureControl: DisclosureControl,
  regions: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      incidents: Type.Integer(),
      people: Type.Union([Type.Integer(), Type.String(), Type.Null()], {
        description: 'People involved; null (withheld) for roles that may not see people',
      }),
      byType: Type.Record(Type.String(), Type.Integer()),
    }),
  ),
});

export const ViewSummaryQuery = Type.Object(
  {
    ...layerFilterProperties,
    level: Type.Optional(
      Type.Union(
        [Type.Literal('provinsi'), Type.Literal('kabupaten'), Type.Literal('kecamatan'), Type.Literal('desa')],
        {
          description:
            'For roles that may not see people: the level whose published counts are summed for the view (default kabupaten)',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ViewSummaryResponse = Type.Object({
  synthetic: Type.Boolean(),
  disclosureControl: DisclosureControl,
  people: PeopleCount,
  overstay: PeopleCount,
  expiringWithin30Days: PeopleCount,
  incidents: Type.Integer(),
  incidentsByType: Type.Record(Type.String(), Type.Integer()),
});

export const IncidentPointsResponse = Type.Object({
  truncated: Type.Boolean({ description: 'More incidents matched than are returned; narrow the filters or the view' }),
  locationGeneralised: Type.Boolean({
    description: 'Locations snapped to a 0.01° grid (~1.1 km) for the caller’s role',
  }),
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

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const WorkplaceListResponse = Type.Object({
  synthetic: Type.Boolean(),
  disclosureControl: DisclosureControl,
  workplaces: Type.Array(
    Type.Object({
      id: Type.Integer(),
      company: Type.String(),
      sector: Type.String(),
      desaCode: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      foreignWorkers: PeopleCount,
      byNationality: Type.Record(Type.String(), PeopleCount),
    }),
  ),
});

export const DesaBinaanListResponse = Type.Object({
  desaBinaan: Type.Array(
    Type.Object({
      desaCode: Type.String(),
      name: Type.String(),
      kecamatan: Type.String(),
      kabupaten: Type.String(),
      status: Type.String(),
      inauguratedOn: Nullable(Type.String()),
      pimpasaName: Nullable(Type.String()),
      pimpasaPhone: Type.Optional(Nullable(Type.String())),
      synthetic: Type.Boolean(),
      lon: Type.Number(),
      lat: Type.Number(),
    }),
  ),
});

export const TimporaTeamsResponse = Type.Object({
  teams: Type.Array(
    Type.Object({
      kecamatanCode: Type.String(),
      name: Type.String(),
      formed: Type.Boolean(),
      formedOn: Nullable(Type.String()),
      members: Type.Record(Type.String(), Type.Integer()),
    }),
  ),
  targets: Type.Array(
    Type.Object({
      provinsiCode: Type.String(),
      name: Type.String(),
      target: Type.Integer(),
      formed: Type.Integer(),
      year: Type.Integer(),
    }),
  ),
});

export const ResidentPointsResponse = Type.Object({
  truncated: Type.Boolean(),
  points: Type.Array(
    Type.Object({
      id: Type.Integer(),
      lon: Type.Number(),
      lat: Type.Number(),
      nationality: Type.String(),
      permitType: Type.String(),
      status: Type.String(),
      overstayDays: Type.Integer(),
    }),
  ),
});

export const RecordIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
/** One record, with only the fields the caller's role may see (see redaction-policy.ts). */
export const RecordResponse = Type.Record(Type.String(), Type.Unknown());

export const NewIncidentBody = Type.Object(
  {
    type: oneOf(INCIDENT_TYPES),
    occurredAt: Type.String({ format: 'date-time' }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    nationalities: Type.Array(Type.String({ pattern: '^[A-Z]{3}$' }), { maxItems: 20, uniqueItems: true }),
    peopleCount: Type.Integer({ minimum: 0, maximum: 10000 }),
    severity: oneOf(SEVERITIES),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type NewIncidentBody = Static<typeof NewIncidentBody>;
export const CreatedIncidentResponse = Type.Object({
  id: Type.Integer(),
  desaCode: Type.String(),
  desa: Type.String(),
});

export const OperationalTileParams = Type.Object({
  z: Type.Integer({ minimum: 0, maximum: 22 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});

export const BorderBandQuery = Type.Object(
  {
    ...layerFilterProperties,
    bands: Type.Optional(
      Type.String({
        pattern: '^\\d+(\\.\\d+)?(,\\d+(\\.\\d+)?){1,9}$',
        description: 'Band edges in km, comma-separated, from 0 upwards (default 0,5,15,30,50: the last band is open)',
      }),
    ),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

export const BorderBandResponse = Type.Object({
  kind: Type.Union([Type.Literal('land'), Type.Literal('sea'), Type.Literal('nearest')]),
  disclosureControl: DisclosureControl,
  bands: Type.Array(
    Type.Object({
      minKm: Type.Number(),
      maxKm: Nullable(Type.Number()),
      residents: Type.Union([Type.Integer(), Type.String(), Type.Null()], {
        description: 'null: withheld for roles that may not see people when the band edges are not the standard ones',
      }),
      incidents: Type.Integer(),
      desa: Type.Integer(),
    }),
  ),
});

export const ClusterQuery = Type.Object(
  {
    ...layerFilterProperties,
    layer: Type.Union([Type.Literal('incidents'), Type.Literal('residents'), Type.Literal('workplaces')]),
    distanceM: Type.Number({
      minimum: 10,
      maximum: 50_000,
      default: 1000,
      description: 'DBSCAN neighbourhood radius in metres',
    }),
    minPoints: Type.Integer({ minimum: 2, maximum: 1000, default: 5, description: 'DBSCAN minimum cluster size' }),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

export const ClusterResponse = Type.Object({
  layer: Type.String(),
  disclosureControl: DisclosureControl,
  parameters: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The parameters used, for the record and exports',
  }),
  clusters: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      size: PeopleCount,
      memberIds: Type.Array(Type.Integer(), {
        description: 'Empty for clusters of people when the role may not see people',
      }),
      hull: Type.Unknown({ description: 'GeoJSON polygon' }),
      lon: Type.Number(),
      lat: Type.Number(),
      from: Nullable(Type.String()),
      to: Nullable(Type.String()),
      types: Type.Record(Type.String(), PeopleCount),
      nationalities: Type.Record(Type.String(), PeopleCount),
      landBorderKm: Type.Number(),
      seaBorderKm: Type.Number(),
    }),
  ),
});

export const HexagonQuery = Type.Object(
  {
    ...layerFilterProperties,
    layer: Type.Union([Type.Literal('incidents'), Type.Literal('residents'), Type.Literal('workplaces')]),
    resolution: Type.Integer({
      minimum: 5,
      maximum: 9,
      default: 7,
      description: 'H3 resolution: 5 (~250 km²) to 9 (~0.1 km²)',
    }),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

export const HexagonResponse = Type.Object({
  layer: Type.String(),
  disclosureControl: DisclosureControl,
  parameters: Type.Record(Type.String(), Type.Unknown()),
  cells: Type.Array(
    Type.Object({
      h3: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      count: PeopleCount,
      geometry: Type.Unknown({ description: 'The cell as a GeoJSON polygon' }),
    }),
  ),
});
