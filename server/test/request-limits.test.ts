/**
 * The limits behind "every bad request is a 4xx with the bilingual shape" (issue #9, item 4), one by one: numbers
 * bounded, numbers in JSON bodies that are numbers, settings in range, bodies that are not what they claim, headers
 * too large for a real listening server, and the API docs behind a session.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_SMALL_COUNT_THRESHOLD } from '../src/services/redaction-policy.ts';
import { systemActor } from '../src/domain/actor.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let admin: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel');
  admin = await context.signInAs('admin');
  viewer = await context.signInAs('viewer');
});
afterAll(() => context.close());

function expectRefusal(response: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: response.statusCode, code: response.json().code }).toEqual({ status, code });
  expect(response.json().message).toEqual({ id: expect.any(String), en: expect.any(String) });
}

const INCIDENT = {
  type: 'overstay',
  occurredAt: '2025-03-01T08:00:00+07:00',
  lon: 110.59,
  lat: 0.12,
  nationalities: ['MYS'],
  peopleCount: 2,
  severity: 'rendah',
};

describe('numbers are bounded', () => {
  test.each([
    ['/api/residents/99999999999999999999'],
    ['/api/residents/9223372036854775808'],
    ['/api/incidents/-1'],
    ['/api/incidents/0'],
    ['/api/incidents/1e400'],
    ['/api/incidents/Infinity'],
    ['/api/incidents/NaN'],
    ['/api/incidents/1.5'],
    ['/api/regions/search?q=sanggau&limit=Infinity'],
    ['/api/regions/search?q=sanggau&limit=-Infinity'],
    ['/api/regions/search?q=sanggau&limit=1e309'],
    ['/api/regions/search?q=sanggau&limit=NaN'],
    ['/api/regions/search?q=sanggau&limit=21'],
    ['/api/regions/at?lon=Infinity&lat=0'],
    ['/tiles/desa/9/1e309/254.mvt'],
    ['/tiles/desa/9/99999999999999999999/254.mvt'],
  ])('GET %s is a 400', async (url) => {
    expectRefusal(await context.request(intel, { method: 'GET', url }), 400, 'INVALID_REQUEST');
  });

  test('an audit page cursor beyond any id, or not finite, is a 400', async () => {
    for (const before of ['99999999999999999999', 'Infinity', '1e309']) {
      const response = await context.request(admin, { method: 'GET', url: `/api/audit?before=${before}` });
      expectRefusal(response, 400, 'INVALID_REQUEST');
    }
    for (const limit of ['Infinity', '0', '201']) {
      const response = await context.request(admin, { method: 'GET', url: `/api/audit?limit=${limit}` });
      expectRefusal(response, 400, 'INVALID_REQUEST');
    }
  });

  test('an account id beyond any id is a 400 on every account route', async () => {
    for (const [method, url] of [
      ['PATCH', '/api/accounts/1e400'],
      ['PATCH', '/api/accounts/99999999999999999999'],
      ['POST', '/api/accounts/Infinity/password-reset'],
      ['DELETE', '/api/accounts/-1/sessions'],
    ] as const) {
      const response = await context.request(admin, { method, url, payload: { displayName: 'x' } });
      expectRefusal(response, 400, 'INVALID_REQUEST');
    }
  });

  test('a well-formed id of no record is a 404', async () => {
    const largest = Number.MAX_SAFE_INTEGER;
    expectRefusal(await context.request(intel, { method: 'GET', url: `/api/incidents/${largest}` }), 404, 'NOT_FOUND');
    expectRefusal(await context.request(intel, { method: 'GET', url: `/api/residents/${largest}` }), 404, 'NOT_FOUND');
    const account = await context.request(admin, {
      method: 'PATCH',
      url: `/api/accounts/${largest}`,
      payload: { displayName: 'x' },
    });
    expectRefusal(account, 404, 'NOT_FOUND');
  });

  test('the message names the parameter and its limit', async () => {
    const response = await context.request(intel, { method: 'GET', url: '/api/regions/search?q=sanggau&limit=1e309' });
    expect(response.json().message.en).toMatch(/'limit'/);
    const tooBig = await context.request(intel, { method: 'GET', url: '/api/residents/99999999999999999999' });
    expect(tooBig.json().message.en).toContain(`must be at most ${Number.MAX_SAFE_INTEGER}`);
    expect(tooBig.json().message.id).toContain(`tidak boleh lebih dari ${Number.MAX_SAFE_INTEGER}`);
  });
});

describe('numbers in JSON bodies are numbers', () => {
  test('a numeric string is refused where a number is expected', async () => {
    const response = await context.request(intel, {
      method: 'POST',
      url: '/api/incidents',
      payload: { ...INCIDENT, peopleCount: '3' },
    });
    expectRefusal(response, 400, 'INVALID_REQUEST');
    expect(response.json().message.en).toContain("'peopleCount' must be a whole number");
    expect(response.json().message.id).toContain("'peopleCount' harus berupa bilangan bulat");
    for (const field of ['lon', 'lat'] as const) {
      const asText = await context.request(intel, {
        method: 'POST',
        url: '/api/incidents',
        payload: { ...INCIDENT, [field]: String(INCIDENT[field]) },
      });
      expectRefusal(asText, 400, 'INVALID_REQUEST');
    }
  });

  test('JSON numbers that parse as Infinity or beyond the bound are refused', async () => {
    for (const value of ['1e309', '-1e309', '99999999999999999999']) {
      const response = await context.request(intel, {
        method: 'POST',
        url: '/api/incidents',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ ...INCIDENT, peopleCount: 0 }).replace('"peopleCount":0', `"peopleCount":${value}`),
      });
      expectRefusal(response, 400, 'INVALID_REQUEST');
    }
  });

  test('a boolean as text is refused in a body', async () => {
    const response = await context.request(admin, {
      method: 'PATCH',
      url: `/api/accounts/${viewer.accountId}`,
      payload: { active: 'false' },
    });
    expectRefusal(response, 400, 'INVALID_REQUEST');
    expect((await context.request(viewer, { method: 'GET', url: '/api/session' })).statusCode).toBe(200);
  });

  test('query strings and path parameters are still read as numbers', async () => {
    const search = await context.request(intel, { method: 'GET', url: '/api/regions/search?q=sanggau&limit=2' });
    expect(search.statusCode).toBe(200);
    expect(search.json().results.length).toBeGreaterThan(0);
    expect(search.json().results.length).toBeLessThanOrEqual(2);
    const at = await context.request(intel, { method: 'GET', url: '/api/regions/at?lon=110.59&lat=0.12' });
    expect(at.statusCode).toBe(200);
    expect(at.json().kabupaten.code).toBe('61.03');
  });

  test('text with a NUL character is refused before it reaches the database', async () => {
    const query = await context.request(intel, { method: 'GET', url: '/api/regions/search?q=san%00ggau' });
    expectRefusal(query, 400, 'INVALID_REQUEST');
    expect(query.json().message.en).toContain("'q' contains a NUL character");
    const body = await context.request(admin, {
      method: 'PATCH',
      url: `/api/accounts/${viewer.accountId}`,
      payload: { displayName: 'Nul\u0000Name' },
    });
    expectRefusal(body, 400, 'INVALID_REQUEST');
  });
});

describe('settings', () => {
  test.each([['"Infinity"'], ['"3"'], ['null'], ['1'], ['0'], ['21'], ['2.5'], ['1e309'], ['-1e309']])(
    'a small-count threshold of %s is refused and nothing is stored',
    async (value) => {
      const before = (await context.request(admin, { method: 'GET', url: '/api/settings' })).json();
      const response = await context.request(admin, {
        method: 'PATCH',
        url: '/api/settings',
        headers: { 'content-type': 'application/json' },
        payload: `{"smallCountThreshold":${value}}`,
      });
      expectRefusal(response, 400, 'INVALID_REQUEST');
      expect((await context.request(admin, { method: 'GET', url: '/api/settings' })).json()).toEqual(before);
    },
  );

  test('the ends of the range are accepted', async () => {
    const before = (await context.request(admin, { method: 'GET', url: '/api/settings' })).json();
    try {
      for (const threshold of [2, 20]) {
        const response = await context.request(admin, {
          method: 'PATCH',
          url: '/api/settings',
          payload: { smallCountThreshold: threshold },
        });
        expect(response.json()).toMatchObject({ smallCountThreshold: threshold });
      }
    } finally {
      await context.request(admin, { method: 'PATCH', url: '/api/settings', payload: before });
    }
  });

  test('the service refuses an out-of-range threshold from any caller, not only the route', async () => {
    await expect(context.app.settings.update(systemActor, { smallCountThreshold: Infinity })).rejects.toMatchObject({
      statusCode: 400,
      code: 'INVALID_SETTING',
    });
  });

  test('a stored value outside the range (null, as "Infinity" used to become) reads as the default', async () => {
    const stored = await context.pool.query<{ value: unknown }>(
      `SELECT value FROM setting WHERE key = 'smallCountThreshold'`,
    );
    try {
      for (const bad of ['null', '1', '1000']) {
        await context.pool.query(`UPDATE setting SET value = $1::jsonb WHERE key = 'smallCountThreshold'`, [bad]);
        expect(await context.app.settings.read()).toMatchObject({ smallCountThreshold: DEFAULT_SMALL_COUNT_THRESHOLD });
      }
    } finally {
      await context.pool.query(`UPDATE setting SET value = $1::jsonb WHERE key = 'smallCountThreshold'`, [
        JSON.stringify(stored.rows[0]!.value),
      ]);
    }
  });
});

describe('bodies that are not what they claim', () => {
  const patchSettings = (payload: string, contentType: string | undefined) =>
    context.request(admin, {
      method: 'PATCH',
      url: '/api/settings',
      payload,
      headers: contentType ? { 'content-type': contentType } : {},
    });

  test.each([
    ['{', 'application/json', 400, 'INVALID_JSON'],
    ['{"smallCountThreshold": 3,}', 'application/json', 400, 'INVALID_JSON'],
    ['{"__proto__": {"smallCountThreshold": 3}}', 'application/json', 400, 'INVALID_JSON'],
    ['', 'application/json', 400, 'EMPTY_BODY'],
    ['[]', 'application/json', 400, 'INVALID_REQUEST'],
    ['[{"smallCountThreshold": 3}]', 'application/json', 400, 'INVALID_REQUEST'],
    ['"text"', 'application/json', 400, 'INVALID_REQUEST'],
    ['null', 'application/json', 400, 'INVALID_REQUEST'],
    ['smallCountThreshold=3', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_CONTENT_TYPE'],
    // Fastify reads text/plain as a string: the schema then refuses it.
    ['3', 'text/plain', 400, 'INVALID_REQUEST'],
    ['<a/>', 'application/xml', 415, 'UNSUPPORTED_CONTENT_TYPE'],
  ])('%j as %s → %i %s', async (payload, contentType, status, code) => {
    expectRefusal(await patchSettings(payload, contentType), status, code);
  });

  test('a body over the limit is a 413', async () => {
    expectRefusal(
      await patchSettings(JSON.stringify({ x: 'x'.repeat(1_100_000) }), 'application/json'),
      413,
      'BODY_TOO_LARGE',
    );
  });

  test('deeply nested JSON is refused quickly', async () => {
    const started = performance.now();
    const arrays = await patchSettings(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'application/json');
    expectRefusal(arrays, 400, 'INVALID_REQUEST');
    const objects = await patchSettings(
      `{"smallCountThreshold":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
      'application/json',
    );
    expectRefusal(objects, 400, 'INVALID_REQUEST');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('a huge string in a field is refused by its length', async () => {
    const response = await context.request(admin, {
      method: 'PATCH',
      url: `/api/accounts/${viewer.accountId}`,
      payload: { displayName: 'x'.repeat(500_000) },
    });
    expectRefusal(response, 400, 'INVALID_REQUEST');
    expect(response.json().message.en).toContain("'displayName' must have at most 120 characters");
  });

  test('an address part over the router limit is a 414, a malformed one a 400', async () => {
    // Without the built web app the router refuses the segment itself (414); with it, the app's catch-all route takes
    // what no API route can match and answers an /api address with 404. Either way: a 4xx in the bilingual shape.
    const long = await context.request(intel, { method: 'GET', url: `/api/incidents/${'9'.repeat(200)}` });
    const hasWebApp = context.app.routeAccessTable.some((route) => route.url === '/*');
    if (hasWebApp) expectRefusal(long, 404, 'NOT_FOUND');
    else expectRefusal(long, 414, 'URL_TOO_LONG');
    expectRefusal(await context.request(intel, { method: 'GET', url: '/api/incidents/%E0%A4%A' }), 400, 'INVALID_URL');
  });
});

describe('the API docs', () => {
  test.each([['/api/docs'], ['/api/docs/'], ['/api/docs/json'], ['/api/docs/yaml'], ['/api/docs/static/index.html']])(
    'anonymous GET %s is a 401 in the bilingual shape',
    async (url) => {
      expectRefusal(await context.app.inject({ method: 'GET', url }), 401, 'NOT_SIGNED_IN');
    },
  );

  test('any signed-in account reads them', async () => {
    const json = await context.request(viewer, { method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(json.json().openapi).toMatch(/^3\./);
    expect((await context.request(viewer, { method: 'GET', url: '/api/docs' })).statusCode).toBe(200);
  });
});

/** Sends raw bytes to a listening server and collects the whole answer until the server closes the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`no answer within 5 s; got so far: ${answer.slice(0, 200)}`));
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    // The server closes at once after answering; a reset while our request is still being written is expected.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.write(request);
  });
}

function parseRawAnswer(answer: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head, body: JSON.parse(body) };
}

describe('headers too large, on a real listening server', () => {
  let port: number;
  beforeAll(async () => {
    await context.app.listen({ port: 0, host: '127.0.0.1' });
    port = (context.app.server.address() as AddressInfo).port;
  });

  test('20 KB of headers are answered 431 in the bilingual shape, and the server goes on answering', async () => {
    const answer = await rawExchange(
      port,
      `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    const { status, headers, body } = parseRawAnswer(answer);
    expect(status).toBe(431);
    expect(headers).toMatch(/content-type: application\/json/i);
    expect(body).toEqual({
      code: 'HEADERS_TOO_LARGE',
      message: { id: expect.stringContaining('terlalu besar'), en: expect.stringContaining('too large') },
    });
    const started = performance.now();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('a cookie that is too large is a 431 too, through fetch', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
      headers: { cookie: `pantau_session=${'b'.repeat(20 * 1024)}` },
    });
    expect(response.status).toBe(431);
    expect((await response.json()).code).toBe('HEADERS_TOO_LARGE');
  });

  test('a malformed request line is a 400 in the bilingual shape', async () => {
    const { status, body } = parseRawAnswer(await rawExchange(port, 'NOT A REQUEST\r\n\r\n'));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'BAD_REQUEST', message: { id: expect.any(String), en: expect.any(String) } });
  });
});
