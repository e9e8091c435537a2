// The rules of the account form, apart from its markup: what must be filled in, and which fields an edit changes.
import type { Account, AccountChanges, Role } from '$lib/api/types';
import type { MessageKey } from '$lib/i18n/translate';

/** What the form holds. */
export interface AccountDraft {
  username: string;
  displayName: string;
  role: Role;
  agencyCode: string;
  areaCodes: string[];
  active: boolean;
}

/** The server's rule (server/src/schemas/accounts.ts), checked here too so the admin gets a precise message. */
const usernamePattern = /^[A-Za-z0-9._-]{3,40}$/;

/** Why the draft cannot be sent (a message key), or null. `editing`: an existing account, whose username is fixed. */
export function draftProblem(draft: AccountDraft, editing: boolean): MessageKey | null {
  if ((!editing && draft.username.trim() === '') || draft.displayName.trim() === '' || draft.agencyCode === '') {
    return 'accountForm.required';
  }
  if (!editing && !usernamePattern.test(draft.username.trim())) return 'accountForm.usernameRule';
  return null;
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** Only what differs from the account as the server last described it. */
export function changesTo(current: Account, draft: AccountDraft): AccountChanges {
  const changes: AccountChanges = {};
  if (draft.displayName.trim() !== current.displayName) changes.displayName = draft.displayName.trim();
  if (draft.role !== current.role) changes.role = draft.role;
  if (draft.agencyCode !== current.agency.code) changes.agencyCode = draft.agencyCode;
  const currentAreas = current.areas.map((area) => area.code);
  if (!sameCodes(draft.areaCodes, currentAreas)) changes.areaCodes = [...draft.areaCodes];
  if (draft.active !== current.active) changes.active = draft.active;
  return changes;
}
