/**
 * Information flowing up (issue #13), tried as an attacker and as a poor connection would: a `reporter` files reports
 * inside its area and follows its own, and reaches nothing else — no layer, analysis, chart, plan or other person's
 * report; a report reaches the immigration office of its location; a retried filing (the same Idempotency-Key, five
 * times in a row or all at once) is stored once, and the same key with another report is refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isAllowed } from '../src/services/access-policy.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let reporter: SignedIn;
let otherReporter: SignedIn;
let intel: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  reporter = await context.signInAs('reporter', ['61.03'], 'PEMDA');
  otherReporter = await context.signInAs('reporter', ['61.03'], 'PEMDA');
  intel = await context.signInAs('intel', ['61.03']);
});
afterAll(async () => {
  // The reports filed here leave the other tests' counts as they were.
  const filedBy = [reporter.accountId, otherReporter.accountId];
  await context.pool.query(
    `DELETE FROM notification WHERE incident_id IN (SELECT id FROM incident WHERE filed_by = ANY($1::bigint[]))`,
    [filedBy],
  );
  await context.pool.query('DELETE FROM incident WHERE filed_by = ANY($1::bigint[])', [filedBy]);
  await context.close();
});

/** A point in Entikong (Kab. Sanggau), which Kantor Imigrasi Sanggau serves. */
const report = (description = 'Tiga orang menyeberang lewat jalan setapak') => ({
  type: 'illegal_crossing',
  occurredAt: '2026-11-30T23:10:00.000Z',
  lon: 110.35,
  lat: 0.97,
  // The made-up nationality other tests' own rows carry (demo-data.test.ts counts the rest).
  nationalities: ['ZZZ'],
  peopleCount: 3,
  severity: 'sedang',
  description,
});

const file = (as: SignedIn, body: object, key?: string) =>
  context.request(as, {
    method: 'POST',
    url: '/api/incidents',
    payload: body,
    headers: key ? { 'idempotency-key': key } : {},
  });

describe('a reporter', () => {
  test('files a report inside its area; it reaches the office of its location and is in its own list', async () => {
    const response = await file(reporter, report(), randomUUID());
    expect(response.statusCode, response.body).toBe(201);
    const filed = response.json();
    expect(filed).toMatchObject({ desaCode: expect.stringMatching(/^61\.03\./), replayed: false });
    expect(filed.office).toEqual({ code: 'sanggau', name: 'Kantor Imigrasi Sanggau' });
    const stored = await context.pool.query(
      `SELECT filed_by, office_code, reporting_agency, status FROM incident WHERE id = $1`,
      [filed.id],
    );
    expect(stored.rows[0]).toEqual({
      filed_by: reporter.accountId,
      office_code: 'sanggau',
      reporting_agency: 'PEMDA',
      status: 'reported',
    });
    const mine = await context.getJson(reporter, '/api/incidents/mine');
    expect(mine.reports[0]).toMatchObject({
      id: filed.id,
      status: 'reported',
      description: 'Tiga orang menyeberang lewat jalan setapak',
      office: { code: 'sanggau' },
      statusHistory: [{ status: 'reported' }],
    });
    // Another reporter does not see it; intel's own list holds only what intel filed.
    const theirs = await context.getJson(otherReporter, '/api/incidents/mine');
    expect(theirs.reports.map((entry: { id: number }) => entry.id)).not.toContain(filed.id);
    const intels = await context.getJson(intel, '/api/incidents/mine');
    expect(intels.reports.map((entry: { id: number }) => entry.id)).not.toContain(filed.id);
    // Outside its area: refused, nothing stored.
    const outside = await file(reporter, { ...report(), lon: 104.03, lat: 1.13 }, randomUUID());
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('OUTSIDE_AREA');
  });

  test('retried five times with one key, a report is stored once; all at once, too; another body is refused', async () => {
    const count = async () =>
      Number(
        (await context.pool.query('SELECT count(*) FROM incident WHERE filed_by = $1', [reporter.accountId])).rows[0]
          .count,
      );
    const before = await count();
    const key = randomUUID();
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) answers.push(await file(reporter, report('Ulang'), key));
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(answers.slice(1).every((answer) => answer.json().replayed === true)).toBe(true);
    expect(await count()).toBe(before + 1);

    // Five retries in flight at once (a phone re-sending on a flaky link): one is stored, all get it.
    const together = randomUUID();
    const racing = await Promise.all(Array.from({ length: 5 }, () => file(reporter, report('Serentak'), together)));
    expect(racing.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(racing.map((answer) => answer.json().id)).size).toBe(1);
    expect(await count()).toBe(before + 2);

    // The same key with another report is not a retry.
    const reused = await file(reporter, report('Laporan lain'), key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(reused.json().message.id.length).toBeGreaterThan(10);
    // A key is the filer's own: another account's same key files its own report.
    const other = await file(otherReporter, report('Ulang'), key);
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(answers[0]!.json().id);
    // Not a UUID: refused at the edge.
    expect((await file(reporter, report(), 'not-a-uuid')).statusCode).toBe(400);
  });

  test('reaches nothing but the base map, naming a point, and its own reports', async () => {
    const reachable = context.app.routeAccessTable
      .filter((route) => route.method !== 'HEAD' && route.access !== 'public' && isAllowed(route.access, 'reporter'))
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    expect(reachable).toEqual(
      [
        'DELETE /api/session',
        'GET /api/incidents/mine',
        'GET /api/regions/at',
        'GET /api/regions/search',
        'GET /api/style.json',
        'GET /tiles/:layer/:z/:x/:y.mvt',
        'POST /api/incidents',
      ].sort(),
    );
    // And the server says so: a few of the rest, asked for.
    for (const url of [
      '/api/layers/incidents/summary?level=desa',
      '/api/layers/incidents/points',
      '/api/analysis/hotspots?layer=incidents',
      '/api/charts/incidents',
      '/api/planner/candidates',
      '/api/views',
      `/api/incidents/${(await context.getJson(reporter, '/api/incidents/mine')).reports[0].id}`,
      '/api/immigration-offices',
    ]) {
      expect((await context.request(reporter, { method: 'GET', url })).statusCode, url).toBe(403);
    }
  });
});
