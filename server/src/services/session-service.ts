/**
 * Sign-in, sessions and sign-out. The cookie carries a random token; the database keeps only its SHA-256, the
 * account, a CSRF token and the times that bound the session (idle and absolute expiry, ASVS 7.3.1–7.3.2).
 * Failed sign-ins lock an account (5 in 15 minutes) and an address (20 in 15 minutes) for the rest of the window.
 */
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.ts';
import type { Actor } from '../domain/actor.ts';
import { AppError } from '../errors.ts';
import { withoutSecret, type Account, type AccountRepository } from '../repositories/account-repository.ts';
import type { AuditService } from './audit.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'pantau_session';
export const LOCKOUT_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
/** last_seen_at is written at most this often, so each tile request does not write to the database. */
const TOUCH_INTERVAL_MS = 60_000;
/**
 * A resolved session is reused for this long without reading the database (a map view asks for dozens of tiles a
 * second). Sign-out and every account change in this process drop the entries at once; the expiry times are still
 * checked on every request.
 */
const SESSION_CACHE_MS = 5_000;

interface CachedSession {
  session: ResolvedSession;
  lastSeenAt: number;
  expiresAt: number;
}

export interface ResolvedSession {
  tokenHash: string;
  csrfToken: string;
  /**
   * The account as every rule sees it: in presentation mode with the `viewer` role (the projector's), so no route,
   * export, tile or chart answers it with more than a viewer may see.
   */
  account: Account;
  /** Presentation mode is on; `role` is then the account's own role, for leaving it. */
  presenting: boolean;
  role: Account['role'];
}

/** The account as the session presents it. */
const asPresented = (account: Account, presenting: boolean): Account => {
  if (!presenting) {
    const { presenting: _presenting, ...own } = account;
    return own;
  }
  return { ...account, role: 'viewer', presenting: true };
};

export type SessionLookup = { session: ResolvedSession } | { session: null; expired: boolean };

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function tooManyAttempts(retryAt: Date): AppError {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 60_000));
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    {
      id: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${minutes} menit.`,
      en: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    },
    { retryAt: retryAt.toISOString() },
    { 'retry-after': String(minutes * 60) },
  );
}

const invalidCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', {
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  });

export function createSessionService(accounts: AccountRepository, audit: AuditService, config: Config) {
  const idleMs = config.sessionIdleMinutes * 60_000;
  const cache = new LRUCache<string, CachedSession>({ max: 10_000, ttl: SESSION_CACHE_MS });
  /** Bumped when a session changes (presentation switched): a lookup that read the row before may not cache it. */
  const generations = new Map<string, number>();

  async function lockedUntil(username: string, ip: string): Promise<Date | null> {
    const failures = await accounts.countRecentFailures(username, ip, LOCKOUT_WINDOW_MINUTES);
    const windowMs = LOCKOUT_WINDOW_MINUTES * 60_000;
    const locks: Date[] = [];
    if (failures.byAccount >= MAX_FAILURES_PER_ACCOUNT && failures.accountOldest) {
      locks.push(new Date(failures.accountOldest.getTime() + windowMs));
    }
    if (failures.byAddress >= MAX_FAILURES_PER_ADDRESS && failures.addressOldest) {
      locks.push(new Date(failures.addressOldest.getTime() + windowMs));
    }
    return locks.length > 0 ? new Date(Math.max(...locks.map((lock) => lock.getTime()))) : null;
  }

  return {
    /** `actor` is the anonymous caller (its address counts towards the lock); `userAgent` is kept with the session. */
    async signIn(actor: Actor, rawUsername: string, password: string, userAgent: string | null) {
      const username = rawUsername.trim().toLowerCase();
      const lock = await lockedUntil(username, actor.ip);
      if (lock) {
        await audit.record(actor, {
          action: 'session.sign_in_failed',
          username,
          outcome: 'denied',
          details: { reason: 'locked' },
        });
        throw tooManyAttempts(lock);
      }
      const found = await accounts.findAccountByUsername(username);
      const valid =
        found && found.active ? await verifyPassword(found.passwordHash, password) : await verifyAgainstDummy(password);
      await accounts.recordSignInAttempt(username, actor.ip, Boolean(valid));
      if (!found || !valid) {
        await audit.record(actor, {
          action: 'session.sign_in_failed',
          accountId: found?.id ?? null,
          username,
          outcome: 'failed',
          details: { reason: !found ? 'unknown_username' : !found.active ? 'inactive' : 'wrong_password' },
        });
        const nowLocked = await lockedUntil(username, actor.ip);
        throw nowLocked ? tooManyAttempts(nowLocked) : invalidCredentials();
      }
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const tokenHash = hashToken(token);
      await accounts.insertSession({
        tokenHash,
        accountId: found.id,
        csrfToken,
        expiresAt: new Date(Date.now() + config.sessionAbsoluteHours * 3_600_000),
        ip: actor.ip,
        userAgent: userAgent?.slice(0, 300) ?? null,
      });
      const account = withoutSecret(found);
      await audit.record(actor, { action: 'session.sign_in', accountId: account.id, username, role: account.role });
      return { token, csrfToken, account };
    },

    async resolve(token: string): Promise<SessionLookup> {
      const tokenHash = hashToken(token);
      const now = Date.now();
      const cached = cache.get(tokenHash);
      if (cached && now < cached.expiresAt && now - cached.lastSeenAt < idleMs) {
        if (now - cached.lastSeenAt > TOUCH_INTERVAL_MS) {
          await accounts.touchSession(tokenHash);
          cached.lastSeenAt = now;
        }
        return { session: cached.session };
      }
      const generation = generations.get(tokenHash) ?? 0;
      const row = await accounts.findSession(tokenHash);
      if (!row) return { session: null, expired: false };
      const expired = now >= row.expiresAt.getTime() || now - row.lastSeenAt.getTime() >= idleMs;
      const found = expired ? null : await accounts.findAccountById(row.accountId);
      if (!found || !found.active) {
        cache.delete(tokenHash);
        await accounts.deleteSession(tokenHash);
        return { session: null, expired: true };
      }
      let lastSeenAt = row.lastSeenAt.getTime();
      if (now - lastSeenAt > TOUCH_INTERVAL_MS) {
        await accounts.touchSession(tokenHash);
        lastSeenAt = now;
      }
      const own = withoutSecret(found);
      const session = {
        tokenHash,
        csrfToken: row.csrfToken,
        account: asPresented(own, row.presenting),
        presenting: row.presenting,
        role: own.role,
      };
      if ((generations.get(tokenHash) ?? 0) === generation) {
        cache.set(tokenHash, { session, lastSeenAt, expiresAt: row.expiresAt.getTime() });
      }
      return { session };
    },

    /**
     * The account of a session that is still live, without counting this as activity (a notification stream asks
     * often, and must not keep an idle session from timing out); null when it ended, expired or was revoked.
     */
    async liveAccountOf(token: string): Promise<number | null> {
      const tokenHash = hashToken(token);
      const now = Date.now();
      const cached = cache.get(tokenHash);
      if (cached) return now < cached.expiresAt && now - cached.lastSeenAt < idleMs ? cached.session.account.id : null;
      const row = await accounts.findSession(tokenHash);
      if (!row) return null;
      const expired = now >= row.expiresAt.getTime() || now - row.lastSeenAt.getTime() >= idleMs;
      return expired ? null : row.accountId;
    },

    /** Drops cached sessions of an account whose rights, password or state changed. */
    forgetAccount(accountId: number): void {
      for (const [tokenHash, entry] of cache.entries()) {
        if (entry.session.account.id === accountId) cache.delete(tokenHash);
      }
    },

    /** Presentation mode on or off for the actor's own session (audited); answers the session as it now is. */
    async setPresentation(actor: Actor, session: ResolvedSession, presenting: boolean): Promise<ResolvedSession> {
      if (session.presenting !== presenting) {
        generations.set(session.tokenHash, (generations.get(session.tokenHash) ?? 0) + 1);
        await accounts.setPresenting(session.tokenHash, presenting);
        cache.delete(session.tokenHash);
        await audit.record(actor, {
          action: 'session.presentation',
          details: { presenting, role: session.role },
        });
      }
      const { account: _presented, ...rest } = session;
      const own = { ...session.account, role: session.role };
      return { ...rest, presenting, account: asPresented(own, presenting) };
    },

    /** Ends the actor's own session (the one the request came with). */
    async signOut(actor: Actor, session: ResolvedSession | null): Promise<void> {
      if (!session) return;
      cache.delete(session.tokenHash);
      await accounts.deleteSession(session.tokenHash);
      await audit.record(actor, { action: 'session.sign_out' });
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
