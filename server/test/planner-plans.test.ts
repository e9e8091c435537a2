/**
 * Plans of the desa binaan planner (issue #12), tried as an attacker would: an office shares them, another agency
 * cannot list, read, change, delete or export them; a plan cannot decide on a desa outside the writer's area; a stale
 * copy cannot overwrite a newer one; every change and every download leaves its audit entry. The CSV's scores are the
 * shared functions' (the browser's, e2e/planner-client.test.ts) for the reader's role, and the PDF prints the plan.
 */
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_WEIGHTS, PLANNER_CRITERIA } from '../src/domain/planner-score.ts';
import { planCoverage, rankCandidates, withNearby } from '../src/domain/planner-plan.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
let viewer: SignedIn;
let otherAgency: SignedIn;
let elsewhere: SignedIn;

const REGION = '61.03.07';

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03']);
  viewer = await context.signInAs('viewer', ['61.03']);
  otherAgency = await context.signInAs('intel', ['61.03'], 'POLRI');
  elsewhere = await context.signInAs('intel', ['21.71']);
});
afterAll(() => context.close());

const call = (as: SignedIn, method: string, url: string, payload?: object) =>
  context.request(as, { method, url, payload });

async function candidateCodes(): Promise<string[]> {
  const answer = await context.getJson(intel, `/api/planner/candidates?region=${REGION}`);
  return answer.candidates.map((candidate: { code: string }) => candidate.code);
}

const planBody = (codes: string[], overrides: object = {}) => ({
  title: 'Rencana Entikong 2027',
  region: REGION,
  within: null,
  weights: { ...DEFAULT_WEIGHTS, incidents: 40 },
  radiusKm: 8,
  sameKecamatan: false,
  items: [
    { code: codes[0], decision: 'planned', note: 'Jalur tikus ke Tebedu' },
    { code: codes[1], decision: 'planned', note: '' },
    { code: codes[2], decision: 'rejected', note: 'Sudah ada pos lintas batas' },
  ],
  ...overrides,
});

async function savePlan(as: SignedIn, body: object) {
  const response = await call(as, 'POST', '/api/planner/plans', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const auditOf = async (id: number) =>
  (
    await context.pool.query(
      `SELECT action, outcome, username, before, after, details FROM audit_log
       WHERE target_type = 'plan' AND target_id = $1 ORDER BY id`,
      [String(id)],
    )
  ).rows;

describe('planner plans', () => {
  test('are saved, shared within the office, replaced on the current version and deleted, each change audited', async () => {
    const codes = await candidateCodes();
    const plan = await savePlan(intel, planBody(codes));
    expect(plan).toMatchObject({ title: 'Rencana Entikong 2027', region: REGION, radiusKm: 8, version: 1 });
    expect(plan.items).toHaveLength(3);
    // The office shares it: a member reads it; the projector's viewer reads no plan (their notes are the planners').
    expect(await context.getJson(member, `/api/planner/plans/${plan.id}`)).toEqual(plan);
    const listed = await context.getJson(member, '/api/planner/plans');
    expect(listed.plans.map((entry: { id: number }) => entry.id)).toContain(plan.id);
    for (const url of [
      '/api/planner/plans',
      `/api/planner/plans/${plan.id}`,
      `/api/planner/plans/${plan.id}/shortlist.csv`,
    ]) {
      expect((await call(viewer, 'GET', url)).statusCode, url).toBe(403);
    }

    // Only the author (or an admin) changes it; the viewer writes nothing.
    const byMember = await call(member, 'PUT', `/api/planner/plans/${plan.id}`, { ...planBody(codes), version: 1 });
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().code).toBe('NOT_AUTHOR');
    expect((await call(viewer, 'POST', '/api/planner/plans', planBody(codes))).statusCode).toBe(403);

    const changed = await call(intel, 'PUT', `/api/planner/plans/${plan.id}`, {
      ...planBody(codes, { title: '  Diubah  ', radiusKm: 12 }),
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Diubah', radiusKm: 12, version: 2 });
    const stale = await call(intel, 'PUT', `/api/planner/plans/${plan.id}`, { ...planBody(codes), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', details: { version: 2 } });

    expect((await call(intel, 'DELETE', `/api/planner/plans/${plan.id}`)).statusCode).toBe(204);
    expect((await call(intel, 'GET', `/api/planner/plans/${plan.id}`)).statusCode).toBe(404);
    const trail = await auditOf(plan.id);
    expect(trail.map((entry) => `${entry.action}:${entry.outcome}`)).toEqual([
      'plan.save:ok',
      'authorization.denied:denied',
      'plan.save:ok',
      'plan.delete:ok',
    ]);
    expect(trail[0]).toMatchObject({ before: null, after: { planned: [codes[0], codes[1]], rejected: [codes[2]] } });
    expect(trail[2]).toMatchObject({ before: { title: 'Rencana Entikong 2027' }, after: { title: 'Diubah' } });
    // The notes stay out of the trail.
    expect(JSON.stringify(trail)).not.toContain('Tebedu');
  });

  test('another agency cannot list, read, change, delete or export them, nor tell them from ids that do not exist', async () => {
    const plan = await savePlan(intel, planBody(await candidateCodes()));
    const listed = await context.getJson(otherAgency, '/api/planner/plans');
    expect(listed.plans.map((entry: { id: number }) => entry.id)).not.toContain(plan.id);
    const missing = 2_000_000_000;
    for (const [method, suffix] of [
      ['GET', ''],
      ['PUT', ''],
      ['DELETE', ''],
      ['GET', '/shortlist.csv'],
      ['GET', '/shortlist.pdf'],
    ] as const) {
      const payload = method === 'PUT' ? { ...planBody(await candidateCodes()), version: 1 } : undefined;
      const theirs = await call(otherAgency, method, `/api/planner/plans/${plan.id}${suffix}`, payload);
      const none = await call(otherAgency, method, `/api/planner/plans/${missing}${suffix}`, payload);
      expect(theirs.statusCode, `${method} ${suffix}`).toBe(404);
      expect(none.statusCode).toBe(404);
      expect(theirs.json().code).toBe(none.json().code);
    }
    expect(await context.getJson(intel, `/api/planner/plans/${plan.id}`)).toMatchObject({ version: 1 });
  });

  test('a plan decides only on known desa of the writer’s area, each once', async () => {
    const codes = await candidateCodes();
    const outside = await call(elsewhere, 'POST', '/api/planner/plans', planBody(codes, { region: null }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ code: 'OUTSIDE_AREA' });
    expect(outside.json().details.codes).toEqual(codes.slice(0, 3));
    const both = await call(elsewhere, 'POST', '/api/planner/plans', planBody(codes));
    expect(both.json().details.codes).toEqual([REGION, ...codes.slice(0, 3)]);
    // The refusal is in the audit trail.
    const refused = await context.pool.query(
      `SELECT details FROM audit_log WHERE username = $1 AND action = 'authorization.denied' ORDER BY id DESC LIMIT 1`,
      [elsewhere.username],
    );
    expect(refused.rows[0]?.details).toMatchObject({ reason: 'outside_area', codes: [REGION, ...codes.slice(0, 3)] });
    const region = await call(elsewhere, 'POST', '/api/planner/plans', { ...planBody([]), items: [] });
    expect(region.json()).toMatchObject({ code: 'OUTSIDE_AREA', details: { codes: [REGION] } });
    const unknown = await call(intel, 'POST', '/api/planner/plans', {
      ...planBody(codes),
      items: [{ code: '61.03.07.9999', decision: 'planned', note: '' }],
    });
    expect(unknown.json()).toMatchObject({ code: 'OUTSIDE_AREA', details: { codes: ['61.03.07.9999'] } });
    const twice = await call(intel, 'POST', '/api/planner/plans', {
      ...planBody(codes),
      items: [
        { code: codes[0], decision: 'planned', note: '' },
        { code: codes[0], decision: 'rejected', note: '' },
      ],
    });
    expect(twice.json()).toMatchObject({ code: 'REPEATED_DESA' });
    for (const bad of [
      { ...planBody(codes), weights: { ...DEFAULT_WEIGHTS, incidents: -1 } },
      { ...planBody(codes), weights: { ...DEFAULT_WEIGHTS, extra: 1 } },
      { ...planBody(codes), radiusKm: 0 },
      { ...planBody(codes), radiusKm: 0.004 },
      { ...planBody(codes), title: 'Rencana\n=HYPERLINK("x")' },
      { ...planBody(codes), title: '   ' },
      { ...planBody(codes), items: [{ code: codes[0], decision: 'maybe', note: '' }] },
    ]) {
      const response = await call(intel, 'POST', '/api/planner/plans', bad);
      expect(response.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(response.json().message.id.length).toBeGreaterThan(0);
    }
  });

  test('a plan made in a drawn area ranks the desa whose centre lies inside it, in the app and in its CSV', async () => {
    const all = await context.getJson(intel, `/api/planner/candidates?region=${REGION}`);
    const lons = all.candidates
      .map((candidate: { lon: number }) => candidate.lon)
      .sort((a: number, b: number) => a - b);
    const middle = lons[Math.floor(lons.length / 2)];
    // The western half of the kecamatan, as a rectangle drawn on the map.
    const within = [100, -5, middle, -5, middle, 5, 100, 5].join(',');
    const inside = await context.getJson(intel, `/api/planner/candidates?region=${REGION}&within=${within}`);
    const expected = all.candidates
      .filter((candidate: { lon: number }) => candidate.lon <= middle)
      .map((candidate: { code: string }) => candidate.code);
    expect(inside.candidates.map((candidate: { code: string }) => candidate.code)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.candidates.length);
    const plan = await savePlan(intel, { ...planBody(expected), within });
    expect(plan.within).toBe(within);
    const csv = await call(intel, 'GET', `/api/planner/plans/${plan.id}/shortlist.csv`);
    const rows: Record<string, string>[] = parse(csv.body, { bom: true, comment: '#', columns: true });
    expect(rows.every((row) => expected.includes(row.code!))).toBe(true);
    const bad = await call(intel, 'POST', '/api/planner/plans', { ...planBody(expected), within: '110,1,110,1,110,1' });
    expect(bad.json().code).toBe('INVALID_AREA');
  });

  test('the CSV holds the browser’s scores for the reader’s role, and is audited', async () => {
    const codes = await candidateCodes();
    const plan = await savePlan(intel, planBody(codes));
    for (const reader of [intel, member]) {
      const response = await call(reader, 'GET', `/api/planner/plans/${plan.id}/shortlist.csv`);
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      const rows: Record<string, string>[] = parse(response.body, { bom: true, comment: '#', columns: true });
      // What the shared functions compute from the same reader's answer (the browser runs them too).
      const answer = await context.getJson(reader, `/api/planner/candidates?region=${REGION}`);
      const browser = rankCandidates(withNearby(answer), plan.weights);
      const byCode = new Map(browser.map((candidate) => [candidate.code, candidate]));
      expect(rows.length).toBeGreaterThanOrEqual(Math.min(30, browser.length));
      for (const row of rows) {
        const expected = byCode.get(row.code!)!;
        expect(Number(row.rank), row.code).toBe(expected.rank);
        expect(Number(row.score)).toBeCloseTo(expected.score, 4);
        expect(Number(row.foreigners_in_desa)).toBe(expected.foreigners);
        expect(Number(row.foreigners_near)).toBe(expected.foreignersNear);
        for (const name of PLANNER_CRITERIA) {
          expect(Number(row[`${name}_contribution`])).toBeCloseTo(expected.contributions[name], 4);
        }
      }
      expect(rows.find((row) => row.code === codes[0])).toMatchObject({ decision: 'Direncanakan' });
      expect(rows.find((row) => row.code === codes[2])).toMatchObject({ decision: 'Ditolak' });
    }
    const member_ = await context.getJson(member, `/api/planner/candidates?region=${REGION}`);
    expect(member_.disclosureControl).toBe(true);
    const trail = await auditOf(plan.id);
    expect(trail.filter((entry) => entry.action === 'export.csv')).toHaveLength(2);
  });

  test('the PDF prints the plan: title, the planned desa, the weights and the coverage', async () => {
    const codes = await candidateCodes();
    const plan = await savePlan(intel, planBody(codes));
    const response = await call(intel, 'GET', `/api/planner/plans/${plan.id}/shortlist.pdf?lang=en`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    const answer = await context.getJson(intel, `/api/planner/candidates?region=${REGION}`);
    const names = new Map(
      answer.candidates.map((candidate: { code: string; name: string }) => [candidate.code, candidate.name]),
    );
    expect(text).toContain('Desa binaan plan: Rencana Entikong 2027');
    expect(text).toContain(names.get(codes[0]));
    expect(text).toContain('Jalur tikus ke Tebedu');
    expect(text).toContain('Incidents, 12 months');
    expect(text).toContain('40 (');
    const coverage = planCoverage(
      rankCandidates(withNearby(answer), plan.weights),
      answer.binaan,
      [codes[0]!, codes[1]!],
      {
        radiusKm: 8,
        sameKecamatan: false,
      },
    );
    expect(text).toContain('Foreigners reached');
    expect(text).toContain(
      `${coverage.foreignersCovered.toLocaleString('en-GB')} / ${coverage.foreignersTotal.toLocaleString('en-GB')}`,
    );
    expect((await auditOf(plan.id)).some((entry) => entry.action === 'export.pdf')).toBe(true);
  });
});
