/**
 * Fuzz-style: every registered route, as a signed-in intel and as an admin, gets hostile values in each query
 * parameter, path parameter and body field, and hostile bodies. Nothing may answer 5xx or hang, and every 4xx has the
 * bilingual `{ code, message: { id, en } }` shape. The routes and their parameters come from the app itself (the
 * access table and the OpenAPI description), so a new route or parameter is fuzzed without touching this file.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isAllowed, type RouteAccess } from '../src/services/access-policy.ts';
import { createTestApp, uniqueUsername, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let admin: SignedIn;
/** A member of another agency: the disclosure-control paths (grouped nationalities, whole regions) get the battery too. */
let member: SignedIn;
/** An account the admin's PATCH battery may change. */
let target: SignedIn;
let settingsBefore: unknown;

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel');
  admin = await context.signInAs('admin');
  member = await context.signInAs('member');
  target = await context.signInAs('viewer');
  settingsBefore = (await context.request(admin, { method: 'GET', url: '/api/settings' })).json();
});
afterAll(async () => {
  // A battery that got a bad threshold accepted must not leave it for the next test file.
  await context.request(admin, { method: 'PATCH', url: '/api/settings', payload: settingsBefore as object });
  await context.close();
});

/** Values a person (or a script) may put into any parameter. */
const HOSTILE_TEXT = [
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  'NaN',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '9223372036854775808',
  '0x1F',
  '',
  ' ',
  'x'.repeat(10_000),
  "' OR 1=1; --",
  '"><script>alert(1)</script>',
  '%00\u0000',
  '../../etc/passwd',
  'null',
  'true',
  '[]',
  '{}',
];

/** Body field values, as JSON text: numbers JSON.parse turns into Infinity or 1e20, numeric strings, wrong types. */
const HOSTILE_JSON = [
  '1e309',
  '-1e309',
  '99999999999999999999',
  '-1',
  '1.5',
  '"3"',
  '"Infinity"',
  '""',
  JSON.stringify('x'.repeat(10_000)),
  JSON.stringify("' OR 1=1; --"),
  'null',
  'true',
  '[]',
  '{}',
  '[1,2,3]',
  '{"$gt":""}',
];

/** Whole bodies: [content type, payload]. */
const HOSTILE_BODIES: [string | undefined, string][] = [
  ['application/json', '{'],
  ['application/json', ''],
  ['application/json', 'null'],
  ['application/json', '[]'],
  ['application/json', '[{}]'],
  ['application/json', '"text"'],
  ['application/json', '12'],
  ['application/json', '{"__proto__":{"admin":true}}'],
  ['application/json', '{"constructor":{"prototype":{"admin":true}}}'],
  ['application/json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`],
  ['application/json', `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`],
  ['application/json', JSON.stringify({ x: 'x'.repeat(900_000) })],
  ['application/json', JSON.stringify({ x: 'x'.repeat(1_100_000) })],
  ['application/json; charset=utf-16', '{}'],
  ['text/plain', 'hello'],
  ['application/x-www-form-urlencoded', 'a=1&b=2'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  ['application/xml', '<a/>'],
  [undefined, '{}'],
];

interface OpenApiParameter {
  in: 'query' | 'path';
  name: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

interface RouteUnderTest {
  method: string;
  url: string;
  access: RouteAccess;
  query: OpenApiParameter[];
  path: string[];
  bodyFields: string[] | null;
}

/** Values that pass the schema, so a hostile value in one parameter is the only thing wrong with a request. */
const GOOD_VALUES: Record<string, string> = {
  layer: 'incidents',
  level: 'kabupaten',
  q: 'Sanggau',
  lon: '110.59',
  lat: '0.12',
  z: '9',
  x: '412',
  y: '254',
  id: '1',
};
const TILE_LAYER_FOR_BOUNDARIES = 'desa';

function goodValue(name: string, url: string): string {
  if (name === 'layer' && url.startsWith('/tiles/')) return TILE_LAYER_FOR_BOUNDARIES;
  if (name === 'id' && url.startsWith('/api/imports/')) return randomUUID();
  if (name === 'id' && url.startsWith('/api/accounts/')) return String(target.accountId);
  return GOOD_VALUES[name] ?? '1';
}

/** A body the schema accepts (or nearly), so each hostile field value is the one thing wrong with it. */
function goodBody(method: string, url: string): Record<string, unknown> {
  if (url === '/api/session') return { username: uniqueUsername('nobody'), password: 'not-the-password' };
  if (url === '/api/settings') return { smallCountThreshold: 3 };
  if (method === 'POST' && url === '/api/accounts') {
    return {
      username: uniqueUsername('fuzz'),
      displayName: 'Fuzz',
      role: 'viewer',
      agencyCode: 'IMIGRASI',
      areaCodes: [],
    };
  }
  if (url === '/api/accounts/:id') return { displayName: 'Fuzzed viewer' };
  // Out at sea off Africa: outside every area, so nothing is filed whatever the battery sends.
  if (url === '/api/incidents') {
    return {
      type: 'other',
      occurredAt: '2025-01-01T00:00:00Z',
      lon: 0,
      lat: 0,
      nationalities: ['MYS'],
      peopleCount: 1,
      severity: 'rendah',
    };
  }
  return {};
}

function routesUnderTest(): RouteUnderTest[] {
  const openApi = context.app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const seen = new Set<string>();
  const routes: RouteUnderTest[] = [];
  for (const { method, url, access } of context.app.routeAccessTable) {
    // HEAD runs the GET handler; signing out would end the sessions the battery uses (it has its own tests).
    // The notification stream stays open by design (alerts.test.ts reads it over a real socket).
    if (method === 'HEAD' || (method === 'DELETE' && url === '/api/session') || url === '/api/notifications/stream')
      continue;
    if (seen.has(`${method} ${url}`)) continue;
    seen.add(`${method} ${url}`);
    const operation = openApi.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    const parameters = operation?.parameters ?? [];
    const body = operation?.requestBody?.content?.['application/json']?.schema;
    routes.push({
      method,
      url,
      access,
      query: parameters.filter((parameter) => parameter.in === 'query'),
      path: [...url.matchAll(/:(\w+)/g)].map((match) => match[1]!),
      bodyFields: ['POST', 'PATCH', 'PUT'].includes(method) ? Object.keys(body?.properties ?? {}) : null,
    });
  }
  return routes;
}

function buildUrl(route: RouteUnderTest, path: Record<string, string>, query: [string, string][]): string {
  const pathname = route.url
    .replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(path[name] ?? goodValue(name, route.url)))
    .replace('*', encodeURIComponent(path['*'] ?? 'index.html'));
  const search = new URLSearchParams(query).toString();
  return search ? `${pathname}?${search}` : pathname;
}

function requiredQuery(route: RouteUnderTest, except?: string): [string, string][] {
  return route.query
    .filter((parameter) => parameter.required && parameter.name !== except)
    .map((parameter) => [parameter.name, goodValue(parameter.name, route.url)]);
}

/** Sign-in attempts come from an address of their own, so the battery locks no one out. */
const freshAddress = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;

const ANSWER_WITHIN_MS = 10_000;

async function send(as: SignedIn, options: InjectOptions): Promise<LightMyRequestResponse | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'no answer'>((resolve) => {
    timer = setTimeout(() => resolve('no answer'), ANSWER_WITHIN_MS);
  });
  const remoteAddress = options.url === '/api/session' ? freshAddress() : undefined;
  try {
    return await Promise.race([context.request(as, { remoteAddress, ...options }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with an answer, or null when it is a fine answer to a hostile request. */
function problemWith(response: LightMyRequestResponse | 'no answer'): string | null {
  if (response === 'no answer') return `no answer within ${ANSWER_WITHIN_MS} ms`;
  if (response.statusCode >= 500) return `${response.statusCode} ${response.body.slice(0, 300)}`;
  if (response.statusCode < 400) return null;
  let body: { code?: unknown; message?: { id?: unknown; en?: unknown } } | null = null;
  try {
    body = response.json();
  } catch {
    return `${response.statusCode} without a JSON body: ${response.body.slice(0, 200)}`;
  }
  const shaped =
    typeof body?.code === 'string' && typeof body.message?.id === 'string' && typeof body.message?.en === 'string';
  return shaped ? null : `${response.statusCode} without the bilingual shape: ${response.body.slice(0, 200)}`;
}

const short = (value: string) => (value.length > 40 ? `${value.slice(0, 20)}…(${value.length} chars)` : value);

/** Requests sent by the last battery: a guard against a battery that quietly stopped sending. */
let sent = 0;

async function battery(as: SignedIn): Promise<string[]> {
  const problems: string[] = [];
  sent = 0;
  const check = async (route: RouteUnderTest, what: string, options: InjectOptions) => {
    sent += 1;
    const problem = problemWith(await send(as, options));
    if (problem) problems.push(`${route.method} ${route.url} ${what}: ${problem}`);
  };
  for (const route of routesUnderTest()) {
    if (!isAllowed(route.access, as.role)) continue;
    const method = route.method as InjectOptions['method'];
    const good = route.bodyFields ? goodBody(route.method, route.url) : undefined;
    for (const value of HOSTILE_TEXT) {
      for (const parameter of route.query) {
        const query: [string, string][] = [...requiredQuery(route, parameter.name), [parameter.name, value]];
        await check(route, `?${parameter.name}=${short(value)}`, {
          method,
          url: buildUrl(route, {}, query),
          payload: good,
        });
      }
      for (const name of route.path) {
        await check(route, `:${name}=${short(value)}`, {
          method,
          url: buildUrl(route, { [name]: value }, requiredQuery(route)),
          payload: good,
        });
      }
      if (route.url.endsWith('*')) {
        await check(route, `*=${short(value)}`, { method, url: buildUrl(route, { '*': value }, []) });
      }
    }
    // Repeated keys and bracket arrays: a list where one value is expected.
    for (const parameter of route.query) {
      const url = `${buildUrl(route, {}, requiredQuery(route, parameter.name))}${route.query.some((p) => p.required && p.name !== parameter.name) ? '&' : '?'}`;
      await check(route, `?${parameter.name} twice`, {
        method,
        url: `${url}${parameter.name}=1&${parameter.name}=2`,
        payload: good,
      });
      await check(route, `?${parameter.name}[]`, { method, url: `${url}${parameter.name}[]=1`, payload: good });
    }
    if (!route.bodyFields) continue;
    const url = buildUrl(route, {}, requiredQuery(route));
    for (const field of route.bodyFields) {
      for (const value of HOSTILE_JSON) {
        const payload = JSON.stringify({ ...goodBody(route.method, route.url), [field]: '\u0000' }).replace(
          '"\\u0000"',
          value,
        );
        await check(route, `body.${field}=${short(value)}`, {
          method,
          url,
          payload,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    for (const [contentType, payload] of HOSTILE_BODIES) {
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      await check(route, `body ${contentType ?? 'without content type'} ${short(payload)}`, {
        method,
        url,
        payload,
        headers,
      });
    }
  }
  return problems;
}

describe('hostile input to every route', () => {
  test.each([
    ['intel', () => intel],
    ['member', () => member],
    ['admin', () => admin],
  ])(
    'as %s: no 5xx, no hang, every 4xx bilingual',
    async (_role, who) => {
      expect(routesUnderTest().length).toBeGreaterThan(30);
      const problems = await battery(who());
      expect(problems).toEqual([]);
      expect(sent).toBeGreaterThan(3000);
      // The battery leaves the server answering at once.
      const started = performance.now();
      const health = await context.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
    },
    600_000,
  );
});
