import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from '../src/services/session-service.ts';
import { createTestApp, sessionCookieFrom, uniqueUsername, type TestContext } from './helpers.ts';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

/**
 * An address of its own per call (198.18.0.0/15, reserved for network testing; nothing is sent), so lock-outs and
 * rate limits never spill into other tests or later runs.
 */
const freshAddress = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;

function signIn(username: string, password: string, remoteAddress = '127.0.0.1') {
  return context.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress });
}

async function auditActions(username: string): Promise<string[]> {
  const result = await context.pool.query<{ action: string }>(
    'SELECT action FROM audit_log WHERE username = $1 ORDER BY id',
    [username],
  );
  return result.rows.map((row) => row.action);
}

describe('sessions', () => {
  test('signing in sets an httpOnly, SameSite=Strict cookie and the session answers with the account', async () => {
    const member = await context.signInAs('member');
    const session = await context.request(member, { method: 'GET', url: '/api/session' });
    expect(session.statusCode).toBe(200);
    // The own browser may keep it for opening offline (ADR 0014); nobody else may, and "not signed in" is never kept.
    expect(session.headers['cache-control']).toBe('private, no-cache');
    const nobody = await context.app.inject({ method: 'GET', url: '/api/session' });
    expect(nobody.statusCode).toBe(401);
    expect(nobody.headers['cache-control']).toBe('no-store');
    expect(session.json().account).toMatchObject({
      username: member.username,
      role: 'member',
      agency: { code: 'IMIGRASI' },
    });
    expect(session.json().account.areas).toEqual([{ code: '61.03', level: 'kabupaten', name: 'Kabupaten Sanggau' }]);
    expect(JSON.stringify(session.json())).not.toMatch(/passwordHash|password_hash|argon2/);

    const again = await signIn(member.username, member.password);
    const cookie = String(again.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(await auditActions(member.username)).toEqual(expect.arrayContaining(['session.sign_in']));
  });

  test('signing out ends the session on the server: the old cookie no longer works', async () => {
    const viewer = await context.signInAs('viewer');
    expect((await context.request(viewer, { method: 'GET', url: '/api/regions/areas' })).statusCode).toBe(200);
    const out = await context.request(viewer, { method: 'DELETE', url: '/api/session' });
    // The browser's HTTP cache of this account's `private` answers is emptied too (ADR 0014).
    expect(out.headers['clear-site-data']).toBe('"cache"');
    expect(out.statusCode).toBe(204);
    const after = await context.request(viewer, { method: 'GET', url: '/api/regions/areas' });
    expect(after.statusCode).toBe(401);
    expect(await auditActions(viewer.username)).toContain('session.sign_out');
  });

  test('signing out needs the CSRF token', async () => {
    const viewer = await context.signInAs('viewer');
    const forged = await context.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: viewer.cookie },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_REJECTED');
    const wrong = await context.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: viewer.cookie, 'x-csrf-token': 'not-the-token' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await context.request(viewer, { method: 'GET', url: '/api/session' })).statusCode).toBe(200);
  });

  test('a sign-out sent from another site is refused, even with the right CSRF token', async () => {
    const viewer = await context.signInAs('viewer');
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const forged = await context.request(viewer, { method: 'DELETE', url: '/api/session', headers });
      expect(forged.statusCode).toBe(403);
      expect(forged.json()).toMatchObject({
        code: 'CROSS_SITE_REJECTED',
        message: { id: expect.stringContaining('situs lain'), en: expect.stringContaining('another site') },
      });
    }
    expect((await context.request(viewer, { method: 'GET', url: '/api/session' })).statusCode).toBe(200);
    const denied = await context.pool.query(
      `SELECT count(*)::int AS n FROM audit_log
       WHERE username = $1 AND action = 'authorization.denied' AND details->>'reason' = 'cross_site'`,
      [viewer.username],
    );
    expect(denied.rows[0].n).toBe(3);
  });

  test('a sign-out from our own origin, or without an Origin, works with the CSRF token', async () => {
    const fromPage = await context.signInAs('viewer');
    const sameOrigin = await context.request(fromPage, {
      method: 'DELETE',
      url: '/api/session',
      headers: { origin: 'http://pantau.test:3000', host: 'pantau.test:3000', 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode).toBe(204);
    expect((await context.request(fromPage, { method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    const fromScript = await context.signInAs('viewer');
    expect((await context.request(fromScript, { method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
  });

  test('a sign-in posted from another site is refused', async () => {
    const member = await context.signInAs('member');
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: member.username, password: member.password },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CROSS_SITE_REJECTED');
  });

  test('a session unused for longer than the idle limit has expired', async () => {
    const intel = await context.signInAs('intel');
    await context.pool.query(
      `UPDATE session SET last_seen_at = now() - make_interval(mins => $2)
       WHERE account_id = $1`,
      [intel.accountId, context.app.config.sessionIdleMinutes + 1],
    );
    const response = await context.request(intel, { method: 'GET', url: '/api/regions/areas' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('SESSION_EXPIRED');
    expect(response.json().message.id).toContain('Sesi Anda telah berakhir');
    expect(await context.pool.query('SELECT 1 FROM session WHERE account_id = $1', [intel.accountId])).toHaveProperty(
      'rowCount',
      0,
    );
  });

  test('a session past its absolute lifetime has expired even while in use', async () => {
    const intel = await context.signInAs('intel');
    await context.pool.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [
      intel.accountId,
    ]);
    const response = await context.request(intel, { method: 'GET', url: '/api/regions/areas' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('SESSION_EXPIRED');
  });

  test('a session within both limits is kept alive by use', async () => {
    const intel = await context.signInAs('intel');
    await context.pool.query(`UPDATE session SET last_seen_at = now() - interval '5 minutes' WHERE account_id = $1`, [
      intel.accountId,
    ]);
    expect((await context.request(intel, { method: 'GET', url: '/api/regions/areas' })).statusCode).toBe(200);
    const seen = await context.pool.query<{ idle: number }>(
      'SELECT extract(epoch FROM now() - last_seen_at) AS idle FROM session WHERE account_id = $1',
      [intel.accountId],
    );
    expect(Number(seen.rows[0]!.idle)).toBeLessThan(5);
  });

  test('wrong passwords lock the account after five failures and say when to try again', async () => {
    const member = await context.signInAs('member');
    const address = freshAddress();
    for (let attempt = 1; attempt < MAX_FAILURES_PER_ACCOUNT; attempt++) {
      const response = await signIn(member.username, 'wrong password', address);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    const fifth = await signIn(member.username, 'wrong password', address);
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('TOO_MANY_ATTEMPTS');
    expect(fifth.json().message.id).toMatch(/Coba lagi dalam 1[45] menit/);
    expect(fifth.json().message.en).toMatch(/Try again in 1[45] minutes/);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(800);
    expect(Date.parse(fifth.json().details.retryAt)).toBeGreaterThan(Date.now() + 13 * 60_000);
    // Even the right password is refused while locked, from any address.
    const right = await signIn(member.username, member.password, freshAddress());
    expect(right.statusCode).toBe(429);
    expect(await auditActions(member.username)).toEqual(expect.arrayContaining(['session.sign_in_failed']));
    const failures = await context.pool.query(
      `SELECT outcome, details->>'reason' AS reason FROM audit_log WHERE username = $1 AND action = 'session.sign_in_failed'`,
      [member.username],
    );
    expect(failures.rows.filter((row) => row.reason === 'wrong_password')).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(failures.rows.filter((row) => row.reason === 'locked').length).toBeGreaterThanOrEqual(1);
  });

  test('the lock lifts when the window has passed', async () => {
    const member = await context.signInAs('member');
    const address = freshAddress();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt++) await signIn(member.username, 'nope', address);
    expect((await signIn(member.username, member.password, address)).statusCode).toBe(429);
    await context.pool.query(`UPDATE sign_in_attempt SET at = at - interval '16 minutes' WHERE username = $1`, [
      member.username,
    ]);
    expect((await signIn(member.username, member.password, address)).statusCode).toBe(200);
  });

  test('many failures from one address lock that address for every username', async () => {
    const address = freshAddress();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ADDRESS; attempt++) {
      await signIn(uniqueUsername('nobody'), 'guess', address);
    }
    const member = await context.signInAs('member');
    const locked = await signIn(member.username, member.password, address);
    expect(locked.statusCode).toBe(429);
    expect((await signIn(member.username, member.password, freshAddress())).statusCode).toBe(200);
  });

  test('an unknown username gets the same answer as a wrong password', async () => {
    const response = await signIn(uniqueUsername('ghost'), 'whatever', freshAddress());
    expect(response.statusCode).toBe(401);
    expect(response.json().message.en).toBe('Wrong username or password.');
  });

  test('a deactivated account cannot sign in and its sessions end', async () => {
    const admin = await context.signInAs('admin');
    const viewer = await context.signInAs('viewer');
    // A request first, so the session sits in the server's short-lived session cache.
    expect((await context.request(viewer, { method: 'GET', url: '/api/regions/areas' })).statusCode).toBe(200);
    const change = await context.request(admin, {
      method: 'PATCH',
      url: `/api/accounts/${viewer.accountId}`,
      payload: { active: false },
    });
    expect(change.statusCode).toBe(200);
    expect((await context.request(viewer, { method: 'GET', url: '/api/regions/areas' })).statusCode).toBe(401);
    expect((await signIn(viewer.username, viewer.password, freshAddress())).statusCode).toBe(401);
  });

  test('the session cookie value never appears in the database', async () => {
    const viewer = await context.signInAs('viewer');
    const token = decodeURIComponent(sessionCookieFrom(`${viewer.cookie}; Path=/`).split('=')[1]!);
    const stored = await context.pool.query('SELECT 1 FROM session WHERE token_hash = $1', [token]);
    expect(stored.rowCount).toBe(0);
  });
});
