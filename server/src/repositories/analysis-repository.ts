/**
 * Spatial analysis in PostGIS (issue #5). Clusters: DBSCAN (`ST_ClusterDBSCAN`) in web-mercator metres, with the
 * distance scaled by 1/cos(latitude) at the points' mean latitude — Pantau's provinces lie between 11° S and 5° N,
 * where that scale varies by under 2%.
 */
import type { Pool } from '../db/pool.ts';
import {
  buildLayerWhere,
  buildStudyAreaWhere,
  incidentPoint,
  type OperationalFilter,
} from './operational-repository.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';

export type ClusterLayer = 'incidents' | 'residents' | 'workplaces';

/** [lon, lat, disclosure key] of one record. */
export type KeyedPoint = [number, number, number];

export type GeoJsonArea =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

const toCells = (counts: Record<string, [number, number]> | null): Record<string, Cell> =>
  Object.fromEntries(Object.entries(counts ?? {}).map(([name, [n, key]]) => [name, cell(n, key)]));

export interface ClusterRow {
  clusterId: number;
  size: Cell;
  memberIds: number[];
  hull: unknown;
  lon: number;
  lat: number;
  from: string | null;
  to: string | null;
  types: Record<string, Cell>;
  nationalities: Record<string, Cell>;
  landBorderKm: number;
  seaBorderKm: number;
}

const SOURCES: Record<
  ClusterLayer,
  { table: string; alias: string; point: string; time: string; type: string; nationality: string; key: string }
> = {
  incidents: {
    table: 'incident',
    alias: 'i',
    point: 'i.location',
    time: 'i.occurred_at',
    type: 'i.type',
    nationality: 'i.nationalities[1]',
    // Counts of incidents are not counts of people: no disclosure key needed (ADR 0007).
    key: '0',
  },
  residents: {
    table: 'foreign_resident',
    alias: 'r',
    point: 'r.home_point',
    // A calendar day, carried as midnight UTC and written back in UTC: the same day whatever the zone.
    time: "(r.permit_issued_on::timestamp AT TIME ZONE 'UTC')",
    type: 'r.permit_type',
    nationality: 'r.nationality',
    key: 'r.disclosure_key',
  },
  workplaces: {
    table: 'workplace',
    alias: 'w',
    point: 'w.location',
    time: 'w.created_at',
    type: 'w.sector',
    nationality: 'NULL::text',
    key: '0',
  },
};

/** A layer's point as the filter allows it (incidents on the 0.01° grid for the projector's viewer). */
const pointOf = (layer: ClusterLayer, filter: OperationalFilter) =>
  layer === 'incidents' ? incidentPoint(filter) : SOURCES[layer].point;

/** The regions an analysis can count per, with the tile band whose outline and label it shows. */
export type UnitLevel = 'desa' | 'kecamatan' | 'kabupaten';
const UNIT_LEVELS: Record<UnitLevel, { length: number; table: string; outlineZoom: number }> = {
  desa: { length: 13, table: 'desa', outlineZoom: 9 },
  kecamatan: { length: 8, table: 'kecamatan', outlineZoom: 8 },
  kabupaten: { length: 5, table: 'kabupaten', outlineZoom: 6 },
};

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

export function createAnalysisRepository(pool: Pool) {
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

    /** The filtered points of a layer with their disclosure keys (for binning into hexagons). */
    async findPoints(layer: ClusterLayer, filter: OperationalFilter): Promise<KeyedPoint[]> {
      const source = SOURCES[layer];
      const { where, values } = buildLayerWhere(layer, filter);
      const point = pointOf(layer, filter);
      const result = await pool.query<{ lon: number; lat: number; key: number }>(
        `SELECT ST_X(${point}) AS lon, ST_Y(${point}) AS lat, ${source.key} AS key
         FROM ${source.table} ${source.alias} WHERE ${where} AND ${point} IS NOT NULL`,
        values,
      );
      return result.rows.map((row) => [row.lon, row.lat, Number(row.key)]);
    },

    async findClusters(
      layer: ClusterLayer,
      filter: OperationalFilter,
      distanceM: number,
      minPoints: number,
      limit: number,
      /** Blur the hull, centre and dates (clusters of people for roles that may not see people). */
      coarse = false,
    ): Promise<ClusterRow[]> {
      const source = SOURCES[layer];
      const { where, values } = buildLayerWhere(layer, filter);
      const next = values.length;
      // Key sums only where the counts are of people (residents): carried through DBSCAN they cost ~8 % otherwise.
      const keySum = (column: string) => (layer === 'residents' ? `sum(${column})` : '0');
      const result = await pool.query(
        `WITH
         -- The border in pieces of at most 32 vertices: each hull's distance is measured (geodesic) to the 8 pieces
         -- nearest to it on the plane, not along the whole 2,000 km of line.
         segments AS MATERIALIZED (SELECT kind, ST_Subdivide(geom, 32) AS geom FROM border_line),
         points AS (
           SELECT ${source.alias}.id, ${pointOf(layer, filter)} AS point, ${source.time} AS at, ${source.type} AS kind,
                  ${source.nationality} AS nationality${layer === 'residents' ? `, ${source.key} AS key` : ''}
           FROM ${source.table} ${source.alias} WHERE ${where} AND ${source.point} IS NOT NULL),
         scale AS (SELECT 1 / cos(radians(COALESCE(avg(ST_Y(point)), 0))) AS factor FROM points),
         clustered AS (
           SELECT p.*, ST_ClusterDBSCAN(ST_Transform(p.point, 3857), eps => $${next + 1} * scale.factor, minpoints => $${next + 2})
                         OVER () AS cluster_id
           FROM points p, scale),
         members AS (SELECT * FROM clustered WHERE cluster_id IS NOT NULL),
         -- Coarse (for people, to roles that may not see them): every home point snapped to a 0.01° grid (~1.1 km)
         -- before the hull is drawn, so no corner of it is anyone's home; the centre and the dates blurred alike.
         summary AS (
           SELECT cluster_id, count(*) AS size, ${keySum('key')} AS size_key, array_agg(id ORDER BY id) AS member_ids,
                  CASE WHEN $${next + 4} THEN ST_Buffer(ST_ConvexHull(ST_Collect(ST_SnapToGrid(point, 0.01))), 0.005, 'quad_segs=1')
                       ELSE ST_ConvexHull(ST_Collect(point)) END AS hull,
                  CASE WHEN $${next + 4} THEN ST_SnapToGrid(ST_Centroid(ST_Collect(point)), 0.01)
                       ELSE ST_Centroid(ST_Collect(point)) END AS centre,
                  min(at) AS first_at, max(at) AS last_at
           FROM members GROUP BY cluster_id),
         -- The largest first; make-up and border distances only for those returned.
         top AS (SELECT * FROM summary ORDER BY size DESC, cluster_id LIMIT $${next + 3}),
         kinds AS (
           SELECT cluster_id, jsonb_object_agg(kind, jsonb_build_array(n, key)) AS types
           FROM (SELECT m.cluster_id, m.kind, count(*) AS n, ${keySum('m.key')} AS key FROM members m JOIN top USING (cluster_id) GROUP BY 1, 2) k
           GROUP BY 1),
         origins AS (
           SELECT cluster_id, jsonb_object_agg(nationality, jsonb_build_array(n, key)) AS nationalities
           FROM (SELECT m.cluster_id, m.nationality, count(*) AS n, ${keySum('m.key')} AS key FROM members m JOIN top USING (cluster_id)
                 WHERE m.nationality IS NOT NULL GROUP BY 1, 2) k
           GROUP BY 1)
         SELECT s.cluster_id, s.size, s.size_key, s.member_ids,
                ST_AsGeoJSON(CASE WHEN GeometryType(s.hull) = 'POLYGON' THEN s.hull ELSE ST_Buffer(s.hull::geography, 100)::geometry END, 6)::json AS hull,
                ST_X(s.centre) AS lon, ST_Y(s.centre) AS lat,
                -- Dates in the cluster's own zone (a cluster lies in one region); a resident's date is a calendar day.
                to_char(s.first_at AT TIME ZONE z.zone, CASE WHEN $${next + 4} THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END) AS first_at,
                to_char(s.last_at AT TIME ZONE z.zone, CASE WHEN $${next + 4} THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END) AS last_at,
                k.types, COALESCE(o.nationalities, '{}') AS nationalities,
                (SELECT min(ST_Distance(s.hull::geography, n.geom::geography)) / 1000
                 FROM (SELECT g.geom FROM segments g WHERE g.kind = 'land' ORDER BY g.geom <-> s.hull LIMIT 8) n) AS land_km,
                (SELECT min(ST_Distance(s.hull::geography, n.geom::geography)) / 1000
                 FROM (SELECT g.geom FROM segments g WHERE g.kind = 'sea' ORDER BY g.geom <-> s.hull LIMIT 8) n) AS sea_km
         FROM top s LEFT JOIN kinds k USING (cluster_id) LEFT JOIN origins o USING (cluster_id)
         -- The zone of the cluster's region, from its first member (a desa code carried through DBSCAN for every point
         -- cost ~20 % of the clustering); residents' dates are calendar days, carried and written in UTC.
         CROSS JOIN LATERAL (
           SELECT ${
             layer === 'incidents'
               ? `COALESCE((SELECT pantau_time_zone(earliest.desa_code) FROM incident earliest WHERE earliest.id = s.member_ids[1]), 'Asia/Jakarta')`
               : "'UTC'"
           } AS zone) z
         ORDER BY s.size DESC, s.cluster_id`,
        [...values, distanceM, minPoints, limit, coarse],
      );
      return result.rows.map((row) => ({
        clusterId: Number(row.cluster_id),
        size: cell(row.size, row.size_key),
        memberIds: row.member_ids.map(Number),
        hull: row.hull,
        lon: row.lon,
        lat: row.lat,
        from: row.first_at,
        to: row.last_at,
        types: toCells(row.types),
        nationalities: toCells(row.nationalities),
        landBorderKm: Number(row.land_km),
        seaBorderKm: Number(row.sea_km),
      }));
    },
  };
}

export type AnalysisRepository = ReturnType<typeof createAnalysisRepository>;
