/** Parameterised SQL for spreadsheet imports: drafts, finding desa by code, name or point, and writing rows. */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import type { ImportKind } from '../uploads/fields.ts';
import type { Cell, UploadedRow } from '../uploads/uploaded-table.ts';

export interface ImportDraft {
  id: string;
  accountId: number;
  kind: ImportKind;
  fileName: string;
  columns: string[];
  rows: UploadedRow[];
  mapping: Record<string, string> | null;
  committedAt: string | null;
}

export interface LocationQuery {
  index: number;
  desaCode: string | null;
  desaName: string | null;
  kabupaten: string | null;
  lon: number | null;
  lat: number | null;
}

/** A desa of the asked name that lies in the account's area, but not in the kabupaten the row gave. */
export interface DesaElsewhere {
  code: string;
  name: string;
  kecamatan: string;
  kabupaten: string;
}

export interface LocationAnswer {
  index: number;
  desaCode: string | null;
  /** Why no desa was found: the code, name or point that matched nothing. */
  problem: 'unknown_code' | 'unknown_kabupaten' | 'unknown_name' | 'outside_coverage' | 'outside_indonesia' | null;
  suggestions: string[];
  elsewhere: DesaElsewhere[];
  lon: number | null;
  lat: number | null;
}

export interface CellCorrection {
  line: number;
  column: string;
  value: Cell;
}

export function createImportRepository(pool: Pool) {
  return {
    /** `rowsJson` arrives serialised from the upload worker and is stored as it is. */
    async insertDraft(draft: Omit<ImportDraft, 'id' | 'mapping' | 'committedAt' | 'rows'> & { rowsJson: string }) {
      const result = await pool.query<{ id: string }>(
        `INSERT INTO import_draft (account_id, kind, file_name, columns, rows) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [draft.accountId, draft.kind, draft.fileName, JSON.stringify(draft.columns), draft.rowsJson],
      );
      return result.rows[0]!.id;
    },

    /** Replaces single cells of an uncommitted draft in place, without sending its rows back and forth. */
    async correctCells(id: string, accountId: number, corrections: CellCorrection[]): Promise<void> {
      await pool.query(
        `WITH fix AS (
           SELECT c.line, jsonb_object_agg(c."column", c.value) AS cells
           FROM jsonb_to_recordset($3::jsonb) AS c(line int, "column" text, value jsonb) GROUP BY c.line)
         UPDATE import_draft d
         SET rows = (SELECT jsonb_agg(CASE WHEN fix.line IS NULL THEN r.row
                                           ELSE jsonb_set(r.row, '{values}', (r.row -> 'values') || fix.cells) END
                                      ORDER BY r.position)
                     FROM jsonb_array_elements(d.rows) WITH ORDINALITY AS r(row, position)
                     LEFT JOIN fix ON fix.line = (r.row ->> 'line')::int)
         WHERE d.id = $1 AND d.account_id = $2 AND d.committed_at IS NULL`,
        [id, accountId, JSON.stringify(corrections)],
      );
    },

    async findDraft(id: string, accountId: number): Promise<ImportDraft | null> {
      const result = await pool.query(
        `SELECT id, account_id, kind, file_name, columns, rows, mapping, committed_at FROM import_draft
         WHERE id = $1 AND account_id = $2`,
        [id, accountId],
      );
      const row = result.rows[0];
      return row
        ? {
            id: row.id,
            accountId: Number(row.account_id),
            kind: row.kind,
            fileName: row.file_name,
            columns: row.columns,
            rows: row.rows,
            mapping: row.mapping,
            committedAt: row.committed_at,
          }
        : null;
    },

    async saveMapping(id: string, mapping: Record<string, string>): Promise<void> {
      await pool.query('UPDATE import_draft SET mapping = $2 WHERE id = $1', [id, JSON.stringify(mapping)]);
    },

    async markCommitted(client: pg.PoolClient, id: string): Promise<void> {
      await client.query('UPDATE import_draft SET committed_at = now() WHERE id = $1', [id]);
    },

    /**
     * Finds each row's desa in one statement: by code; else by name inside the named kabupaten (accent- and
     * case-insensitive), with the three most similar names as suggestions and, when the name is not there, the desa
     * of that exact name elsewhere in the account's area; else by the point.
     */
    async locate(queries: LocationQuery[], areaCodes: string[]): Promise<LocationAnswer[]> {
      const result = await pool.query(
        `WITH q AS (SELECT * FROM jsonb_to_recordset($1::jsonb)
                    AS q("index" int, "desaCode" text, "desaName" text, kabupaten text, lon float8, lat float8)),
         kab AS (
           SELECT q."index", (SELECT kb.code FROM kabupaten kb
                              WHERE kb.code = q.kabupaten
                                 OR regexp_replace(kb.search_name, '^(kabupaten|kota) ', '') =
                                    regexp_replace(pantau_search_text(q.kabupaten), '^(kabupaten|kota|kab\\.?) ', '')
                              ORDER BY kb.code LIMIT 1) AS code
           FROM q WHERE q.kabupaten IS NOT NULL),
         found AS (
           SELECT q.*, kab.code AS kabupaten_code,
                  CASE WHEN q."desaCode" IS NOT NULL THEN (SELECT d.code FROM desa d WHERE d.code = q."desaCode")
                       WHEN q."desaName" IS NOT NULL THEN
                         (SELECT d.code FROM desa d WHERE starts_with(d.code, kab.code || '.')
                            AND d.search_name = pantau_search_text(q."desaName") ORDER BY d.code LIMIT 1)
                       WHEN q.lon IS NOT NULL THEN
                         (SELECT d.code FROM desa d
                          WHERE ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint(q.lon, q.lat), 4326))
                          ORDER BY d.code LIMIT 1)
                  END AS desa_code
           FROM q LEFT JOIN kab ON kab."index" = q."index")
         SELECT f."index", f.desa_code, f.kabupaten_code,
                CASE WHEN f."desaName" IS NOT NULL AND f.kabupaten_code IS NOT NULL AND f.desa_code IS NULL THEN
                  ARRAY(SELECT d.name || ' (' || d.code || ')' FROM desa d WHERE starts_with(d.code, f.kabupaten_code || '.')
                        ORDER BY similarity(d.search_name, pantau_search_text(f."desaName")) DESC LIMIT 3)
                END AS suggestions,
                CASE WHEN f."desaCode" IS NULL AND f."desaName" IS NOT NULL AND f.desa_code IS NULL THEN
                  (SELECT jsonb_agg(jsonb_build_object('code', d.code, 'name', d.name, 'kecamatan', kc.name,
                                                       'kabupaten', kb.name) ORDER BY d.code)
                   FROM (SELECT * FROM desa d
                         WHERE d.search_name = pantau_search_text(f."desaName")
                           AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS area(code)
                                       WHERE starts_with(d.code, area.code || '.'))
                         ORDER BY d.code LIMIT 3) d
                   JOIN kecamatan kc ON kc.code = d.kecamatan_code JOIN kabupaten kb ON kb.code = kc.kabupaten_code)
                END AS elsewhere,
                CASE WHEN f.lon IS NOT NULL THEN
                  EXISTS (SELECT 1 FROM country c WHERE c.iso3 = 'IDN'
                          AND ST_Intersects(c.maritime, ST_SetSRID(ST_MakePoint(f.lon, f.lat), 4326)))
                END AS in_indonesia,
                f.lon, f.lat, f."desaCode" AS asked_code, f."desaName" AS asked_name, f.kabupaten AS asked_kabupaten
         FROM found f`,
        [JSON.stringify(queries), areaCodes],
      );
      return result.rows.map((row) => {
        let problem: LocationAnswer['problem'] = null;
        if (!row.desa_code) {
          if (row.asked_code) problem = 'unknown_code';
          else if (row.asked_name)
            problem = row.asked_kabupaten && row.kabupaten_code ? 'unknown_name' : 'unknown_kabupaten';
          else if (row.lon !== null) problem = row.in_indonesia ? 'outside_coverage' : 'outside_indonesia';
        } else if (row.lon !== null && row.in_indonesia === false) {
          problem = 'outside_indonesia';
        }
        return {
          index: row.index,
          desaCode: problem ? null : row.desa_code,
          problem,
          suggestions: row.suggestions ?? [],
          elsewhere: row.elsewhere ?? [],
          lon: row.lon,
          lat: row.lat,
        };
      });
    },

    async insertResidents(client: pg.PoolClient, rows: Record<string, unknown>[]): Promise<void> {
      await client.query(
        `INSERT INTO foreign_resident (full_name, nationality, sex, birth_year, passport_number, permit_type, permit_number,
                                       permit_issued_on, permit_expires_on, sponsor, desa_code, home_point, status, left_on, source)
         SELECT r."fullName", r.nationality, r.sex, r."birthYear", r."passportNumber", r."permitType", r."permitNumber",
                r."permitIssuedOn", r."permitExpiresOn", r.sponsor, r."desaCode",
                CASE WHEN r.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) END,
                COALESCE(r.status, 'active'),
                CASE WHEN COALESCE(r.status, 'active') = 'active' THEN NULL ELSE pantau_local_today(r."desaCode") END,
                'import'
         FROM jsonb_to_recordset($1::jsonb) AS r("fullName" text, nationality text, sex text, "birthYear" int,
              "passportNumber" text, "permitType" text, "permitNumber" text, "permitIssuedOn" date, "permitExpiresOn" date,
              sponsor text, "desaCode" text, lon float8, lat float8, status text)`,
        [JSON.stringify(rows)],
      );
    },

    async insertWorkplaces(client: pg.PoolClient, rows: Record<string, unknown>[]): Promise<void> {
      await client.query(
        `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(company text, sector text, "desaCode" text,
                          lon float8, lat float8, nationality text, "foreignWorkers" int)),
         inserted AS (
           INSERT INTO workplace (company, sector, desa_code, location, source)
           SELECT i.company, i.sector, i."desaCode",
                  COALESCE(ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326), (SELECT ST_PointOnSurface(geom) FROM desa WHERE code = i."desaCode")),
                  'import'
           FROM input i RETURNING id, company, desa_code)
         INSERT INTO workplace_foreign_workers (workplace_id, nationality, workers, reported_on)
         SELECT DISTINCT ON (w.id) w.id, i.nationality, i."foreignWorkers", pantau_local_today(w.desa_code)
         FROM inserted w JOIN input i ON i.company = w.company AND i."desaCode" = w.desa_code
         WHERE i.nationality IS NOT NULL AND i."foreignWorkers" IS NOT NULL`,
        [JSON.stringify(rows)],
      );
    },

    async insertIncidents(client: pg.PoolClient, rows: Record<string, unknown>[]): Promise<void> {
      await client.query(
        `WITH inserted AS (
           INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, status,
                                 reporting_agency, description, source)
           -- A time written without an offset is local to the desa (WIB, WITA or WIT).
           SELECT r.type,
                  CASE WHEN r."occurredAt" ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$' THEN r."occurredAt"::timestamptz
                       ELSE r."occurredAt"::timestamp AT TIME ZONE pantau_time_zone(r."desaCode") END,
                  COALESCE(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), (SELECT ST_PointOnSurface(geom) FROM desa WHERE code = r."desaCode")),
                  r."desaCode", COALESCE(r.nationalities, '{}'), r."peopleCount", r.severity, COALESCE(r.status, 'reported'),
                  r."reportingAgency", r.description, 'import'
           FROM jsonb_to_recordset($1::jsonb) AS r(type text, "occurredAt" text, lon float8, lat float8,
                "desaCode" text, nationalities text[], "peopleCount" int, severity text, status text,
                "reportingAgency" text, description text)
           RETURNING id, status, occurred_at)
         INSERT INTO incident_status_history (incident_id, status, changed_at) SELECT id, status, occurred_at FROM inserted`,
        [JSON.stringify(rows)],
      );
    },

    /** A committed import (issue #13): an event for the alert rules, in the commit's own transaction. */
    async insertArrival(client: pg.PoolClient): Promise<void> {
      await client.query(`INSERT INTO alert_event (kind) VALUES ('import.committed')`);
    },
  };
}

export type ImportRepository = ReturnType<typeof createImportRepository>;
