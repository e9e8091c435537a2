/**
 * The counts behind the charts (issue #11): incidents per local month and type, and residents per region broken down
 * by one dimension (permit type or nationality) on one day. Each resident row is a cell with its key, so the service
 * publishes exactly the cells a filter on that one value would have published (ADR 0007).
 */
import type { Pool } from '../db/pool.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';
import type { RegionLevel } from '../schemas/layer-filters.ts';
import {
  CODE_LENGTH,
  Parameters,
  incidentClauses,
  residentClauses,
  type OperationalFilter,
} from './operational-filter-sql.ts';

export type ResidentDimension = 'permit_type' | 'nationality';

export function createChartQueries(pool: Pool) {
  return {
    /** Incidents per month (in the local time of each incident's region, YYYY-MM) and type. */
    async countIncidentsByMonth(
      filter: OperationalFilter,
    ): Promise<{ month: string; type: string; incidents: number }[]> {
      const params = new Parameters();
      const where = incidentClauses(params, filter);
      const result = await pool.query(
        `SELECT left(pantau_local_timestamp(i.occurred_at, i.desa_code), 7) AS month, i.type, count(*) AS incidents
         FROM incident i WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
        params.values,
      );
      return result.rows.map((row) => ({ month: row.month, type: row.type, incidents: Number(row.incidents) }));
    },

    /**
     * Residents present on each of `days`, per day, region of `level` and (unless null) value of `dimension`, with
     * their cell keys: one statement for a chart's months, each cell the same records as a filter on that day.
     */
    async countResidentsOnDays(
      level: RegionLevel,
      dimension: ResidentDimension | null,
      filter: OperationalFilter,
      days: string[],
    ): Promise<{ day: string; code: string; value: string; people: Cell }[]> {
      const params = new Parameters();
      const daysAt = params.add(days);
      const { where } = residentClauses(params, filter, 'd.day');
      const length = params.add(CODE_LENGTH[level]);
      const column = dimension === null ? `''` : dimension === 'permit_type' ? 'r.permit_type' : 'r.nationality';
      const result = await pool.query(
        `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, left(r.desa_code, ${length}) AS code, ${column} AS value,
                count(*) AS people, COALESCE(sum(r.disclosure_key), 0) AS people_key
         FROM unnest(${daysAt}::date[]) AS d(day) JOIN foreign_resident r ON ${where}
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        params.values,
      );
      return result.rows.map((row) => ({
        day: row.day,
        code: row.code,
        value: row.value,
        people: cell(row.people, row.people_key),
      }));
    },

    /** Residents present on the filter's day, per region of `level` and value of `dimension`, with their cell keys. */
    async countResidentsBy(
      level: RegionLevel,
      dimension: ResidentDimension,
      filter: OperationalFilter,
    ): Promise<{ code: string; value: string; people: Cell }[]> {
      const params = new Parameters();
      const { where } = residentClauses(params, filter);
      const length = params.add(CODE_LENGTH[level]);
      const column = dimension === 'permit_type' ? 'r.permit_type' : 'r.nationality';
      const result = await pool.query(
        `SELECT left(r.desa_code, ${length}) AS code, ${column} AS value, count(*) AS people,
                COALESCE(sum(r.disclosure_key), 0) AS people_key
         FROM foreign_resident r WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
        params.values,
      );
      return result.rows.map((row) => ({ code: row.code, value: row.value, people: cell(row.people, row.people_key) }));
    },

    /**
     * When the operational data of an area last changed (any resident, workplace or incident there), to the hour: the
     * map's data line says how fresh the numbers are, not when someone edited a record.
     */
    async latestDataChange(areaCodes: string[]): Promise<string | null> {
      const inArea = `(left(desa_code, 2) = ANY($1::text[]) OR left(desa_code, 5) = ANY($1::text[]))`;
      const result = await pool.query(
        `SELECT to_char(date_trunc('hour', greatest(
                  (SELECT max(updated_at) FROM foreign_resident WHERE ${inArea}),
                  (SELECT max(updated_at) FROM workplace WHERE ${inArea}),
                  (SELECT max(updated_at) FROM incident WHERE ${inArea})) AT TIME ZONE 'UTC'),
                'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at`,
        [areaCodes],
      );
      return result.rows[0]?.at ?? null;
    },
  };
}
