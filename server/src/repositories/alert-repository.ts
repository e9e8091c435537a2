/** Parameterised SQL of the early warning (issue #13, migration 0016): events, the accounts told, notifications. */
import type pg from 'pg';
import type { Static } from 'typebox';
import type { Pool } from '../db/pool.ts';
import type { NotificationSchema } from '../schemas/notifications.ts';

export interface AlertEvent {
  id: number;
  kind: 'incident.filed';
  incidentId: number | null;
}

export interface AlertIncident {
  id: number;
  type: string;
  desaCode: string;
  desa: string;
  kecamatan: string;
  lon: number;
  lat: number;
  landBorderKm: number | null;
  seaBorderKm: number | null;
  /** The reporting agency's name in both languages. */
  reportingAgency: { id: string; en: string };
  officeName: string | null;
}

/** A notification as the API answers it (server/src/schemas/notifications.ts). */
export type StoredNotification = Static<typeof NotificationSchema>;

/** The channel a committed notification is announced on (to every server process), with the account's id. */
export const NOTIFICATION_CHANNEL = 'pantau_notification';

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export function createAlertRepository(pool: Pool) {
  return {
    /** Events not yet evaluated, taken for this transaction: another process skips them (one evaluation each). */
    async claimPendingEvents(client: pg.PoolClient, limit: number): Promise<AlertEvent[]> {
      const result = await client.query(
        `SELECT id, kind, incident_id FROM alert_event WHERE processed_at IS NULL ORDER BY attempts, id
         LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        incidentId: row.incident_id && Number(row.incident_id),
      }));
    },

    async markProcessed(client: pg.PoolClient, ids: number[]): Promise<void> {
      await client.query('UPDATE alert_event SET processed_at = now() WHERE id = ANY($1::bigint[])', [ids]);
    },

    /** Each event is evaluated under a savepoint: one that fails is rolled back alone. */
    async savepoint(client: pg.PoolClient, action: 'set' | 'release' | 'rollback'): Promise<void> {
      const sql = {
        set: 'SAVEPOINT alert_event',
        release: 'RELEASE SAVEPOINT alert_event',
        rollback: 'ROLLBACK TO SAVEPOINT alert_event',
      };
      await client.query(sql[action]);
    },

    /** A failed evaluation: counted, and after `limit` attempts set aside (processed, with its error). */
    async markFailed(client: pg.PoolClient, id: number, error: string, limit: number): Promise<void> {
      await client.query(
        `UPDATE alert_event SET attempts = attempts + 1, last_error = left($2, 500),
                failed_at = CASE WHEN attempts + 1 >= $3 THEN now() END,
                processed_at = CASE WHEN attempts + 1 >= $3 THEN now() END
         WHERE id = $1`,
        [id, error, limit],
      );
    },

    async findIncident(client: pg.PoolClient, id: number): Promise<AlertIncident | null> {
      const result = await client.query(
        `SELECT i.id, i.type, i.desa_code, d.name AS desa, k.name AS kecamatan, ST_X(i.location) AS lon,
                ST_Y(i.location) AS lat, d.land_border_km, d.sea_border_km, i.reporting_agency, o.name AS office_name,
                g.name_id AS agency_id, g.name_en AS agency_en
         FROM incident i JOIN desa d ON d.code = i.desa_code JOIN kecamatan k ON k.code = d.kecamatan_code
              LEFT JOIN immigration_office o ON o.code = i.office_code LEFT JOIN agency g ON g.code = i.reporting_agency
         WHERE i.id = $1`,
        [id],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        id: Number(row.id),
        type: row.type,
        desaCode: row.desa_code,
        desa: row.desa,
        kecamatan: row.kecamatan,
        lon: row.lon,
        lat: row.lat,
        landBorderKm: row.land_border_km,
        seaBorderKm: row.sea_border_km,
        reportingAgency: { id: row.agency_id ?? row.reporting_agency, en: row.agency_en ?? row.reporting_agency },
        officeName: row.office_name,
      };
    },

    /** The active accounts of these roles whose area holds the desa. */
    async findAccountsCovering(client: pg.PoolClient, desaCode: string, roles: readonly string[]) {
      const result = await client.query<{ id: string; role: string }>(
        `SELECT DISTINCT a.id, a.role FROM account a JOIN account_area aa ON aa.account_id = a.id
         WHERE a.active AND a.role = ANY($2::text[]) AND starts_with($1, aa.region_code || '.')
         ORDER BY a.id`,
        [desaCode, roles],
      );
      return result.rows.map((row) => ({ id: Number(row.id), role: row.role }));
    },

    /** Stores each notification once (per account, rule, subject); answers the accounts newly told. */
    async insertNotifications(
      client: pg.PoolClient,
      rows: {
        accountId: number;
        rule: string;
        subject: string;
        incidentId: number | null;
        title: { id: string; en: string };
        body: { id: string; en: string };
        lon: number | null;
        lat: number | null;
      }[],
    ): Promise<{ id: number; accountId: number }[]> {
      if (rows.length === 0) return [];
      const result = await client.query(
        `INSERT INTO notification (account_id, rule, subject, incident_id, title, body, lon, lat)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::jsonb[], $6::jsonb[],
                              $7::float8[], $8::float8[])
         ON CONFLICT (account_id, rule, subject) DO NOTHING
         RETURNING id, account_id`,
        [
          rows.map((row) => row.accountId),
          rows.map((row) => row.rule),
          rows.map((row) => row.subject),
          rows.map((row) => row.incidentId),
          rows.map((row) => JSON.stringify(row.title)),
          rows.map((row) => JSON.stringify(row.body)),
          rows.map((row) => row.lon),
          rows.map((row) => row.lat),
        ],
      );
      return result.rows.map((row) => ({ id: Number(row.id), accountId: Number(row.account_id) }));
    },

    /** Tells every server process (at commit) that these accounts' notifications changed. */
    async announce(client: pg.PoolClient | Pool, accountIds: number[]): Promise<void> {
      for (const id of new Set(accountIds)) {
        await client.query('SELECT pg_notify($1, $2)', [NOTIFICATION_CHANNEL, String(id)]);
      }
    },

    async listNotifications(accountId: number, limit: number): Promise<StoredNotification[]> {
      const result = await pool.query(
        `SELECT id, rule, subject, incident_id, title, body, lon, lat, ${utc('created_at')} AS created_at,
                ${utc('read_at')} AS read_at, ${utc('snoozed_until')} AS snoozed_until
         FROM notification WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [accountId, limit],
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        rule: row.rule,
        subject: row.subject,
        incidentId: row.incident_id && Number(row.incident_id),
        title: row.title,
        body: row.body,
        lon: row.lon,
        lat: row.lat,
        createdAt: row.created_at,
        readAt: row.read_at,
        snoozedUntil: row.snoozed_until,
      }));
    },

    /** Unread and not snoozed now. */
    async countUnread(accountId: number): Promise<number> {
      const result = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification
         WHERE account_id = $1 AND read_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= now())`,
        [accountId],
      );
      return result.rows[0]!.n;
    },

    /** Acknowledges (or snoozes until) one notification of the account; false when it has no such one. */
    async mark(
      client: pg.PoolClient,
      accountId: number,
      id: number,
      change: { read: true } | { snoozeUntil: string },
    ): Promise<boolean> {
      const result =
        'read' in change
          ? await client.query(
              'UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND account_id = $2',
              [id, accountId],
            )
          : await client.query('UPDATE notification SET snoozed_until = $3 WHERE id = $1 AND account_id = $2', [
              id,
              accountId,
              change.snoozeUntil,
            ]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}

export type AlertRepository = ReturnType<typeof createAlertRepository>;
