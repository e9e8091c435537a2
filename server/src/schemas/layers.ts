/** Query and answer schemas of the operational layers: roll-ups, view summary, points, records, filing, tiles. */
import { Type, type Static } from 'typebox';
import { oneOf } from './enums.ts';
import { RegionLevelSchema, layerFilterProperties } from './layer-filters.ts';
import { DisclosureControl, Nullable, PeopleCount } from './response-parts.ts';
import { INCIDENT_TYPES, SEVERITIES } from './vocabulary.ts';

const RegionLevel = RegionLevelSchema;

export const SummaryByRegionQuery = Type.Object(
  { ...layerFilterProperties, level: RegionLevel },
  { additionalProperties: false },
);
export type SummaryByRegionQuery = Static<typeof SummaryByRegionQuery>;

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
const OfficeRef = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()], {
  description: 'The immigration office the report reaches, chosen by its location',
});

export const CreatedIncidentResponse = Type.Object({
  id: Type.Integer(),
  desaCode: Type.String(),
  desa: Type.String(),
  office: OfficeRef,
  replayed: Type.Boolean({
    description: 'A retry with the same Idempotency-Key: the report filed the first time, not a second one',
  }),
});

export const FilingHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      description: 'A UUID (8-4-4-4-12 hex digits) the client makes once per report and sends again on every retry',
    }),
  ),
});

export const OwnReportsResponse = Type.Object({
  reports: Type.Array(
    Type.Object({
      id: Type.Integer(),
      type: Type.String(),
      occurredAt: Type.String(),
      desaCode: Type.String(),
      desa: Type.String(),
      kecamatan: Type.String(),
      status: Type.String(),
      severity: Type.String(),
      peopleCount: Type.Integer(),
      description: Nullable(Type.String()),
      filedAt: Type.String(),
      office: OfficeRef,
      statusHistory: Type.Array(Type.Object({ status: Type.String(), changedAt: Type.String() }), {
        description: 'Each step of its follow-up, oldest first (who made it and why stay with the office)',
      }),
      outcomes: Type.Array(
        Type.Object({ kind: Type.String(), measure: Nullable(Type.String()), decidedOn: Type.String() }),
        { description: 'What came of it (no names, no notes)' },
      ),
    }),
    { description: 'The newest 200 reports the caller filed itself' },
  ),
});

export const OperationalTileParams = Type.Object({
  z: Type.Integer({ minimum: 0, maximum: 22 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});
