/**
 * Every vocabulary of Pantau, defined once (issue #10): the TypeBox schemas (and so the validator, the types and the
 * OpenAPI document), the services and the web app all read these lists. `server/test/vocabulary.test.ts` proves that
 * the database CHECK constraints list the same values and that every value has a label in both dictionaries.
 * Dependency-free apart from TypeBox, so the web app can import it as it is.
 */
import { Type, type TLiteral, type TSchemaOptions, type TUnion } from 'typebox';

export { NATIONALITY_GROUPS, type NationalityGroup } from './nationality-groups.ts';

/** admin: accounts, settings, audit · intel: may see personal data · member: aggregates, files reports · viewer: read-only aggregates. */
export const ROLES = ['admin', 'intel', 'member', 'viewer'] as const;
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

export const INCIDENT_STATUSES = ['reported', 'verified', 'acted_on', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const IMPORT_KINDS = ['residents', 'workplaces', 'incidents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The operational layers of the map. */
export const LAYERS = ['residents', 'workplaces', 'desaBinaan', 'incidents', 'teams'] as const;
export type LayerId = (typeof LAYERS)[number];

/** The analyses of the analysis panel. */
export const ANALYSIS_KINDS = ['hotspots', 'emerging', 'clusters', 'hexagons', 'change', 'bands'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** ['a', 'b'] → [TLiteral<'a'>, TLiteral<'b'>]: a tuple TypeBox can infer a union of literals from. */
type Literals<T extends readonly unknown[]> = T extends readonly [infer Head extends string, ...infer Rest]
  ? [TLiteral<Head>, ...Literals<Rest>]
  : [];

/** One value of a vocabulary, as a schema (a union of literals): validator, type and OpenAPI at once. */
export function oneOf<const T extends readonly string[]>(values: T, options?: TSchemaOptions): TUnion<Literals<T>> {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as TUnion<Literals<T>>;
}

/** A comma-separated list of a vocabulary's values, for query strings (`permitType=ITAS,ITK`). */
export function listOf(values: readonly string[], description: string) {
  const value = `(${values.join('|')})`;
  return Type.String({ pattern: `^${value}(,${value})*$`, maxLength: 400, description });
}
