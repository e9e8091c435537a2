/** DBSCAN clusters (issue #5): planted clusters are found with the right members; people stay hidden from members. */
import { getResolution, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLANTED_CLUSTERS } from '../src/demo/profiles.ts';
import { MAX_PERTURBATION } from '../src/domain/disclosure-control.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
let plantedIds: number[] = [];

/** Metres east and north of a point, in degrees (near the equator). */
const offset = (lon: number, lat: number, eastM: number, northM: number): [number, number] => [
  lon + eastM / (111_320 * Math.cos((lat * Math.PI) / 180)),
  lat + northM / 110_574,
];

beforeAll(async () => {
  context = await createTestApp();
  await context.pool.query(`DELETE FROM incident WHERE 'ZZX' = ANY(nationalities)`);
  // Six incidents within ~400 m of a spot near Sanggau town, and two loners 5 and 20 km away.
  const centre: [number, number] = [110.6, 0.12];
  const places = [
    [0, 0],
    [300, 0],
    [0, 300],
    [-250, 100],
    [150, -300],
    [400, 200],
    [5000, 0],
    [0, 20000],
  ].map(([east, north]) => offset(centre[0], centre[1], east!, north!));
  for (const [index, [lon, lat]] of places.entries()) {
    const inserted = await context.pool.query<{ id: number }>(
      `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, reporting_agency)
       SELECT $1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), d.code, ARRAY['ZZX'], 2, 'sedang', 'POLRI'
       FROM desa d WHERE ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint($3, $4), 4326)) ORDER BY d.code LIMIT 1 RETURNING id`,
      [index % 2 === 0 ? 'tppo' : 'overstay', `2026-0${1 + (index % 6)}-15T10:00:00Z`, lon, lat],
    );
    if (index < 6) plantedIds.push(Number(inserted.rows[0]!.id));
  }
  plantedIds = plantedIds.sort((a, b) => a - b);
  intel = await context.signInAs('intel', ['61']);
  member = await context.signInAs('member', ['61']);
});
afterAll(async () => {
  await context.pool.query(`DELETE FROM incident WHERE 'ZZX' = ANY(nationalities)`);
  await context.close();
});

const clusters = async (as: SignedIn, query: string) => {
  const response = await context.request(as, { method: 'GET', url: `/api/analysis/clusters?${query}` });
  expect({ status: response.statusCode, body: response.statusCode === 200 ? 'ok' : response.body }).toEqual({
    status: 200,
    body: 'ok',
  });
  return response.json();
};

describe('H3 hexagons', () => {
  test('every point is counted once, in the cell that holds it', async () => {
    const response = await context.request(intel, {
      method: 'GET',
      url: '/api/analysis/hexagons?layer=incidents&nationality=ZZX&resolution=7',
    });
    expect(response.statusCode).toBe(200);
    const { cells, parameters } = response.json();
    expect(parameters).toMatchObject({ resolution: 7, nationality: 'ZZX' });
    expect(cells.reduce((sum: number, cell: { count: number }) => sum + cell.count, 0)).toBe(8);
    for (const cell of cells) {
      expect(getResolution(cell.h3)).toBe(7);
      expect(latLngToCell(cell.lat, cell.lon, 7)).toBe(cell.h3);
    }
    // The six planted within ~400 m share at most two neighbouring cells.
    expect(
      cells
        .filter((cell: { count: number }) => cell.count >= 2)
        .reduce((sum: number, cell: { count: number }) => sum + cell.count, 0),
    ).toBeGreaterThanOrEqual(5);
  });

  test('for a member, cells of people are perturbed and cells below three (or empty) are left out alike', async () => {
    const url = '/api/analysis/hexagons?layer=residents&resolution=9';
    const asMember = (await context.request(member, { method: 'GET', url })).json();
    const asIntel = (await context.request(intel, { method: 'GET', url })).json();
    expect(asMember.disclosureControl).toBe(true);
    expect(asMember.cells.length).toBeGreaterThan(10);
    // Every published cell holds at least three people after perturbation; none says "< 3" (it would mark a cell
    // that is not empty), and each differs from the true count by at most the perturbation's bound.
    const exact = new Map(asIntel.cells.map((cell: { h3: string; count: number }) => [cell.h3, cell.count]));
    for (const cell of asMember.cells as { h3: string; count: number }[]) {
      expect(typeof cell.count === 'number' && cell.count >= 3).toBe(true);
      expect(Math.abs(cell.count - (exact.get(cell.h3) as number))).toBeLessThanOrEqual(MAX_PERTURBATION);
    }
    // Cells of one or two people exist for intel but not for the member.
    const small = asIntel.cells.filter((cell: { count: number }) => cell.count < 3);
    expect(small.length).toBeGreaterThan(0);
    const shown = new Set(asMember.cells.map((cell: { h3: string }) => cell.h3));
    expect(small.filter((cell: { h3: string }) => shown.has(cell.h3)).length).toBeLessThan(small.length);
  });

  test('the heat map’s cells (geometry=false) are the same published cells, without their polygons', async () => {
    const url = '/api/analysis/hexagons?layer=residents&resolution=8';
    const withShapes = (await context.request(member, { method: 'GET', url })).json();
    const response = await context.request(member, { method: 'GET', url: `${url}&geometry=false` });
    expect(response.statusCode).toBe(200);
    const centres = response.json();
    expect(centres.disclosureControl).toBe(true);
    expect(centres.cells.length).toBeGreaterThan(0);
    expect(centres.cells.every((cell: object) => !('geometry' in cell))).toBe(true);
    expect(withShapes.cells.every((cell: { geometry?: { type: string } }) => cell.geometry?.type === 'Polygon')).toBe(
      true,
    );
    const strip = ({ geometry: _geometry, ...cell }: { geometry?: unknown }) => cell;
    expect(centres.cells).toEqual(withShapes.cells.map(strip));
    // A GeoJSON download always has the polygons.
    const file = await context.request(member, { method: 'GET', url: `${url}&geometry=false&format=geojson` });
    const features = JSON.parse(file.body).features as { geometry: { type: string } | null }[];
    expect(features.length).toBe(centres.cells.length);
    expect(features.every((feature) => feature.geometry?.type === 'Polygon')).toBe(true);
  });
});

describe('DBSCAN clusters', () => {
  test('the planted cluster is found with exactly its six members; the loners are noise', async () => {
    const body = await clusters(intel, 'layer=incidents&nationality=ZZX&distanceM=1000&minPoints=4');
    expect(body.clusters).toHaveLength(1);
    const [cluster] = body.clusters;
    expect(cluster).toMatchObject({
      rank: 1,
      size: 6,
      memberIds: plantedIds,
      types: { tppo: 3, overstay: 3 },
      nationalities: { ZZX: 6 },
    });
    expect(cluster.from).toBe('2026-01-15');
    expect(cluster.to).toBe('2026-06-15');
    expect(cluster.hull.type).toBe('Polygon');
    expect(cluster.landBorderKm).toBeGreaterThan(60);
    // The distances match PostGIS measuring the hull against the whole, unsplit border lines (to 0.1 km).
    const reference = await context.pool.query(
      `SELECT b.kind, ST_Distance(ST_GeomFromGeoJSON($1)::geography, b.geom::geography) / 1000 AS km
       FROM border_line b`,
      [JSON.stringify(cluster.hull)],
    );
    const nearest = (kind: string) =>
      Math.min(...reference.rows.filter((row) => row.kind === kind).map((row) => Number(row.km)));
    expect(Math.abs(cluster.landBorderKm - nearest('land'))).toBeLessThanOrEqual(0.1);
    expect(Math.abs(cluster.seaBorderKm - nearest('sea'))).toBeLessThanOrEqual(0.1);
    expect(body.parameters).toMatchObject({ distanceM: 1000, minPoints: 4, nationality: 'ZZX' });
    // A wider radius takes in the loner 5 km away.
    const wide = await clusters(intel, 'layer=incidents&nationality=ZZX&distanceM=6000&minPoints=4');
    expect(wide.clusters[0].size).toBe(7);
  });

  test('the demo data’s planted crossings at Jagoi Babang come out on top', async () => {
    const planted = PLANTED_CLUSTERS.find((cluster) => cluster.type === 'illegal_crossing')!;
    const body = await clusters(
      intel,
      `layer=incidents&incidentType=illegal_crossing&from=${planted.from}&distanceM=1500&minPoints=10`,
    );
    const top = body.clusters[0];
    const km = Math.hypot((top.lon - planted.lon) * 111.32, (top.lat - planted.lat) * 110.57);
    expect(km).toBeLessThan(3);
    // The planted spot lies about 18 km from the (approximate) land border.
    expect(top.landBorderKm).toBeGreaterThan(10);
    expect(top.landBorderKm).toBeLessThan(25);
  });

  test('clusters of people: a member sees hulls and sizes, not who is in them', async () => {
    const asIntel = await clusters(intel, 'layer=residents&distanceM=500&minPoints=5');
    expect(asIntel.clusters.length).toBeGreaterThan(0);
    expect(asIntel.clusters[0].memberIds.length).toBe(asIntel.clusters[0].size);
    const asMember = await clusters(member, 'layer=residents&distanceM=500&minPoints=5');
    // Sizes perturbed by at most the bound, cluster for cluster (clusters of five or more stay above the threshold).
    expect(asMember.clusters).toHaveLength(asIntel.clusters.length);
    asMember.clusters.forEach((cluster: { size: number }, index: number) =>
      expect(Math.abs(cluster.size - asIntel.clusters[index].size)).toBeLessThanOrEqual(MAX_PERTURBATION),
    );
    expect(asMember.clusters.every((cluster: { memberIds: number[] }) => cluster.memberIds.length === 0)).toBe(true);
    const tooSmall = await context.request(member, {
      method: 'GET',
      url: '/api/analysis/clusters?layer=residents&minPoints=2',
    });
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().code).toBe('MIN_POINTS_TOO_SMALL');
  });
});
