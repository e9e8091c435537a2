import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { createTestApp, uniqueUsername, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let admin: SignedIn;
beforeAll(async () => {
  context = await createTestApp();
  admin = await context.signInAs('admin');
});
afterAll(() => context.close());

describe('the audit trail', () => {
  test('the database refuses UPDATE, DELETE and TRUNCATE on it', async () => {
    const before = await context.pool.query<{ n: number }>('SELECT count(*) AS n FROM audit_log');
    expect(Number(before.rows[0]!.n)).toBeGreaterThan(0);
    await expect(context.pool.query(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(context.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(context.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const after = await context.pool.query<{ n: number; tampered: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE action = 'tampered') AS tampered FROM audit_log`,
    );
    expect(Number(after.rows[0]!.n)).toBeGreaterThanOrEqual(Number(before.rows[0]!.n));
    expect(Number(after.rows[0]!.tampered)).toBe(0);
  });

  test('an admin lists it newest first, filtered by action, user and outcome, page by page', async () => {
    const member = await context.signInAs('member');
    const denied = await context.request(member, { method: 'GET', url: '/api/accounts' });
    expect(denied.statusCode).toBe(403);

    const byUser = await context.request(admin, { method: 'GET', url: `/api/audit?username=${member.username}` });
    expect(byUser.statusCode).toBe(200);
    expect(byUser.headers['cache-control']).toBe('no-store');
    const actions = byUser.json().entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(['authorization.denied', 'session.sign_in']);
    const deniedEntry = byUser.json().entries[0];
    expect(deniedEntry).toMatchObject({
      outcome: 'denied',
      role: 'member',
      details: { reason: 'role', url: '/api/accounts' },
    });
    expect(deniedEntry.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(deniedEntry.ip).toBe('127.0.0.1');

    const onlyDenied = await context.request(admin, {
      method: 'GET',
      url: `/api/audit?username=${member.username}&outcome=denied&action=authorization.denied`,
    });
    expect(onlyDenied.json().entries).toHaveLength(1);

    const firstPage = await context.request(admin, { method: 'GET', url: '/api/audit?limit=2' });
    const page = firstPage.json();
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0].id).toBeGreaterThan(page.entries[1].id);
    const next = await context.request(admin, { method: 'GET', url: `/api/audit?limit=2&before=${page.nextBefore}` });
    expect(next.json().entries[0].id).toBeLessThan(page.entries[1].id);
  });

  test('a date filter must be a date', async () => {
    const response = await context.request(admin, { method: 'GET', url: '/api/audit?from=yesterday' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message.en).toContain("'from'");
  });
});

describe('account administration', () => {
  test('creating an account returns its password once and audits it without the secret', async () => {
    const username = uniqueUsername('petugas');
    const response = await context.request(admin, {
      method: 'POST',
      url: '/api/accounts',
      payload: {
        username,
        displayName: 'Petugas Kecamatan Entikong',
        role: 'member',
        agencyCode: 'PEMDA',
        areaCodes: ['61.03', '61.09'],
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.initialPassword).toMatch(/^[A-Za-z0-9]{18}$/);
    expect(body.account).toMatchObject({ username, role: 'member', agency: { code: 'PEMDA' }, active: true });
    expect(body.account.areas.map((area: { code: string }) => area.code)).toEqual(['61.03', '61.09']);
    const audit = await context.pool.query(
      `SELECT after FROM audit_log WHERE action = 'account.create' AND target_id = $1`,
      [String(body.account.id)],
    );
    expect(audit.rows[0].after.username).toBe(username);
    expect(JSON.stringify(audit.rows)).not.toContain(body.initialPassword);
    expect(JSON.stringify(audit.rows)).not.toMatch(/argon2/);
    const signIn = await context.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password: body.initialPassword },
    });
    expect(signIn.statusCode).toBe(200);
  });

  test('a taken username, an unknown agency or area get a clear 4xx and create nothing', async () => {
    const taken = await context.request(admin, {
      method: 'POST',
      url: '/api/accounts',
      payload: { username: admin.username, displayName: 'x', role: 'viewer', agencyCode: 'POLRI', areaCodes: [] },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('USERNAME_TAKEN');
    const username = uniqueUsername('nobody');
    const unknownArea = await context.request(admin, {
      method: 'POST',
      url: '/api/accounts',
      payload: { username, displayName: 'x', role: 'viewer', agencyCode: 'POLRI', areaCodes: ['61.99'] },
    });
    expect(unknownArea.statusCode).toBe(400);
    expect(unknownArea.json()).toMatchObject({ code: 'UNKNOWN_AREA', details: { unknown: ['61.99'] } });
    const unknownAgency = await context.request(admin, {
      method: 'POST',
      url: '/api/accounts',
      payload: { username, displayName: 'x', role: 'viewer', agencyCode: 'CIA', areaCodes: [] },
    });
    expect(unknownAgency.json().code).toBe('UNKNOWN_AGENCY');
    const badRole = await context.request(admin, {
      method: 'POST',
      url: '/api/accounts',
      payload: { username, displayName: 'x', role: 'root', agencyCode: 'POLRI', areaCodes: [] },
    });
    expect(badRole.statusCode).toBe(400);
    expect((await context.pool.query('SELECT 1 FROM account WHERE username = $1', [username])).rowCount).toBe(0);
  });

  test('changing a role ends the account’s sessions and is audited with before and after', async () => {
    const viewer = await context.signInAs('viewer');
    const response = await context.request(admin, {
      method: 'PATCH',
      url: `/api/accounts/${viewer.accountId}`,
      payload: { role: 'member', areaCodes: ['61'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().account).toMatchObject({
      role: 'member',
      areas: [{ code: '61', level: 'provinsi', name: 'Kalimantan Barat' }],
    });
    expect((await context.request(viewer, { method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    const audit = await context.pool.query(
      `SELECT before, after FROM audit_log WHERE action = 'account.update' AND target_id = $1`,
      [String(viewer.accountId)],
    );
    expect(audit.rows[0].before.role).toBe('viewer');
    expect(audit.rows[0].after.role).toBe('member');
  });

  test('a password reset gives a temporary password once and ends the old sessions', async () => {
    const intel = await context.signInAs('intel');
    const reset = await context.request(admin, {
      method: 'POST',
      url: `/api/accounts/${intel.accountId}/password-reset`,
    });
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json();
    expect((await context.request(intel, { method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    const oldPassword = await context.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: intel.username, password: intel.password },
      remoteAddress: '198.51.100.250',
    });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await context.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: intel.username, password: temporaryPassword },
    });
    expect(newPassword.statusCode).toBe(200);
  });

  test('an admin can end every session of an account', async () => {
    const member = await context.signInAs('member');
    const response = await context.request(admin, {
      method: 'DELETE',
      url: `/api/accounts/${member.accountId}/sessions`,
    });
    expect(response.statusCode).toBe(204);
    expect((await context.request(member, { method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    const missing = await context.request(admin, { method: 'DELETE', url: '/api/accounts/999999/sessions' });
    expect(missing.statusCode).toBe(404);
  });

  test('settings: the small-count threshold is validated and audited', async () => {
    const current = await context.request(admin, { method: 'GET', url: '/api/settings' });
    expect(current.json()).toEqual({ smallCountThreshold: expect.any(Number), classification: expect.any(String) });
    const invalid = await context.request(admin, {
      method: 'PATCH',
      url: '/api/settings',
      payload: { smallCountThreshold: 0 },
    });
    expect(invalid.statusCode).toBe(400);
    const changed = await context.request(admin, {
      method: 'PATCH',
      url: '/api/settings',
      payload: { smallCountThreshold: 5 },
    });
    expect(changed.json()).toEqual({ smallCountThreshold: 5, classification: current.json().classification });
    await context.request(admin, { method: 'PATCH', url: '/api/settings', payload: current.json() });
    const audit = await context.pool.query(
      `SELECT before, after FROM audit_log WHERE action = 'settings.update' ORDER BY id DESC LIMIT 2`,
    );
    expect(audit.rows[1].after).toEqual({ smallCountThreshold: 5, classification: current.json().classification });
  });
});

describe('admins keep the system administrable', () => {
  /** Every other active admin (other test files leave many) is set aside for `work`, then restored. */
  async function withOnlyTheseAdminsActive<T>(keep: number[], work: () => Promise<T>): Promise<T> {
    const others = await context.pool.query<{ id: string }>(
      `UPDATE account SET active = false WHERE role = 'admin' AND active AND NOT (id = ANY($1::bigint[])) RETURNING id`,
      [keep],
    );
    try {
      return await work();
    } finally {
      await context.pool.query('UPDATE account SET active = true WHERE id = ANY($1::bigint[])', [
        others.rows.map((row) => row.id),
      ]);
    }
  }

  test('an admin cannot deactivate itself', async () => {
    const self = await context.signInAs('admin');
    const response = await context.request(self, {
      method: 'PATCH',
      url: `/api/accounts/${self.accountId}`,
      payload: { active: false },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'CANNOT_DEACTIVATE_SELF',
      message: { id: expect.stringContaining('akun Anda sendiri'), en: expect.stringContaining('your own account') },
    });
    expect((await context.request(self, { method: 'GET', url: '/api/accounts' })).statusCode).toBe(200);
  });

  test('an admin cannot take the admin role from itself, but may change its own name', async () => {
    const self = await context.signInAs('admin');
    for (const role of ['intel', 'member', 'viewer']) {
      const response = await context.request(self, {
        method: 'PATCH',
        url: `/api/accounts/${self.accountId}`,
        payload: { role, displayName: 'Not me any more' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('CANNOT_DEMOTE_SELF');
    }
    const unchanged = await context.pool.query('SELECT role, display_name FROM account WHERE id = $1', [
      self.accountId,
    ]);
    expect(unchanged.rows[0]).toEqual({ role: 'admin', display_name: 'Test admin' });
    const renamed = await context.request(self, {
      method: 'PATCH',
      url: `/api/accounts/${self.accountId}`,
      payload: { displayName: 'Admin Kantor Imigrasi Sanggau', role: 'admin', active: true },
    });
    expect(renamed.statusCode).toBe(200);
  });

  test('an admin may deactivate or demote another admin while one remains', async () => {
    const other = await context.signInAs('admin');
    const demoted = await context.request(admin, {
      method: 'PATCH',
      url: `/api/accounts/${other.accountId}`,
      payload: { role: 'intel' },
    });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json().account.role).toBe('intel');
  });

  test('the last active admin cannot be deactivated or demoted, by any caller', async () => {
    const sole = await context.signInAs('admin');
    await withOnlyTheseAdminsActive([sole.accountId], async () => {
      for (const changes of [{ active: false }, { role: 'viewer' as const }]) {
        await expect(
          context.app.accountAdmin.updateAccount(systemActor, sole.accountId, changes),
        ).rejects.toMatchObject({
          statusCode: 409,
          code: 'LAST_ADMIN',
          bilingual: {
            id: expect.stringContaining('admin aktif terakhir'),
            en: expect.stringContaining('last active admin'),
          },
        });
      }
      const stored = await context.pool.query('SELECT role, active FROM account WHERE id = $1', [sole.accountId]);
      expect(stored.rows[0]).toEqual({ role: 'admin', active: true });
    });
  });

  test('two admins removing each other at once leave one of them', async () => {
    const first = await context.signInAs('admin');
    const second = await context.signInAs('admin');
    await withOnlyTheseAdminsActive([first.accountId, second.accountId], async () => {
      const [one, two] = await Promise.all([
        context.request(first, {
          method: 'PATCH',
          url: `/api/accounts/${second.accountId}`,
          payload: { active: false },
        }),
        context.request(second, {
          method: 'PATCH',
          url: `/api/accounts/${first.accountId}`,
          payload: { active: false },
        }),
      ]);
      const statuses = [one.statusCode, two.statusCode].sort();
      // The slower one is refused: as the last admin (409), or because its own session just ended (401).
      expect([
        [200, 401],
        [200, 409],
      ]).toContainEqual(statuses);
      const remaining = await context.pool.query(
        `SELECT count(*)::int AS n FROM account WHERE role = 'admin' AND active AND id = ANY($1::bigint[])`,
        [[first.accountId, second.accountId]],
      );
      expect(remaining.rows[0].n).toBe(1);
    });
  });
});
