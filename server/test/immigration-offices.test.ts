/**
 * Immigration offices (issue #12): the Kanim of the seven provinces are data every role reads; only an admin corrects
 * one, on the version read, audited; a wrong location or code is a clear 4xx.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let admin: SignedIn;
let member: SignedIn;
let original: { lon: number; lat: number; town: string; areas: string[]; version: number };

beforeAll(async () => {
  context = await createTestApp();
  admin = await context.signInAs('admin', ['61']);
  member = await context.signInAs('member', ['61.03']);
  const office = (await context.getJson(admin, '/api/immigration-offices')).offices.find(
    (candidate: { code: string }) => candidate.code === 'sanggau',
  );
  original = office;
});
afterAll(async () => {
  // Put the seeded office back as it was, for the other test files.
  await context.pool.query(
    `UPDATE immigration_office SET location = ST_SetSRID(ST_Point($2, $3), 4326), town = $4, areas = $5, located = 'town'
     WHERE code = $1`,
    ['sanggau', original.lon, original.lat, original.town, original.areas],
  );
  await context.close();
});

describe('immigration offices', () => {
  test('every role reads the offices of the seven provinces, each in its province, with the known working areas', async () => {
    const { offices } = await context.getJson(member, '/api/immigration-offices');
    const provinces = new Set(offices.map((office: { provinsiCode: string }) => office.provinsiCode));
    expect([...provinces].sort()).toEqual(['14', '21', '53', '61', '62', '64', '65']);
    const sanggau = offices.find((office: { code: string }) => office.code === 'sanggau');
    expect(sanggau).toMatchObject({ provinsiCode: '61', located: 'town', areas: ['61.03', '61.09', '61.05', '61.10'] });
    // Each seeded town lies in its own province's boundaries (a swapped longitude and latitude would not).
    const outside = await context.pool.query(
      `SELECT o.code FROM immigration_office o JOIN provinsi p ON p.code = o.provinsi_code
       WHERE NOT ST_DWithin(p.geom::geography, o.location::geography, 5000)`,
    );
    expect(outside.rows).toEqual([]);
  });

  test('an admin corrects a location on the version read; the change is audited; a stale one is refused', async () => {
    const changed = await context.request(admin, {
      method: 'PUT',
      url: '/api/immigration-offices/sanggau',
      payload: { lon: 110.5952, lat: 0.1185, version: original.version },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      lon: 110.5952,
      lat: 0.1185,
      located: 'corrected',
      version: original.version + 1,
      areas: original.areas,
    });
    const audit = await context.pool.query(
      `SELECT before, after FROM audit_log WHERE action = 'office.update' AND target_id = 'sanggau' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({ before: { lon: original.lon }, after: { lon: 110.5952 } });
    const stale = await context.request(admin, {
      method: 'PUT',
      url: '/api/immigration-offices/sanggau',
      payload: { lon: 110.6, lat: 0.12, version: original.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', details: { version: original.version + 1 } });
  });

  test('other roles may not change an office; wrong input is a 4xx with both languages, never a 5xx', async () => {
    const refused = await context.request(member, {
      method: 'PUT',
      url: '/api/immigration-offices/sanggau',
      payload: { lon: 110.6, lat: 0.12, version: 1 },
    });
    expect(refused.statusCode).toBe(403);
    for (const [url, payload, status] of [
      ['/api/immigration-offices/sanggau', { lon: 10, lat: 0.12, version: 1 }, 400],
      ['/api/immigration-offices/sanggau', { lon: 110.6, lat: 0.12, version: 1, areas: ['61'] }, 400],
      ['/api/immigration-offices/sanggau', { lon: 110.6, lat: 0.12 }, 400],
      ['/api/immigration-offices/NOT_A_CODE', { lon: 110.6, lat: 0.12, version: 1 }, 400],
      ['/api/immigration-offices/nowhere', { lon: 110.6, lat: 0.12, version: 1 }, 404],
    ] as const) {
      const response = await context.request(admin, { method: 'PUT', url, payload });
      expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(status);
      expect(response.json().message).toMatchObject({ id: expect.any(String), en: expect.any(String) });
    }
  });
});
