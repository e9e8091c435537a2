/**
 * Issue #14: the clusters are described in TypeScript from the points already read (sizes, members, centre, make-up,
 * dates, the hull's corners), with PostgreSQL drawing only the hulls and their distances to the border. Each cluster
 * of the demo data is described again here the way the SQL did before (ST_ConvexHull of every member, ST_Centroid,
 * min/max of the times in the cluster's zone, counts per type and nationality, key sums), and the two must agree —
 * exactly, except the centre's last bits (a mean summed in another order).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cellKey } from '../src/domain/disclosure-control.ts';
import { createClusterQueries, hullVertices, type ClusterRow } from '../src/repositories/cluster-queries.ts';
import { createTestApp, type TestContext } from './helpers.ts';

let context: TestContext;

beforeAll(async () => {
  context = await createTestApp();
});

afterAll(() => context.close());

interface Reference {
  /** The hull before widening: a polygon, or a line or point for members in a row or on one spot. */
  hull_type: string;
  size: number;
  size_key: string;
  hull: unknown;
  lon: number;
  lat: number;
  first_at: string | null;
  last_at: string | null;
  types: Record<string, [number, string]>;
  nationalities: Record<string, [number, string]>;
  land_km: number;
  sea_km: number;
}

const REFERENCE = {
  incidents: {
    table: 'incident',
    point: 'location',
    time: 'occurred_at',
    type: 'type',
    nationality: 'nationalities[1]',
    key: '0',
    zone: 'pantau_time_zone(desa_code)',
  },
  residents: {
    table: 'foreign_resident',
    point: 'home_point',
    time: "(permit_issued_on::timestamp AT TIME ZONE 'UTC')",
    type: 'permit_type',
    nationality: 'nationality',
    key: 'disclosure_key',
    zone: "'UTC'",
  },
} as const;

/** The description of one cluster's members as the SQL before issue #14 computed it. */
async function describeInSql(layer: 'incidents' | 'residents', ids: number[], coarse: boolean): Promise<Reference> {
  const s = REFERENCE[layer];
  const result = await context.pool.query<Reference>(
    `WITH members AS (
       SELECT id, ${s.point} AS point, ${s.time} AS at, ${s.type} AS kind, ${s.nationality} AS nationality,
              ${s.key}::bigint AS key, ${s.zone} AS zone
       FROM ${s.table} WHERE id = ANY($1::bigint[])),
     summary AS (
       SELECT count(*)::int AS size, sum(key) AS size_key,
              CASE WHEN $2 THEN ST_Buffer(ST_ConvexHull(ST_Collect(ST_SnapToGrid(point, 0.01))), 0.005, 'quad_segs=1')
                   ELSE ST_ConvexHull(ST_Collect(point)) END AS hull,
              CASE WHEN $2 THEN ST_SnapToGrid(ST_Centroid(ST_Collect(point)), 0.01)
                   ELSE ST_Centroid(ST_Collect(point)) END AS centre,
              GeometryType(ST_ConvexHull(ST_Collect(CASE WHEN $2 THEN ST_SnapToGrid(point, 0.01) ELSE point END))) AS hull_type,
              min(at) AS first_at, max(at) AS last_at,
              (SELECT zone FROM members WHERE id = (SELECT min(id) FROM members)) AS zone
       FROM members)
     SELECT size, size_key::text, hull_type,
            ST_AsGeoJSON(CASE WHEN GeometryType(hull) = 'POLYGON' THEN hull ELSE ST_Buffer(hull::geography, 100)::geometry END, 6)::json AS hull,
            ST_X(centre) AS lon, ST_Y(centre) AS lat,
            to_char(first_at AT TIME ZONE zone, CASE WHEN $2 THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END) AS first_at,
            to_char(last_at AT TIME ZONE zone, CASE WHEN $2 THEN 'YYYY-MM' ELSE 'YYYY-MM-DD' END) AS last_at,
            (SELECT jsonb_object_agg(kind, jsonb_build_array(n, k)) FROM
               (SELECT kind, count(*) AS n, sum(key)::text AS k FROM members GROUP BY kind) t) AS types,
            COALESCE((SELECT jsonb_object_agg(nationality, jsonb_build_array(n, k)) FROM
               (SELECT nationality, count(*) AS n, sum(key)::text AS k FROM members WHERE nationality IS NOT NULL
                GROUP BY nationality) t), '{}') AS nationalities,
            (SELECT min(ST_Distance(hull::geography, g.geom::geography)) / 1000 FROM border_piece g WHERE g.kind = 'land') AS land_km,
            (SELECT min(ST_Distance(hull::geography, g.geom::geography)) / 1000 FROM border_piece g WHERE g.kind = 'sea') AS sea_km
     FROM summary`,
    [ids, coarse],
  );
  return result.rows[0]!;
}

const cells = (counts: Record<string, [number, string]>) =>
  Object.fromEntries(Object.entries(counts).map(([name, [n, key]]) => [name, { count: n, key: cellKey(key) }]));

async function compare(layer: 'incidents' | 'residents', distanceM: number, minPoints: number, coarse: boolean) {
  const queries = createClusterQueries(context.pool);
  const clusters: ClusterRow[] = await queries.findClusters(
    layer,
    { areaCodes: ['61', '64', '65', '21'] },
    distanceM,
    minPoints,
    200,
    coarse,
  );
  expect(clusters.length).toBeGreaterThan(3);
  for (const cluster of clusters) {
    const reference = await describeInSql(layer, cluster.memberIds, coarse);
    expect(cluster.size).toEqual({ count: reference.size, key: cellKey(reference.size_key) });
    expect(cluster.memberIds).toEqual([...cluster.memberIds].sort((a, b) => a - b));
    if (reference.hull_type === 'POLYGON') {
      expect(cluster.hull).toEqual(reference.hull);
    } else {
      // A line or a point widened by 100 m: GEOS draws the line from either end (the order the members came in, which
      // the SQL never fixed), so the ring may start elsewhere; the shape is the same to 0.1 m.
      const apart = await context.pool.query<{ d: number }>(
        'SELECT ST_HausdorffDistance(ST_GeomFromGeoJSON($1), ST_GeomFromGeoJSON($2)) AS d',
        [JSON.stringify(cluster.hull), JSON.stringify(reference.hull)],
      );
      expect(apart.rows[0]!.d).toBeLessThan(1e-6);
    }
    expect(cluster.lon).toBeCloseTo(reference.lon, 9);
    expect(cluster.lat).toBeCloseTo(reference.lat, 9);
    expect([cluster.from, cluster.to]).toEqual([reference.first_at, reference.last_at]);
    expect(cluster.types).toEqual(cells(reference.types));
    expect(Object.keys(cluster.types)).toEqual(Object.keys(reference.types));
    expect(cluster.nationalities).toEqual(cells(reference.nationalities));
    // The nearest 8 pieces on the plane hold the nearest on the ground: the same distance as over every piece.
    expect(cluster.landBorderKm).toBeCloseTo(reference.land_km, 6);
    expect(cluster.seaBorderKm).toBeCloseTo(reference.sea_km, 6);
  }
}

describe('clusters described in TypeScript', () => {
  test('incidents, exact: the same as the SQL description', async () => {
    await compare('incidents', 1000, 4, false);
  });

  test('residents, coarse (snapped hull, blurred centre and dates, key sums): the same as the SQL description', async () => {
    await compare('residents', 800, 5, true);
  });

  test('the hull’s candidate corners: every corner of the hull, and no point strictly inside it', () => {
    const square: [number, number][] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [1, 1],
      [0.5, 1.5],
      [1, 0],
      [2, 2],
    ];
    const corners = hullVertices(square).map(([x, y]) => `${x},${y}`);
    for (const corner of ['0,0', '2,0', '2,2', '0,2']) expect(corners).toContain(corner);
    expect(corners).not.toContain('1,1');
    expect(corners).not.toContain('0.5,1.5');
    // Collinear and repeated points: the two ends are kept.
    const line = hullVertices([
      [0, 0],
      [1, 1],
      [2, 2],
      [2, 2],
    ]).map(([x, y]) => `${x},${y}`);
    expect(line).toContain('0,0');
    expect(line).toContain('2,2');
  });
});
