/** The append-only audit trail: insert and filtered listing. The database refuses UPDATE and DELETE. */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import type { AuditAction, AuditOutcome } from '../schemas/vocabulary.ts';

type Queryable = Pool | pg.PoolClient;

export type { AuditOutcome };

export interface AuditEntryInput {
  accountId: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  requestId: string | null;
  /** One of the vocabulary's actions: a new action is added there (and labelled in both dictionaries) first. */
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: AuditOutcome;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

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

export interface AuditFilter {
  action?: string;
  username?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

export function createAuditRepository(pool: Pool) {
  return {
    async insertEntry(entry: AuditEntryInput, db: Queryable = pool): Promise<void> {
      await db.query(
        `INSERT INTO audit_log (account_id, username, role, ip, request_id, action, target_type, target_id, outcome,
                                before, after, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          entry.accountId,
          entry.username,
          entry.role,
          entry.ip,
          entry.requestId,
          entry.action,
          entry.targetType ?? null,
          entry.targetId ?? null,
          entry.outcome ?? 'ok',
          json(entry.before),
          json(entry.after),
          json(entry.details),
        ],
      );
    },

    async listEntries(filter: AuditFilter): Promise<AuditEntry[]> {
      const result = await pool.query(
        `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, username, role, ip,
                request_id, action, target_type, target_id, outcome, before, after, details
         FROM audit_log
         WHERE ($1::text IS NULL OR action = $1)
           AND ($2::text IS NULL OR username = $2)
           AND ($3::text IS NULL OR outcome = $3)
           AND ($4::timestamptz IS NULL OR at >= $4)
           AND ($5::timestamptz IS NULL OR at < $5)
           AND ($6::bigint IS NULL OR id < $6)
         ORDER BY id DESC
         LIMIT $7`,
        [
          filter.action ?? null,
          filter.username ?? null,
          filter.outcome ?? null,
          filter.from ?? null,
          filter.to ?? null,
          filter.before ?? null,
          filter.limit,
        ],
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        at: row.at,
        username: row.username,
        role: row.role,
        ip: row.ip,
        requestId: row.request_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        outcome: row.outcome,
        before: row.before,
        after: row.after,
        details: row.details,
      }));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
