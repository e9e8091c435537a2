/**
 * Every vocabulary of Pantau, defined once (issue #10): the TypeBox schemas (and so the validator, the types and the
 * OpenAPI document), the services and the web app all read these lists. `server/test/vocabulary.test.ts` proves that
 * the database CHECK constraints list the same values and that every value has a label in both dictionaries.
 * Plain lists without any dependency, so the web app imports them as they are; `enums.ts` makes schemas of them.
 */
export { NATIONALITY_GROUPS, type NationalityGroup } from './nationality-groups.ts';

/** admin: accounts, settings, audit · intel: may see personal data · member: aggregates, files reports · viewer: read-only aggregates. */
/**
 * `reporter` (issue #13): the camat's staff, desa binaan contacts and PIMPASA officers — they file reports inside their
 * area and follow their own, and see nothing else.
 */
export const ROLES = ['admin', 'intel', 'member', 'viewer', 'reporter'] as const;
export type Role = (typeof ROLES)[number];

/** The agencies of a TIMPORA team (the `agency` table holds their names in both languages). */
export const AGENCIES = [
  'IMIGRASI',
  'POLRI',
  'TNI',
  'PEMDA',
  'DISNAKER',
  'DISDUKCAPIL',
  'KEJAKSAAN',
  'BNN',
  'SATPOL_PP',
] as const;
export type AgencyCode = (typeof AGENCIES)[number];

export const PERMIT_TYPES = ['ITK', 'ITAS', 'ITAP', 'PLB', 'DIPLOMATIK', 'LAINNYA'] as const;
export type PermitType = (typeof PERMIT_TYPES)[number];

export const RESIDENT_STATUSES = ['active', 'departed', 'deported'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

export const INCIDENT_TYPES = [
  'overstay',
  'permit_misuse',
  'illegal_work',
  'tppo',
  'tppm',
  'pmi_nonprosedural',
  'illegal_crossing',
  'sham_marriage',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/**
 * An incident's life (issue #13): reported, triaged as verified or not substantiated, acted on once an outcome is
 * recorded, closed.
 */
export const INCIDENT_STATUSES = ['reported', 'verified', 'not_substantiated', 'acted_on', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * The early warning's rules (issue #13): a new incident of chosen types near the border, stay permits about to end,
 * overstays and the 60-day line of UU 6/2011 Ps. 78(3), a burst of incidents above a kecamatan's baseline, a new or
 * intensifying emerging hot spot of incidents, and a cluster of incidents that grew.
 */
export const ALERT_RULES = [
  'incident_near_border',
  'permit_expiring',
  'overstay',
  'overstay_60_days',
  'incident_burst',
  'emerging_hotspot',
  'cluster_grew',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** What triage decides on a reported incident (issue #13). */
export const TRIAGE_DECISIONS = ['verified', 'not_substantiated'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

/** Joint actions of a TIMPORA team: a joint patrol, a joint operation. */
export const JOINT_ACTION_KINDS = ['patroli_bersama', 'operasi_gabungan'] as const;
export type JointActionKind = (typeof JOINT_ACTION_KINDS)[number];

/** What a joint action's target list holds, and where an entry came from (by hand, a hot spot, a cluster). */
export const TARGET_KINDS = ['region', 'incident', 'resident', 'workplace'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const TARGET_SOURCES = ['manual', 'hotspot', 'emerging', 'cluster'] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];

/**
 * What came of an incident or of one person (UU 6/2011): deportation (Ps. 75(2)f), another administrative measure,
 * a criminal case (pro justitia), guidance or a warning, or nothing substantiated.
 */
export const OUTCOME_KINDS = [
  'deportation',
  'administrative_measure',
  'pro_justitia',
  'warning',
  'not_substantiated',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * The administrative measures of Ps. 75(2) other than deportation: listing for prevention or entry ban; limiting,
 * changing or cancelling a stay permit; a ban on being in a place; an order to live in a place; a charge.
 */
export const ADMINISTRATIVE_MEASURES = [
  'listing',
  'permit_limited',
  'permit_cancelled',
  'place_ban',
  'residence_order',
  'charge',
] as const;
export type AdministrativeMeasure = (typeof ADMINISTRATIVE_MEASURES)[number];

export const SEVERITIES = ['rendah', 'sedang', 'tinggi'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const WORKPLACE_SECTORS = [
  'kelapa_sawit',
  'karet',
  'tambang',
  'pabrik',
  'perikanan',
  'konstruksi',
  'lainnya',
] as const;
export type WorkplaceSector = (typeof WORKPLACE_SECTORS)[number];

/** Every action the server records in the audit trail. */
export const AUDIT_ACTIONS = [
  'session.sign_in',
  'session.sign_in_failed',
  'session.sign_out',
  'session.presentation',
  'account.create',
  'account.update',
  'account.password_reset',
  'account.sessions_ended',
  'authorization.denied',
  'settings.update',
  'resident.view',
  'incident.view',
  'incident.create',
  'import.commit',
  'analysis.export',
  'view.save',
  'view.delete',
  'agenda.save',
  'agenda.delete',
  'export.png',
  'export.pdf',
  'office.update',
  'plan.save',
  'plan.delete',
  'export.csv',
  'alert.send',
  'alert.acknowledge',
  'alert.snooze',
  'alert.subscribe',
  'alert.rules_update',
  'incident.triage',
  'incident.assign',
  'incident.close',
  'joint_action.create',
  'joint_action.target',
  'outcome.record',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The classification marking an office sets for what Pantau shows and prints (setting `classification`): a banner on
 * every page while presenting, on every exported image and on every page of a PDF. `none` shows no banner.
 */
export const CLASSIFICATIONS = ['none', 'biasa', 'terbatas', 'rahasia'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** What a planner decided on a candidate desa binaan (issue #12). */
export const PLAN_DECISIONS = ['planned', 'rejected'] as const;
export type PlanDecision = (typeof PLAN_DECISIONS)[number];

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const IMPORT_KINDS = ['residents', 'workplaces', 'incidents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The operational layers of the map. */
export const LAYERS = ['residents', 'workplaces', 'desaBinaan', 'incidents', 'teams', 'offices'] as const;
export type LayerId = (typeof LAYERS)[number];

/** The analyses of the analysis panel. */
export const ANALYSIS_KINDS = ['hotspots', 'emerging', 'clusters', 'hexagons', 'heatmap', 'change', 'bands'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/**
 * The edges (km) of the standard distance bands to the border: 0–5, 5–15, 15–30, 30–50 and over 50 km. The default of
 * the band filter and analysis, and the only bands roles that may not see people use (ADR 0007).
 */
export const STANDARD_BAND_EDGES = [0, 5, 15, 30, 50] as const;
