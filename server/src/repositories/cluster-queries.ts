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
import { addCells, cellKey, EMPTY_CELL, type Cell } from '../domain/disclosure-control.ts';

/** The sphere of web mercator (EPSG:3857). */
const EARTH_RADIUS_M = 6_378_137;

/** [lon, lat, disclosure key] of one record. */
export type KeyedPoint = [number, number, number];

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
      const points = await readClusterPoints(pool, layer, filter);
      if (points.count === 0) return [];
      const labels = dbscan(points.xs, points.ys, distanceM * points.scale, minPoints);
      const clusters = describeClusters(points, labels, limit, layer === 'residents', coarse);
      if (clusters.length === 0) return [];
      // PostgreSQL draws what needs its geometry: each hull (from the vertices found here), its distance to the border
      // pieces, and the dates in the cluster's zone — in two halves on two connections, so both cores work on it.
      const half = Math.ceil(clusters.length / 2);
      const parts = await Promise.all(
        [clusters.slice(0, half), clusters.slice(half)]
          .filter((part) => part.length > 0)
          .map((part) => drawClusters(pool, layer, part, coarse)),
      );
      const drawn = new Map(parts.flat().map((row) => [Number(row.cluster_id), row]));
      return clusters.map(({ vertices: _vertices, firstAt: _first, lastAt: _last, ...cluster }) => {
        const row = drawn.get(cluster.clusterId)!;
        return {
          ...cluster,
          hull: row.hull,
          from: row.first_at,
          to: row.last_at,
          landBorderKm: Number(row.land_km),
          seaBorderKm: Number(row.sea_km),
        };
      });
    },
  };
}

/** Each cluster's hull as GeoJSON (from its vertices), its distances to the border and its dates in its zone. */
async function drawClusters(
  pool: Pool,
  layer: ClusterLayer,
  clusters: readonly DescribedCluster[],
  coarse: boolean,
): Promise<DrawnCluster[]> {
  const result = await pool.query<DrawnCluster>(
    `SELECT c.cluster_id,
           ST_AsGeoJSON(CASE WHEN GeometryType(h.hull) = 'POLYGON' THEN h.hull ELSE ST_Buffer(h.hull::geography, 100)::geometry END, 6)::json AS hull,
           -- Dates in the cluster's own zone (a cluster lies in one region); a resident's date is a calendar day.
           to_char(to_timestamp(c.first_at) AT TIME ZONE z.zone, CASE WHEN $6 THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END) AS first_at,
           to_char(to_timestamp(c.last_at) AT TIME ZONE z.zone, CASE WHEN $6 THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END) AS last_at,
           -- Each hull's distance is measured (geodesic) to the border pieces (migration 0023) that can be the
           -- nearest: of the 8 nearest on the plane, those within NEAREST_RATIO times the nearest's distance.
           ${nearestBorderKm('land')} AS land_km,
           ${nearestBorderKm('sea')} AS sea_km
    FROM unnest($1::int[], $2::text[], $3::float8[], $4::float8[], $5::bigint[])
         AS c(cluster_id, vertices, first_at, last_at, first_member)
    -- Coarse (for people, to roles that may not see them): the hull of the home points snapped to a 0.01° grid
    -- (~1.1 km), so no corner of it is anyone's home, widened by half a cell.
    CROSS JOIN LATERAL (
      SELECT CASE WHEN $6 THEN ST_Buffer(ST_ConvexHull(ST_GeomFromText(c.vertices, 4326)), 0.005, 'quad_segs=1')
                  ELSE ST_ConvexHull(ST_GeomFromText(c.vertices, 4326)) END AS hull) h
    -- The zone of the cluster's region, from its first member; residents' dates are calendar days, in UTC.
    CROSS JOIN LATERAL (
      SELECT ${
        layer === 'incidents'
          ? `COALESCE((SELECT pantau_time_zone(earliest.desa_code) FROM incident earliest WHERE earliest.id = c.first_member), 'Asia/Jakarta')`
          : "'UTC'"
      } AS zone) z`,
    [
      clusters.map((cluster) => cluster.clusterId),
      clusters.map((cluster) => cluster.vertices),
      clusters.map((cluster) => cluster.firstAt),
      clusters.map((cluster) => cluster.lastAt),
      clusters.map((cluster) => cluster.memberIds[0]),
      coarse,
    ],
  );
  return result.rows;
}

/** A cluster as PostgreSQL draws it. */
interface DrawnCluster {
  cluster_id: number;
  hull: unknown;
  first_at: string | null;
  last_at: string | null;
  land_km: number;
  sea_km: number;
}

/**
 * Which border pieces can be the nearest on the ground. Between 12° S and 12° N a degree spans 108.9 km (of longitude
 * at 12°) to 111.3 km (at the equator), so a piece can be nearer on the ground only if its distance on the plane is
 * within 111.3 / 108.9 = 1.022 times the nearest's; 1.05 leaves a margin. Measuring only those (usually one or two)
 * gives the same minimum as measuring all 8, in a fraction of the time.
 */
const NEAREST_RATIO = 1.05;

const nearestBorderKm = (kind: 'land' | 'sea') =>
  `(SELECT min(ST_Distance(h.hull::geography, n.geom::geography)) / 1000
    FROM (SELECT g.geom, g.plane, min(g.plane) OVER () AS nearest
          FROM (SELECT b.geom, b.geom <-> h.hull AS plane FROM border_piece b WHERE b.kind = '${kind}'
                ORDER BY b.geom <-> h.hull LIMIT 8) g) n
    WHERE n.plane <= n.nearest * ${NEAREST_RATIO})`;

/** Every point of a layer's filter, as the clustering and the description need them. */
interface ClusterPoints {
  count: number;
  /** Record ids (below 2^53, so exact as doubles: read as such, a third cheaper than bigints). */
  ids: Float64Array;
  lons: Float64Array;
  lats: Float64Array;
  /** Web-mercator metres (EPSG:3857), as ST_Transform(…, 3857) computes them. */
  xs: Float64Array;
  ys: Float64Array;
  /** Seconds since 1970, NaN where there is no time. */
  times: Float64Array;
  keys: Int32Array;
  /** Index into `kinds` / `nationalities`, -1 for none. */
  kindOf: Int32Array;
  nationalityOf: Int32Array;
  kinds: string[];
  nationalities: string[];
  /** 1 / cos of the points' mean latitude: metres on the ground to metres of the projection. */
  scale: number;
}

/** Bytes per point of the one row read: id (as a double), longitude, latitude, time (8 each), key (4). */
const POINT_BYTES = 36;

/** The distinct values seen, each numbered as it first comes; '' (and nothing) is none, -1. */
class Dictionary {
  readonly names: string[] = [];
  readonly #numbers = new Map<string, number>();

  indexOf(value: string | undefined): number {
    if (!value) return -1;
    let number = this.#numbers.get(value);
    if (number === undefined) {
      number = this.names.length;
      this.#numbers.set(value, number);
      this.names.push(value);
    }
    return number;
  }
}

/**
 * Every point of the filter in one row, in id order: a tenth of the time of one row per point or of a PostGIS
 * collection (measured at bench scale). The kinds and nationalities come as numbers into two short lists.
 */
async function readClusterPoints(pool: Pool, layer: ClusterLayer, filter: OperationalFilter): Promise<ClusterPoints> {
  const source = SOURCES[layer];
  const { where, values } = buildLayerWhere(layer, filter);
  const point = pointOf(layer, filter);
  // The kinds and nationalities as two strings (joined by a unit separator), in the same order: cheaper than a
  // dictionary (two DISTINCTs and two joins cost as much again as the points).
  const read = await pool.query<{ points: Buffer | null; kinds: string | null; nationalities: string | null }>(
    `SELECT string_agg(float8send(id::float8) || float8send(ST_X(point)) || float8send(ST_Y(point))
                       || float8send(COALESCE(at, 'NaN')) || int4send(key), ''::bytea) AS points,
            string_agg(COALESCE(kind, ''), E'\\x1f') AS kinds,
            string_agg(COALESCE(nationality, ''), E'\\x1f') AS nationalities
     FROM (SELECT ${source.alias}.id, ${point} AS point, extract(epoch FROM ${source.time})::float8 AS at,
                  ${source.key}::int AS key, ${source.type}::text AS kind, ${source.nationality}::text AS nationality
           -- (An empty point has no coordinates: it would drop out of the binary row and not of the strings.)
           FROM ${source.table} ${source.alias}
           WHERE ${where} AND ${source.point} IS NOT NULL AND NOT ST_IsEmpty(${source.point})
           ORDER BY ${source.alias}.id) p`,
    values,
  );
  const row = read.rows[0];
  const buffer = row?.points ?? Buffer.alloc(0);
  const count = buffer.length / POINT_BYTES;
  const kindNames = row?.kinds?.split('\x1f') ?? [];
  const nationalityNames = row?.nationalities?.split('\x1f') ?? [];
  const kinds = new Dictionary();
  const nationalities = new Dictionary();
  const points: ClusterPoints = {
    count,
    ids: new Float64Array(count),
    lons: new Float64Array(count),
    lats: new Float64Array(count),
    xs: new Float64Array(count),
    ys: new Float64Array(count),
    times: new Float64Array(count),
    keys: new Int32Array(count),
    kindOf: new Int32Array(count),
    nationalityOf: new Int32Array(count),
    kinds: kinds.names,
    nationalities: nationalities.names,
    scale: 1,
  };
  let latitudes = 0;
  for (let index = 0; index < count; index++) {
    const at = index * POINT_BYTES;
    points.ids[index] = buffer.readDoubleBE(at);
    const lon = buffer.readDoubleBE(at + 8);
    const lat = buffer.readDoubleBE(at + 16);
    points.lons[index] = lon;
    points.lats[index] = lat;
    latitudes += lat;
    points.xs[index] = EARTH_RADIUS_M * ((lon * Math.PI) / 180);
    points.ys[index] = EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    points.times[index] = buffer.readDoubleBE(at + 24);
    points.keys[index] = buffer.readInt32BE(at + 32);
    points.kindOf[index] = kinds.indexOf(kindNames[index]);
    points.nationalityOf[index] = nationalities.indexOf(nationalityNames[index]);
  }
  if (count > 0) points.scale = 1 / Math.cos((latitudes / count) * (Math.PI / 180));
  return points;
}

/** A cluster as described here, before PostgreSQL draws its hull and dates. */
interface DescribedCluster extends Omit<ClusterRow, 'hull' | 'from' | 'to' | 'landBorderKm' | 'seaBorderKm'> {
  /** The hull's vertices (of the snapped points when coarse), as a WKT multipoint. */
  vertices: string;
  firstAt: number | null;
  lastAt: number | null;
}

/** C's rint: to the nearest integer, halves to the even one — as ST_SnapToGrid rounds. */
function rint(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** ST_SnapToGrid(…, size) of one coordinate. */
const snap = (value: number, size: number) => rint(value / size) * size;

/**
 * The `limit` largest clusters (ties: the cluster whose first point comes first), each with its size, members, centre,
 * make-up and first and last time — what the SQL description did, from the points already read.
 */
function describeClusters(
  points: ClusterPoints,
  labels: Int32Array,
  limit: number,
  people: boolean,
  coarse: boolean,
): DescribedCluster[] {
  const sizes = new Map<number, number>();
  for (const label of labels) if (label !== -1) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  const top = [...sizes]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([label]) => label);
  const slot = new Map(top.map((label, index) => [label, index]));
  const members: number[][] = top.map(() => []);
  for (let index = 0; index < points.count; index++) {
    const at = slot.get(labels[index]!);
    if (at !== undefined) members[at]!.push(index);
  }
  // Key sums only where the counts are of people (residents).
  const keyOf = (index: number) => (people ? points.keys[index]! : 0);
  return top.map((label, at) => {
    const mine = members[at]!;
    let keySum = 0;
    let lonSum = 0;
    let latSum = 0;
    let firstAt = Number.POSITIVE_INFINITY;
    let lastAt = Number.NEGATIVE_INFINITY;
    const kinds = new Map<number, Cell>();
    const origins = new Map<number, Cell>();
    const corners: [number, number][] = [];
    for (const index of mine) {
      const key = keyOf(index);
      keySum = cellKey(keySum + key);
      lonSum += points.lons[index]!;
      latSum += points.lats[index]!;
      const time = points.times[index]!;
      if (!Number.isNaN(time)) {
        firstAt = Math.min(firstAt, time);
        lastAt = Math.max(lastAt, time);
      }
      const kind = points.kindOf[index]!;
      if (kind !== -1) kinds.set(kind, addCells(kinds.get(kind) ?? EMPTY_CELL, { count: 1, key }));
      const origin = points.nationalityOf[index]!;
      if (origin !== -1) origins.set(origin, addCells(origins.get(origin) ?? EMPTY_CELL, { count: 1, key }));
      const lon = points.lons[index]!;
      const lat = points.lats[index]!;
      corners.push(coarse ? [snap(lon, 0.01), snap(lat, 0.01)] : [lon, lat]);
    }
    // ST_Centroid of the members' points is their mean; blurred to the grid like the hull when coarse.
    const lon = lonSum / mine.length;
    const lat = latSum / mine.length;
    return {
      clusterId: label,
      size: { count: mine.length, key: keySum },
      memberIds: mine.map((index) => points.ids[index]!),
      lon: coarse ? snap(lon, 0.01) : lon,
      lat: coarse ? snap(lat, 0.01) : lat,
      types: namedCells(kinds, points.kinds),
      nationalities: namedCells(origins, points.nationalities),
      vertices: `MULTIPOINT(${hullVertices(corners)
        .map(([x, y]) => `${x} ${y}`)
        .join(',')})`,
      firstAt: Number.isFinite(firstAt) ? firstAt : null,
      lastAt: Number.isFinite(lastAt) ? lastAt : null,
    };
  });
}

/** Counts by name, the names ordered as jsonb orders an object's keys (shorter first, then bytewise). */
function namedCells(counts: Map<number, Cell>, names: readonly string[]): Record<string, Cell> {
  const entries = [...counts].map(([index, value]) => [names[index]!, value] as const);
  const bytes = (name: string) => Buffer.from(name);
  entries.sort(([a], [b]) => bytes(a).length - bytes(b).length || Buffer.compare(bytes(a), bytes(b)));
  return Object.fromEntries(entries);
}

/**
 * The points that can be corners of the convex hull (Andrew's monotone chain, keeping points on an edge): PostGIS
 * takes the hull of these, the same hull as of every member, from a few dozen points instead of thousands.
 */
export function hullVertices(points: readonly [number, number][]): [number, number][] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique = sorted.filter(
    (point, index) => index === 0 || point[0] !== sorted[index - 1]![0] || point[1] !== sorted[index - 1]![1],
  );
  if (unique.length <= 2) return unique;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const chain = (ordered: [number, number][]) => {
    const hull: [number, number][] = [];
    for (const point of ordered) {
      while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, point) < 0) hull.pop();
      hull.push(point);
    }
    return hull;
  };
  const lower = chain(unique);
  const upper = chain([...unique].reverse());
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}
