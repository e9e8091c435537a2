/**
 * Spatial analysis in PostGIS (issue #5). Clusters: DBSCAN (`ST_ClusterDBSCAN`) in web-mercator metres, with the
 * distance scaled by 1/cos(latitude) at the points' mean latitude — Pantau's provinces lie between 11° S and 5° N,
 * where that scale varies by under 2%.
 */
import type { Pool } from '../db/pool.ts';
import { buildLayerWhere, type OperationalFilter } from './operational-repository.ts';

export type ClusterLayer = 'incidents' | 'residents' | 'workplaces';

export interface ClusterRow {
  clusterId: number;
  size: number;
  memberIds: number[];
  hull: unknown;
  lon: number;
  lat: number;
  from: string | null;
  to: string | null;
  types: Record<string, number>;
  nationalities: Record<string, number>;
  landBorderKm: number;
  seaBorderKm: number;
}

const SOURCES: Record<
  ClusterLayer,
  { table: string; alias: string; point: string; time: string; type: string; nationality: string }
> = {
  incidents: {
    table: 'incident',
    alias: 'i',
    point: 'i.location',
    time: 'i.occurred_at',
    type: 'i.type',
    nationality: 'i.nationalities[1]',
  },
  residents: {
    table: 'foreign_resident',
    alias: 'r',
    point: 'r.home_point',
    time: 'r.permit_issued_on::timestamptz',
    type: 'r.permit_type',
    nationality: 'r.nationality',
  },
  workplaces: {
    table: 'workplace',
    alias: 'w',
    point: 'w.location',
    time: 'w.created_at',
    type: 'w.sector',
    nationality: 'NULL::text',
  },
};

export function createAnalysisRepository(pool: Pool) {
  return {
    /** The filtered points of a layer as [lon, lat] pairs (for binning into hexagons). */
    async findPoints(layer: ClusterLayer, filter: OperationalFilter): Promise<[number, number][]> {
      const source = SOURCES[layer];
      const { where, values } = buildLayerWhere(layer, filter);
      const result = await pool.query<{ lon: number; lat: number }>(
        `SELECT ST_X(${source.point}) AS lon, ST_Y(${source.point}) AS lat
         FROM ${source.table} ${source.alias} WHERE ${where} AND ${source.point} IS NOT NULL`,
        values,
      );
      return result.rows.map((row) => [row.lon, row.lat]);
    },

    async findClusters(
      layer: ClusterLayer,
      filter: OperationalFilter,
      distanceM: number,
      minPoints: number,
      limit: number,
    ): Promise<ClusterRow[]> {
      const source = SOURCES[layer];
      const { where, values } = buildLayerWhere(layer, filter);
      const next = values.length;
      const result = await pool.query(
        `WITH points AS (
           SELECT ${source.alias}.id, ${source.point} AS point, ${source.time} AS at, ${source.type} AS kind, ${source.nationality} AS nationality
           FROM ${source.table} ${source.alias} WHERE ${where} AND ${source.point} IS NOT NULL),
         scale AS (SELECT 1 / cos(radians(COALESCE(avg(ST_Y(point)), 0))) AS factor FROM points),
         clustered AS (
           SELECT p.*, ST_ClusterDBSCAN(ST_Transform(p.point, 3857), eps => $${next + 1} * scale.factor, minpoints => $${next + 2})
                         OVER () AS cluster_id
           FROM points p, scale),
         members AS (SELECT * FROM clustered WHERE cluster_id IS NOT NULL),
         summary AS (
           SELECT cluster_id, count(*) AS size, array_agg(id ORDER BY id) AS member_ids,
                  ST_ConvexHull(ST_Collect(point)) AS hull, ST_Centroid(ST_Collect(point)) AS centre,
                  min(at) AS first_at, max(at) AS last_at
           FROM members GROUP BY cluster_id)
         SELECT s.cluster_id, s.size, s.member_ids,
                ST_AsGeoJSON(CASE WHEN GeometryType(s.hull) = 'POLYGON' THEN s.hull ELSE ST_Buffer(s.hull::geography, 100)::geometry END, 6)::json AS hull,
                ST_X(s.centre) AS lon, ST_Y(s.centre) AS lat,
                to_char(s.first_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS first_at, to_char(s.last_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last_at,
                (SELECT jsonb_object_agg(kind, n) FROM (SELECT kind, count(*) AS n FROM members m WHERE m.cluster_id = s.cluster_id GROUP BY kind) k) AS types,
                COALESCE((SELECT jsonb_object_agg(nationality, n) FROM (SELECT nationality, count(*) AS n FROM members m
                          WHERE m.cluster_id = s.cluster_id AND nationality IS NOT NULL GROUP BY nationality) k), '{}') AS nationalities,
                (SELECT min(ST_Distance(s.hull::geography, b.geom::geography)) / 1000 FROM border_line b WHERE b.kind = 'land') AS land_km,
                (SELECT min(ST_Distance(s.hull::geography, b.geom::geography)) / 1000 FROM border_line b WHERE b.kind = 'sea') AS sea_km
         FROM summary s ORDER BY s.size DESC, s.cluster_id LIMIT $${next + 3}`,
        [...values, distanceM, minPoints, limit],
      );
      return result.rows.map((row) => ({
        clusterId: Number(row.cluster_id),
        size: Number(row.size),
        memberIds: row.member_ids.map(Number),
        hull: row.hull,
        lon: row.lon,
        lat: row.lat,
        from: row.first_at,
        to: row.last_at,
        types: row.types ?? {},
        nationalities: row.nationalities ?? {},
        landBorderKm: Number(row.land_km),
        seaBorderKm: Number(row.sea_km),
      }));
    },
  };
}

export type AnalysisRepository = ReturnType<typeof createAnalysisRepository>;
