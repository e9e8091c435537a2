/**
 * The boundary import's cross-check against the official list (boundaries/coverage.ts): which codes were loaded and
 * staged, and the coverage rows it writes. On the import's client, inside its transaction.
 */
import type pg from 'pg';

export type CheckedLevel = 'provinsi' | 'kabupaten' | 'kecamatan';

/** One kabupaten's coverage; `missing` and `nameMismatches` are stored as JSON. */
export interface CoverageRecord {
  kabupatenCode: string;
  officialDesa: number;
  polygonDesa: number;
  missing: object[];
  nameMismatches: object[];
}

export async function findLoadedCodes(client: pg.PoolClient, level: CheckedLevel): Promise<string[]> {
  const loaded = await client.query<{ code: string }>(`SELECT code FROM ${level}`);
  return loaded.rows.map((row) => row.code);
}

/** The desa rows as upstream named them, before the official names replaced theirs. */
export async function findStagedDesaNames(client: pg.PoolClient): Promise<{ code: string; name: string }[]> {
  const upstream = await client.query<{ code: string; name: string }>(
    `SELECT code, name FROM stage_boundary WHERE level = 'desa'`,
  );
  return upstream.rows;
}

export async function findDesaCodes(client: pg.PoolClient): Promise<string[]> {
  const loaded = await client.query<{ code: string }>('SELECT code FROM desa');
  return loaded.rows.map((row) => row.code);
}

export async function insertCoverage(client: pg.PoolClient, rows: CoverageRecord[]): Promise<void> {
  await client.query(
    `INSERT INTO coverage (kabupaten_code, official_desa, polygon_desa, missing, name_mismatches)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(kabupaten_code text, official_desa int, polygon_desa int,
                                                        missing jsonb, name_mismatches jsonb)`,
    [
      JSON.stringify(
        rows.map((row) => ({
          kabupaten_code: row.kabupatenCode,
          official_desa: row.officialDesa,
          polygon_desa: row.polygonDesa,
          missing: row.missing,
          name_mismatches: row.nameMismatches,
        })),
      ),
    ],
  );
}
