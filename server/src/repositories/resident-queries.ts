/** The residents layer: roll-ups per region, the view's counts, points, one record and tiles. */
import { pointTileSql } from './point-tile-sql.ts';
import type { Pool } from '../db/pool.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';
import {
  CODE_LENGTH,
  LEVEL_TABLE,
  Parameters,
  residentClauses,
  type OperationalFilter,
} from './operational-filter-sql.ts';
import type { RegionLevel } from '../schemas/layer-filters.ts';

/** Counted at the reference day: present then with an expired permit (and 60+ days over), or expiring within 30 days. */
const RESIDENT_COUNTS = (day: string) => {
  // Present that day: arrived by it and not gone before it (a departure day still counts, as in the people count).
  const presentThen = `r.permit_issued_on <= ${day} AND (r.left_on IS NULL OR r.left_on >= ${day})`;
  const counted = (name: string, condition?: string) => {
    const filter = condition ? ` FILTER (WHERE ${condition})` : '';
    return `count(*)${filter} AS ${name}, COALESCE(sum(r.disclosure_key)${filter}, 0) AS ${name}_key`;
  };
  return [
    counted('people'),
    counted('overstay', `${presentThen} AND r.permit_expires_on < ${day}`),
    counted('overstay_over_60', `${presentThen} AND r.permit_expires_on < ${day} - 60`),
    counted('expiring_30', `${presentThen} AND r.permit_expires_on BETWEEN ${day} AND ${day} + 30`),
  ].join(',\n  ');
};

/** Counts of people with the key of the records behind each (disclosure-control.ts). */
export interface ResidentCounts {
  people: Cell;
  overstay: Cell;
  overstayOver60Days: Cell;
  expiringWithin30Days: Cell;
}

const toResidentCounts = (row: Record<string, unknown>): ResidentCounts => ({
  people: cell(row.people as string, row.people_key as string),
  overstay: cell(row.overstay as string, row.overstay_key as string),
  overstayOver60Days: cell(row.overstay_over_60 as string, row.overstay_over_60_key as string),
  expiringWithin30Days: cell(row.expiring_30 as string, row.expiring_30_key as string),
});

export interface ResidentPoint {
  id: number;
  lon: number;
  lat: number;
  nationality: string;
  permitType: string;
  status: string;
  overstayDays: number;
}

export function createResidentQueries(pool: Pool) {
  return {
    async summariseResidents(
      level: RegionLevel,
      filter: OperationalFilter,
    ): Promise<(ResidentCounts & { code: string; name: string })[]> {
      const params = new Parameters();
      const { where, day } = residentClauses(params, filter);
      const length = params.add(CODE_LENGTH[level]);
      const result = await pool.query(
        `SELECT g.*, COALESCE(n.name, g.code) AS name
         FROM (SELECT left(r.desa_code, ${length}) AS code, ${RESIDENT_COUNTS(day)}
               FROM foreign_resident r WHERE ${where} GROUP BY 1) g
         LEFT JOIN ${LEVEL_TABLE[level]} n ON n.code = g.code
         ORDER BY g.code`,
        params.values,
      );
      return result.rows.map((row) => ({ code: row.code, name: row.name, ...toResidentCounts(row) }));
    },

    async countResidents(filter: OperationalFilter): Promise<ResidentCounts> {
      const params = new Parameters();
      const { where, day } = residentClauses(params, filter);
      const result = await pool.query(
        `SELECT ${RESIDENT_COUNTS(day)} FROM foreign_resident r WHERE ${where}`,
        params.values,
      );
      return toResidentCounts(result.rows[0]);
    },
    async findResidentPoints(filter: OperationalFilter, limit: number): Promise<ResidentPoint[]> {
      const params = new Parameters();
      const { where, day } = residentClauses(params, filter);
      const result = await pool.query(
        `SELECT r.id, ST_X(r.home_point) AS lon, ST_Y(r.home_point) AS lat, r.nationality, r.permit_type, r.status,
                CASE WHEN r.permit_expires_on < ${day} AND (r.left_on IS NULL OR r.left_on >= ${day})
                     THEN ${day} - r.permit_expires_on ELSE 0 END AS overstay_days
         FROM foreign_resident r WHERE ${where} AND r.home_point IS NOT NULL ORDER BY r.id LIMIT ${params.add(limit)}`,
        params.values,
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        lon: row.lon,
        lat: row.lat,
        nationality: row.nationality,
        permitType: row.permit_type,
        status: row.status,
        overstayDays: Number(row.overstay_days),
      }));
    },

    /** One resident with every field; the service redacts it by role. */
    async findResident(id: number, areaCodes: string[]): Promise<Record<string, unknown> | null> {
      const result = await pool.query(
        `SELECT r.id, r.full_name, r.nationality, r.sex, r.birth_year, r.passport_number, r.permit_type, r.permit_number,
                to_char(r.permit_issued_on, 'YYYY-MM-DD') AS permit_issued_on,
                to_char(r.permit_expires_on, 'YYYY-MM-DD') AS permit_expires_on, r.sponsor, w.company AS workplace,
                r.desa_code, d.name AS desa, r.status, to_char(r.left_on, 'YYYY-MM-DD') AS left_on, r.source,
                CASE WHEN r.home_point IS NULL THEN NULL ELSE json_build_array(ST_X(r.home_point), ST_Y(r.home_point)) END AS home_point,
                CASE WHEN r.status = 'active' AND r.permit_expires_on < pantau_local_today(r.desa_code)
                     THEN pantau_local_today(r.desa_code) - r.permit_expires_on ELSE 0 END AS overstay_days
         FROM foreign_resident r JOIN desa d ON d.code = r.desa_code LEFT JOIN workplace w ON w.id = r.workplace_id
         WHERE r.id = $1 AND (left(r.desa_code, 2) = ANY($2::text[]) OR left(r.desa_code, 5) = ANY($2::text[]))`,
        [id, areaCodes],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        id: Number(row.id),
        fullName: row.full_name,
        nationality: row.nationality,
        sex: row.sex,
        birthYear: row.birth_year,
        passportNumber: row.passport_number,
        permitType: row.permit_type,
        permitNumber: row.permit_number,
        permitIssuedOn: row.permit_issued_on,
        permitExpiresOn: row.permit_expires_on,
        sponsor: row.sponsor,
        workplace: row.workplace,
        desaCode: row.desa_code,
        desa: row.desa,
        status: row.status,
        leftOn: row.left_on,
        homePoint: row.home_point,
        overstayDays: Number(row.overstay_days),
        synthetic: row.source === 'demo',
      };
    },
    /** Residents of one tile at their home points (layer `residents`), for roles that may see people. */
    async findResidentTile(filter: OperationalFilter, z: number, x: number, y: number): Promise<Buffer> {
      const params = new Parameters();
      const tile = [params.add(z), params.add(x), params.add(y)].join(', ');
      const { where, day } = residentClauses(params, { ...filter, bbox: undefined });
      const result = await pool.query<{ mvt: Buffer }>(
        pointTileSql({
          bounds: `SELECT ST_TileEnvelope(${tile}) AS box, ST_Transform(ST_TileEnvelope(${tile}, margin => 0.02), 4326) AS wide`,
          features: `SELECT ST_Transform(r.home_point, 3857) AS merc, r.id, r.nationality,
                  r.permit_type AS "permitType", r.status,
                  CASE WHEN r.permit_expires_on < ${day} AND (r.left_on IS NULL OR r.left_on >= ${day})
                       THEN ${day} - r.permit_expires_on ELSE 0 END AS "overstayDays"
           FROM foreign_resident r, bounds WHERE r.home_point && bounds.wide AND ${where}`,
          layer: 'residents',
          properties: ['nationality', '"permitType"', 'status', '"overstayDays"'],
          zoom: `${params.add(z)}::int`,
        }),
        params.values,
      );
      return result.rows[0]?.mvt ?? Buffer.alloc(0);
    },
  };
}
