/**
 * The charts (issue #11): their numbers are the ones the rest of the map answers — incidents as counted by the
 * summary, residents as the roll-ups publish them — and, for roles that may not see people, a chart asks nothing the
 * filters could not already ask (one breakdown at a time, published cells only).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NATIONALITY_GROUPS } from '../src/schemas/vocabulary.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
let admin: SignedIn;

const FROM = '2026-01-01';
const TO = '2026-06-30';

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03']);
  admin = await context.signInAs('admin', ['61']);
});
afterAll(() => context.close());

const published = (value: number | string) => (typeof value === 'number' ? value : 0);

describe('incidents over time', () => {
  test('each month holds the incidents of that local month, and the months add up to the summary strip', async () => {
    const series = await context.getJson(intel, `/api/charts/incidents?region=61.03&from=${FROM}&to=${TO}`);
    expect(series.months.map((month: { month: string }) => month.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    const direct = await context.pool.query(
      `SELECT left(pantau_local_timestamp(occurred_at, desa_code), 7) AS month, count(*)::int AS n FROM incident
       WHERE left(desa_code, 5) = '61.03' AND pantau_local_timestamp(occurred_at, desa_code) >= '2026-01'
         AND pantau_local_timestamp(occurred_at, desa_code) < '2026-07' GROUP BY 1`,
    );
    const expected = Object.fromEntries(direct.rows.map((row) => [row.month, row.n]));
    let sum = 0;
    for (const month of series.months) {
      expect(month.total).toBe(expected[month.month] ?? 0);
      expect(Object.values(month.byType).reduce((a: number, b) => a + (b as number), 0)).toBe(month.total);
      sum += month.total;
    }
    expect(sum).toBeGreaterThan(0);
    const summary = await context.getJson(intel, `/api/layers/summary?region=61.03&from=${FROM}&to=${TO}`);
    expect(sum).toBe(summary.incidents);
  });

  test('a type filter narrows the chart; the default period is the last twelve months', async () => {
    const series = await context.getJson(intel, `/api/charts/incidents?region=61.03&incidentType=tppo`);
    expect(series.months).toHaveLength(12);
    for (const month of series.months) expect(Object.keys(month.byType).every((type) => type === 'tppo')).toBe(true);
  });

  test('a period too long or backwards is a clear 400', async () => {
    for (const url of [
      '/api/charts/incidents?from=2010-01-01&to=2026-01-01',
      '/api/charts/residents?from=2026-05-01&to=2026-01-01',
      '/api/charts/incidents?from=not-a-date',
      // Far out: refused at the edge, before any month of it is built (it once stalled the server).
      '/api/charts/incidents?to=9999-12-31',
      '/api/charts/residents?from=0001-01-01&to=2026-01-01',
      '/api/exports/brief.pdf?region=61.03&to=9999-12-31',
    ]) {
      const response = await context.request(intel, { method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().message).toMatchObject({ id: expect.any(String), en: expect.any(String) });
    }
  });
});

describe('residents over time', () => {
  test('intel: each month is the exact stock on its last day, by permit type', async () => {
    const series = await context.getJson(intel, `/api/charts/residents?region=61.03&from=${FROM}&to=${TO}`);
    expect(series.disclosureControl).toBe(false);
    const last = series.months.at(-1);
    expect(last.day).toBe(TO);
    const summary = await context.getJson(intel, `/api/layers/summary?region=61.03&from=${TO}&to=${TO}`);
    expect(last.total).toBe(summary.people);
    expect(last.total).toBeGreaterThan(0);
    const direct = await context.pool.query(
      `SELECT permit_type, count(*)::int AS n FROM foreign_resident WHERE left(desa_code, 5) = '61.03'
       AND permit_issued_on <= $1 AND (left_on IS NULL OR left_on >= $1) GROUP BY 1`,
      [TO],
    );
    expect(last.byPermit).toEqual(Object.fromEntries(direct.rows.map((row) => [row.permit_type, row.n])));
  });

  test('member: each number is the sum of the published regions that filter would show', async () => {
    const series = await context.getJson(
      member,
      `/api/charts/residents?region=61.03&level=kecamatan&from=${FROM}&to=${TO}`,
    );
    expect(series.disclosureControl).toBe(true);
    let publishedSum = 0;
    for (const month of series.months.slice(-2)) {
      for (const permit of ['ITAS', 'ITK', 'ITAP']) {
        const rollUp = await context.getJson(
          member,
          `/api/layers/residents/summary?region=61.03&level=kecamatan&permitType=${permit}&to=${month.day}`,
        );
        const expected = rollUp.regions.reduce(
          (sum: number, region: { people: number | string }) => sum + published(region.people),
          0,
        );
        expect(month.byPermit[permit] ?? 0, `${month.month} ${permit}`).toBe(expected);
        publishedSum += expected;
      }
    }
    // Not a comparison of zeros: the roll-ups publish people here.
    expect(publishedSum).toBeGreaterThan(0);
  });

  test('member: a filter that already breaks down by nationality group gets totals only', async () => {
    const series = await context.getJson(
      member,
      `/api/charts/residents?region=61.03&nationalityGroup=malaysia&from=${FROM}&to=${TO}`,
    );
    expect(series.breakdownWithheld).toBe(true);
    for (const month of series.months) expect(month.byPermit).toBeNull();
    const rollUp = await context.getJson(
      member,
      `/api/layers/residents/summary?region=61.03&level=kabupaten&nationalityGroup=malaysia&to=${TO}`,
    );
    expect(series.months.at(-1).total).toBe(
      rollUp.regions.reduce((sum: number, region: { people: number | string }) => sum + published(region.people), 0),
    );
  });

  test('member: lists of values and lists of countries are refused as everywhere else', async () => {
    for (const url of [
      '/api/charts/residents?permitType=ITAS,ITK',
      '/api/charts/breakdown?nationality=MYS',
      '/api/charts/residents?nationalityGroup=malaysia&permitType=ITAS',
    ]) {
      const response = await context.request(member, { method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
    }
  });
});

describe('breakdown by nationality and permit', () => {
  test('intel by country, exact; member by group, published; no country code reaches the member', async () => {
    const exact = await context.getJson(intel, `/api/charts/breakdown?region=61.03&to=${TO}`);
    expect(exact.nationality.grouped).toBe(false);
    expect(exact.nationality.entries.every((entry: { key: string }) => /^[A-Z]{3}$/.test(entry.key))).toBe(true);
    const total = exact.nationality.entries.reduce((sum: number, entry: { people: number }) => sum + entry.people, 0);
    expect(total).toBe((await context.getJson(intel, `/api/layers/summary?region=61.03&from=${TO}&to=${TO}`)).people);

    const grouped = await context.getJson(member, `/api/charts/breakdown?region=61.03&to=${TO}`);
    expect(grouped.nationality.grouped).toBe(true);
    const groups = grouped.nationality.entries.map((entry: { key: string }) => entry.key);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((key: string) => /^[a-z_]+$/.test(key))).toBe(true);
    // Every group, also those the chart leaves out (a group it dropped would show here as a missing entry).
    for (const group of NATIONALITY_GROUPS) {
      const rollUp = await context.getJson(
        member,
        `/api/layers/residents/summary?region=61.03&level=kabupaten&nationalityGroup=${group}&to=${TO}`,
      );
      const expected = rollUp.regions.reduce(
        (sum: number, region: { people: number | string }) => sum + published(region.people),
        0,
      );
      const entry = grouped.nationality.entries.find((candidate: { key: string }) => candidate.key === group);
      expect(entry?.people ?? 0, group).toBe(expected);
    }
    // A permit filter is the one breakdown: the nationality table is withheld, the permit table is that permit only.
    const narrowed = await context.getJson(member, `/api/charts/breakdown?region=61.03&to=${TO}&permitType=ITAS`);
    expect(narrowed.nationality).toBeNull();
    expect(narrowed.permit.every((entry: { key: string }) => entry.key === 'ITAS')).toBe(true);
  });
});

describe('provenance and the classification an office sets', () => {
  test('every role reads it; only an admin sets it, audited; a wrong value is refused', async () => {
    const before = await context.getJson(member, '/api/provenance');
    expect(before).toMatchObject({ classification: expect.any(String), synthetic: true });
    // The area's data, to the hour: it says how fresh the numbers are, not when a record was edited.
    expect(before.dataUpdatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
    const refused = await context.request(member, {
      method: 'PATCH',
      url: '/api/settings',
      payload: { classification: 'terbatas' },
    });
    expect(refused.statusCode).toBe(403);
    const wrong = await context.request(admin, {
      method: 'PATCH',
      url: '/api/settings',
      payload: { classification: 'x' },
    });
    expect(wrong.statusCode).toBe(400);
    try {
      const set = await context.request(admin, {
        method: 'PATCH',
        url: '/api/settings',
        payload: { classification: 'terbatas' },
      });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toMatchObject({ classification: 'terbatas', smallCountThreshold: expect.any(Number) });
      expect((await context.getJson(member, '/api/provenance')).classification).toBe('terbatas');
      const audit = await context.pool.query(
        `SELECT after FROM audit_log WHERE action = 'settings.update' AND account_id = $1 ORDER BY id DESC LIMIT 1`,
        [admin.accountId],
      );
      expect(audit.rows[0].after).toMatchObject({ classification: 'terbatas' });
    } finally {
      await context.request(admin, { method: 'PATCH', url: '/api/settings', payload: { classification: 'none' } });
    }
  });
});
