/** The incidents layer: roll-ups per region, points, one record, filing one, and tiles. */
import { pointTileSql } from './point-tile-sql.ts';
import type { PoolClient } from 'pg';
import type { Pool } from '../db/pool.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';
import {
  CODE_LENGTH,
  LEVEL_TABLE,
  Parameters,
  incidentClauses,
  incidentPoint,
  type OperationalFilter,
} from './operational-filter-sql.ts';
import type { Static } from 'typebox';
import type { RegionLevel } from '../schemas/layer-filters.ts';
import type { OwnReportsResponse } from '../schemas/layers.ts';

export interface IncidentPoint {
  id: number;
  lon: number;
  lat: number;
  type: string;
  occurredAt: string;
  status: string;
  severity: string;
  peopleCount: Cell;
  reportingAgency: string;
}

export function createIncidentQueries(pool: Pool) {
  return {
    async summariseIncidents(
      level: RegionLevel | null,
      filter: OperationalFilter,
    ): Promise<{ code: string; name: string; type: string; incidents: number; people: Cell }[]> {
      const params = new Parameters();
      const where = incidentClauses(params, filter);
      const length = params.add(level ? CODE_LENGTH[level] : 0);
      const nameJoin = level
        ? `LEFT JOIN ${LEVEL_TABLE[level]} n ON n.code = g.code`
        : 'LEFT JOIN (SELECT NULL::text AS name) n ON true';
      const result = await pool.query(
        `SELECT g.code, COALESCE(n.name, g.code) AS name, g.type, g.incidents, g.people, g.people_key
         FROM (SELECT left(i.desa_code, ${length}) AS code, i.type, count(*) AS incidents, sum(i.people_count) AS people,
                      sum(i.disclosure_key) FILTER (WHERE i.people_count > 0) AS people_key
               FROM incident i WHERE ${where} GROUP BY 1, 2) g
         ${nameJoin}
         ORDER BY g.code, g.type`,
        params.values,
      );
      return result.rows.map((row) => ({
        code: row.code,
        name: row.name,
        type: row.type,
        incidents: Number(row.incidents),
        people: cell(row.people, row.people_key),
      }));
    },

    async findIncidentPoints(filter: OperationalFilter, limit: number): Promise<IncidentPoint[]> {
      const params = new Parameters();
      const where = incidentClauses(params, filter);
      const result = await pool.query(
        `SELECT i.id, ST_X(i.location) AS lon, ST_Y(i.location) AS lat, i.type, i.status, i.severity, i.people_count,
                i.disclosure_key, i.reporting_agency, pantau_local_timestamp(i.occurred_at, i.desa_code) AS occurred_at
         FROM incident i WHERE ${where} ORDER BY i.occurred_at DESC LIMIT ${params.add(limit)}`,
        params.values,
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        lon: row.lon,
        lat: row.lat,
        type: row.type,
        occurredAt: row.occurred_at,
        status: row.status,
        severity: row.severity,
        peopleCount: cell(row.people_count, row.disclosure_key),
        reportingAgency: row.reporting_agency,
      }));
    },
    async findIncident(id: number, areaCodes: string[]): Promise<Record<string, unknown> | null> {
      const result = await pool.query(
        `SELECT i.id, i.type, pantau_local_timestamp(i.occurred_at, i.desa_code) AS occurred_at,
                ST_X(i.location) AS lon, ST_Y(i.location) AS lat, i.desa_code, d.name AS desa, i.nationalities,
                i.people_count, i.people_names, i.severity, i.status, i.reporting_agency, i.description, i.source,
                i.disclosure_key,
                COALESCE((SELECT json_agg(json_build_object('status', h.status,
                            'changedAt', pantau_local_timestamp(h.changed_at, i.desa_code))
                          ORDER BY h.changed_at) FROM incident_status_history h WHERE h.incident_id = i.id), '[]') AS history
         FROM incident i JOIN desa d ON d.code = i.desa_code
         WHERE i.id = $1 AND (left(i.desa_code, 2) = ANY($2::text[]) OR left(i.desa_code, 5) = ANY($2::text[]))`,
        [id, areaCodes],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        id: Number(row.id),
        type: row.type,
        occurredAt: row.occurred_at,
        lon: row.lon,
        lat: row.lat,
        desaCode: row.desa_code,
        desa: row.desa,
        nationalities: row.nationalities,
        peopleCount: Number(row.people_count),
        // For the service's disclosure control only: never sent (the service takes it out).
        disclosureKey: Number(row.disclosure_key),
        peopleNames: row.people_names,
        severity: row.severity,
        status: row.status,
        reportingAgency: row.reporting_agency,
        description: row.description,
        statusHistory: row.history,
        synthetic: row.source === 'demo',
      };
    },

    /** Files one incident at a point; the desa is the one containing the point. Null when no desa contains it. */
    async insertIncident(
      client: PoolClient,
      incident: {
        type: string;
        occurredAt: string;
        lon: number;
        lat: number;
        nationalities: string[];
        peopleCount: number;
        severity: string;
        reportingAgency: string;
        description: string | null;
        accountId: number;
      },
    ): Promise<FiledIncident | null> {
      const result = await client.query(
        `WITH place AS (SELECT d.code, d.name FROM desa d
                        WHERE ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint($3, $4), 4326)) ORDER BY d.code LIMIT 1),
         -- The office the report reaches: the one whose working area holds the kabupaten, else the nearest in the
         -- province, else the nearest.
         office AS (SELECT o.code, o.name FROM immigration_office o, place
                    ORDER BY (left(place.code, 5) = ANY(o.areas)) DESC, (o.provinsi_code = left(place.code, 2)) DESC,
                             o.location <-> ST_SetSRID(ST_MakePoint($3, $4), 4326), o.code
                    LIMIT 1),
         inserted AS (
           INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, status,
                                 reporting_agency, description, source, filed_by, office_code)
           SELECT $1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), place.code, $5, $6, $7, 'reported', $8, $9, 'manual',
                  $10, (SELECT code FROM office)
           FROM place RETURNING id, desa_code, occurred_at),
         history AS (INSERT INTO incident_status_history (incident_id, status, changed_at, changed_by)
                     SELECT id, 'reported', now(), $10 FROM inserted)
         SELECT inserted.id, inserted.desa_code, place.name, office.code AS office_code, office.name AS office_name
         FROM inserted CROSS JOIN place LEFT JOIN office ON true`,
        [
          incident.type,
          incident.occurredAt,
          incident.lon,
          incident.lat,
          incident.nationalities,
          incident.peopleCount,
          incident.severity,
          incident.reportingAgency,
          incident.description,
          incident.accountId,
        ],
      );
      const row = result.rows[0];
      return row ? filedOf(row) : null;
    },

    /** Data arrived (issue #13): an event for the alert rules, in the filing's own transaction. */
    async insertArrival(client: PoolClient, incidentId: number): Promise<void> {
      await client.query(`INSERT INTO alert_event (kind, incident_id) VALUES ('incident.filed', $1)`, [incidentId]);
    },

    /** Holds the key of one filing until the transaction ends: concurrent retries of it wait here, one at a time. */
    async lockFiling(client: PoolClient, accountId: number, key: string): Promise<void> {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`filing:${accountId}:${key}`]);
    },

    /** What was filed under an idempotency key, if anything (the caller holds the key's lock). */
    async findFiling(
      client: PoolClient,
      accountId: number,
      key: string,
    ): Promise<{ digest: string; incident: FiledIncident } | null> {
      const result = await client.query(
        `SELECT f.body_digest, i.id, i.desa_code, d.name, o.code AS office_code, o.name AS office_name
         FROM filing_request f JOIN incident i ON i.id = f.incident_id JOIN desa d ON d.code = i.desa_code
              LEFT JOIN immigration_office o ON o.code = i.office_code
         WHERE f.account_id = $1 AND f.idempotency_key = $2`,
        [accountId, key],
      );
      const row = result.rows[0];
      return row ? { digest: row.body_digest, incident: filedOf(row) } : null;
    },

    async insertFiling(client: PoolClient, accountId: number, key: string, digest: string, incidentId: number) {
      await client.query(
        'INSERT INTO filing_request (account_id, idempotency_key, body_digest, incident_id) VALUES ($1, $2, $3, $4)',
        [accountId, key, digest, incidentId],
      );
    },

    /** The incidents an account filed itself, newest first, with their status over time (no one else's notes). */
    async findOwnFilings(accountId: number, limit: number): Promise<OwnFiling[]> {
      const result = await pool.query(
        `SELECT i.id, i.type, pantau_local_timestamp(i.occurred_at, i.desa_code) AS occurred_at, i.desa_code,
                d.name AS desa, k.name AS kecamatan, i.status, i.severity, i.people_count, i.description,
                pantau_local_timestamp(i.created_at, i.desa_code) AS created_at, o.code AS office_code,
                o.name AS office_name,
                COALESCE((SELECT json_agg(json_build_object('status', h.status,
                                                            'changedAt', pantau_local_timestamp(h.changed_at, i.desa_code))
                                          ORDER BY h.changed_at, h.id)
                          FROM incident_status_history h WHERE h.incident_id = i.id), '[]') AS history,
                COALESCE((SELECT json_agg(json_build_object('kind', o.kind, 'measure', o.measure,
                                                            'decidedOn', to_char(o.decided_on, 'YYYY-MM-DD'))
                                          ORDER BY o.decided_on, o.id)
                          FROM follow_up_outcome o WHERE o.incident_id = i.id), '[]') AS outcomes
         FROM incident i JOIN desa d ON d.code = i.desa_code JOIN kecamatan k ON k.code = d.kecamatan_code
              LEFT JOIN immigration_office o ON o.code = i.office_code
         WHERE i.filed_by = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT $2`,
        [accountId, limit],
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        type: row.type,
        // Local time of the desa with its offset, as every other answer about incidents (issue #9).
        occurredAt: row.occurred_at,
        desaCode: row.desa_code,
        desa: row.desa,
        kecamatan: row.kecamatan,
        status: row.status,
        severity: row.severity,
        peopleCount: Number(row.people_count),
        description: row.description,
        filedAt: row.created_at,
        office: row.office_code ? { code: row.office_code, name: row.office_name } : null,
        statusHistory: (row.history as { status: string; changedAt: string }[]).map((entry) => ({
          status: entry.status,
          changedAt: new Date(entry.changedAt).toISOString(),
        })),
        outcomes: row.outcomes,
      }));
    },

    /**
     * Incidents of one tile as MVT (layer `incidents`): where (snapped for the viewer, as the filter says), what,
     * when (seconds since 1970; the map shows them in the desa's zone), oldest first so the newest are drawn on top;
     * no names, and the number of people involved only `withPeople` (roles that may see people: exact).
     */
    async findIncidentTile(
      filter: OperationalFilter,
      z: number,
      x: number,
      y: number,
      withPeople: boolean,
    ): Promise<Buffer> {
      const params = new Parameters();
      const { bounds, inTile } = tileClauses(params, filter, z, x, y);
      const result = await pool.query<{ mvt: Buffer }>(
        pointTileSql({
          bounds,
          features: `SELECT ST_Transform(${incidentPoint(filter)}, 3857) AS merc,
                  i.id, i.type, i.status, i.severity, extract(epoch FROM i.occurred_at)::bigint AS "occurredAt",
                  CASE WHEN ${params.add(withPeople)} THEN i.people_count END AS "peopleCount"
           FROM bounds, incident i
           WHERE ${inTile}`,
          layer: 'incidents',
          properties: ['type', 'status', 'severity', '"occurredAt"', '"peopleCount"'],
          zoom: `${params.add(z)}::int`,
          orderBy: '"occurredAt", id',
        }),
        params.values,
      );
      return result.rows[0]?.mvt ?? Buffer.alloc(0);
    },
  };
}

export interface FiledIncident {
  id: number;
  desaCode: string;
  desa: string;
  /** The immigration office the report reaches (by its location). */
  office: { code: string; name: string } | null;
}

const filedOf = (row: Record<string, unknown>): FiledIncident => ({
  id: Number(row.id),
  desaCode: String(row.desa_code),
  desa: String(row.name),
  office: row.office_code ? { code: String(row.office_code), name: String(row.office_name) } : null,
});

/** One of a reporter's own reports as the API answers it (server/src/schemas/layers.ts). */
export type OwnFiling = Static<typeof OwnReportsResponse>['reports'][number];

/**
 * The tile's envelope (`bounds`: the tile box in web-mercator and a wider box in degrees) and which incidents belong to
 * it: located (snapped, for the viewer) in the wider box, within the filter. The index on the location is used through
 * a box a little wider than the snapping can move a point.
 */
function tileClauses(params: Parameters, filter: OperationalFilter, z: number, x: number, y: number) {
  const tile = [params.add(z), params.add(x), params.add(y)].join(', ');
  const where = incidentClauses(params, { ...filter, bbox: undefined });
  return {
    bounds: `SELECT ST_TileEnvelope(${tile}) AS box, ST_Transform(ST_TileEnvelope(${tile}, margin => 0.02), 4326) AS wide`,
    inTile: `i.location && ST_Expand(bounds.wide, 0.006) AND ${incidentPoint(filter)} && bounds.wide AND ${where}`,
  };
}
