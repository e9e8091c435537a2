/** Parameterised SQL of the early warning (issue #13, migration 0016): events, the accounts told, notifications. */
import type pg from 'pg';
import type { Static } from 'typebox';
import type { Pool } from '../db/pool.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';
import type { NotificationSchema } from '../schemas/notifications.ts';
import type { AlertRule } from '../schemas/vocabulary.ts';

export interface AlertEvent {
  id: number;
  kind: 'incident.filed' | 'import.committed';
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

type BilingualText = { id: string; en: string };

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

    /**
     * The active accounts of these roles whose area holds the region (a desa or kecamatan code) and that did not turn
     * the rule off; with the address to e-mail when the account asked for the rule by e-mail.
     */
    async findAccountsCovering(client: pg.PoolClient, regionCode: string, roles: readonly string[], rule: AlertRule) {
      const result = await client.query<{ id: string; role: string; email: string | null; in_app: boolean }>(
        `SELECT DISTINCT a.id, a.role, CASE WHEN s.email THEN a.email END AS email, COALESCE(s.in_app, true) AS in_app
         FROM account a JOIN account_area aa ON aa.account_id = a.id
              LEFT JOIN alert_subscription s ON s.account_id = a.id AND s.rule = $3
         WHERE a.active AND a.role = ANY($2::text[]) AND starts_with($1, aa.region_code || '.')
           AND (COALESCE(s.in_app, true) OR (s.email AND a.email IS NOT NULL))
         ORDER BY a.id`,
        [regionCode, roles, rule],
      );
      return result.rows.map((row) => ({ id: Number(row.id), role: row.role, email: row.email, inApp: row.in_app }));
    },

    /** Every office's stored rule settings (a rule an office never set keeps the defaults). */
    async ruleSettings(client: pg.PoolClient | Pool) {
      const result = await client.query<{ office_code: string; rule: AlertRule; enabled: boolean; params: object }>(
        'SELECT office_code, rule, enabled, params FROM alert_rule_setting',
      );
      return result.rows.map((row) => ({
        office: row.office_code,
        rule: row.rule,
        enabled: row.enabled,
        params: row.params as Record<string, unknown>,
      }));
    },

    async saveRuleSetting(
      client: pg.PoolClient,
      office: string,
      rule: AlertRule,
      setting: { enabled: boolean; params: object },
      accountId: number,
    ): Promise<void> {
      await client.query(
        `INSERT INTO alert_rule_setting (office_code, rule, enabled, params, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (office_code, rule) DO UPDATE
         SET enabled = excluded.enabled, params = excluded.params, updated_by = excluded.updated_by, updated_at = now()`,
        [office, rule, setting.enabled, JSON.stringify(setting.params), accountId],
      );
    },

    async officeExists(client: pg.PoolClient | Pool, code: string): Promise<boolean> {
      const result = await client.query('SELECT 1 FROM immigration_office WHERE code = $1', [code]);
      return result.rowCount === 1;
    },

    /** The office whose settings govern each kabupaten (its working area, else the nearest of the province). */
    async officesOfKabupaten(client: pg.PoolClient | Pool, codes: string[]): Promise<Map<string, string>> {
      const result = await client.query<{ code: string; office: string }>(
        'SELECT code, pantau_office_of_kabupaten(code) AS office FROM unnest($1::text[]) AS k(code)',
        [[...new Set(codes)]],
      );
      return new Map(result.rows.map((row) => [row.code, row.office]));
    },

    /**
     * Active residents by kecamatan and the day their stay permit ends, for permits ending between `from` and `to`:
     * what the permit and overstay digests count, each a cell of the records behind it (ADR 0007).
     */
    async residentsByPermitEnd(
      client: pg.PoolClient,
      from: string,
      to: string,
    ): Promise<{ kecamatan: string; name: string; kabupaten: string; endsOn: string; people: Cell }[]> {
      const result = await client.query(
        `SELECT d.kecamatan_code, k.name, kb.name AS kabupaten, to_char(r.permit_expires_on, 'YYYY-MM-DD') AS ends_on,
                count(*) AS people, sum(r.disclosure_key::bigint) AS keys
         FROM foreign_resident r JOIN desa d ON d.code = r.desa_code JOIN kecamatan k ON k.code = d.kecamatan_code
              JOIN kabupaten kb ON kb.code = k.kabupaten_code
         WHERE r.status = 'active' AND r.permit_expires_on BETWEEN $1 AND $2
         GROUP BY 1, 2, 3, 4`,
        [from, to],
      );
      return result.rows.map((row) => ({
        kecamatan: row.kecamatan_code,
        name: row.name,
        kabupaten: row.kabupaten,
        endsOn: row.ends_on,
        people: cell(row.people, row.keys),
      }));
    },

    /**
     * Incidents per kecamatan in the last `days` days before `asOf` and in the `baselineDays` before those, for the
     * kecamatan with at least `minimum` recent ones (of one kecamatan only, when named).
     */
    async incidentCounts(
      client: pg.PoolClient,
      asOf: string,
      windows: { days: number; baselineDays: number; minimum: number },
      kecamatan: string | null,
    ) {
      const result = await client.query<{ code: string; name: string; recent: number; baseline: number }>(
        `SELECT d.kecamatan_code AS code, k.name,
                count(*) FILTER (WHERE i.occurred_at >= $1::date + 1 - $2::int)::int AS recent,
                count(*) FILTER (WHERE i.occurred_at < $1::date + 1 - $2::int)::int AS baseline
         FROM incident i JOIN desa d ON d.code = i.desa_code JOIN kecamatan k ON k.code = d.kecamatan_code
         WHERE i.occurred_at >= $1::date + 1 - ($2::int + $3::int) AND i.occurred_at < $1::date + 1
           AND ($5::text IS NULL OR d.kecamatan_code = $5)
         GROUP BY 1, 2
         HAVING count(*) FILTER (WHERE i.occurred_at >= $1::date + 1 - $2::int) >= $4`,
        [asOf, windows.days, windows.baselineDays, windows.minimum, kecamatan],
      );
      return result.rows;
    },

    /**
     * Clusters of the incidents of the last 2 × `days` days before `asOf` (DBSCAN, metres as on the analysis panel),
     * each with how many of its incidents fell in the last `days` and in the `days` before, its centre and the
     * kecamatan most of them lie in.
     */
    async incidentClusters(
      client: pg.PoolClient,
      asOf: string,
      params: { days: number; distanceM: number; minPoints: number },
    ) {
      const result = await client.query<{
        recent: number;
        before: number;
        kecamatan: string;
        name: string;
        lon: number;
        lat: number;
      }>(
        `WITH points AS (
           SELECT i.location AS point, i.occurred_at, d.kecamatan_code
           FROM incident i JOIN desa d ON d.code = i.desa_code
           WHERE i.occurred_at >= $1::date + 1 - 2 * $2::int AND i.occurred_at < $1::date + 1),
         scale AS (SELECT 1 / cos(radians(COALESCE(avg(ST_Y(point)), 0))) AS factor FROM points),
         clustered AS (
           SELECT p.*, ST_ClusterDBSCAN(ST_Transform(p.point, 3857), eps => $3 * scale.factor, minpoints => $4)
                         OVER () AS cluster_id
           FROM points p, scale),
         summary AS (
           SELECT cluster_id,
                  count(*) FILTER (WHERE occurred_at >= $1::date + 1 - $2::int)::int AS recent,
                  count(*) FILTER (WHERE occurred_at < $1::date + 1 - $2::int)::int AS before,
                  mode() WITHIN GROUP (ORDER BY kecamatan_code) AS kecamatan,
                  ST_Centroid(ST_Collect(point)) AS centre
           FROM clustered WHERE cluster_id IS NOT NULL GROUP BY cluster_id)
         SELECT s.recent, s.before, s.kecamatan, k.name, ST_X(s.centre) AS lon, ST_Y(s.centre) AS lat
         FROM summary s JOIN kecamatan k ON k.code = s.kecamatan ORDER BY s.recent DESC`,
        [asOf, params.days, params.distanceM, params.minPoints],
      );
      return result.rows;
    },

    /** The provinces with incidents in the year to `asOf`, with their kabupaten (where emerging hot spots may be). */
    async provincesWithIncidents(client: pg.PoolClient | Pool, asOf: string) {
      const result = await client.query<{ code: string; kabupaten: string[] }>(
        `SELECT p.code, array_agg(k.code ORDER BY k.code) AS kabupaten
         FROM provinsi p JOIN kabupaten k ON k.provinsi_code = p.code
         WHERE EXISTS (SELECT 1 FROM incident i WHERE left(i.desa_code, 2) = p.code
                         AND i.occurred_at >= $1::date - 365 AND i.occurred_at < $1::date + 1)
         GROUP BY p.code ORDER BY p.code`,
        [asOf],
      );
      return result.rows;
    },

    /** The kecamatan of a desa, for the burst rule after a filing. */
    async kecamatanOf(client: pg.PoolClient, desaCode: string): Promise<string | null> {
      const result = await client.query<{ kecamatan_code: string }>('SELECT kecamatan_code FROM desa WHERE code = $1', [
        desaCode,
      ]);
      return result.rows[0]?.kecamatan_code ?? null;
    },

    /** E-mails to send for these notifications (one each). */
    async queueEmails(client: pg.PoolClient, rows: { notificationId: number; address: string }[]): Promise<void> {
      if (rows.length === 0) return;
      await client.query(
        `INSERT INTO email_outbox (notification_id, address)
         SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING`,
        [rows.map((row) => row.notificationId), rows.map((row) => row.address)],
      );
    },

    /**
     * E-mails not yet sent, leased for a few minutes to this sender (another process, or this one later, skips them
     * until the lease runs out): taken in one short statement, so the sending holds no transaction.
     */
    async leaseEmails(limit: number, leaseSeconds = 300) {
      const result = await pool.query<{
        notification_id: string;
        address: string;
        title: BilingualText;
        body: BilingualText;
      }>(
        `WITH taken AS (
           SELECT notification_id FROM email_outbox
           WHERE sent_at IS NULL AND failed_at IS NULL AND (leased_until IS NULL OR leased_until < now())
           ORDER BY attempts, created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE email_outbox o SET leased_until = now() + make_interval(secs => $2)
         FROM taken, notification n
         WHERE o.notification_id = taken.notification_id AND n.id = o.notification_id
         RETURNING o.notification_id, o.address, n.title, n.body`,
        [limit, leaseSeconds],
      );
      return result.rows.map((row) => ({
        notificationId: Number(row.notification_id),
        address: row.address,
        title: row.title,
        body: row.body,
      }));
    },

    async markEmailSent(notificationId: number): Promise<void> {
      await pool.query(
        'UPDATE email_outbox SET sent_at = now(), attempts = attempts + 1, leased_until = NULL WHERE notification_id = $1',
        [notificationId],
      );
    },

    async markEmailFailed(notificationId: number, error: string, limit: number): Promise<void> {
      await pool.query(
        `UPDATE email_outbox SET attempts = attempts + 1, last_error = left($2, 500), leased_until = NULL,
                failed_at = CASE WHEN attempts + 1 >= $3 THEN now() END
         WHERE notification_id = $1`,
        [notificationId, error, limit],
      );
    },

    /** An account's subscriptions (rules it never changed are absent: in the app, no e-mail) and address. */
    async subscriptions(accountId: number) {
      const [rules, account] = await Promise.all([
        pool.query<{ rule: AlertRule; in_app: boolean; email: boolean }>(
          'SELECT rule, in_app, email FROM alert_subscription WHERE account_id = $1',
          [accountId],
        ),
        pool.query<{ email: string | null }>('SELECT email FROM account WHERE id = $1', [accountId]),
      ]);
      return {
        email: account.rows[0]?.email ?? null,
        rules: rules.rows.map((row) => ({ rule: row.rule, inApp: row.in_app, email: row.email })),
      };
    },

    async saveSubscriptions(
      client: pg.PoolClient,
      accountId: number,
      email: string | null,
      rules: { rule: AlertRule; inApp: boolean; email: boolean }[],
    ): Promise<void> {
      await client.query('UPDATE account SET email = $2 WHERE id = $1', [accountId, email]);
      await client.query(
        `INSERT INTO alert_subscription (account_id, rule, in_app, email)
         SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::boolean[])
         ON CONFLICT (account_id, rule) DO UPDATE SET in_app = excluded.in_app, email = excluded.email`,
        [accountId, rules.map((row) => row.rule), rules.map((row) => row.inApp), rules.map((row) => row.email)],
      );
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
        /** E-mail only: stored as read, so it counts in no badge. */
        read?: boolean;
      }[],
    ): Promise<{ id: number; accountId: number }[]> {
      if (rows.length === 0) return [];
      const result = await client.query(
        `INSERT INTO notification (account_id, rule, subject, incident_id, title, body, lon, lat, read_at)
         SELECT a, r, s, i, t, b, x, y, CASE WHEN e THEN now() END
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::jsonb[], $6::jsonb[],
                     $7::float8[], $8::float8[], $9::boolean[]) AS u(a, r, s, i, t, b, x, y, e)
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
          rows.map((row) => row.read === true),
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

    /** Snoozes that have run out are cleared; answers the accounts whose unread count went up again. */
    async wakeSnoozed(client: pg.PoolClient): Promise<number[]> {
      const result = await client.query<{ account_id: string }>(
        `UPDATE notification SET snoozed_until = NULL WHERE snoozed_until <= now() RETURNING account_id`,
      );
      return [...new Set(result.rows.map((row) => Number(row.account_id)))];
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
