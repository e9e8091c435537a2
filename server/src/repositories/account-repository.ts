/** Parameterised SQL over accounts, their areas, sessions, sign-in attempts and settings. */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import type { Account, AccountArea } from '../domain/actor.ts';
import type { Role } from '../schemas/vocabulary.ts';

export type { Account, AccountArea } from '../domain/actor.ts';

type Queryable = Pool | pg.PoolClient;

export interface AccountWithSecret extends Account {
  passwordHash: string;
}

export interface SessionRow {
  accountId: number;
  csrfToken: string;
  /** Presentation mode: the session is answered as the `viewer` role. */
  presenting: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

const ACCOUNT_SELECT = `
  SELECT a.id, a.username, a.display_name, a.role, a.active, a.password_hash,
         to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
         ag.code AS agency_code, ag.name_id AS agency_name_id, ag.name_en AS agency_name_en,
         (SELECT to_char(max(s.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM sign_in_attempt s
          WHERE s.username = a.username AND s.succeeded) AS last_sign_in_at,
         COALESCE((SELECT jsonb_agg(jsonb_build_object(
                     'code', ar.region_code,
                     'level', CASE WHEN length(ar.region_code) = 2 THEN 'provinsi' ELSE 'kabupaten' END,
                     'name', COALESCE(p.name, kb.name, ar.region_code)) ORDER BY ar.region_code)
                   FROM account_area ar
                   LEFT JOIN provinsi p ON p.code = ar.region_code
                   LEFT JOIN kabupaten kb ON kb.code = ar.region_code
                   WHERE ar.account_id = a.id), '[]'::jsonb) AS areas
  FROM account a JOIN agency ag ON ag.code = a.agency_code`;

function toAccount(row: Record<string, unknown>): AccountWithSecret {
  return {
    id: Number(row.id),
    username: String(row.username),
    displayName: String(row.display_name),
    role: row.role as Role,
    agency: { code: String(row.agency_code), name: { id: String(row.agency_name_id), en: String(row.agency_name_en) } },
    areas: row.areas as AccountArea[],
    active: Boolean(row.active),
    createdAt: String(row.created_at),
    lastSignInAt: (row.last_sign_in_at as string | null) ?? null,
    passwordHash: String(row.password_hash),
  };
}

export function withoutSecret({ passwordHash: _secret, ...account }: AccountWithSecret): Account {
  return account;
}

export function createAccountRepository(pool: Pool) {
  return {
    async findAccountByUsername(username: string, db: Queryable = pool): Promise<AccountWithSecret | null> {
      const result = await db.query(`${ACCOUNT_SELECT} WHERE a.username = $1`, [username]);
      return result.rows[0] ? toAccount(result.rows[0]) : null;
    },

    async findAccountById(id: number, db: Queryable = pool): Promise<AccountWithSecret | null> {
      const result = await db.query(`${ACCOUNT_SELECT} WHERE a.id = $1`, [id]);
      return result.rows[0] ? toAccount(result.rows[0]) : null;
    },

    async listAccounts(): Promise<AccountWithSecret[]> {
      const result = await pool.query(`${ACCOUNT_SELECT} ORDER BY a.username`);
      return result.rows.map(toAccount);
    },

    async insertAccount(
      db: Queryable,
      account: { username: string; displayName: string; role: Role; agencyCode: string; passwordHash: string },
    ): Promise<number> {
      const result = await db.query<{ id: number }>(
        `INSERT INTO account (username, display_name, role, agency_code, password_hash)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [account.username, account.displayName, account.role, account.agencyCode, account.passwordHash],
      );
      return Number(result.rows[0]!.id);
    },

    async updateAccount(
      db: Queryable,
      id: number,
      changes: { displayName?: string; role?: Role; agencyCode?: string; active?: boolean; passwordHash?: string },
    ): Promise<void> {
      await db.query(
        `UPDATE account SET display_name = COALESCE($2, display_name), role = COALESCE($3, role),
                agency_code = COALESCE($4, agency_code), active = COALESCE($5, active),
                password_hash = COALESCE($6, password_hash),
                password_changed_at = CASE WHEN $6::text IS NULL THEN password_changed_at ELSE now() END,
                updated_at = now()
         WHERE id = $1`,
        [
          id,
          changes.displayName ?? null,
          changes.role ?? null,
          changes.agencyCode ?? null,
          changes.active ?? null,
          changes.passwordHash ?? null,
        ],
      );
    },

    async replaceAreas(db: Queryable, accountId: number, regionCodes: string[]): Promise<void> {
      await db.query('DELETE FROM account_area WHERE account_id = $1', [accountId]);
      await db.query('INSERT INTO account_area (account_id, region_code) SELECT $1, unnest($2::text[])', [
        accountId,
        regionCodes,
      ]);
    },

    /** The codes among `codes` that are not a province or kabupaten/kota. */
    async findUnknownRegionCodes(codes: string[]): Promise<string[]> {
      const result = await pool.query<{ code: string }>(
        `SELECT code FROM unnest($1::text[]) AS code
         WHERE code NOT IN (SELECT code FROM provinsi UNION ALL SELECT code FROM kabupaten)`,
        [codes],
      );
      return result.rows.map((row) => row.code);
    },

    async agencyExists(code: string): Promise<boolean> {
      const result = await pool.query('SELECT 1 FROM agency WHERE code = $1', [code]);
      return (result.rowCount ?? 0) > 0;
    },

    async listAgencies(): Promise<{ code: string; name: { id: string; en: string } }[]> {
      const result = await pool.query('SELECT code, name_id, name_en FROM agency ORDER BY code');
      return result.rows.map((row) => ({ code: row.code, name: { id: row.name_id, en: row.name_en } }));
    },

    async insertSession(session: {
      tokenHash: string;
      accountId: number;
      csrfToken: string;
      expiresAt: Date;
      ip: string;
      userAgent: string | null;
    }): Promise<void> {
      await pool.query(
        `INSERT INTO session (token_hash, account_id, csrf_token, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [session.tokenHash, session.accountId, session.csrfToken, session.expiresAt, session.ip, session.userAgent],
      );
    },

    async findSession(tokenHash: string): Promise<SessionRow | null> {
      const result = await pool.query(
        'SELECT account_id, csrf_token, presenting, created_at, last_seen_at, expires_at FROM session WHERE token_hash = $1',
        [tokenHash],
      );
      const row = result.rows[0];
      return row
        ? {
            accountId: Number(row.account_id),
            csrfToken: row.csrf_token,
            presenting: row.presenting,
            createdAt: row.created_at,
            lastSeenAt: row.last_seen_at,
            expiresAt: row.expires_at,
          }
        : null;
    },

    async setPresenting(tokenHash: string, presenting: boolean): Promise<void> {
      await pool.query('UPDATE session SET presenting = $2 WHERE token_hash = $1', [tokenHash, presenting]);
    },

    async touchSession(tokenHash: string): Promise<void> {
      await pool.query('UPDATE session SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await pool.query('DELETE FROM session WHERE token_hash = $1', [tokenHash]);
    },

    async deleteSessionsOfAccount(db: Queryable, accountId: number): Promise<void> {
      await db.query('DELETE FROM session WHERE account_id = $1', [accountId]);
    },

    async recordSignInAttempt(username: string, ip: string, succeeded: boolean): Promise<void> {
      await pool.query('INSERT INTO sign_in_attempt (username, ip, succeeded) VALUES ($1, $2, $3)', [
        username,
        ip,
        succeeded,
      ]);
    },

    /**
     * Failed attempts since the last success within the window, for an account and for an address, with the time
     * of the oldest counted failure (the lock lifts a window after it).
     */
    async countRecentFailures(
      username: string,
      ip: string,
      windowMinutes: number,
    ): Promise<{ byAccount: number; byAddress: number; accountOldest: Date | null; addressOldest: Date | null }> {
      const result = await pool.query(
        `WITH recent AS (SELECT * FROM sign_in_attempt WHERE at > now() - make_interval(mins => $3)),
         account_failures AS (
           SELECT at FROM recent WHERE username = $1 AND NOT succeeded
             AND at > COALESCE((SELECT max(at) FROM recent WHERE username = $1 AND succeeded), '-infinity')),
         address_failures AS (SELECT at FROM recent WHERE ip = $2 AND NOT succeeded)
         SELECT (SELECT count(*) FROM account_failures) AS by_account, (SELECT min(at) FROM account_failures) AS account_oldest,
                (SELECT count(*) FROM address_failures) AS by_address, (SELECT min(at) FROM address_failures) AS address_oldest`,
        [username, ip, windowMinutes],
      );
      const row = result.rows[0];
      return {
        byAccount: Number(row.by_account),
        byAddress: Number(row.by_address),
        accountOldest: row.account_oldest,
        addressOldest: row.address_oldest,
      };
    },

    async findSetting(key: string): Promise<unknown> {
      const result = await pool.query('SELECT value FROM setting WHERE key = $1', [key]);
      return result.rows[0]?.value;
    },

    async upsertSetting(db: Queryable, key: string, value: unknown): Promise<void> {
      await db.query('INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2', [
        key,
        JSON.stringify(value),
      ]);
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
