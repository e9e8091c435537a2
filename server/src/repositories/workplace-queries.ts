/** The workplaces layer: each workplace with its foreign workers, per nationality. */
import type { Pool } from '../db/pool.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';
import { Parameters, commonClauses, type OperationalFilter } from './operational-filter-sql.ts';

export interface WorkplacePoint {
  id: number;
  company: string;
  sector: string;
  desaCode: string;
  lon: number;
  lat: number;
  foreignWorkers: Cell;
  byNationality: Record<string, Cell>;
}

export function createWorkplaceQueries(pool: Pool) {
  return {
    async findWorkplaces(filter: OperationalFilter): Promise<WorkplacePoint[]> {
      const params = new Parameters();
      const where = commonClauses(params, filter, 'w.desa_code', 'w.location').join(' AND ');
      const result = await pool.query(
        `SELECT w.id, w.company, w.sector, w.desa_code, ST_X(w.location) AS lon, ST_Y(w.location) AS lat,
                COALESCE(sum(f.workers), 0) AS workers, COALESCE(sum(f.disclosure_key) FILTER (WHERE f.workers > 0), 0) AS workers_key,
                COALESCE(jsonb_object_agg(f.nationality, jsonb_build_array(f.workers, f.disclosure_key))
                         FILTER (WHERE f.nationality IS NOT NULL), '{}') AS by_nationality
         FROM workplace w LEFT JOIN workplace_foreign_workers f ON f.workplace_id = w.id
         WHERE ${where} GROUP BY w.id ORDER BY w.id`,
        params.values,
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        company: row.company,
        sector: row.sector,
        desaCode: row.desa_code,
        lon: row.lon,
        lat: row.lat,
        foreignWorkers: cell(row.workers, row.workers_key),
        byNationality: Object.fromEntries(
          Object.entries(row.by_nationality as Record<string, [number, number]>).map(([code, [workers, key]]) => [
            code,
            cell(workers, workers > 0 ? key : 0),
          ]),
        ),
      }));
    },
  };
}
