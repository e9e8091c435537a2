/**
 * The places behind the desa binaan planner (issue #12): every desa of an area that is not yet binaan, with its
 * distances to the land border and sea boundary, to the nearest immigration office and to the nearest desa binaan.
 * Counts of people and incidents come from the layer service (published for the role), not from here.
 */
import type { Pool } from '../db/pool.ts';

export interface CandidatePlace {
  code: string;
  name: string;
  kecamatan: string;
  lon: number;
  lat: number;
  landBorderKm: number | null;
  seaBorderKm: number | null;
  officeKm: number | null;
  binaanKm: number | null;
}

export interface BinaanPlace {
  code: string;
  name: string;
  kecamatan: string;
  lon: number;
  lat: number;
}

/** The desa whose point lies inside the drawn area `$3` (well-known text), or every desa when there is none. */
const INSIDE_DRAWN = `($3::text IS NULL OR ST_Intersects(d.point, ST_CollectionExtract(ST_MakeValid(ST_GeomFromText($3, 4326)), 3)))`;

const km = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export function createPlannerQueries(pool: Pool) {
  return {
    /** `within`: well-known text of a drawn area; only the desa whose point lies inside it. */
    async findCandidatePlaces(
      areaCodes: string[],
      region: string | null,
      within: string | null = null,
    ): Promise<CandidatePlace[]> {
      const result = await pool.query(
        `WITH binaan AS MATERIALIZED (
           SELECT d.point FROM desa_binaan b JOIN desa d ON d.code = b.desa_code WHERE b.status <> 'nonaktif'
         )
         SELECT d.code, d.name, k.name AS kecamatan, ST_X(d.point) AS lon, ST_Y(d.point) AS lat,
                d.land_border_km, d.sea_border_km,
                (SELECT ST_Distance(o.location::geography, d.point::geography) / 1000 FROM immigration_office o
                 ORDER BY o.location <-> d.point LIMIT 1) AS office_km,
                (SELECT ST_Distance(b.point::geography, d.point::geography) / 1000 FROM binaan b
                 ORDER BY b.point <-> d.point LIMIT 1) AS binaan_km
         FROM desa d JOIN kecamatan k ON k.code = d.kecamatan_code
         WHERE (left(d.code, 2) = ANY($1::text[]) OR left(d.code, 5) = ANY($1::text[]))
           AND ($2::text IS NULL OR starts_with(d.code, $2))
           AND ${INSIDE_DRAWN}
           AND NOT EXISTS (SELECT 1 FROM desa_binaan b WHERE b.desa_code = d.code AND b.status <> 'nonaktif')
         ORDER BY d.code`,
        [areaCodes, region, within],
      );
      return result.rows.map((row) => ({
        code: row.code,
        name: row.name,
        kecamatan: row.kecamatan,
        lon: row.lon,
        lat: row.lat,
        landBorderKm: km(row.land_border_km),
        seaBorderKm: km(row.sea_border_km),
        officeKm: km(row.office_km),
        binaanKm: km(row.binaan_km),
      }));
    },

    /** The active desa binaan of an area (for the map, and for the people near a candidate). */
    async findBinaanPlaces(
      areaCodes: string[],
      region: string | null,
      within: string | null = null,
    ): Promise<BinaanPlace[]> {
      const result = await pool.query<BinaanPlace>(
        `SELECT d.code, d.name, k.name AS kecamatan, ST_X(d.point) AS lon, ST_Y(d.point) AS lat
         FROM desa_binaan b JOIN desa d ON d.code = b.desa_code JOIN kecamatan k ON k.code = d.kecamatan_code
         WHERE b.status <> 'nonaktif'
           AND (left(d.code, 2) = ANY($1::text[]) OR left(d.code, 5) = ANY($1::text[]))
           AND ($2::text IS NULL OR starts_with(d.code, $2))
           AND ${INSIDE_DRAWN}
         ORDER BY d.code`,
        [areaCodes, region, within],
      );
      return result.rows;
    },
  };
}

export type PlannerQueries = ReturnType<typeof createPlannerQueries>;
