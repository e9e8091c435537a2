/**
 * The desa binaan planner's answer (issue #12): the candidates are the area's desa that are not yet binaan; their
 * counts are the ones the roll-ups publish for the role; their distances are those of the boundaries and offices;
 * and the shared score function ranks them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scoreCandidates } from '../src/domain/planner-score.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03']);
});
afterAll(() => context.close());

const published = (value: number | string) => (typeof value === 'number' ? value : 0);

describe('GET /api/planner/candidates', () => {
  test('every desa of the area but the active desa binaan, with its distances', async () => {
    const answer = await context.getJson(intel, '/api/planner/candidates');
    const desa = await context.pool.query<{ code: string }>(
      `SELECT code FROM desa WHERE left(code, 5) = '61.03'
       AND code NOT IN (SELECT desa_code FROM desa_binaan WHERE status <> 'nonaktif') ORDER BY code`,
    );
    expect(answer.candidates.map((candidate: { code: string }) => candidate.code)).toEqual(
      desa.rows.map((row) => row.code),
    );
    // Kab. Sanggau has its own office (Kantor Imigrasi Sanggau): no desa of it is 200 km from one, and the town's
    // own desa is within a few km.
    const officeKm = answer.candidates.map((candidate: { officeKm: number }) => candidate.officeKm);
    expect(Math.max(...officeKm)).toBeLessThan(200);
    expect(Math.min(...officeKm)).toBeLessThan(5);
    // Entikong touches Sarawak: some desa lie on the land border.
    expect(
      Math.min(...answer.candidates.map((candidate: { landBorderKm: number }) => candidate.landBorderKm)),
    ).toBeLessThan(2);
  });

  test('counts of people are the published ones for a member, exact for intel; incidents are the last 12 months', async () => {
    const exact = await context.getJson(intel, '/api/planner/candidates?region=61.03.07');
    const outsider = await context.getJson(member, '/api/planner/candidates?region=61.03.07');
    expect(exact.disclosureControl).toBe(false);
    expect(outsider.disclosureControl).toBe(true);
    const rollUp = await context.getJson(member, '/api/layers/residents/summary?level=desa&region=61.03.07');
    const shown = new Map(
      rollUp.regions.map((row: { code: string; people: number | string }) => [row.code, row.people]),
    );
    for (const candidate of outsider.candidates) {
      expect(candidate.foreigners, candidate.code).toBe(published((shown.get(candidate.code) as number) ?? 0));
    }
    const direct = await context.pool.query<{ code: string; n: number }>(
      `SELECT desa_code AS code, count(*)::int AS n FROM foreign_resident
       WHERE starts_with(desa_code, '61.03.07') AND permit_issued_on <= current_date AND left_on IS NULL GROUP BY 1`,
    );
    const total = exact.candidates.reduce(
      (sum: number, candidate: { foreigners: number }) => sum + candidate.foreigners,
      0,
    );
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(direct.rows.reduce((sum, row) => sum + row.n, 0));
    const incidents = await context.getJson(
      intel,
      `/api/layers/incidents/summary?level=desa&region=61.03.07&from=${exact.period.from}&to=${exact.period.to}`,
    );
    for (const row of incidents.regions) {
      const candidate = exact.candidates.find((entry: { code: string }) => entry.code === row.code);
      if (candidate) expect(candidate.incidentsByType).toEqual(row.byType);
    }
  });

  test('the answer is what the shared score function ranks; a region outside the area answers nothing', async () => {
    const answer = await context.getJson(member, '/api/planner/candidates');
    const ranked = scoreCandidates(answer.candidates, answer.weights);
    expect(ranked).toHaveLength(answer.candidates.length);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(ranked.at(-1)!.score);
    const outside = await context.getJson(member, '/api/planner/candidates?region=21.71');
    expect(outside.candidates).toEqual([]);
    const bad = await context.request(member, { method: 'GET', url: '/api/planner/candidates?region=xx' });
    expect(bad.statusCode).toBe(400);
  });
});
