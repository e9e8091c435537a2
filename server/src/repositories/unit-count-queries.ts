/**
 * Counts of records per region of the study area, per time slice, and the regions' outlines: what the hot-spot,
 * emerging-hot-spot and change analyses count over (issue #5).
 */
import type { Pool } from '../db/pool.ts';
import { SOURCES, UNIT_LEVELS, type ClusterLayer, type UnitLevel } from './analysis-sources.ts';
import { buildLayerWhere, buildStudyAreaWhere, type OperationalFilter } from './operational-filter-sql.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';

export type GeoJsonArea =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface UnitCount {
  code: string;
  name: string;
  parentName: string | null;
  lon: number;
  lat: number;
  landBorderKm: number | null;
  seaBorderKm: number | null;
  count: Cell;
}

/** A period cut into slices (inclusive dates, YYYY-MM-DD). */
export interface TimeSlice {
  first: string;
  last: string;
}

export function createUnitCountQueries(pool: Pool) {
  /** The units of a level that hold at least one desa of the study area, with their labels. */
  const unitsSql = (level: UnitLevel, studyWhere: string) => {
    const unit = UNIT_LEVELS[level];
    return `units AS (
      SELECT u.code, u.name, t.parent_name, ST_X(p.label) AS lon, ST_Y(p.label) AS lat, b.land_km, b.sea_km
      FROM (SELECT left(d.code, ${unit.length}) AS code, min(d.land_border_km) AS land_km, min(d.sea_border_km) AS sea_km
            FROM desa d WHERE ${studyWhere} GROUP BY 1) b
      JOIN ${unit.table} u ON u.code = b.code
      -- The label of the generalised band; a region whose outline vanished there still counts, labelled on itself.
      LEFT JOIN tile_feature t ON t.layer = '${level}' AND t.min_zoom = ${unit.outlineZoom} AND t.code = u.code
      CROSS JOIN LATERAL (SELECT COALESCE(ST_Transform(t.label, 4326), ST_PointOnSurface(u.geom)) AS label) p)`;
  };

  return {
    /**
     * Every unit of the study area with its count of records (zero where there are none: Gi* needs them), its
     * label point and its distance to the land and sea border.
     */
    async countPerUnit(layer: ClusterLayer, filter: OperationalFilter, level: UnitLevel): Promise<UnitCount[]> {
      const source = SOURCES[layer];
      const { where, values } = buildLayerWhere(layer, filter);
      const study = buildStudyAreaWhere(filter, values.length);
      const length = UNIT_LEVELS[level].length;
      const result = await pool.query(
        `WITH ${unitsSql(level, study.where)},
         counts AS (SELECT left(${source.alias}.desa_code, ${length}) AS code, count(*) AS n, sum(${source.key}) AS key
                    FROM ${source.table} ${source.alias} WHERE ${where} GROUP BY 1)
         SELECT u.*, COALESCE(c.n, 0) AS n, COALESCE(c.key, 0) AS key FROM units u LEFT JOIN counts c ON c.code = u.code ORDER BY u.code`,
        [...values, ...study.values],
      );
      return result.rows.map((row) => ({
        code: row.code,
        name: row.name,
        parentName: row.parent_name,
        lon: row.lon,
        lat: row.lat,
        landBorderKm: row.land_km === null ? null : Number(row.land_km),
        seaBorderKm: row.sea_km === null ? null : Number(row.sea_km),
        count: cell(row.n, row.key),
      }));
    },

    /** Counts per unit (non-zero only) of the records the filter selects, e.g. one period of a comparison. */
    async countPerCode(layer: ClusterLayer, filter: OperationalFilter, level: UnitLevel): Promise<Map<string, Cell>> {
      const source = SOURCES[layer];
      const { where, values } = buildLayerWhere(layer, filter);
      const result = await pool.query<{ code: string; n: string; key: string }>(
        `SELECT left(${source.alias}.desa_code, ${UNIT_LEVELS[level].length}) AS code, count(*) AS n, sum(${source.key}) AS key
         FROM ${source.table} ${source.alias} WHERE ${where} GROUP BY 1`,
        values,
      );
      return new Map(result.rows.map((row) => [row.code, cell(row.n, row.key)]));
    },

    /**
     * Counts per unit and time slice (only the non-zero ones; slices contiguous and in order), for emerging hot spots. Each
     * record's slice comes from `width_bucket` over the slices' first days (one pass, no join). Residents count in
     * every slice they were present in: their arrivals and departures are counted per slice in SQL and summed up here
     * (present in slice s = arrived in s or before, and not gone before s).
     */
    async countPerUnitAndSlice(
      layer: 'incidents' | 'residents',
      filter: OperationalFilter,
      level: UnitLevel,
      slices: TimeSlice[],
    ): Promise<{ code: string; slice: number; count: Cell }[]> {
      const source = SOURCES[layer];
      // The period as a whole narrows the rows first; each slice then takes its own.
      // Slices are fixed calendar cells: people count in each they were present in, whatever the role.
      const whole = { ...filter, from: slices[0]!.first, to: slices[slices.length - 1]!.last, residentsAtEnd: false };
      const { where, values } = buildLayerWhere(layer, whole);
      const firsts = `$${values.length + 1}::date[]`;
      const code = `left(${source.alias}.desa_code, ${UNIT_LEVELS[level].length})`;
      const params = [...values, slices.map((slice) => slice.first)];
      if (layer === 'incidents') {
        const result = await pool.query(
          `SELECT ${code} AS code,
                  width_bucket((i.occurred_at AT TIME ZONE pantau_time_zone(i.desa_code))::date, ${firsts}) - 1 AS slice,
                  count(*) AS n,
                  0 AS key -- counts of incidents, not of people: no disclosure key (ADR 0007)
           FROM incident i WHERE ${where} GROUP BY 1, 2`,
          params,
        );
        return result.rows.map((row) => ({ code: row.code, slice: Number(row.slice), count: cell(row.n, row.key) }));
      }
      const result = await pool.query<{ code: string; slice: number; arrived: string; gone: string; key: string }>(
        `WITH spans AS (
           SELECT ${code} AS code, GREATEST(width_bucket(r.permit_issued_on, ${firsts}) - 1, 0) AS first_slice,
                  CASE WHEN r.left_on IS NULL THEN NULL ELSE width_bucket(r.left_on, ${firsts}) - 1 END AS last_slice,
                  r.disclosure_key AS key
           FROM foreign_resident r WHERE ${where})
         SELECT code, first_slice AS slice, count(*) AS arrived, 0 AS gone, sum(key) AS key FROM spans GROUP BY 1, 2
         UNION ALL
         SELECT code, last_slice + 1, 0, count(*), -sum(key) FROM spans WHERE last_slice IS NOT NULL GROUP BY 1, 2`,
        params,
      );
      // The people present in a slice, and the key sum of exactly those people: arrivals minus departures, both summed.
      const deltas = new Map<string, { people: number[]; keys: number[] }>();
      for (const row of result.rows) {
        const series = deltas.get(row.code) ?? {
          people: new Array<number>(slices.length + 1).fill(0),
          keys: new Array<number>(slices.length + 1).fill(0),
        };
        series.people[Number(row.slice)]! += Number(row.arrived) - Number(row.gone);
        series.keys[Number(row.slice)]! += Number(row.key);
        deltas.set(row.code, series);
      }
      const counts: { code: string; slice: number; count: Cell }[] = [];
      for (const [unit, series] of deltas) {
        let present = 0;
        let key = 0;
        for (let slice = 0; slice < slices.length; slice += 1) {
          present += series.people[slice]!;
          key += series.keys[slice]!;
          if (present > 0) counts.push({ code: unit, slice, count: cell(present, key) });
        }
      }
      return counts;
    },

    /** Generalised outlines (GeoJSON, 5 decimals ≈ 1 m) of units, from the tile band the map shows them at. */
    async findOutlines(level: UnitLevel, codes: string[]): Promise<Map<string, unknown>> {
      if (codes.length === 0) return new Map();
      const result = await pool.query<{ code: string; geometry: unknown }>(
        `SELECT code, ST_AsGeoJSON(ST_Transform(geom, 4326), 5)::json AS geometry FROM tile_feature
         WHERE layer = $1 AND min_zoom = $2 AND code = ANY($3::text[])`,
        [level, UNIT_LEVELS[level].outlineZoom, codes],
      );
      return new Map(result.rows.map((row) => [row.code, row.geometry]));
    },

    /** The desa outlines of the study area (GeoJSON), for covering it with H3 cells. */
    async findStudyAreaOutlines(
      filter: OperationalFilter,
    ): Promise<{ code: string; geometry: GeoJsonArea; lon: number; lat: number }[]> {
      const study = buildStudyAreaWhere(filter, 0);
      const result = await pool.query(
        `SELECT t.code, ST_AsGeoJSON(ST_Transform(t.geom, 4326), 5)::json AS geometry,
                ST_X(ST_Transform(t.label, 4326)) AS lon, ST_Y(ST_Transform(t.label, 4326)) AS lat
         FROM desa d JOIN tile_feature t ON t.layer = 'desa' AND t.min_zoom = 9 AND t.code = d.code WHERE ${study.where}`,
        study.values,
      );
      return result.rows;
    },
  };
}
