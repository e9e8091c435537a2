import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { describeLocalCluster, isClusterRunning, startCluster, stopCluster } from '../src/db/local-cluster.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

const usesLocalCluster = !loadConfig().databaseUrl;
let context: TestContext;
let viewer: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  viewer = await context.signInAs('viewer');
});
afterAll(async () => {
  // Whatever happened, leave the database running for the next test file.
  if (usesLocalCluster) startCluster(describeLocalCluster(loadConfig()));
  await context.close();
});

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
});
