/**
 * Draw and measure (issue #12): an area drawn on the map limits every layer and analysis to it. For roles that may
 * see people, exactly the records inside it (checked against PostGIS); the caller's area still applies on top; bad
 * areas are refused with a clear message. (Roles that may not see people get whole regions: the attacker suite.)
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let outsider: SignedIn;

/** A pentagon over Entikong and the border crossing (Kab. Sanggau). */
const RING = [
  [110.25, 0.95],
  [110.45, 0.93],
  [110.55, 1.05],
  [110.4, 1.2],
  [110.22, 1.1],
];
const WITHIN = RING.flat().join(',');
const WKT = `POLYGON((${[...RING, RING[0]!].map(([lon, lat]) => `${lon} ${lat}`).join(',')}))`;
const PERIOD = 'from=2024-01-01&to=2026-11-30';

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61']);
  outsider = await context.signInAs('intel', ['21']);
});
afterAll(() => context.close());

describe('an area drawn on the map', () => {
  test('limits incident points, roll-ups and the view summary to the records inside it', async () => {
    const points = await context.getJson(intel, `/api/layers/incidents/points?${PERIOD}&within=${WITHIN}`);
    const direct = await context.pool.query<{ id: string }>(
      `SELECT id FROM incident WHERE ST_Intersects(location, ST_GeomFromText($1, 4326))
         AND occurred_at >= '2023-12-31' AND occurred_at < '2026-12-02' ORDER BY id`,
      [WKT],
    );
    expect(direct.rows.length).toBeGreaterThan(0);
    const ids: number[] = points.points.map((incident: { id: number }) => incident.id);
    // The server cuts the period at local midnight: the direct query's day wider either side holds them all.
    const inside = new Set(direct.rows.map((row) => Number(row.id)));
    for (const id of ids) expect(inside.has(id), String(id)).toBe(true);
    expect(ids.length).toBeGreaterThan(0);
    const all = await context.getJson(intel, `/api/layers/incidents/points?${PERIOD}`);
    expect(all.points.length).toBeGreaterThan(ids.length);

    const residents = await context.getJson(intel, `/api/layers/residents/summary?level=desa&within=${WITHIN}`);
    const counted = await context.pool.query<{ code: string; n: number }>(
      `SELECT desa_code AS code, count(*)::int AS n FROM foreign_resident
       WHERE ST_Intersects(home_point, ST_GeomFromText($1, 4326)) AND permit_issued_on <= current_date
         AND left_on IS NULL GROUP BY 1 ORDER BY 1`,
      [WKT],
    );
    const shown = new Map(residents.regions.map((row: { code: string; people: number }) => [row.code, row.people]));
    expect(counted.rows.length).toBeGreaterThan(0);
    for (const row of counted.rows) expect(shown.get(row.code), row.code).toBe(row.n);
    const summary = await context.getJson(intel, `/api/layers/summary?level=desa&within=${WITHIN}`);
    expect(summary.people).toBe(counted.rows.reduce((sum, row) => sum + row.n, 0));
  });

  test('limits the analyses: hot spots cover the desa touching it, clusters and hexagons the points inside it', async () => {
    const spots = await context.getJson(intel, `/api/analysis/hotspots?layer=incidents&within=${WITHIN}`);
    const touching = await context.pool.query<{ code: string }>(
      `SELECT code FROM desa WHERE left(code, 2) = '61' AND ST_Intersects(geom, ST_GeomFromText($1, 4326)) ORDER BY code`,
      [WKT],
    );
    expect(touching.rows.length).toBeGreaterThan(0);
    expect(spots.summary.units).toBe(touching.rows.length);
    const hexagons = await context.getJson(
      intel,
      `/api/analysis/hexagons?layer=incidents&resolution=7&within=${WITHIN}`,
    );
    const everywhere = await context.getJson(intel, '/api/analysis/hexagons?layer=incidents&resolution=7');
    const total = (answer: { cells: { count: number }[] }) => answer.cells.reduce((sum, cell) => sum + cell.count, 0);
    expect(total(hexagons)).toBeGreaterThan(0);
    expect(total(hexagons)).toBeLessThan(total(everywhere));
  });

  test('the caller’s area still applies: an area drawn elsewhere holds nothing of this account', async () => {
    const points = await context.getJson(outsider, `/api/layers/incidents/points?${PERIOD}&within=${WITHIN}`);
    expect(points.points).toEqual([]);
  });

  test('refuses what is not an area, in both languages', async () => {
    for (const within of [
      '110.2,0.9,110.3,0.9',
      '110.2,0.9,110.3,0.9,110.4,0.9',
      '110.2,0.9,110.3,0.9,110.4',
      '190,0.9,110.3,0.9,110.4,1.0',
      Array.from({ length: 202 }, (_, index) => `${110 + index / 1000},${index % 2}`).join(','),
      'abc',
    ]) {
      const response = await context.request(intel, {
        method: 'GET',
        url: `/api/layers/incidents/summary?within=${within}`,
      });
      expect(response.statusCode, within.slice(0, 40)).toBe(400);
      const body = response.json();
      expect(['INVALID_AREA', 'INVALID_REQUEST']).toContain(body.code);
      expect(body.message.id.length).toBeGreaterThan(10);
      expect(body.message.en.length).toBeGreaterThan(10);
    }
    // A self-crossing ring (a bow tie) is an area still: made valid, not refused.
    const bowTie = await context.request(intel, {
      method: 'GET',
      url: '/api/layers/incidents/summary?level=desa&within=110.2,0.9,110.6,1.2,110.6,0.9,110.2,1.0',
    });
    expect(bowTie.statusCode).toBe(200);
  });
});
