// Shapes of the Pantau HTTP API, derived from the server's TypeBox schemas (the single source of truth), so the
// client cannot drift from what the server validates and documents.
import type { Static } from 'typebox';
import type { HealthResponse } from '../../../../server/src/schemas/health.ts';
import type {
  AreaListResponse,
  RegionSearchResponse as RegionSearchResponseSchema,
  RegionsAtResponse,
} from '../../../../server/src/schemas/regions.ts';
import type { ErrorSchema } from '../../../../server/src/schemas/common.ts';
import type {
  AccountChangesBody,
  AccountListResponse,
  AccountResponse as AccountResponseSchema,
  AccountSchema,
  AgencyListResponse,
  CreatedAccountResponse,
  NewAccountBody,
  PasswordResetResponse as PasswordResetResponseSchema,
  RoleSchema,
  SettingsSchema,
} from '../../../../server/src/schemas/accounts.ts';
import type { AuditListResponse, AuditQuery as AuditQuerySchema } from '../../../../server/src/schemas/audit.ts';
import type { SessionResponse as SessionResponseSchema } from '../../../../server/src/schemas/session.ts';
import type {
  CommitResponse,
  CorrectCellsBody,
  PreviewResponse,
  UploadResponse,
} from '../../../../server/src/schemas/imports.ts';
import type {
  CreatedIncidentResponse,
  NewIncidentBody,
  DesaBinaanListResponse,
  IncidentPointsResponse as IncidentPointsResponseSchema,
  IncidentSummaryResponse as IncidentSummaryResponseSchema,
  LayerFilterQuery as LayerFilterQuerySchema,
  RecordResponse,
  RegionLevelSchema,
  ResidentPointsResponse as ResidentPointsResponseSchema,
  ResidentSummaryResponse as ResidentSummaryResponseSchema,
  TimporaTeamsResponse as TimporaTeamsResponseSchema,
  ViewSummaryResponse as ViewSummaryResponseSchema,
  WorkplaceListResponse,
} from '../../../../server/src/schemas/layers.ts';

// The vocabularies are the server's own lists (server/src/schemas/vocabulary.ts), imported as they are.
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  PERMIT_TYPES,
  RESIDENT_STATUSES,
  ROLES,
  SEVERITIES,
  type ImportKind,
  type IncidentStatus,
  type IncidentType,
  type PermitType,
  type ResidentStatus,
  type Severity,
} from '../../../../server/src/schemas/vocabulary.ts';

/** A point in WGS 84 degrees, named as the API names its query parameters. */
export interface GeoPoint {
  lon: number;
  lat: number;
}

/** GET /api/regions/at */
export type RegionsAtPoint = Static<typeof RegionsAtResponse>;
export type DesaRegion = NonNullable<RegionsAtPoint['desa']>;
export type NamedRegion = NonNullable<RegionsAtPoint['kecamatan']>;

/** GET /api/regions/search */
export type RegionSearchResponse = Static<typeof RegionSearchResponseSchema>;
export type RegionSearchResult = RegionSearchResponse['results'][number];
export type RegionLevel = RegionSearchResult['level'];

/** [west, south, east, north] in degrees. */
export type BBox = RegionSearchResult['bbox'];

/** GET /api/health */
export type Health = Static<typeof HealthResponse>;

/** Body of every 4xx/5xx answer. */
export type ApiErrorBody = Static<typeof ErrorSchema>;

// --- Accounts, sessions, audit trail and settings (issue #3) ---------------------------------------------------

/** GET and POST /api/session */
export type SessionResponse = Static<typeof SessionResponseSchema>;

/** An account as the server describes it. */
export type Account = Static<typeof AccountSchema>;
export type AssignedArea = Account['areas'][number];
export type AreaLevel = AssignedArea['level'];

/** What an account may do; the server enforces it, the client only adapts what it shows. */
export type Role = Static<typeof RoleSchema>;
export const roles: readonly Role[] = ROLES;

/** GET /api/agencies: the government agencies a TIMPORA member can belong to. */
export type AgenciesResponse = Static<typeof AgencyListResponse>;
export type Agency = AgenciesResponse['agencies'][number];

/** GET /api/regions/areas: every province and kabupaten/kota, for the area picker. */
export type AreasResponse = Static<typeof AreaListResponse>;
export type AreaOption = AreasResponse['areas'][number];

/** GET /api/accounts (admin) */
export type AccountsResponse = Static<typeof AccountListResponse>;

/** POST /api/accounts (admin); the answer carries the initial password, to be shown exactly once. */
export type NewAccount = Static<typeof NewAccountBody>;
export type CreatedAccount = Static<typeof CreatedAccountResponse>;

/** PATCH /api/accounts/:id (admin): only the fields that change. */
export type AccountChanges = Static<typeof AccountChangesBody>;
export type AccountResponse = Static<typeof AccountResponseSchema>;

/** POST /api/accounts/:id/password-reset (admin) */
export type PasswordResetResponse = Static<typeof PasswordResetResponseSchema>;

/** GET /api/audit (admin): filters (absent means any), one page of entries, and where the next page starts. */
export type AuditQuery = Static<typeof AuditQuerySchema>;
export type AuditPage = Static<typeof AuditListResponse>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditOutcome = AuditEntry['outcome'];
export const auditOutcomes: readonly AuditOutcome[] = AUDIT_OUTCOMES;

/** Every action the server records (the server's vocabulary); older entries may carry others, shown by their name. */
export const auditActions = AUDIT_ACTIONS;
export type KnownAuditAction = (typeof auditActions)[number];

/** GET and PATCH /api/settings (admin) */
export type Settings = Static<typeof SettingsSchema>;

// --- Operational layers (issue #4) -------------------------------------------------------------------------------

/** The administrative level a per-region summary is counted at. */
export type SummaryLevel = Static<typeof RegionLevelSchema>;

/** Filters every layer query accepts (all optional); the server limits the rows to the account's area on top. */
export type LayerFilterQuery = Static<typeof LayerFilterQuerySchema>;

/** A count of people: a number, or a string such as "< 3" for roles that may not see people (shown as it is). */
export type PeopleCount = number | string;

/** GET /api/layers/residents/summary */
export type ResidentSummaryResponse = Static<typeof ResidentSummaryResponseSchema>;
export type ResidentRegion = ResidentSummaryResponse['regions'][number];

/** GET /api/layers/incidents/summary */
export type IncidentSummaryResponse = Static<typeof IncidentSummaryResponseSchema>;
export type IncidentRegion = IncidentSummaryResponse['regions'][number];

/** GET /api/layers/incidents/points */
export type IncidentPointsResponse = Static<typeof IncidentPointsResponseSchema>;
export type IncidentPoint = IncidentPointsResponse['points'][number];

/** GET /api/layers/residents/points (intel only) */
export type ResidentPointsResponse = Static<typeof ResidentPointsResponseSchema>;
export type ResidentPoint = ResidentPointsResponse['points'][number];

/** GET /api/layers/workplaces */
export type WorkplacesResponse = Static<typeof WorkplaceListResponse>;
export type Workplace = WorkplacesResponse['workplaces'][number];

/** GET /api/layers/desa-binaan */
export type DesaBinaanResponse = Static<typeof DesaBinaanListResponse>;
export type DesaBinaan = DesaBinaanResponse['desaBinaan'][number];

/** GET /api/layers/timpora-teams */
export type TimporaTeamsResponse = Static<typeof TimporaTeamsResponseSchema>;
export type TimporaTeam = TimporaTeamsResponse['teams'][number];
export type TimporaTarget = TimporaTeamsResponse['targets'][number];

/** GET /api/layers/summary */
export type ViewSummaryResponse = Static<typeof ViewSummaryResponseSchema>;

/** GET /api/residents/:id and /api/incidents/:id: only the fields the role may see, so any of them may be missing. */
export type RecordDetails = Static<typeof RecordResponse>;

/** The nationality groups roles that may not see people filter by: the server's one list (ADR 0007). */
export {
  NATIONALITY_GROUPS as nationalityGroups,
  type NationalityGroup,
} from '../../../../server/src/schemas/nationality-groups.ts';

export const permitTypes = PERMIT_TYPES;
export type { PermitType, ResidentStatus, IncidentType, IncidentStatus, Severity, ImportKind };
export const residentStatuses = RESIDENT_STATUSES;
export const incidentTypes = INCIDENT_TYPES;
export const incidentStatuses = INCIDENT_STATUSES;

// --- Imports and filing incidents --------------------------------------------------------------------------------

/** POST /api/imports */
export type ImportUpload = Static<typeof UploadResponse>;
/** POST /api/imports/:id/preview */
export type ImportPreview = Static<typeof PreviewResponse>;
export type InvalidImportRow = ImportPreview['invalid'][number];
/** POST /api/imports/:id/commit */
export type ImportCommit = Static<typeof CommitResponse>;
/** PATCH /api/imports/:id/cells: one cell of the uploaded file (line + column) and its new text. */
export type ImportCellCorrection = Static<typeof CorrectCellsBody>['cells'][number];

/** POST /api/incidents */
export type NewIncident = NewIncidentBody;
export type CreatedIncident = Static<typeof CreatedIncidentResponse>;

export const severities = SEVERITIES;

// Analysis near the border (issue #5).
import type {
  BorderBandResponse as BorderBandResponseSchema,
  ClusterResponse as ClusterResponseSchema,
  HexagonResponse as HexagonResponseSchema,
} from '../../../../server/src/schemas/layers.ts';
import type {
  ChangeResponse as ChangeResponseSchema,
  EmergingResponse as EmergingResponseSchema,
  HotSpotResponse as HotSpotResponseSchema,
} from '../../../../server/src/schemas/analysis.ts';

/** GET /api/analysis/border-bands */
export type BorderBandResponse = Static<typeof BorderBandResponseSchema>;
/** GET /api/analysis/clusters */
export type ClusterResponse = Static<typeof ClusterResponseSchema>;
export type Cluster = ClusterResponse['clusters'][number];
/** GET /api/analysis/hexagons */
export type HexagonResponse = Static<typeof HexagonResponseSchema>;
/** GET /api/analysis/hotspots */
export type HotSpotResponse = Static<typeof HotSpotResponseSchema>;
export type HotSpotUnit = HotSpotResponse['features'][number];
/** GET /api/analysis/emerging-hotspots */
export type EmergingResponse = Static<typeof EmergingResponseSchema>;
export type EmergingUnit = EmergingResponse['features'][number];
/** GET /api/analysis/change */
export type ChangeResponse = Static<typeof ChangeResponseSchema>;
export type ChangeUnit = ChangeResponse['features'][number];
