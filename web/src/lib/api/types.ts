// Shapes of the Pantau HTTP API, read off the generated contract (openapi.d.ts, written by `npm run api:generate`
// from the server's TypeBox schemas), so the client cannot drift from what the server validates and documents.
import type { ApiAnswer, ApiBody, ApiQuery } from './contract';

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
export type GeoPoint = ApiQuery<'get', '/api/regions/at'>;

/** GET /api/regions/at */
export type RegionsAtPoint = ApiAnswer<'get', '/api/regions/at'>;

/** GET /api/regions/search */
export type RegionSearchResponse = ApiAnswer<'get', '/api/regions/search'>;
export type RegionSearchResult = RegionSearchResponse['results'][number];
export type RegionLevel = RegionSearchResult['level'];

/** [west, south, east, north] in degrees. */
export type BBox = RegionSearchResult['bbox'];

/** GET /api/health */
export type Health = ApiAnswer<'get', '/api/health'>;

// --- Accounts, sessions, audit trail and settings (issue #3) ---------------------------------------------------

/** GET and POST /api/session */
export type SessionResponse = ApiAnswer<'get', '/api/session'>;

/** An account as the server describes it. */
export type Account = SessionResponse['account'];

/** What an account may do; the server enforces it, the client only adapts what it shows. */
export type Role = Account['role'];
export const roles: readonly Role[] = ROLES;

/** GET /api/agencies: the government agencies a TIMPORA member can belong to. */
export type AgenciesResponse = ApiAnswer<'get', '/api/agencies'>;
export type Agency = AgenciesResponse['agencies'][number];

/** GET /api/regions/areas: every province and kabupaten/kota, for the area picker. */
export type AreasResponse = ApiAnswer<'get', '/api/regions/areas'>;
export type AreaOption = AreasResponse['areas'][number];

/** GET /api/accounts (admin) */
export type AccountsResponse = ApiAnswer<'get', '/api/accounts'>;

/** POST /api/accounts (admin); the answer carries the initial password, to be shown exactly once. */
export type NewAccount = ApiBody<'post', '/api/accounts'>;
export type CreatedAccount = ApiAnswer<'post', '/api/accounts'>;

/** PATCH /api/accounts/:id (admin): only the fields that change. */
export type AccountChanges = ApiBody<'patch', '/api/accounts/{id}'>;
export type AccountResponse = ApiAnswer<'patch', '/api/accounts/{id}'>;

/** POST /api/accounts/:id/password-reset (admin) */
export type PasswordResetResponse = ApiAnswer<'post', '/api/accounts/{id}/password-reset'>;

/** GET /api/audit (admin): filters (absent means any), one page of entries, and where the next page starts. */
export type AuditQuery = ApiQuery<'get', '/api/audit'>;
export type AuditPage = ApiAnswer<'get', '/api/audit'>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditOutcome = AuditEntry['outcome'];
export const auditOutcomes: readonly AuditOutcome[] = AUDIT_OUTCOMES;

/** Every action the server records (the server's vocabulary); older entries may carry others, shown by their name. */
export const auditActions = AUDIT_ACTIONS;
export type KnownAuditAction = (typeof auditActions)[number];

// --- Operational layers (issue #4) -------------------------------------------------------------------------------

/**
 * Filters every layer query accepts (all optional; lists comma-separated); the server limits the rows to the
 * account's area on top. The points endpoint takes these and nothing else.
 */
export type LayerFilterQuery = ApiQuery<'get', '/api/layers/incidents/points'>;

/** GET /api/layers/residents/summary */
export type ResidentSummaryResponse = ApiAnswer<'get', '/api/layers/residents/summary'>;
export type ResidentRegion = ResidentSummaryResponse['regions'][number];

/** The administrative level a per-region summary is counted at. */
export type SummaryLevel = ResidentSummaryResponse['level'];

/** A count of people: a number, or a string such as "< 3" for roles that may not see people (shown as it is). */
export type PeopleCount = ResidentRegion['people'];

/** GET /api/layers/incidents/summary */
export type IncidentSummaryResponse = ApiAnswer<'get', '/api/layers/incidents/summary'>;
export type IncidentRegion = IncidentSummaryResponse['regions'][number];

/** GET /api/layers/workplaces */
export type WorkplacesResponse = ApiAnswer<'get', '/api/layers/workplaces'>;
export type Workplace = WorkplacesResponse['workplaces'][number];

/** GET /api/layers/desa-binaan */
export type DesaBinaanResponse = ApiAnswer<'get', '/api/layers/desa-binaan'>;
export type DesaBinaan = DesaBinaanResponse['desaBinaan'][number];

/** GET /api/layers/timpora-teams */
export type TimporaTeamsResponse = ApiAnswer<'get', '/api/layers/timpora-teams'>;
export type TimporaTeam = TimporaTeamsResponse['teams'][number];

/** GET /api/layers/summary */
export type ViewSummaryResponse = ApiAnswer<'get', '/api/layers/summary'>;

/** GET /api/residents/:id and /api/incidents/:id: only the fields the role may see, so any of them may be missing. */
export type RecordDetails = ApiAnswer<'get', '/api/residents/{id}'> | ApiAnswer<'get', '/api/incidents/{id}'>;

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
export type ImportUpload = ApiAnswer<'post', '/api/imports'>;
/** POST /api/imports/:id/preview */
export type ImportPreview = ApiAnswer<'post', '/api/imports/{id}/preview'>;
export type InvalidImportRow = ImportPreview['invalid'][number];
/** POST /api/imports/:id/commit */
export type ImportCommit = ApiAnswer<'post', '/api/imports/{id}/commit'>;
/** PATCH /api/imports/:id/cells: one cell of the uploaded file (line + column) and its new text. */
export type ImportCellCorrection = ApiBody<'patch', '/api/imports/{id}/cells'>['cells'][number];

/** POST /api/incidents */
export type NewIncident = ApiBody<'post', '/api/incidents'>;
export type CreatedIncident = ApiAnswer<'post', '/api/incidents'>;
/** GET /api/incidents/mine: a reporter's own reports and their follow-up (issue #13). */
export type OwnReports = ApiAnswer<'get', '/api/incidents/mine'>;
export type OwnReport = OwnReports['reports'][number];

export const severities = SEVERITIES;

/** GET /api/charts/incidents, /api/charts/residents, /api/charts/breakdown (issue #11) */
export type IncidentSeries = ApiAnswer<'get', '/api/charts/incidents'>;
export type ResidentSeries = ApiAnswer<'get', '/api/charts/residents'>;
export type ResidentBreakdown = ApiAnswer<'get', '/api/charts/breakdown'>;
/** GET /api/provenance: the office's classification marking and when the data last changed. */
export type Provenance = ApiAnswer<'get', '/api/provenance'>;
export type Classification = Provenance['classification'];

/** Saved views and agendas (issue #11): shared within the agency, each change carries the version it read. */
export type SavedView = ApiAnswer<'get', '/api/views/{id}'>;
export type SavedViewList = ApiAnswer<'get', '/api/views'>;
export type NewSavedView = ApiBody<'post', '/api/views'>;
export type SavedViewChange = ApiBody<'put', '/api/views/{id}'>;
export type AgendaList = ApiAnswer<'get', '/api/agendas'>;
export type AgendaSummary = AgendaList['agendas'][number];
export type Agenda = ApiAnswer<'get', '/api/agendas/{id}'>;
export type NewAgenda = ApiBody<'post', '/api/agendas'>;
export type AgendaChange = ApiBody<'put', '/api/agendas/{id}'>;

/** Immigration offices (issue #12). */
export type ImmigrationOfficeList = ApiAnswer<'get', '/api/immigration-offices'>;
export type ImmigrationOffice = ImmigrationOfficeList['offices'][number];
export type OfficeChange = ApiBody<'put', '/api/immigration-offices/{code}'>;

/** The desa binaan planner (issue #12): one answer of facts, scored in the browser; plans shared within the agency. */
export type PlannerAnswer = ApiAnswer<'get', '/api/planner/candidates'>;
export type Plan = ApiAnswer<'get', '/api/planner/plans/{id}'>;
export type PlanList = ApiAnswer<'get', '/api/planner/plans'>;
export type NewPlan = ApiBody<'post', '/api/planner/plans'>;
export type PlanChange = ApiBody<'put', '/api/planner/plans/{id}'>;
export type PlanItem = NewPlan['items'][number];

/** The early warning's notification centre (issue #13). */
export type NotificationList = ApiAnswer<'get', '/api/notifications'>;
export type AlertNotification = NotificationList['notifications'][number];

/** GET/PUT /api/notifications/settings */
export type Subscriptions = ApiAnswer<'get', '/api/notifications/settings'>;
export type SubscriptionsChange = ApiBody<'put', '/api/notifications/settings'>;
export type AlertRule = Subscriptions['rules'][number]['rule'];
export { ALERT_RULES as alertRules } from '../../../../server/src/schemas/vocabulary.ts';

/** GET /api/offices/{code}/alert-rules (admin) */
export type OfficeRules = ApiAnswer<'get', '/api/offices/{code}/alert-rules'>;

// --- Follow-up from report to outcome (issue #13) ----------------------------------------------------------------

export {
  ADMINISTRATIVE_MEASURES as administrativeMeasures,
  JOINT_ACTION_KINDS as jointActionKinds,
  OUTCOME_KINDS as outcomeKinds,
} from '../../../../server/src/schemas/vocabulary.ts';

/** GET /api/incidents/{id}/follow-up (and the answer of each step) */
export type FollowUp = ApiAnswer<'get', '/api/incidents/{id}/follow-up'>;
export type TimelineStep = FollowUp['timeline'][number];
export type Outcome = FollowUp['outcomes'][number];
export type TriageDecision = ApiBody<'post', '/api/incidents/{id}/triage'>['decision'];

/** GET /api/joint-actions */
export type JointActionList = ApiAnswer<'get', '/api/joint-actions'>;
export type JointAction = JointActionList['actions'][number];
export type NewJointAction = ApiBody<'post', '/api/joint-actions'>;
export type TargetInput = ApiBody<'post', '/api/joint-actions/{id}/targets'>['targets'][number];

/** POST /api/outcomes */
export type NewOutcome = ApiBody<'post', '/api/outcomes'>;
export type OutcomeKind = NewOutcome['kind'];

/** GET /api/outcomes/stats */
export type OutcomeStatsQuery = ApiQuery<'get', '/api/outcomes/stats'>;
export type OutcomeStats = ApiAnswer<'get', '/api/outcomes/stats'>;
