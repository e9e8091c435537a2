import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createPool, type Pool } from '../src/db/pool.ts';
import { systemActor } from '../src/domain/actor.ts';
import type { Role } from '../src/services/access-policy.ts';
import { SESSION_COOKIE } from '../src/services/session-service.ts';
import { cell, publishCount } from '../src/domain/disclosure-control.ts';

export interface SignedIn {
  role: Role;
  username: string;
  password: string;
  accountId: number;
  cookie: string;
  csrfToken: string;
}

export interface TestContext {
  app: Awaited<ReturnType<typeof buildApp>>;
  pool: Pool;
  /** Creates an account of this role (a fresh username; of IMIGRASI unless another agency is named) and signs it in. */
  signInAs(role: Role, areaCodes?: string[], agencyCode?: string): Promise<SignedIn>;
  /** `app.inject` with the session's cookie, and its CSRF token on state-changing methods. */
  request(as: SignedIn | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A GET that must answer 200 (else the test fails naming the URL and the body); its JSON. */
  getJson(as: SignedIn, url: string): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export const uniqueUsername = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export function sessionCookieFrom(setCookie: string | string[] | undefined): string {
  const cookies = [setCookie ?? []].flat();
  const found = cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!found) throw new Error('no session cookie was set');
  return found.split(';')[0]!;
}

/**
 * The real app on the real (imported) database, called in-process with `app.inject()`. `jobs`: run the job queue and
 * the notification listener too (the alert tests); off by default, so other tests are not raced by a worker.
 */
export async function createTestApp(options: { jobs?: boolean; config?: Partial<Config> } = {}): Promise<TestContext> {
  const pool = createPool(inject('databaseUrl'), () => undefined);
  const app = await buildApp({
    config: { ...loadConfig(), ...options.config },
    pool,
    logger: false,
    jobs: options.jobs ?? false,
    digests: false,
  });
  await app.ready();
  const context: TestContext = {
    app,
    pool,
    async signInAs(role, areaCodes = ['61.03'], agencyCode = 'IMIGRASI') {
      const username = uniqueUsername(`test-${role}`);
      const { account, initialPassword } = await app.accountAdmin.createAccount(systemActor, {
        username,
        displayName: `Test ${role}`,
        role,
        agencyCode,
        areaCodes,
      });
      const response = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password: initialPassword },
      });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
      return {
        role,
        username,
        password: initialPassword,
        accountId: account.id,
        cookie: sessionCookieFrom(response.headers['set-cookie']),
        csrfToken: response.json().csrfToken,
      };
    },
    request(as, options) {
      const method = String(options.method ?? 'GET').toUpperCase();
      const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
      if (as) {
        headers.cookie = as.cookie;
        if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = as.csrfToken;
      }
      return app.inject({ ...options, headers });
    },
    async getJson(as, url) {
      const response = await context.request(as, { method: 'GET', url });
      expect({ url, status: response.statusCode, body: response.statusCode === 200 ? 'ok' : response.body }).toEqual({
        url,
        status: 200,
        body: 'ok',
      });
      return response.json();
    },
    async close() {
      await app.close();
      await pool.end();
    },
  };
  return context;
}

/** The slippy-map tile holding a point. */
export function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const latRad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  return [x, y];
}

/**
 * What a role that may not see people is shown for a set of records (cell-key method, ADR 0007): the published value
 * of the cell made of exactly these rows of `table` (by id), whose keys are read from the database.
 */
export async function publishedFor(
  pool: Pool,
  table: 'foreign_resident' | 'incident',
  ids: number[],
  threshold = 3,
  countColumn: 'one' | 'people_count' = 'one',
): Promise<number | string> {
  const count = countColumn === 'one' ? 'count(*)' : 'COALESCE(sum(people_count), 0)';
  const result = await pool.query(
    `SELECT ${count} AS n, COALESCE(sum(disclosure_key) FILTER (WHERE ${countColumn === 'one' ? 'true' : 'people_count > 0'}), 0) AS key
     FROM ${table} WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  return publishCount('member', cell(result.rows[0].n, result.rows[0].key), threshold);
}
