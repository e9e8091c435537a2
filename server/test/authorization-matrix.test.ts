/**
 * Every route × anonymous and every role → the status the route's access rule promises. The table comes from the
 * routes the app registered, so a new route is covered (and one without a rule stops the app from starting).
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerAuth } from '../src/plugins/auth.ts';
import { ROLES, isAllowed, type Role } from '../src/services/access-policy.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
const signedIn = new Map<Role, SignedIn>();

beforeAll(async () => {
  context = await createTestApp();
  for (const role of ROLES) signedIn.set(role, await context.signInAs(role));
});
afterAll(() => context.close());

/** A concrete path for a route pattern: parameters get harmless values. */
function concretePath(url: string): string {
  return url
    .replace(':layer', 'desa')
    .replace(':z', '9')
    .replace(':x', '412')
    .replace(':y.mvt', '254.mvt')
    .replace(':id', '999999')
    .replace('*', 'index.html');
}

describe('authorization matrix', () => {
  test('every registered route has an access rule, and the table is not trivially small', () => {
    const routes = context.app.routeAccessTable;
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) expect(route.access).toBeDefined();
    const urls = routes.map((route) => `${route.method} ${route.url}`);
    expect(urls).toContain('GET /api/accounts');
    expect(urls).toContain('GET /tiles/:layer/:z/:x/:y.mvt');
  });

  test('a route registered without an access rule stops the app', async () => {
    const bare = Fastify({ logger: false });
    await registerAuth(bare, { sessions: context.app.sessions, audit: context.app.audit, cookieSecure: false });
    expect(() => bare.get('/api/no-rule', async () => ({}))).toThrow(/has no access rule/);
    expect(() => bare.get('/api/with-rule', { config: { access: 'signedIn' } }, async () => ({}))).not.toThrow();
    await bare.close();
  });

  const callers: (Role | null)[] = [null, ...ROLES];
  test.each(callers.map((role) => [role ?? 'anonymous', role] as const))(
    'as %s, every route answers as its rule says',
    async (_label, role) => {
      const as = role ? signedIn.get(role)! : null;
      const mismatches: string[] = [];
      for (const route of context.app.routeAccessTable) {
        // Signing out would end the session the rest of the matrix uses; it is tested on its own.
        if (route.method === 'DELETE' && route.url === '/api/session') continue;
        // The notification stream stays open when allowed (alerts.test.ts reads it over a socket); refusals are asked.
        if (route.url === '/api/notifications/stream' && isAllowed(route.access, role)) continue;
        const response = await context.request(as, {
          method: route.method,
          url: concretePath(route.url),
          payload: ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined,
        });
        // GET /api/session is public and tells an anonymous caller, with a 401, that nobody is signed in.
        if (role === null && route.url === '/api/session' && route.method !== 'POST' && response.statusCode === 401)
          continue;
        const allowed = isAllowed(route.access, role);
        const expected = allowed ? 'not 401/403' : role === null ? '401' : '403';
        const ok = allowed
          ? response.statusCode !== 401 && response.statusCode !== 403
          : response.statusCode === (role === null ? 401 : 403);
        if (!ok) mismatches.push(`${route.method} ${route.url}: expected ${expected}, got ${response.statusCode}`);
      }
      expect(mismatches).toEqual([]);
    },
    120_000,
  );
});
