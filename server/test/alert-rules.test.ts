/**
 * The early warning's rules on hand-made fixtures (issue #13), on a week of 2045 that no demo record reaches: stay
 * permits about to end, new overstays, overstays reaching the 60-day line, and a burst of incidents above a
 * kecamatan's baseline — each fires on its fixture and stays quiet on its near miss. An office adjusts its rules; an
 * account chooses what it is told and whether by e-mail (sent through a local SMTP server); a member learns how many,
 * through the disclosure rule, never who; a committed import is looked at like a filed report.
 */
import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isoWeek, poissonUpperTail, weekStart } from '../src/domain/alert-rules.ts';
import { cell, publishCount } from '../src/domain/disclosure-control.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

const AS_OF = '2045-06-14';
/** This run's own address (accounts of earlier runs stay in the test database). */
const ADDRESS = `inteldakim.${randomBytes(4).toString('hex')}@example.go.id`;
const WEEK = isoWeek(AS_OF);
const KECAMATAN = '61.03.21';
const DESA = '61.03.21.2003';

let context: TestContext;
let smtp: SMTPServer;
const received: { to: string; data: string }[] = [];
let intel: SignedIn;
let quietIntel: SignedIn;
let member: SignedIn;
let admin: SignedIn;
let otherKecamatan: string;
let provinceIntel: SignedIn;
let sporadicDesa: string;
const residents: number[] = [];
const incidents: number[] = [];

/** Quoted-printable undone, so the words of an e-mail can be looked for as they were written. */
const decoded = (data: string) =>
  Buffer.from(
    data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

async function resident(endsOn: string, status: 'active' | 'departed' = 'active') {
  const result = await context.pool.query(
    `INSERT INTO foreign_resident (full_name, nationality, sex, passport_number, permit_type, permit_issued_on,
                                   permit_expires_on, desa_code, home_point, status, left_on)
     SELECT 'Fixture Rule', 'ZZZ', 'F', 'ZZZRULE', 'ITK', '2045-01-01', $2, code, ST_PointOnSurface(geom), $3,
            CASE WHEN $3 = 'departed' THEN '2045-06-01'::date END
     FROM desa WHERE code = $1 RETURNING id`,
    [DESA, endsOn, status],
  );
  residents.push(Number(result.rows[0].id));
}

async function incident(desa: string, occurredAt: string, count = 1) {
  const result = await context.pool.query(
    `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, reporting_agency,
                           source)
     SELECT 'illegal_work', $2::timestamptz + (n || ' minutes')::interval, ST_PointOnSurface(geom), code, '{ZZZ}', 1,
            'rendah', 'POLRI', 'manual'
     FROM desa, generate_series(1, $3) AS n WHERE code = $1 RETURNING id`,
    [desa, occurredAt, count],
  );
  incidents.push(...result.rows.map((row) => Number(row.id)));
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((entry) => entry.address).join(','), data: decoded(data) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  context = await createTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${port}`, smtpFrom: 'Pantau <pantau@test>' } });
  intel = await context.signInAs('intel', ['61.03']);
  quietIntel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03'], 'POLRI');
  admin = await context.signInAs('admin', ['61']);
  otherKecamatan = (
    await context.pool.query<{ code: string }>(
      `SELECT code FROM desa WHERE left(code, 5) = '61.03' AND kecamatan_code <> $1 ORDER BY code LIMIT 1`,
      [KECAMATAN],
    )
  ).rows[0]!.code;

  // Permits ending within 30 days: four; near misses: one in 31 days, one of a resident who has left.
  for (let i = 0; i < 4; i++) await resident('2045-06-24');
  await resident('2045-07-15');
  await resident('2045-06-20', 'departed');
  // Overstays that began this week (the day after the permit ended): three; near miss: one that began last Sunday.
  for (let i = 0; i < 3; i++) await resident('2045-06-12');
  await resident('2045-06-10');
  // Reaching 60 days of overstay this week: two; near miss: one that reaches it tomorrow.
  for (let i = 0; i < 2; i++) await resident('2045-04-15');
  await resident('2045-04-16');
  // A burst in Entikong: five in the last week against two in the year before. Near miss: five in another
  // kecamatan that has about six a week anyway.
  await incident(DESA, '2045-06-10T03:00:00Z', 5);
  await incident(DESA, '2044-06-15T03:00:00Z', 2);
  await incident(otherKecamatan, '2045-06-10T03:00:00Z', 5);
  await incident(otherKecamatan, '2044-06-20T03:00:00Z', 300);
  // A cluster that grew: Entikong's five of the last 30 days, none in the 30 before. Near miss: the other kecamatan's
  // five against four in the 30 days before (not twice as many).
  await incident(otherKecamatan, '2045-05-01T03:00:00Z', 4);
  // An emerging hot spot: Entikong's desa is new (significant only at the end of the 12 months). Near miss: a desa
  // of a third kecamatan hot in October and again in June, on and off (sporadic), with too few for a burst or cluster.
  sporadicDesa = (
    await context.pool.query<{ code: string }>(
      `SELECT code FROM desa WHERE left(code, 5) = '61.03' AND kecamatan_code NOT IN ($1, $2) ORDER BY code DESC LIMIT 1`,
      [KECAMATAN, otherKecamatan.slice(0, 8)],
    )
  ).rows[0]!.code;
  await incident(sporadicDesa, '2044-10-10T03:00:00Z', 3);
  await incident(sporadicDesa, '2045-06-01T03:00:00Z', 3);
  provinceIntel = await context.signInAs('intel', ['61']);
});

/** The subjects of the emerging hot spots the analysis itself finds in Kab. Sanggau (province-wide, as the rule runs). */
async function emergingSubjects(): Promise<{ alerted: string[]; categories: Map<string, string> }> {
  const result = await context.getJson(
    provinceIntel,
    '/api/analysis/emerging-hotspots?layer=incidents&slice=month&from=2044-07-01&to=2045-06-14',
  );
  const categories = new Map<string, string>(
    result.features.map((feature: { id: string; direction: string; category: string }) => [
      feature.id,
      `${feature.direction}:${feature.category}`,
    ]),
  );
  const alerted = result.features
    .filter(
      (feature: { id: string; direction: string; category: string }) =>
        feature.direction === 'hot' &&
        ['new', 'intensifying'].includes(feature.category) &&
        feature.id.startsWith('61.03.'),
    )
    .map((feature: { id: string }) => `emerging_hotspot:${feature.id}:${WEEK}`);
  return { alerted, categories };
}

afterAll(async () => {
  await context.pool.query(`DELETE FROM notification WHERE subject LIKE $1`, [`%:${WEEK}`]);
  await context.pool.query(`DELETE FROM alert_rule_setting WHERE office_code = 'sanggau'`);
  await context.pool.query('DELETE FROM alert_subscription WHERE account_id = $1', [quietIntel.accountId]);
  await context.pool.query('DELETE FROM foreign_resident WHERE id = ANY($1::bigint[])', [residents]);
  await context.pool.query('DELETE FROM incident WHERE id = ANY($1::bigint[])', [incidents]);
  await context.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

type Stored = { rule: string; subject: string; title: { id: string; en: string }; body: { id: string; en: string } };
const notificationsOf = async (as: SignedIn): Promise<Stored[]> =>
  (await context.getJson(as, '/api/notifications')).notifications.filter((entry: Stored) =>
    entry.subject.endsWith(WEEK),
  );
/** The emerging hot spots apart (their desa are the analysis's to say), the other alerts by subject. */
function split(told: Record<string, string>): Record<string, string> & { emerging: string[] } {
  const emerging = Object.keys(told).filter((subject) => subject.startsWith('emerging_hotspot:'));
  const rest = Object.fromEntries(Object.entries(told).filter(([subject]) => !subject.startsWith('emerging_hotspot:')));
  return { ...rest, emerging } as Record<string, string> & { emerging: string[] };
}
const titles = (entries: Stored[]) =>
  Object.fromEntries(entries.map((entry) => [entry.subject, entry.title.id] as const));

describe('the arithmetic', () => {
  test('the Poisson upper tail and the ISO week', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    // P(X ≥ 2 | λ = 1) = 1 − e⁻¹(1 + 1)
    expect(poissonUpperTail(2, 1)).toBeCloseTo(1 - 2 * Math.exp(-1), 12);
    expect(poissonUpperTail(5, 0)).toBe(0);
    expect(isoWeek('2045-06-14')).toBe('2045-W24');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(weekStart('2045-06-14')).toBe('2045-06-12');
    expect(weekStart('2045-06-12')).toBe('2045-06-12');
  });
});

describe('the rules on their fixtures', () => {
  test('an office adjusts its rules: refused out of range, audited, applied', async () => {
    const put = (as: SignedIn, rule: string, payload: object, office = 'sanggau') =>
      context.request(as, { method: 'PUT', url: `/api/offices/${office}/alert-rules/${rule}`, payload });
    expect((await put(admin, 'permit_expiring', { enabled: true, params: { days: 0 } })).json().code).toBe(
      'INVALID_RULE_PARAMS',
    );
    expect((await put(admin, 'permit_expiring', { enabled: true, params: { weeks: 2 } })).statusCode).toBe(400);
    expect((await put(admin, 'permit_expiring', { enabled: true, params: { constructor: 1 } })).statusCode).toBe(400);
    expect(
      (await put(admin, 'incident_near_border', { enabled: true, params: { types: ['picnic'] } })).statusCode,
    ).toBe(400);
    expect((await put(admin, 'permit_expiring', { enabled: true, params: {} }, 'atlantis')).statusCode).toBe(404);
    expect((await put(member, 'permit_expiring', { enabled: false, params: {} })).statusCode).toBe(403);
    // Sanggau (which serves Kab. Sanggau) warns 5 days ahead only, and turns the new-overstay digest off.
    expect((await put(admin, 'permit_expiring', { enabled: true, params: { days: 5 } })).statusCode).toBe(200);
    const off = await put(admin, 'overstay', { enabled: false, params: {} });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().rules).toEqual(
      expect.arrayContaining([
        { rule: 'permit_expiring', enabled: true, params: { days: 5 }, adjusted: true },
        { rule: 'overstay', enabled: false, params: {}, adjusted: true },
        expect.objectContaining({ rule: 'incident_burst', enabled: true, adjusted: false }),
      ]),
    );
    const audited = await context.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE username = $1 AND action = 'alert.rules_update'`,
      [admin.username],
    );
    expect(audited.rows[0].n).toBe(2);

    // The subscriptions: one intel account takes bursts off and the 60-day line by e-mail.
    const settings = await context.request(quietIntel, {
      method: 'PUT',
      url: '/api/notifications/settings',
      payload: {
        email: ADDRESS,
        rules: [
          { rule: 'incident_burst', inApp: false, email: false },
          { rule: 'overstay_60_days', inApp: true, email: true },
          { rule: 'overstay', inApp: false, email: true },
        ],
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const noAddress = await context.request(intel, {
      method: 'PUT',
      url: '/api/notifications/settings',
      payload: { email: null, rules: [{ rule: 'overstay', inApp: true, email: true }] },
    });
    expect(noAddress.json().code).toBe('EMAIL_REQUIRED');
    const twice = await context.request(intel, {
      method: 'PUT',
      url: '/api/notifications/settings',
      payload: {
        email: null,
        rules: [
          { rule: 'overstay', inApp: true, email: false },
          { rule: 'overstay', inApp: false, email: false },
        ],
      },
    });
    expect(twice.json().code).toBe('DUPLICATE_RULES');

    await context.app.alerts.evaluateScheduled(AS_OF);
    const { emerging, ...told } = split(titles(await notificationsOf(intel)));
    // The permits end in 10 days (beyond Sanggau's 5) and overstays are off: neither is sent.
    expect(told).toEqual({
      [`overstay_60_days:${KECAMATAN}:${WEEK}`]: '2 overstay mencapai 60 hari minggu ini: Kec. Entikong',
      [`incident_burst:${KECAMATAN}:${WEEK}`]: 'Lonjakan kejadian: 5 dalam 7 hari di Kec. Entikong',
      [`cluster_grew:${KECAMATAN}:${WEEK}`]: 'Klaster kejadian membesar: 5 dalam 30 hari di Kec. Entikong',
    });
    // The emerging hot spots told are exactly those the analysis panel finds, and the fixture's desa is one.
    const { alerted: found, categories } = await emergingSubjects();
    expect(categories.get(DESA)).toBe('hot:new');
    expect(found).toContain(`emerging_hotspot:${DESA}:${WEEK}`);
    expect(categories.get(sporadicDesa)).toBe('hot:sporadic');
    expect(found).not.toContain(`emerging_hotspot:${sporadicDesa}:${WEEK}`);
    expect(emerging.sort()).toEqual(found.sort());
  });

  test('with the defaults back, each rule fires on its fixture once a week and stays quiet on its near miss', async () => {
    for (const rule of ['permit_expiring', 'overstay']) {
      const response = await context.request(admin, {
        method: 'PUT',
        url: `/api/offices/sanggau/alert-rules/${rule}`,
        payload: { enabled: true, params: {} },
      });
      expect(response.statusCode).toBe(200);
    }
    await context.app.alerts.evaluateScheduled(AS_OF);
    const all = titles(await notificationsOf(intel));
    const { emerging: _emerging, ...told } = split(all);
    expect(told).toEqual({
      [`permit_expiring:${KECAMATAN}:${WEEK}`]: '4 izin tinggal habis dalam 30 hari: Kec. Entikong',
      [`overstay:${KECAMATAN}:${WEEK}`]: '3 overstay baru minggu ini: Kec. Entikong',
      [`overstay_60_days:${KECAMATAN}:${WEEK}`]: '2 overstay mencapai 60 hari minggu ini: Kec. Entikong',
      [`incident_burst:${KECAMATAN}:${WEEK}`]: 'Lonjakan kejadian: 5 dalam 7 hari di Kec. Entikong',
      [`cluster_grew:${KECAMATAN}:${WEEK}`]: 'Klaster kejadian membesar: 5 dalam 30 hari di Kec. Entikong',
    });
    // Again the same week: nothing new.
    expect(await context.app.alerts.evaluateScheduled(AS_OF)).toBe(0);
    // Bursts are off for the quiet account; the rest it gets.
    const { emerging: quietEmerging, ...quiet } = split(titles(await notificationsOf(quietIntel)));
    expect(quietEmerging.sort()).toEqual(split(all).emerging.sort());
    expect(Object.keys(quiet).sort()).toEqual(
      [
        `cluster_grew:${KECAMATAN}:${WEEK}`,
        `overstay:${KECAMATAN}:${WEEK}`,
        `overstay_60_days:${KECAMATAN}:${WEEK}`,
        `permit_expiring:${KECAMATAN}:${WEEK}`,
      ].sort(),
    );
  });

  test('a member learns how many through the disclosure rule, never who', async () => {
    const told = titles(await notificationsOf(member));
    const keys = async (ends: string[]) => {
      const result = await context.pool.query(
        `SELECT count(*) AS n, sum(disclosure_key::bigint) AS k FROM foreign_resident
         WHERE id = ANY($1::bigint[]) AND status = 'active' AND permit_expires_on = ANY($2::date[])`,
        [residents, ends],
      );
      return publishCount('member', cell(result.rows[0].n, result.rows[0].k), 3);
    };
    const expected: Record<string, string | number> = {
      permit_expiring: await keys(['2045-06-24']),
      overstay: await keys(['2045-06-12']),
      overstay_60_days: await keys(['2045-04-15']),
    };
    for (const [rule, published] of Object.entries(expected)) {
      const title = told[`${rule}:${KECAMATAN}:${WEEK}`];
      if (typeof published === 'string' || published === 0) expect({ rule, title }).toEqual({ rule, title: undefined });
      else expect(title).toMatch(new RegExp(`^${published} `));
    }
    // Incidents are not people: the member reads the burst as intel does.
    expect(told[`incident_burst:${KECAMATAN}:${WEEK}`]).toBe('Lonjakan kejadian: 5 dalam 7 hari di Kec. Entikong');
    expect(JSON.stringify(await notificationsOf(member))).not.toContain('Fixture');
  });

  test('an alert asked for by e-mail goes out once through the SMTP relay, in both languages', async () => {
    // (Other accounts of the test database may have asked for e-mail too: only this one's are looked at.)
    expect(await context.app.alertMail.sendPending()).toBeGreaterThanOrEqual(1);
    expect(await context.app.alertMail.sendPending()).toBe(0);
    const ours = received.filter((mail) => mail.to === ADDRESS).map((mail) => mail.data);
    expect(ours).toHaveLength(2);
    const line = ours.find((data) => data.includes('overstay mencapai'))!;
    expect(line).toContain('2 overstay mencapai 60 hari minggu ini: Kec. Entikong');
    expect(line).toContain('2 overstays reach 60 days this week: Kec. Entikong');
    expect(ours.find((data) => data.includes('overstay baru'))).toContain('3 new overstays this week: Kec. Entikong');
    expect(ours.join()).not.toContain('Fixture');
    // By e-mail only: the notification is kept as read, so no badge counts it.
    const emailOnly = (await context.getJson(quietIntel, '/api/notifications')).notifications.find(
      (entry: Stored & { readAt: string | null }) => entry.subject === `overstay:${KECAMATAN}:${WEEK}`,
    );
    expect(emailOnly.readAt).not.toBeNull();
    const outbox = await context.pool.query(
      `SELECT o.sent_at IS NOT NULL AS sent FROM email_outbox o JOIN notification n ON n.id = o.notification_id
       WHERE n.account_id = $1`,
      [quietIntel.accountId],
    );
    expect(outbox.rows).toEqual([{ sent: true }, { sent: true }]);
    const settings = await context.getJson(quietIntel, '/api/notifications/settings');
    expect(settings.email).toBe(ADDRESS);
    expect(settings.rules).toContainEqual({ rule: 'overstay_60_days', inApp: true, email: true });
    expect(settings.rules).toContainEqual({ rule: 'overstay', inApp: false, email: true });
  });

  test('a committed import leaves an event, and its evaluation runs the digests of today', async () => {
    const event = await context.pool.query<{ id: string }>(
      `INSERT INTO alert_event (kind) VALUES ('import.committed') RETURNING id`,
    );
    const today = new Date().toISOString().slice(0, 10);
    const before = await context.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE account_id = $1 AND rule = 'permit_expiring'`,
      [intel.accountId],
    );
    await context.app.alerts.processPending();
    const processed = await context.pool.query('SELECT processed_at FROM alert_event WHERE id = $1', [
      event.rows[0]!.id,
    ]);
    expect(processed.rows[0].processed_at).not.toBeNull();
    // Today's permits ending within 30 days in Kab. Sanggau, per kecamatan, counted here on their own.
    const expected = await context.pool.query<{ kecamatan_code: string }>(
      `SELECT DISTINCT d.kecamatan_code FROM foreign_resident r JOIN desa d ON d.code = r.desa_code
       WHERE r.status = 'active' AND left(r.desa_code, 5) = '61.03'
         AND r.permit_expires_on BETWEEN $1::date AND $1::date + 30`,
      [today],
    );
    const after = await context.pool.query<{ subject: string }>(
      `SELECT subject FROM notification WHERE account_id = $1 AND rule = 'permit_expiring' AND subject LIKE $2`,
      [intel.accountId, `%:${isoWeek(today)}`],
    );
    expect(after.rows.map((row) => row.subject.split(':')[1]).sort()).toEqual(
      expected.rows.map((row) => row.kecamatan_code).sort(),
    );
    expect(after.rows.length).toBeGreaterThanOrEqual(before.rows[0]!.n);
    await context.pool.query(`DELETE FROM notification WHERE subject LIKE $1 AND account_id = ANY($2::bigint[])`, [
      `%:${isoWeek(today)}`,
      [intel.accountId, quietIntel.accountId, member.accountId],
    ]);
  });
});
