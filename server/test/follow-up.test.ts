/**
 * The follow-up from report to outcome (issue #13), against the real PostGIS: a report is triaged, given a lead
 * agency, taken up in a joint action and gets an outcome; the timeline holds each step in order; the statistics count
 * it; the reporter sees what came of its report. Tried as an attacker: other areas get 404, roles that do not follow
 * up get 403, people's names and notes stay with the roles that may read them, and retries record once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cell, publishCount, publishedNumber } from '../src/domain/disclosure-control.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let reporter: SignedIn;
let intel: SignedIn;
let member: SignedIn;
let viewer: SignedIn;
let outsider: SignedIn;
let residentId: number;
const actions: number[] = [];

/** Entikong (Kab. Sanggau), the made-up nationality of the tests' own rows. */
const DESA = '61.03.21.2003';
const report = {
  type: 'tppo',
  occurredAt: '2026-11-30T23:10:00.000Z',
  lon: 110.35,
  lat: 0.97,
  nationalities: ['ZZZ'],
  peopleCount: 3,
  severity: 'tinggi',
  description: 'Tiga perempuan dibawa lewat jalan setapak',
};
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  context = await createTestApp();
  reporter = await context.signInAs('reporter', ['61.03'], 'PEMDA');
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03'], 'POLRI');
  viewer = await context.signInAs('viewer', ['61.03']);
  outsider = await context.signInAs('intel', ['21.71']);
  const inserted = await context.pool.query(
    `INSERT INTO foreign_resident (full_name, nationality, sex, passport_number, permit_type, permit_issued_on,
                                   permit_expires_on, desa_code, home_point)
     SELECT 'Fixture Deportee', 'ZZZ', 'M', 'ZZZ0001', 'ITK', '2025-01-01', '2026-06-30', code, ST_PointOnSurface(geom)
     FROM desa WHERE code = $1 RETURNING id`,
    [DESA],
  );
  residentId = Number(inserted.rows[0].id);
});
afterAll(async () => {
  const accounts = [reporter.accountId, intel.accountId, member.accountId];
  await context.pool.query('DELETE FROM follow_up_outcome WHERE recorded_by = ANY($1::bigint[])', [accounts]);
  await context.pool.query('DELETE FROM joint_action WHERE id = ANY($1::bigint[])', [actions]);
  await context.pool.query(
    'DELETE FROM notification WHERE incident_id IN (SELECT id FROM incident WHERE filed_by = $1)',
    [reporter.accountId],
  );
  await context.pool.query('DELETE FROM incident WHERE filed_by = ANY($1::bigint[])', [accounts]);
  await context.pool.query('DELETE FROM foreign_resident WHERE id = $1', [residentId]);
  await context.close();
});

const send = (as: SignedIn, method: 'POST' | 'PUT', url: string, payload: object, headers = {}) =>
  context.request(as, { method, url, payload, headers });

async function fileReport(body: object = report): Promise<number> {
  const response = await send(reporter, 'POST', '/api/incidents', body, { 'idempotency-key': randomUUID() });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function createAction(as: SignedIn, targets: object[] = [], extra: object = {}) {
  const response = await send(as, 'POST', '/api/joint-actions', {
    kind: 'operasi_gabungan',
    title: 'Operasi gabungan Entikong',
    startsOn: today,
    endsOn: today,
    agencies: ['IMIGRASI', 'POLRI', 'TNI'],
    areaCodes: ['61.03.21'],
    notes: 'Sasaran: rumah singgah dekat PLBN',
    targets,
    ...extra,
  });
  if (response.statusCode === 201) actions.push(response.json().id);
  return response;
}

const outcome = (incidentId: number, extra: object = {}) => ({
  incidentId,
  kind: 'deportation',
  people: 2,
  decidedOn: today,
  agency: 'IMIGRASI',
  note: 'Dideportasi lewat PLBN Entikong: Siti dan Ani',
  ...extra,
});

describe('from report to outcome', () => {
  test('triage, lead agency, joint action, a deportation and closing, each on the timeline, audited', async () => {
    const id = await fileReport();
    const triaged = await send(intel, 'POST', `/api/incidents/${id}/triage`, {
      decision: 'verified',
      note: 'Dikonfirmasi petugas PLBN',
    });
    expect(triaged.statusCode, triaged.body).toBe(200);
    expect(triaged.json()).toMatchObject({ status: 'verified', mayFollowUp: true });
    // The same decision again (a retry) adds nothing.
    await send(intel, 'POST', `/api/incidents/${id}/triage`, { decision: 'verified' });

    const lead = await send(intel, 'PUT', `/api/incidents/${id}/lead-agency`, { agency: 'POLRI' });
    expect(lead.json().leadAgency).toBe('POLRI');

    const action = await createAction(intel, [
      { kind: 'incident', ref: String(id), source: 'manual' },
      { kind: 'region', ref: DESA, source: 'hotspot' },
    ]);
    expect(action.statusCode, action.body).toBe(201);
    const actionId = action.json().id;
    expect(action.json()).toMatchObject({
      areaNames: ['Entikong'],
      targets: [
        { kind: 'incident', ref: String(id), label: `tppo · Entikong` },
        { kind: 'region', ref: DESA, source: 'hotspot', label: 'Entikong' },
      ],
    });

    // The meeting's numbers before (the demo data has outcomes of its own).
    const statsBefore = await context.getJson(intel, `/api/outcomes/stats?region=61.03.21`);
    const key = randomUUID();
    const recorded = await send(intel, 'POST', '/api/outcomes', outcome(id, { jointActionId: actionId }), {
      'idempotency-key': key,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    // A retry answers the first recording; the same key with another body is refused; one row is stored.
    const retried = await send(intel, 'POST', '/api/outcomes', outcome(id, { jointActionId: actionId }), {
      'idempotency-key': key.toUpperCase(),
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: recorded.json().id, replayed: true });
    const reused = await send(intel, 'POST', '/api/outcomes', outcome(id, { people: 1 }), { 'idempotency-key': key });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const rows = await context.pool.query('SELECT count(*)::int AS n FROM follow_up_outcome WHERE incident_id = $1', [
      id,
    ]);
    expect(rows.rows[0].n).toBe(1);

    const closed = await send(intel, 'POST', `/api/incidents/${id}/close`, { note: 'Selesai' });
    expect(closed.statusCode, closed.body).toBe(200);
    const followUp = closed.json();
    expect(followUp.status).toBe('closed');
    expect(followUp.jointActions).toEqual([
      { id: actionId, title: 'Operasi gabungan Entikong', kind: 'operasi_gabungan' },
    ]);
    expect(followUp.outcomes).toMatchObject([
      { kind: 'deportation', people: 2, agency: 'IMIGRASI', jointActionId: actionId },
    ]);
    expect(
      followUp.timeline.map((step: { kind: string; status: string | null }) =>
        step.kind === 'status' ? `status:${step.status}` : step.kind,
      ),
    ).toEqual([
      'status:reported',
      'status:verified',
      'lead_agency',
      'joint_action',
      'outcome',
      'status:acted_on',
      'status:closed',
    ]);
    expect(followUp.timeline[1]).toMatchObject({ agency: 'IMIGRASI', note: 'Dikonfirmasi petugas PLBN' });
    expect(followUp.timeline[0]).toMatchObject({ agency: 'PEMDA' });

    const audited = await context.pool.query(`SELECT action FROM audit_log WHERE username = $1 ORDER BY id`, [
      intel.username,
    ]);
    expect(audited.rows.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'incident.triage',
        'incident.assign',
        'joint_action.create',
        'outcome.record',
        'incident.close',
      ]),
    );

    // What the reporter sees of it: the status and what came of it, no note.
    const mine = await context.getJson(reporter, '/api/incidents/mine');
    const own = mine.reports.find((entry: { id: number }) => entry.id === id);
    expect(own.status).toBe('closed');
    expect(own.outcomes).toEqual([{ kind: 'deportation', measure: null, decidedOn: today }]);
    expect(JSON.stringify(own)).not.toContain('Siti');

    // The meeting's numbers: intel's month holds the two people deported.
    const stats = await context.getJson(intel, `/api/outcomes/stats?region=61.03.21`);
    const month = stats.months.at(-1);
    expect(month.month).toBe(today.slice(0, 7));
    expect(month.byKind.deportation - (statsBefore.months.at(-1).byKind.deportation ?? 0)).toBe(2);
    expect(stats.totals.deportation - (statsBefore.totals.deportation ?? 0)).toBe(2);
    expect(stats.reports).toMatchObject({ filed: expect.any(Number), triaged: expect.any(Number) });
    expect(stats.reports.withOutcome).toBeGreaterThanOrEqual(1);
  });

  test('a member follows up too; names and others’ notes stay with intel; people only through the disclosure rule', async () => {
    const id = await fileReport();
    await send(member, 'POST', `/api/incidents/${id}/triage`, { decision: 'verified', note: 'Dari Polsek' });
    const byIntel = await send(intel, 'POST', '/api/outcomes', outcome(id, { kind: 'pro_justitia' }));
    expect(byIntel.statusCode, byIntel.body).toBe(201);
    const seen = await context.getJson(member, `/api/incidents/${id}/follow-up`);
    expect(seen.status).toBe('acted_on');
    // Its own agency's note it reads; intel's note (which names people) it does not.
    expect(seen.timeline.find((step: { status: string }) => step.status === 'verified').note).toBe('Dari Polsek');
    expect(seen.outcomes[0].note).toBeNull();
    expect(seen.timeline.find((step: { kind: string }) => step.kind === 'outcome').note).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('Siti');
    // Two people: through the disclosure rule for the member (the record's own key), exact for intel.
    const key = await context.pool.query('SELECT disclosure_key FROM follow_up_outcome WHERE id = $1', [
      byIntel.json().id,
    ]);
    expect(seen.outcomes[0].people).toBe(publishCount('member', cell(2, key.rows[0].disclosure_key), 3));
    const exact = await context.getJson(intel, `/api/incidents/${id}/follow-up`);
    expect(exact.outcomes[0]).toMatchObject({ people: 2, note: outcome(id).note });

    // An outcome for one person, or a person on a target list, is for roles that may see people.
    const forPerson = await send(member, 'POST', '/api/outcomes', {
      residentId,
      kind: 'warning',
      people: 1,
      decidedOn: today,
      agency: 'POLRI',
    });
    expect(forPerson.statusCode).toBe(403);
    const personTarget = await createAction(member, [{ kind: 'resident', ref: String(residentId), source: 'cluster' }]);
    expect(personTarget.statusCode).toBe(403);
  });

  test('a deportation of a registered resident marks the person deported; others see the action without the person', async () => {
    const action = await createAction(intel, [{ kind: 'resident', ref: String(residentId), source: 'cluster' }]);
    expect(action.statusCode, action.body).toBe(201);
    expect(action.json().targets[0]).toMatchObject({ kind: 'resident', label: 'Fixture Deportee' });
    const recorded = await send(intel, 'POST', '/api/outcomes', {
      residentId,
      jointActionId: action.json().id,
      kind: 'deportation',
      people: 1,
      decidedOn: today,
      agency: 'IMIGRASI',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ residentId, residentName: 'Fixture Deportee' });
    const stored = await context.pool.query(
      `SELECT status, to_char(left_on, 'YYYY-MM-DD') AS left_on FROM foreign_resident WHERE id = $1`,
      [residentId],
    );
    expect(stored.rows[0]).toEqual({ status: 'deported', left_on: today });
    const asMember = await context.getJson(member, `/api/joint-actions/${action.json().id}`);
    // The person is left out; how many are, and how many its outcomes concern, through the disclosure rule.
    const keys = await context.pool.query(
      `SELECT r.disclosure_key AS person, o.disclosure_key AS outcome FROM foreign_resident r
       JOIN follow_up_outcome o ON o.resident_id = r.id WHERE r.id = $1`,
      [residentId],
    );
    expect(asMember).toMatchObject({
      targets: [],
      targetsWithheld: publishCount('member', cell(1, keys.rows[0].person), 3),
      outcomes: publishCount('member', cell(1, keys.rows[0].outcome), 3),
    });
    expect(await context.getJson(intel, `/api/joint-actions/${action.json().id}`)).toMatchObject({
      targetsWithheld: 0,
      outcomes: 1,
    });
    expect(JSON.stringify(asMember)).not.toContain('Fixture Deportee');
    const list = await context.getJson(viewer, '/api/joint-actions');
    expect(list.actions.map((entry: { id: number }) => entry.id)).toContain(action.json().id);
    expect(JSON.stringify(list)).not.toContain('Fixture Deportee');
  });
});

describe('steps out of order are refused with a reason, and change nothing', () => {
  test('no outcome before triage; no closing a fresh report; no triage after action', async () => {
    const id = await fileReport();
    const early = await send(intel, 'POST', '/api/outcomes', outcome(id));
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: { id: expect.any(String), en: expect.any(String) },
    });
    const closing = await send(intel, 'POST', `/api/incidents/${id}/close`, {});
    expect(closing.statusCode).toBe(409);
    // Not substantiated from a fresh report: the status follows, and it may then be closed.
    const nothing = await send(intel, 'POST', '/api/outcomes', outcome(id, { kind: 'not_substantiated', people: 1 }));
    expect(nothing.statusCode, nothing.body).toBe(201);
    const state = await context.getJson(intel, `/api/incidents/${id}/follow-up`);
    expect(state.status).toBe('not_substantiated');
    const verifiedLater = await fileReport();
    await send(intel, 'POST', `/api/incidents/${verifiedLater}/triage`, { decision: 'verified' });
    await send(intel, 'POST', '/api/outcomes', outcome(verifiedLater, { kind: 'warning', people: 1 }));
    const retriage = await send(intel, 'POST', `/api/incidents/${verifiedLater}/triage`, {
      decision: 'not_substantiated',
    });
    expect(retriage.statusCode).toBe(409);
  });

  test('bad bodies get 400 with a code, never 500', async () => {
    const id = await fileReport();
    await send(intel, 'POST', `/api/incidents/${id}/triage`, { decision: 'verified' });
    const bodies: [object, string][] = [
      [outcome(id, { people: 0 }), 'INVALID_REQUEST'],
      [outcome(id, { people: 4 }), 'INVALID_PEOPLE'],
      [outcome(id, { kind: 'administrative_measure' }), 'INVALID_MEASURE'],
      [outcome(id, { measure: 'listing' }), 'INVALID_MEASURE'],
      [outcome(id, { decidedOn: '2099-01-01' }), 'DATE_IN_FUTURE'],
      [outcome(id, { decidedOn: '2026-02-30' }), 'INVALID_REQUEST'],
      [{ kind: 'warning', people: 1, decidedOn: today, agency: 'POLRI' }, 'OUTCOME_SUBJECT_REQUIRED'],
      [outcome(id, { agency: 'FBI' }), 'INVALID_REQUEST'],
    ];
    for (const [body, code] of bodies) {
      const response = await send(intel, 'POST', '/api/outcomes', body);
      expect({ body, status: response.statusCode, code: response.json().code }).toEqual({ body, status: 400, code });
    }
    const actionsBad: [object, string][] = [
      [{ areaCodes: ['21.71.01'] }, 'INVALID_AREA_CODES'],
      [{ areaCodes: ['61.03.99'] }, 'INVALID_AREA_CODES'],
      [{ endsOn: '2020-01-01' }, 'INVALID_PERIOD'],
      [{ targets: [{ kind: 'incident', ref: '999999999999', source: 'manual' }] }, 'INVALID_TARGETS'],
      [{ targets: [{ kind: 'region', ref: '21.71', source: 'manual' }] }, 'INVALID_TARGETS'],
      [{ targets: [{ kind: 'incident', ref: '61.03', source: 'manual' }] }, 'INVALID_TARGETS'],
      [{ agencies: [] }, 'INVALID_REQUEST'],
      [{ title: 'x'.repeat(201) }, 'INVALID_REQUEST'],
    ];
    for (const [extra, code] of actionsBad) {
      const response = await createAction(intel, [], extra);
      expect({ extra, status: response.statusCode, code: response.json().code }).toEqual({ extra, status: 400, code });
    }
  });
});

describe('who may follow up, tried as an attacker', () => {
  test('a member cannot learn an incident’s exact people count from the outcome check', async () => {
    const id = await fileReport();
    await send(intel, 'POST', `/api/incidents/${id}/triage`, { decision: 'verified' });
    const key = await context.pool.query('SELECT disclosure_key FROM incident WHERE id = $1', [id]);
    const published = publishCount('member', cell(3, key.rows[0].disclosure_key), 3);
    const most = (typeof published === 'number' ? published : 2) + 2;
    // Just above what the member may know: refused, with a bound made of published numbers only.
    const over = await send(member, 'POST', '/api/outcomes', outcome(id, { people: most + 1 }));
    expect(over.statusCode).toBe(400);
    expect(over.json().message.en).toBe(`At most ${most} people for this incident.`);
    // Intel's bound is the true count.
    const intelOver = await send(intel, 'POST', '/api/outcomes', outcome(id, { people: 4 }));
    expect(intelOver.json().message.en).toBe('At most 3 people for this incident.');
  });

  test('a joint action shows a reader only the targets inside its area', async () => {
    const province = await context.signInAs('intel', ['61']);
    const elsewhere = (
      await context.pool.query<{ code: string; kecamatan_code: string }>(
        `SELECT code, kecamatan_code FROM desa WHERE left(code, 5) = '61.01' ORDER BY code LIMIT 1`,
      )
    ).rows[0]!;
    const created = await context.request(province, {
      method: 'POST',
      url: '/api/joint-actions',
      payload: {
        kind: 'operasi_gabungan',
        title: 'Operasi lintas kabupaten',
        startsOn: today,
        endsOn: today,
        agencies: ['IMIGRASI'],
        areaCodes: ['61.03.21', elsewhere.kecamatan_code],
        targets: [
          { kind: 'region', ref: DESA, source: 'hotspot' },
          { kind: 'region', ref: elsewhere.code, source: 'hotspot' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    actions.push(created.json().id);
    const seen = await context.getJson(intel, `/api/joint-actions/${created.json().id}`);
    expect(seen.targets.map((target: { ref: string }) => target.ref)).toEqual([DESA]);
    expect(seen.targetsWithheld).toBe(1);
    // The viewer reads coordinates on its grid.
    const projected = await context.getJson(viewer, `/api/joint-actions/${created.json().id}`);
    for (const target of projected.targets) expect(target.lon).toBe(Math.round(target.lon * 100) / 100);
  });

  test('another area gets 404 as for no incident; the viewer and the reporter get 403 on every step', async () => {
    const id = await fileReport();
    const steps = [
      () => send(outsider, 'POST', `/api/incidents/${id}/triage`, { decision: 'verified' }),
      () => send(outsider, 'PUT', `/api/incidents/${id}/lead-agency`, { agency: 'TNI' }),
      () => send(outsider, 'POST', '/api/outcomes', outcome(id)),
      () => context.request(outsider, { method: 'GET', url: `/api/incidents/${id}/follow-up` }),
    ];
    for (const step of steps) expect((await step()).statusCode).toBe(404);
    for (const as of [viewer, reporter]) {
      expect((await send(as, 'POST', `/api/incidents/${id}/triage`, { decision: 'verified' })).statusCode).toBe(403);
      expect((await send(as, 'POST', '/api/outcomes', outcome(id))).statusCode).toBe(403);
      expect((await createAction(as)).statusCode).toBe(403);
    }
    for (const url of [`/api/incidents/${id}/follow-up`, '/api/joint-actions', '/api/outcomes/stats']) {
      expect((await context.request(reporter, { method: 'GET', url })).statusCode).toBe(403);
    }
    // An action of 61.03 is not another area's: 404 on read and on adding targets.
    const action = await createAction(intel);
    expect(
      (await context.request(outsider, { method: 'GET', url: `/api/joint-actions/${action.json().id}` })).statusCode,
    ).toBe(404);
    const adding = await send(outsider, 'POST', `/api/joint-actions/${action.json().id}/targets`, {
      targets: [{ kind: 'region', ref: '21.71', source: 'manual' }],
    });
    expect(adding.statusCode).toBe(404);
    const state = await context.pool.query('SELECT status FROM incident WHERE id = $1', [id]);
    expect(state.rows[0].status).toBe('reported');
  });

  test('the statistics for roles that may not see people are sums of published cells: totals add up, small ones are hidden', async () => {
    const id = await fileReport();
    await send(intel, 'POST', `/api/incidents/${id}/triage`, { decision: 'verified' });
    await send(
      intel,
      'POST',
      '/api/outcomes',
      outcome(id, { kind: 'administrative_measure', measure: 'listing', people: 1 }),
    );
    // The member's cell: this kecamatan's administrative measures of this month, published by the rule.
    const behind = await context.pool.query(
      `SELECT sum(people) AS people, sum(disclosure_key::bigint) AS keys FROM follow_up_outcome
       WHERE kind = 'administrative_measure' AND starts_with(desa_code, '61.03.21.') AND decided_on >= date_trunc('month', now())`,
    );
    const expected = publishedNumber(publishCount('member', cell(behind.rows[0].people, behind.rows[0].keys), 3));
    for (const as of [member, viewer]) {
      const stats = await context.getJson(as, '/api/outcomes/stats?region=61.03.21');
      expect(stats.disclosureControl).toBe(true);
      const sums: Record<string, number> = {};
      for (const month of stats.months) {
        for (const [kind, people] of Object.entries(month.byKind as Record<string, number>)) {
          sums[kind] = (sums[kind] ?? 0) + people;
        }
      }
      expect(stats.totals).toEqual(sums);
      // One person given an administrative measure this month in this kecamatan: never exact, by the cell's key.
      expect(stats.months.at(-1).byKind.administrative_measure ?? 0).toBe(expected);
    }
    const exact = await context.getJson(intel, '/api/outcomes/stats?region=61.03.21');
    expect(exact.months.at(-1).byKind.administrative_measure).toBe(Number(behind.rows[0].people));
    const outside = await context.request(member, { method: 'GET', url: '/api/outcomes/stats?region=21.71' });
    expect(outside.statusCode).toBe(404);
  });
});
