import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { describeLocalCluster, isClusterRunning, startCluster, stopCluster } from '../src/db/local-cluster.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

const usesLocalCluster = !loadConfig().databaseUrl;
let context: TestContext;
let viewer: SignedIn;
let reporter: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  viewer = await context.signInAs('viewer');
  reporter = await context.signInAs('reporter', ['61.03'], 'PEMDA');
});
afterAll(async () => {
  // Whatever happened, leave the database running for the next test file.
  if (usesLocalCluster) startCluster(describeLocalCluster(loadConfig()));
  await context.pool.query(
    'DELETE FROM notification WHERE incident_id IN (SELECT id FROM incident WHERE filed_by = $1)',
    [reporter.accountId],
  );
  await context.pool.query('DELETE FROM incident WHERE filed_by = $1', [reporter.accountId]);
  await context.close();
});

/** A trafficking report at the border in Entikong. */
const report = {
  type: 'tppo',
  occurredAt: '2026-11-30T23:10:00.000Z',
  lon: 110.35,
  lat: 0.97,
  nationalities: ['ZZZ'],
  peopleCount: 2,
  severity: 'tinggi',
  description: 'Dilaporkan saat basis data mati sebentar',
};
const file = (app: TestContext, key: string) =>
  app.request(reporter, {
    method: 'POST',
    url: '/api/incidents',
    payload: report,
    headers: { 'idempotency-key': key },
  });
const filedCount = async () =>
  (
    await context.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incident WHERE filed_by = $1', [
      reporter.accountId,
    ])
  ).rows[0]!.n;

async function waitFor200(url: string, deadlineMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await context.request(viewer, { method: 'GET', url });
    if (response.statusCode === 200) return Date.now() - started;
    if (Date.now() - started > deadlineMs) throw new Error(`still ${response.statusCode} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.runIf(usesLocalCluster)('the server survives a database restart', () => {
  test('answers 503 with Retry-After while the database is away, and recovers by itself', async () => {
    const regionsUrl = '/api/regions/at?lon=110.35&lat=0.97';
    expect((await context.request(viewer, { method: 'GET', url: regionsUrl })).statusCode).toBe(200);
    // Idle pooled connections now exist; stopping the server makes each of them emit 'error' on the pool.
    const cluster = describeLocalCluster(loadConfig());
    stopCluster(cluster);
    expect(isClusterRunning(cluster)).toBe(false);

    const away = await context.request(viewer, { method: 'GET', url: regionsUrl });
    expect(away.statusCode).toBe(503);
    expect(away.headers['retry-after']).toBe('5');
    expect(away.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(away.json().message.id).toContain('Basis data');
    const health = await context.request(viewer, { method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().database.reachable).toBe(false);
    // A tile that was never cached needs the database too.
    expect((await context.request(viewer, { method: 'GET', url: '/tiles/desa/13/6607/4071.mvt' })).statusCode).toBe(
      503,
    );

    startCluster(cluster);
    const recoveredInMs = await waitFor200(regionsUrl, 10_000);
    expect(recoveredInMs).toBeLessThan(10_000);
    expect((await context.request(viewer, { method: 'GET', url: '/api/health' })).json().status).toBe('ok');
  });

  test('a report filed while the database is away is refused, not half-stored; its retry is stored once', async () => {
    const cluster = describeLocalCluster(loadConfig());
    const key = randomUUID();
    const before = await filedCount();
    stopCluster(cluster);
    try {
      const away = await file(context, key);
      expect(away.statusCode).toBe(503);
      expect(away.json()).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        message: { id: expect.stringContaining('Basis data') },
      });
    } finally {
      startCluster(cluster);
    }
    await waitFor200('/api/regions/at?lon=110.35&lat=0.97', 10_000);
    expect(await filedCount()).toBe(before);
    // The phone sends it again with the same key: stored once, then answered as the same report.
    const stored = await file(context, key);
    expect(stored.statusCode, stored.body).toBe(201);
    const again = await file(context, key);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(stored.json().id);
    expect(await filedCount()).toBe(before + 1);
  });

  test('a filing whose connection is cut half-way stores nothing, and the event with it', async () => {
    const key = randomUUID();
    const before = await filedCount();
    // Another session holds the filing's key: the filing waits inside its transaction, where its connection is cut.
    const holder = await context.pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`filing:${reporter.accountId}:${key}`]);
      const pending = file(context, key);
      let backend: number | undefined;
      for (let tries = 0; tries < 100 && backend === undefined; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const waiting = await holder.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()`,
        );
        backend = waiting.rows[0]?.pid;
      }
      expect(backend).toBeDefined();
      await holder.query('SELECT pg_terminate_backend($1)', [backend]);
      const cut = await pending;
      expect(cut.statusCode).toBe(503);
      expect(cut.json().code).toBe('DATABASE_UNAVAILABLE');
      await holder.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`filing:${reporter.accountId}:${key}`]);
    } finally {
      holder.release();
    }
    expect(await filedCount()).toBe(before);
    const events = await context.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM alert_event e JOIN incident i ON i.id = e.incident_id WHERE i.filed_by = $1`,
      [reporter.accountId],
    );
    expect(events.rows[0]!.n).toBe(before);
    const retried = await file(context, key);
    expect(retried.statusCode, retried.body).toBe(201);
  });

  test('the job queue comes back with the database: a report filed after a restart is alerted', async () => {
    const live = await createTestApp({ jobs: true });
    try {
      const office = await live.signInAs('intel', ['61.03']);
      const cluster = describeLocalCluster(loadConfig());
      stopCluster(cluster);
      startCluster(cluster);
      await waitFor200('/api/regions/at?lon=110.35&lat=0.97', 10_000);
      const filed = await live.request(reporter, {
        method: 'POST',
        url: '/api/incidents',
        payload: report,
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const id = filed.json().id;
      // The kick, or at the latest the sweep of the next minute.
      const started = Date.now();
      let told = 0;
      while (told === 0 && Date.now() - started < 75_000) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        told = (
          await live.pool.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM notification WHERE account_id = $1 AND incident_id = $2',
            [office.accountId, id],
          )
        ).rows[0]!.n;
      }
      expect(told).toBe(1);
    } finally {
      await live.close();
    }
  }, 120_000);
});
