/**
 * Who acts: the signed-in account (or nobody), from which address, in which request. Services take an `Actor`, never
 * the HTTP request, so the server console (`npm run user`) and the routes reach them the same way, and the audit trail
 * records both alike. Routes build one with `actorOf(request)` (server/src/plugins/actor.ts).
 */
import type { Role } from '../schemas/vocabulary.ts';

export interface AccountArea {
  code: string;
  level: 'provinsi' | 'kabupaten';
  name: string;
}

/** An account as the server holds it once signed in (never its password hash). */
export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agency: { code: string; name: { id: string; en: string } };
  areas: AccountArea[];
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  /**
   * Set on the account a presenting session is answered as (role `viewer`): it reads nothing on the strength of its
   * agency either (an incident's free text).
   */
  presenting?: true;
}

/** Whether a region code (province, kabupaten, kecamatan or desa) lies inside the account's area. */
export const insideArea = (account: Account, code: string) =>
  account.areas.some((area) => code === area.code || code.startsWith(`${area.code}.`));

export interface Actor {
  /** The signed-in account; null for a request without a session and for the server console. */
  account: Account | null;
  /** The caller's address, or `server console`. */
  ip: string;
  /** The request's id (a UUID, unique across restarts); null on the server console. */
  requestId: string | null;
  /** A request over HTTP, or a command run on the server itself (audited as the user `system`). */
  via: 'request' | 'console';
}

/** An actor behind a route that only signed-in accounts reach. */
export type SignedInActor = Actor & { account: Account };

/** The name and address the audit trail records for commands run on the server itself. */
export const SYSTEM_USERNAME = 'system';
export const CONSOLE_ADDRESS = 'server console';

/** The server console (`npm run user`, the demo accounts, the test set-up): no account, no request. */
export const systemActor: Actor = Object.freeze({
  account: null,
  ip: CONSOLE_ADDRESS,
  requestId: null,
  via: 'console',
});
