// Accounts, reference lists and the audit trail: what the admin pages call.
import { api } from './client';
import type { ApiAnswer, ApiBody } from './contract';
import type {
  AccountChanges,
  AccountResponse,
  AccountsResponse,
  AgenciesResponse,
  AreasResponse,
  AuditPage,
  AuditQuery,
  CreatedAccount,
  NewAccount,
  PasswordResetResponse,
} from './types';

// --- Reference lists (any signed-in account) ----------------------------------------------------------------------

export function listAgencies(signal: AbortSignal): Promise<AgenciesResponse> {
  return api('get', '/api/agencies', { signal });
}

/** Every province and kabupaten/kota, for choosing an account's areas. */
export function listAreas(signal: AbortSignal): Promise<AreasResponse> {
  return api('get', '/api/regions/areas', { signal });
}

// --- Accounts (admin) ---------------------------------------------------------------------------------------------

export function listAccounts(signal: AbortSignal): Promise<AccountsResponse> {
  return api('get', '/api/accounts', { signal });
}

/** Rejects with 400 INVALID_REQUEST or 409 USERNAME_TAKEN. */
export function createAccount(account: NewAccount): Promise<CreatedAccount> {
  return api('post', '/api/accounts', { body: account });
}

export function updateAccount(id: number, changes: AccountChanges): Promise<AccountResponse> {
  return api('patch', '/api/accounts/{id}', { path: { id }, body: changes });
}

export function resetPassword(id: number): Promise<PasswordResetResponse> {
  return api('post', '/api/accounts/{id}/password-reset', { path: { id } });
}

// --- Audit trail and settings (admin) -----------------------------------------------------------------------------

/** One page of the audit trail, newest first; pass the previous page's `nextBefore` as `before` for the next. */
export function listAudit(query: AuditQuery, signal: AbortSignal): Promise<AuditPage> {
  return api('get', '/api/audit', { query, signal });
}

// --- Office settings (admin) --------------------------------------------------------------------------------------

export type Settings = ApiAnswer<'get', '/api/settings'>;

export function getSettings(signal?: AbortSignal): Promise<Settings> {
  return api('get', '/api/settings', { signal });
}

export function updateSettings(change: ApiBody<'patch', '/api/settings'>): Promise<Settings> {
  return api('patch', '/api/settings', { body: change });
}
