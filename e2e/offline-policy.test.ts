/**
 * The service worker's rules (web/src/lib/offline/cachePolicy.ts, ADR 0014), run in Node over the real server's answers:
 * nothing the server marks no-store is ever storable — tried on every JSON route a signed-in intel officer can read
 * with people in it — and what the worker routes where.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type SignedIn, type TestContext } from '../server/test/helpers.ts';
import { isStorable, routeOf } from '../web/src/lib/offline/cachePolicy.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const shell = new Set(['/_app/immutable/entry/app.js', '/icon.svg']);
const get = (path: string, mode = 'cors') => ({ method: 'GET', mode, url: `${ORIGIN}${path}` });

let context: TestContext;
let intel: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61']);
});
afterAll(() => context.close());

describe('what the service worker does with each request', () => {
  test.each([
    [get('/', 'navigate'), 'page'],
    [get('/lapor', 'navigate'), 'page'],
    [get('/_app/immutable/entry/app.js'), 'shell'],
    [get('/icon.svg'), 'shell'],
    [get('/tiles/desa/12/3270/2030.mvt'), 'tiles'],
    [get('/tiles/incidents/12/3270/2030.mvt?from=2026-01-01'), 'data'],
    [get('/tiles/residents/12/3270/2030.mvt'), 'data'],
    [get('/api/layers/incidents/summary?level=kabupaten'), 'data'],
    [get('/api/session'), 'data'],
    [get('/api/notifications/stream'), 'pass'],
    [get('/api/health'), 'pass'],
    [get('/api/exports/brief.pdf?region=61.03'), 'pass'],
    [get('/api/planner/plans/3/shortlist.csv'), 'pass'],
    [get('/api/analysis/hotspots?layer=incidents&format=csv'), 'pass'],
    [{ method: 'POST', mode: 'cors', url: `${ORIGIN}/api/incidents` }, 'pass'],
    [{ method: 'GET', mode: 'cors', url: 'https://tile.example.org/1/2/3.png' }, 'pass'],
  ])('%o → %s', (request, route) => {
    expect(routeOf(request, ORIGIN, shell)).toBe(route);
  });
});

describe('what may be kept is what the server lets be kept', () => {
  test('no answer with a person in it is storable; the roll-ups and the session are', async () => {
    const resident = await context.pool.query<{ id: string; x: number; y: number }>(
      `SELECT id, floor((ST_X(home_point) + 180) / 360 * 2048)::int AS x,
              floor((1 - ln(tan(radians(ST_Y(home_point))) + 1 / cos(radians(ST_Y(home_point)))) / pi()) / 2 * 2048)::int AS y
       FROM foreign_resident WHERE left(desa_code, 2) = '61' AND home_point IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const home = resident.rows[0]!;
    const incident = await context.pool.query<{ id: string }>(
      `SELECT id FROM incident WHERE left(desa_code, 2) = '61' ORDER BY id LIMIT 1`,
    );
    const personal = [
      '/api/layers/residents/points?bbox=109.5,0.5,111,1.5',
      '/api/layers/incidents/points?bbox=109.5,0.5,111,1.5',
      `/api/residents/${home.id}`,
      `/api/incidents/${incident.rows[0]!.id}`,
      `/api/incidents/${incident.rows[0]!.id}/follow-up`,
      `/tiles/residents/11/${home.x}/${home.y}.mvt`,
      '/api/notifications',
      '/api/views',
      '/api/joint-actions',
      // A reporter's own reports carry free text that may name people.
      '/api/incidents/mine',
      // Not opened for keeping by the server (no owner mark), whatever its other headers.
      '/api/regions/at?lon=110.35&lat=0.97',
      '/api/immigration-offices',
    ];
    const keepable = [
      '/api/session',
      '/api/layers/residents/summary?level=kabupaten',
      '/api/layers/incidents/summary?level=kabupaten',
      '/api/layers/desa-binaan',
      '/tiles/incidents/9/412/254.mvt',
    ];
    const owner = `${intel.accountId}:own`;
    const storable = async (url: string, as = owner) => {
      const answer = await context.request(intel, { method: 'GET', url });
      const headers = new Headers(
        Object.entries(answer.headers).map(([name, value]) => [name, String(value)] as [string, string]),
      );
      const route = routeOf(get(url), ORIGIN, shell);
      return {
        status: answer.statusCode,
        storable: isStorable({ status: answer.statusCode, headers, url: `${ORIGIN}${url}` }, route, as),
      };
    };
    for (const url of personal) {
      const { status, storable: kept } = await storable(url);
      // Each is really answered (a refusal would prove nothing), and not storable.
      expect(status, url).toBe(200);
      expect(kept, url).toBe(false);
    }
    for (const url of keepable) {
      const { status, storable: kept } = await storable(url);
      expect(status, url).toBe(200);
      expect(kept, url).toBe(true);
      // The same answer arriving after the owner changed — another account, the projector's mode, nobody — is not
      // kept for the new one.
      for (const other of [`${intel.accountId + 1}:own`, `${intel.accountId}:presenting`, null]) {
        expect((await storable(url, other as string)).storable, `${url} as ${other}`).toBe(false);
      }
    }
    // The style and boundary tiles are nobody's: kept for whoever is signed in.
    expect((await storable('/api/style.json?lang=id')).storable).toBe(true);
    expect((await storable('/tiles/desa/12/3255/2036.mvt')).status).toBeLessThan(300);
  });

  test('a 401, a 304 and a no-store answer are never kept', () => {
    const mine = (extra: Record<string, string>) => new Headers({ 'x-pantau-owner': '7:own', ...extra });
    expect(isStorable({ status: 401, headers: mine({ 'cache-control': 'private' }) }, 'data', '7:own')).toBe(false);
    expect(isStorable({ status: 304, headers: new Headers() }, 'tiles', '7:own')).toBe(false);
    expect(isStorable({ status: 200, headers: mine({ 'cache-control': 'private, No-Store' }) }, 'data', '7:own')).toBe(
      false,
    );
    expect(isStorable({ status: 200, headers: mine({ 'cache-control': 'private, no-cache' }) }, 'data', '7:own')).toBe(
      true,
    );
  });
});
