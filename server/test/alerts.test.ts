/**
 * Early warning (issue #13): the near-border rule fires on a hand-made report and stays quiet on its near misses; two
 * server processes on one database deliver each alert once; an alert survives a restart between the data arriving
 * and the rule running; the queue delivers within seconds and the stream announces it live; a member's alert names
 * no person; acknowledging and snoozing are the account's own and audited.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAlertRepository } from '../src/repositories/alert-repository.ts';
import { createAlertService, MAX_ATTEMPTS } from '../src/services/alert-service.ts';
import { NOTIFICATION_CHANNEL } from '../src/repositories/alert-repository.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let reporter: SignedIn;
let intel: SignedIn;
let member: SignedIn;
let viewer: SignedIn;
let elsewhere: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  // The near-border rule on its own: the reports filed here would make a burst in Entikong (alert-rules.test.ts).
  await context.pool.query(
    `INSERT INTO alert_rule_setting (office_code, rule, enabled) VALUES ('sanggau', 'incident_burst', false)
     ON CONFLICT (office_code, rule) DO UPDATE SET enabled = false`,
  );
  reporter = await context.signInAs('reporter', ['61.03'], 'PEMDA');
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03'], 'POLRI');
  viewer = await context.signInAs('viewer', ['61.03']);
  elsewhere = await context.signInAs('intel', ['21.71']);
});
afterAll(async () => {
  await context.pool.query(`DELETE FROM alert_rule_setting WHERE office_code = 'sanggau' AND rule = 'incident_burst'`);
  // The reports filed here leave the other tests' counts as they were.
  const filedBy = [reporter.accountId];
  await context.pool.query(
    `DELETE FROM notification WHERE incident_id IN (SELECT id FROM incident WHERE filed_by = ANY($1::bigint[]))`,
    [filedBy],
  );
  await context.pool.query('DELETE FROM incident WHERE filed_by = ANY($1::bigint[])', [filedBy]);
  await context.close();
});

/** Entikong, on the land border with Sarawak; Kab. Sanggau's town, far from any border. */
const ENTIKONG = { lon: 110.35, lat: 0.97 };
const SANGGAU_TOWN = { lon: 110.6, lat: 0.125 };

async function fileReport(
  as: SignedIn,
  place: { lon: number; lat: number },
  type = 'tppo',
  description = 'Nama korban: Siti Aminah, dibawa ke Tebedu',
  ctx = context,
): Promise<number> {
  const response = await ctx.request(as, {
    method: 'POST',
    url: '/api/incidents',
    headers: { 'idempotency-key': randomUUID() },
    payload: {
      type,
      occurredAt: '2026-11-30T20:00:00.000Z',
      ...place,
      nationalities: ['ZZZ'],
      peopleCount: 2,
      severity: 'tinggi',
      description,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const notificationsFor = async (as: SignedIn, incidentId: number) =>
  (
    await context.pool.query('SELECT * FROM notification WHERE account_id = $1 AND incident_id = $2', [
      as.accountId,
      incidentId,
    ])
  ).rows;

const waitFor = async (check: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
};

describe('the near-border rule', () => {
  test('fires on a new trafficking report at the border, for the office and its partners in the area only', async () => {
    const id = await fileReport(reporter, ENTIKONG);
    await context.app.alerts.processPending();
    const [forIntel] = await notificationsFor(intel, id);
    expect(forIntel).toMatchObject({ rule: 'incident_near_border', subject: `incident:${id}` });
    expect(forIntel.title.id).toContain('TPPO');
    expect(forIntel.body.id).toMatch(/km dari perbatasan darat/);
    expect(forIntel.body.en).toContain('Kantor Imigrasi Sanggau');
    const [forMember] = await notificationsFor(member, id);
    // Nobody is named, for any role: not the victim in the report's text, nor the text at all.
    for (const words of [forIntel, forMember].flatMap((entry) => [entry.title, entry.body])) {
      expect(JSON.stringify(words)).not.toMatch(/Siti|Aminah|Tebedu|korban/);
    }
    expect(await notificationsFor(viewer, id)).toEqual([]);
    expect(await notificationsFor(reporter, id)).toEqual([]);
    expect(await notificationsFor(elsewhere, id)).toEqual([]);
    const audited = await context.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'alert.send' AND details->>'incident' = $1`,
      [String(id)],
    );
    const told = await context.pool.query<{ role: string; covers: boolean }>(
      `SELECT a.role, EXISTS (SELECT 1 FROM account_area aa WHERE aa.account_id = a.id
                               AND starts_with(i.desa_code, aa.region_code || '.')) AS covers
       FROM notification n JOIN account a ON a.id = n.account_id JOIN incident i ON i.id = n.incident_id
       WHERE n.incident_id = $1`,
      [id],
    );
    // Every account told is of the office or a partner, with the desa in its area; each sending is audited.
    expect(told.rows.every((row) => ['intel', 'member', 'admin'].includes(row.role) && row.covers)).toBe(true);
    expect(audited.rows[0].n).toBe(told.rows.length);
  });

  test('stays quiet on its near misses: another type at the border, the same type far from it', async () => {
    const other = await fileReport(reporter, ENTIKONG, 'other');
    const far = await fileReport(reporter, SANGGAU_TOWN, 'tppo');
    const { rows } = await context.pool.query<{ land: number; sea: number }>(
      `SELECT land_border_km AS land, sea_border_km AS sea FROM desa d JOIN incident i ON i.desa_code = d.code WHERE i.id = $1`,
      [far],
    );
    expect(Math.min(rows[0]!.land, rows[0]!.sea)).toBeGreaterThan(15);
    await context.app.alerts.processPending();
    expect(await notificationsFor(intel, other)).toEqual([]);
    expect(await notificationsFor(intel, far)).toEqual([]);
    const pending = await context.pool.query(
      'SELECT count(*)::int AS n FROM alert_event WHERE incident_id = ANY($1) AND processed_at IS NULL',
      [[other, far]],
    );
    expect(pending.rows[0].n).toBe(0);
  });
});

describe('delivery', () => {
  test('two server processes evaluating at once deliver each alert once', async () => {
    const second = await createTestApp();
    try {
      const id = await fileReport(reporter, ENTIKONG);
      const [a, b] = await Promise.all([context.app.alerts.processPending(), second.app.alerts.processPending()]);
      expect(a.events + b.events).toBeGreaterThanOrEqual(1);
      expect(await notificationsFor(intel, id)).toHaveLength(1);
      expect(await notificationsFor(member, id)).toHaveLength(1);
      // Evaluating again changes nothing.
      await Promise.all([context.app.alerts.processPending(), second.app.alerts.processPending()]);
      expect(await notificationsFor(intel, id)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  test('a report filed while no process runs the queue is alerted when one starts (a restart in between)', async () => {
    const id = await fileReport(reporter, ENTIKONG);
    expect(await notificationsFor(intel, id)).toEqual([]);
    const restarted = await createTestApp({ jobs: true });
    try {
      expect(await waitFor(async () => (await notificationsFor(intel, id)).length === 1)).toBe(true);
    } finally {
      await restarted.close();
    }
  });

  test('with the queue running, a filed report reaches the office within seconds, and the stream says so live', async () => {
    const live = await createTestApp({ jobs: true });
    try {
      const office = await live.signInAs('intel', ['61.03']);
      await live.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = live.app.server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/notifications/stream`, {
        headers: { cookie: office.cookie },
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const nextUnread = async (): Promise<number> => {
        for (;;) {
          const match = /event: unread\ndata: (\{[^\n]*\})\n\n/.exec(text);
          if (match) {
            text = text.slice(match.index + match[0].length);
            return JSON.parse(match[1]!).unread;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          text += decoder.decode(value);
        }
      };
      expect(await nextUnread()).toBe(0);
      const started = Date.now();
      const id = await fileReport(reporter, ENTIKONG, 'tppo', 'x', live);
      expect(await nextUnread()).toBe(1);
      expect(Date.now() - started).toBeLessThan(10_000);
      const [stored] = (
        await live.pool.query('SELECT id FROM notification WHERE account_id = $1 AND incident_id = $2', [
          office.accountId,
          id,
        ])
      ).rows;
      // Acknowledged: the count goes down, on the stream too.
      const ack = await live.request(office, { method: 'POST', url: `/api/notifications/${stored.id}/ack` });
      expect(ack.json()).toEqual({ unread: 0 });
      expect(await nextUnread()).toBe(0);
      await reader.cancel();
    } finally {
      await live.close();
    }
  });
});

describe('robustness', () => {
  test('an event whose evaluation fails is set aside after a few tries and holds up no alert after it', async () => {
    const bad = await fileReport(reporter, ENTIKONG);
    const good = await fileReport(reporter, ENTIKONG);
    const real = createAlertRepository(context.pool);
    const failing = createAlertService(
      context.pool,
      {
        ...real,
        findIncident: async (client, id) => {
          if (id === bad) throw new Error('planted failure');
          return real.findIncident(client, id);
        },
      },
      context.app.audit,
    );
    for (let run = 0; run < MAX_ATTEMPTS; run++) await failing.processPending();
    expect(await notificationsFor(intel, good)).toHaveLength(1);
    expect(await notificationsFor(intel, bad)).toEqual([]);
    const { rows } = await context.pool.query(
      'SELECT attempts, failed_at IS NOT NULL AS failed, processed_at IS NOT NULL AS done, last_error FROM alert_event WHERE incident_id = $1',
      [bad],
    );
    expect(rows[0]).toMatchObject({ attempts: MAX_ATTEMPTS, failed: true, done: true });
    expect(rows[0].last_error).toContain('planted failure');
  });

  test('an open stream ends when its session ends, and does not keep the server from closing', async () => {
    const live = await createTestApp({ jobs: true });
    const office = await live.signInAs('intel', ['61.03']);
    await live.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = live.app.server.address() as AddressInfo;
    const open = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/notifications/stream`, {
        headers: { cookie: office.cookie },
      });
      const reader = response.body!.getReader();
      await reader.read();
      return reader;
    };
    // Signed out: the next change for the account ends the stream instead of counting.
    const first = await open();
    const signedOut = await live.request(office, { method: 'DELETE', url: '/api/session' });
    expect(signedOut.statusCode).toBeLessThan(300);
    await fileReport(reporter, ENTIKONG, 'tppo', 'x', live);
    const ended = await Promise.race([
      (async () => {
        for (;;) if ((await first.read()).done) return true;
      })(),
      new Promise((resolve) => setTimeout(() => resolve(false), 15_000)),
    ]);
    expect(ended).toBe(true);
    // A stream still open when the server closes: the close completes.
    const again = await live.signInAs('intel', ['61.03']);
    const second = await fetch(`http://127.0.0.1:${port}/api/notifications/stream`, {
      headers: { cookie: again.cookie },
    });
    await second.body!.getReader().read();
    const closed = await Promise.race([
      live.close().then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 15_000)),
    ]);
    expect(closed).toBe(true);
  });

  test('an idempotency key is one key in either case', async () => {
    const key = randomUUID();
    const send = (written: string) =>
      context.request(reporter, {
        method: 'POST',
        url: '/api/incidents',
        headers: { 'idempotency-key': written },
        payload: {
          type: 'other',
          occurredAt: '2026-11-30T20:00:00.000Z',
          ...SANGGAU_TOWN,
          nationalities: ['ZZZ'],
          peopleCount: 1,
          severity: 'rendah',
        },
      });
    const [lower, upper] = await Promise.all([send(key), send(key.toUpperCase())]);
    expect([lower.statusCode, upper.statusCode].sort()).toEqual([200, 201]);
    expect(lower.json().id).toBe(upper.json().id);
    expect((await send(`urn:uuid:${key}`)).statusCode).toBe(400);
  });
});

describe('the notification centre', () => {
  test('lists the caller’s own alerts; acknowledge and snooze are the caller’s alone, and audited', async () => {
    const id = await fileReport(reporter, ENTIKONG);
    await context.app.alerts.processPending();
    const list = await context.getJson(member, '/api/notifications');
    const entry = list.notifications.find((item: { incidentId: number }) => item.incidentId === id);
    expect(entry).toMatchObject({ rule: 'incident_near_border', readAt: null });
    const before = list.unread;
    const snoozed = await context.request(member, {
      method: 'POST',
      url: `/api/notifications/${entry.id}/snooze`,
      payload: { minutes: 60 },
    });
    expect(snoozed.json().unread).toBe(before - 1);
    // Another account cannot touch it: the same 404 as for none.
    const theirs = await context.request(intel, { method: 'POST', url: `/api/notifications/${entry.id}/ack` });
    expect(theirs.statusCode).toBe(404);
    const bad = await context.request(member, {
      method: 'POST',
      url: `/api/notifications/${entry.id}/snooze`,
      payload: { minutes: 1 },
    });
    expect(bad.statusCode).toBe(400);
    // The snooze runs out (set back here): the sweep clears it and announces the account, whose count is back up.
    await context.pool.query(`UPDATE notification SET snoozed_until = now() - interval '1 second' WHERE id = $1`, [
      entry.id,
    ]);
    const listener = await context.pool.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (message) => heard.push(message.payload ?? ''));
      await listener.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
      expect(await context.app.alerts.wakeSnoozed()).toContain(member.accountId);
      await expect.poll(() => heard, { timeout: 5_000 }).toContain(String(member.accountId));
      await listener.query(`UNLISTEN ${NOTIFICATION_CHANNEL}`);
    } finally {
      listener.release();
    }
    expect((await context.getJson(member, '/api/notifications')).unread).toBe(before);
    const ack = await context.request(member, { method: 'POST', url: `/api/notifications/${entry.id}/ack` });
    expect(ack.statusCode).toBe(200);
    const trail = await context.pool.query(
      `SELECT action FROM audit_log WHERE target_type = 'notification' AND target_id = $1 ORDER BY id`,
      [String(entry.id)],
    );
    expect(trail.rows.map((row) => row.action)).toEqual(['alert.send', 'alert.snooze', 'alert.acknowledge']);
    // The viewer and the reporter have no notification centre.
    expect((await context.request(viewer, { method: 'GET', url: '/api/notifications' })).statusCode).toBe(403);
    expect((await context.request(reporter, { method: 'GET', url: '/api/notifications' })).statusCode).toBe(403);
  });
});
