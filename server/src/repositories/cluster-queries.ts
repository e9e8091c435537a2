/**
 * The points of a layer (for hexagons) and their clusters (issue #5). Clusters: DBSCAN in web-mercator metres, with
 * the distance scaled by 1/cos(latitude) at the points' mean latitude — Pantau's provinces lie between 11° S and 5° N,
 * where that scale varies by under 2%. Issue #14: the clustering runs here (`domain/dbscan.ts`, the same definition as
 * PostGIS's `ST_ClusterDBSCAN`, on the points in id order) on the points read in one compact row, and PostgreSQL
 * describes only the clusters returned — 100,000 incidents in a third of the time ST_ClusterDBSCAN took.
 */
import type { Pool } from '../db/pool.ts';
import { dbscan } from '../domain/dbscan.ts';
import { SOURCES, pointOf, type ClusterLayer } from './analysis-sources.ts';
import { buildLayerWhere, type OperationalFilter } from './operational-filter-sql.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';

/** The sphere of web mercator (EPSG:3857). */
const EARTH_RADIUS_M = 6_378_137;

/** [lon, lat, disclosure key] of one record. */
export type KeyedPoint = [number, number, number];

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

export function createClusterQueries(pool: Pool) {
  return {
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
      const point = pointOf(layer, filter);
      // Every point of the filter in one row, 24 bytes each (id, longitude, latitude; big-endian), in id order: a
      // tenth of the time of one row per point or of a PostGIS collection (measured at bench scale).
      const read = await pool.query<{ points: Buffer | null }>(
        `SELECT string_agg(int8send(id) || float8send(ST_X(point)) || float8send(ST_Y(point)), ''::bytea) AS points
         FROM (SELECT ${source.alias}.id, ${point} AS point FROM ${source.table} ${source.alias}
               WHERE ${where} AND ${source.point} IS NOT NULL ORDER BY ${source.alias}.id) p`,
        values,
      );
      const points = read.rows[0]?.points;
      if (!points) return [];
      const count = points.length / 24;
      const ids = new Array<string>(count);
      const xs = new Float64Array(count);
      const ys = new Float64Array(count);
      let latitudes = 0;
      for (let index = 0; index < count; index++) {
        const at = index * 24;
        ids[index] = points.readBigInt64BE(at).toString();
        const lat = points.readDoubleBE(at + 16);
        latitudes += lat;
        // Web mercator (EPSG:3857), as ST_Transform(…, 3857) computes it.
        xs[index] = EARTH_RADIUS_M * ((points.readDoubleBE(at + 8) * Math.PI) / 180);
        ys[index] = EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
      }
      const scale = 1 / Math.cos((latitudes / count) * (Math.PI / 180));
      const labels = dbscan(xs, ys, distanceM * scale, minPoints);
      // The largest first (ties: the cluster whose first point comes first); only those are described below.
      const sizes = new Map<number, number>();
      for (const label of labels) if (label !== -1) sizes.set(label, (sizes.get(label) ?? 0) + 1);
      const top = new Set(
        [...sizes]
          .sort((a, b) => b[1] - a[1] || a[0] - b[0])
          .slice(0, limit)
          .map(([label]) => label),
      );
      const memberIds: string[] = [];
      const memberClusters: number[] = [];
      for (let index = 0; index < count; index++) {
        if (!top.has(labels[index]!)) continue;
        memberIds.push(ids[index]!);
        memberClusters.push(labels[index]!);
      }
      if (memberIds.length === 0) return [];
      // Key sums only where the counts are of people (residents).
      const keySum = (column: string) => (layer === 'residents' ? `sum(${column})` : '0');
      const result = await pool.query(
        `WITH
         assigned AS (SELECT * FROM unnest($${next + 1}::bigint[], $${next + 2}::int[]) AS a(id, cluster_id)),
         members AS (
           SELECT ${source.alias}.id, a.cluster_id, ${point} AS point, ${source.time} AS at, ${source.type} AS kind,
                  ${source.nationality} AS nationality${layer === 'residents' ? `, ${source.key} AS key` : ''}
           FROM assigned a JOIN ${source.table} ${source.alias} ON ${source.alias}.id = a.id
           WHERE ${where} AND ${source.point} IS NOT NULL),
         -- Coarse (for people, to roles that may not see them): every home point snapped to a 0.01° grid (~1.1 km)
         -- before the hull is drawn, so no corner of it is anyone's home; the centre and the dates blurred alike.
         summary AS (
           SELECT cluster_id, count(*) AS size, ${keySum('key')} AS size_key, array_agg(id ORDER BY id) AS member_ids,
                  CASE WHEN $${next + 3} THEN ST_Buffer(ST_ConvexHull(ST_Collect(ST_SnapToGrid(point, 0.01))), 0.005, 'quad_segs=1')
                       ELSE ST_ConvexHull(ST_Collect(point)) END AS hull,
                  CASE WHEN $${next + 3} THEN ST_SnapToGrid(ST_Centroid(ST_Collect(point)), 0.01)
                       ELSE ST_Centroid(ST_Collect(point)) END AS centre,
                  min(at) AS first_at, max(at) AS last_at
           FROM members GROUP BY cluster_id),
         top AS (SELECT * FROM summary),
         kinds AS (
           SELECT cluster_id, jsonb_object_agg(kind, jsonb_build_array(n, key)) AS types
           FROM (SELECT m.cluster_id, m.kind, count(*) AS n, ${keySum('m.key')} AS key FROM members m JOIN top USING (cluster_id) GROUP BY 1, 2) k
           GROUP BY 1),
         origins AS (
           SELECT cluster_id, jsonb_object_agg(nationality, jsonb_build_array(n, key)) AS nationalities
           FROM (SELECT m.cluster_id, m.nationality, count(*) AS n, ${keySum('m.key')} AS key FROM members m JOIN top USING (cluster_id)
                 WHERE m.nationality IS NOT NULL GROUP BY 1, 2) k
           GROUP BY 1)
         -- Each hull's distance is measured (geodesic) to the 8 border pieces (migration 0023) nearest to it on the
         -- plane, not along the whole 2,000 km of line.
         SELECT s.cluster_id, s.size, s.size_key, s.member_ids,
                ST_AsGeoJSON(CASE WHEN GeometryType(s.hull) = 'POLYGON' THEN s.hull ELSE ST_Buffer(s.hull::geography, 100)::geometry END, 6)::json AS hull,
                ST_X(s.centre) AS lon, ST_Y(s.centre) AS lat,
                -- Dates in the cluster's own zone (a cluster lies in one region); a resident's date is a calendar day.
                to_char(s.first_at AT TIME ZONE z.zone, CASE WHEN $${next + 3} THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END) AS first_at,
                to_char(s.last_at AT TIME ZONE z.zone, CASE WHEN $${next + 3} THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END) AS last_at,
                k.types, COALESCE(o.nationalities, '{}') AS nationalities,
                (SELECT min(ST_Distance(s.hull::geography, n.geom::geography)) / 1000
                 FROM (SELECT g.geom FROM border_piece g WHERE g.kind = 'land' ORDER BY g.geom <-> s.hull LIMIT 8) n) AS land_km,
                (SELECT min(ST_Distance(s.hull::geography, n.geom::geography)) / 1000
                 FROM (SELECT g.geom FROM border_piece g WHERE g.kind = 'sea' ORDER BY g.geom <-> s.hull LIMIT 8) n) AS sea_km
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
        [...values, memberIds, memberClusters, coarse],
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
