// Shapes of the Pantau HTTP API, derived from the server's TypeBox schemas (the single source of truth), so the
// client cannot drift from what the server validates and documents.
import type { Static } from 'typebox';
import type { HealthResponse } from '../../../../server/src/schemas/health.ts';
import type {
  RegionSearchResponse as RegionSearchResponseSchema,
  RegionsAtResponse,
} from '../../../../server/src/schemas/regions.ts';
import type { ErrorSchema } from '../../../../server/src/schemas/common.ts';

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

// ---------------------------------------------------------------------------------------------------------------
// Accounts, sessions and the audit trail (issue #3).
// TODO: derive from server/src/schemas/session.ts, accounts.ts and audit.ts once they exist, as above for regions.
// Until then these follow the written API contract by hand.

/** What an account may do; the server enforces it, the client only adapts what it shows. */
export type Role = 'admin' | 'intel' | 'member' | 'viewer';
export const roles: readonly Role[] = ['admin', 'intel', 'member', 'viewer'];

/** Text in both UI languages, as the server sends it. */
export interface BilingualText {
  id: string;
  en: string;
}

/** GET /api/agencies: the government agencies a TIMPORA member can belong to. */
export interface Agency {
  code: string;
  name: BilingualText;
}
export interface AgenciesResponse {
  agencies: Agency[];
}

export type AreaLevel = 'provinsi' | 'kabupaten';

/** A provinsi or kabupaten/kota an account is assigned to. */
export interface AssignedArea {
  code: string;
  level: AreaLevel;
  name: string;
}

/** GET /api/regions/areas: every province and kabupaten/kota, for the area picker. */
export interface AreaOption extends AssignedArea {
  /** The province itself for a province, its parent for a kabupaten/kota. */
  provinsiCode: string;
}
export interface AreasResponse {
  areas: AreaOption[];
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agency: Agency;
  /** Empty means every area. */
  areas: AssignedArea[];
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/** GET and POST /api/session */
export interface SessionResponse {
  account: Account;
  /** Sent back as `x-csrf-token` on every state-changing request. */
  csrfToken: string;
}

/** GET /api/accounts (admin) */
export interface AccountsResponse {
  accounts: Account[];
}

/** POST /api/accounts (admin) */
export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  agencyCode: string;
  areaCodes: string[];
}
export interface CreatedAccount {
  account: Account;
  /** Shown to the admin exactly once; the server keeps only a hash. */
  initialPassword: string;
}

/** PATCH /api/accounts/:id (admin): only the fields that change. */
export type AccountChanges = Partial<Pick<NewAccount, 'displayName' | 'role' | 'agencyCode' | 'areaCodes'>> & {
  active?: boolean;
};
export interface AccountResponse {
  account: Account;
}

/** POST /api/accounts/:id/password-reset (admin) */
export interface PasswordResetResponse {
  temporaryPassword: string;
}

/** GET /api/audit (admin) */
export type AuditOutcome = 'ok' | 'denied' | 'failed';
export const auditOutcomes: readonly AuditOutcome[] = ['ok', 'denied', 'failed'];

/** The actions the server is documented to record; entries may carry others, shown by their raw name. */
export const auditActions = [
  'session.sign_in',
  'session.sign_in_failed',
  'session.sign_out',
  'account.create',
  'account.update',
  'account.password_reset',
  'authorization.denied',
  'settings.update',
] as const;
export type KnownAuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  role: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  before: unknown;
  after: unknown;
  details: unknown;
}

/** Filters for GET /api/audit; absent fields are not filtered on. */
export interface AuditQuery {
  action?: string;
  username?: string;
  outcome?: AuditOutcome;
  /** ISO timestamps. */
  from?: string;
  to?: string;
  limit?: number;
  /** Entry id to continue below, from the previous page's `nextBefore`. */
  before?: number;
}
export interface AuditPage {
  entries: AuditEntry[];
  /** null when there is nothing older. */
  nextBefore: number | null;
}

/** GET and PATCH /api/settings (admin) */
export interface Settings {
  smallCountThreshold: number;
}
