/**
 * Point tiles where points crowd (issue #14, server/src/repositories/point-tile-sql.ts): below z13 the points of one
 * 32-pixel cell, four or more, come as one cluster with their count; a point on its own stays itself, with its id;
 * from z13 every point is itself. A hand-made fixture (made-up nationality ZZX) of 12 homes and 12 incidents within
 * a few metres of each other in Entikong (the incidents in June 2045), and two of each 5 km away.
 */
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, tileAt, type SignedIn, type TestContext } from './helpers.ts';

const ENTIKONG = '61.03.21.2003';
const [LON, LAT] = [110.35, 0.97];
let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
let crowdIds: number[] = [];

const decode = (payload: Buffer) => new VectorTile(new PbfReader(gunzipSync(payload)));
const clean = `DELETE FROM foreign_resident WHERE nationality = 'ZZX'; DELETE FROM incident WHERE 'ZZX' = ANY(nationalities)`;

beforeAll(async () => {
  context = await createTestApp();
  await context.pool.query(clean);
  // 12 within ~5 m of (LON, LAT), and two lone ones 5 km west and 5 km north (in the same z9 tile).
  const places = [
    ...Array.from({ length: 12 }, (_, index) => [LON + (index % 4) * 0.00002, LAT + Math.floor(index / 4) * 0.00002]),
    [LON - 0.045, LAT],
    [LON, LAT + 0.045],
  ];
  for (const [lon, lat] of places) {
    const resident = await context.pool.query<{ id: string }>(
      `INSERT INTO foreign_resident (full_name, nationality, sex, passport_number, permit_type, permit_issued_on,
                                     permit_expires_on, desa_code, home_point, status)
       VALUES ('Fixture Person', 'ZZX', 'F', 'X0000001', 'ITAS', '2026-01-01', '2027-01-01', $1,
               ST_SetSRID(ST_MakePoint($2, $3), 4326), 'active') RETURNING id`,
      [ENTIKONG, lon, lat],
    );
    crowdIds.push(Number(resident.rows[0]!.id));
    await context.pool.query(
      `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, status, reporting_agency)
       VALUES ('illegal_crossing', '2045-06-10T08:00:00Z', ST_SetSRID(ST_MakePoint($2, $3), 4326), $1, ARRAY['ZZX'], 1,
               'sedang', 'reported', 'POLRI')`,
      [ENTIKONG, lon, lat],
    );
  }
  crowdIds = crowdIds.slice(0, 12);
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03']);
});

afterAll(async () => {
  await context.pool.query(clean);
  await context.close();
});

/** Every feature of a tile layer, as [count or 1, id or null]. */
function featuresOf(tile: VectorTile, layer: string): { count: number; id: number | null }[] {
  const found = tile.layers[layer];
  if (!found) return [];
  return Array.from({ length: found.length }, (_, index) => {
    const feature = found.feature(index);
    return { count: Number(feature.properties.count ?? 1), id: feature.id === undefined ? null : Number(feature.id) };
  });
}

async function tileOf(who: SignedIn, layer: 'residents' | 'incidents', z: number, lon = LON, lat = LAT) {
  const [x, y] = tileAt(lon, lat, z);
  // Incidents in a month of 2045 no demo record reaches (a member may not ask for a list of nationalities).
  const query = layer === 'residents' ? 'nationality=ZZX&to=2026-06-30' : 'from=2045-06-01&to=2045-06-30';
  const response = await context.request(who, { method: 'GET', url: `/tiles/${layer}/${z}/${x}/${y}.mvt?${query}` });
  expect(response.statusCode, `${layer} z${z}`).toBe(200);
  return decode(response.rawPayload);
}

describe('point tiles gather crowded points into clusters below z13', () => {
  test.each([
    ['residents', 'intel'],
    ['incidents', 'intel'],
    ['incidents', 'member'],
  ] as const)('%s for %s: the twelve as one cluster of 12 at z9–z12, twelve points from z13', async (layer, role) => {
    const who = role === 'intel' ? intel : member;
    for (const z of [9, 10, 11, 12]) {
      const tile = await tileOf(who, layer, z);
      expect(featuresOf(tile, `${layer}_clusters`), `z${z}`).toEqual([{ count: 12, id: null }]);
      // None of the twelve is also drawn on its own.
      const singles = featuresOf(tile, layer).map((feature) => feature.id);
      expect(
        singles.filter((id) => id !== null && crowdIds.includes(id)),
        `z${z}`,
      ).toEqual([]);
    }
    for (const z of [13, 14]) {
      const tile = await tileOf(who, layer, z);
      expect(featuresOf(tile, `${layer}_clusters`), `z${z}`).toEqual([]);
      expect(featuresOf(tile, layer), `z${z}`).toHaveLength(12);
    }
  });

  test('a point on its own stays itself, with its id, and the counts add up to the points', async () => {
    // At z9 all fourteen fall in one tile: one cluster of 12 and the two lone ones.
    const tile = await tileOf(intel, 'residents', 9);
    const lone = featuresOf(tile, 'residents');
    expect(lone).toHaveLength(2);
    expect(lone.every((feature) => feature.id !== null && !crowdIds.includes(feature.id))).toBe(true);
    const total = [...lone, ...featuresOf(tile, 'residents_clusters')].reduce((sum, feature) => sum + feature.count, 0);
    expect(total).toBe(14);
  });
});
