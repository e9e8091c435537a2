/** The filters every operational layer and analysis accepts, and the region levels counts roll up to. */
import { Type, type Static } from 'typebox';
import { MAX_DRAWN_VERTICES } from '../domain/drawn-area.ts';
import { PeriodDay } from './common.ts';
import { listOf, oneOf } from './enums.ts';
import {
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  NATIONALITY_GROUPS,
  PERMIT_TYPES,
  RESIDENT_STATUSES,
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

/** An area drawn on the map (issue #12), as every layer, analysis and the planner take it. */
export const WithinSchema = Type.String({
  pattern: '^-?\\d+(\\.\\d+)?(,-?\\d+(\\.\\d+)?){5,401}$',
  maxLength: 8000,
  description: `An area drawn on the map: lon,lat,lon,lat,… of its ${MAX_DRAWN_VERTICES} corners at most (a circle as a polygon of its edge). Roles that may not see people get whole regions touching it, never the records inside it`,
});

/** Filters every operational layer accepts; the caller's area always applies on top. */
export const layerFilterProperties = {
  bbox: Type.Optional(
    Type.String({
      pattern: '^-?\\d+(\\.\\d+)?(,-?\\d+(\\.\\d+)?){3}$',
      description: 'west,south,east,north in WGS84 degrees',
    }),
  ),
  within: Type.Optional(WithinSchema),
  region: Type.Optional(
    Type.String({
      pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?$',
      description: 'A province, kabupaten, kecamatan or desa code',
    }),
  ),
  from: Type.Optional(PeriodDay('First day of the period (inclusive)')),
  to: Type.Optional(PeriodDay('Last day of the period (inclusive)')),
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
