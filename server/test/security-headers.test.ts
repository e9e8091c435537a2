import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestContext } from './helpers.ts';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

describe('hardening', () => {
  test('the page carries a strict Content-Security-Policy and the usual security headers', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    // Served over plain HTTP on a LAN address, upgrading requests to https:// would break the page.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  test('everything but health, sign-in and the web app needs a session', async () => {
    for (const url of [
      '/api/regions/search?q=entikong',
      '/api/style.json',
      '/tiles/desa/9/412/254.mvt',
      '/api/docs/json',
      '/api/accounts',
    ]) {
      const response = await context.app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
      expect(response.json().code).toBe('NOT_SIGNED_IN');
    }
    expect((await context.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await context.app.inject({ method: 'GET', url: '/masuk' })).statusCode).toBe(200);
  });

  test('bodies over the limit are refused with 413 and a bilingual message', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'x', password: 'y'.repeat(10_000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().message.id).toContain('terlalu besar');
  });

  test('unauthenticated endpoints are rate-limited', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 130; attempt++) {
      statuses.push(
        (await context.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '203.0.113.9' })).statusCode,
      );
    }
    expect(statuses.filter((status) => status === 200).length).toBe(120);
    expect(statuses.at(-1)).toBe(429);
  });
});
