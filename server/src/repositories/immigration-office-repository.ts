/** Immigration offices: the list, and one office changed under its version. */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import type { ImmigrationOffice } from '../schemas/immigration-offices.ts';

type Queryable = Pool | pg.PoolClient;

const COLUMNS = `code, name, provinsi_code, town, ST_X(location) AS lon, ST_Y(location) AS lat, areas, located, version,
                 COALESCE((SELECT array_agg(k.name ORDER BY k.code) FROM kabupaten k WHERE k.code = ANY(areas)), '{}')
                   AS area_names,
                 to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`;

const toOffice = (row: Record<string, unknown>): ImmigrationOffice => ({
  code: row.code as string,
  name: row.name as string,
  provinsiCode: row.provinsi_code as string,
  town: row.town as string,
  lon: Number(row.lon),
  lat: Number(row.lat),
  areas: row.areas as string[],
  areaNames: row.area_names as string[],
  located: row.located as ImmigrationOffice['located'],
  version: Number(row.version),
  updatedAt: row.updated_at as string,
});

export function createImmigrationOfficeRepository(pool: Pool) {
  return {
    async listOffices(): Promise<ImmigrationOffice[]> {
      const result = await pool.query(`SELECT ${COLUMNS} FROM immigration_office ORDER BY provinsi_code, code`);
      return result.rows.map(toOffice);
    },

    async findOffice(db: Queryable, code: string, lock = false): Promise<ImmigrationOffice | null> {
      const result = await db.query(
        `SELECT ${COLUMNS} FROM immigration_office WHERE code = $1${lock ? ' FOR UPDATE' : ''}`,
        [code],
      );
      return result.rows[0] ? toOffice(result.rows[0]) : null;
    },

    async updateOffice(
      db: Queryable,
      code: string,
      change: { lon: number; lat: number; town: string; areas: string[] },
    ): Promise<ImmigrationOffice> {
      const result = await db.query(
        `UPDATE immigration_office
         SET location = ST_SetSRID(ST_Point($2, $3), 4326), town = $4, areas = $5::text[], located = 'corrected',
             version = version + 1, updated_at = now()
         WHERE code = $1 RETURNING ${COLUMNS}`,
        [code, change.lon, change.lat, change.town, change.areas],
      );
      return toOffice(result.rows[0]);
    },
  };
}

export type ImmigrationOfficeRepository = ReturnType<typeof createImmigrationOfficeRepository>;
