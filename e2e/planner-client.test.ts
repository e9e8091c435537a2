/**
 * The planner's computing in the browser (web/src/lib/planner/compute.ts, with turf's distances) and on the server (the
 * same functions with the haversine) give the same ranking, the same people near each desa and the same coverage, over
 * a whole area's real answer. Runs in Node: the browser's module has no browser dependency.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { greedyPlan, planCoverage, rankCandidates, withNearby } from '../server/src/domain/planner-plan.ts';
import { DEFAULT_WEIGHTS } from '../server/src/domain/planner-score.ts';
import { createTestApp, type SignedIn, type TestContext } from '../server/test/helpers.ts';
import { coverageModel, coverageOf, prepare, rank, sensitivity, suggestPlan } from '../web/src/lib/planner/compute.ts';

let context: TestContext;
let member: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  member = await context.signInAs('member', ['61.03']);
});
afterAll(() => context.close());

describe('client and server compute the same', () => {
  test('the browser’s module (turf) and the server’s (haversine) rank and cover alike over the whole area', async () => {
    const answer = await context.getJson(member, '/api/planner/candidates');
    expect(answer.candidates.length).toBeGreaterThan(100);
    const server = rankCandidates(withNearby(answer), DEFAULT_WEIGHTS);
    const prepared = prepare(answer);
    const browser = rank(prepared, DEFAULT_WEIGHTS);
    expect(browser.map((candidate) => candidate.code)).toEqual(server.map((candidate) => candidate.code));
    browser.forEach((candidate, index) => {
      expect(candidate.score).toBeCloseTo(server[index]!.score, 9);
      expect(candidate.foreignersNear).toBe(server[index]!.foreignersNear);
    });
    // Some desa have people near them: the nearby sums are not all zero.
    expect(browser.some((candidate) => candidate.foreignersNear > 0)).toBe(true);
    // The shortcut for the rank under other weights agrees with ranking everyone again.
    const chosen = browser[7]!.code;
    const moved = sensitivity(prepared, DEFAULT_WEIGHTS, chosen);
    const doubled = { ...DEFAULT_WEIGHTS, landBorder: DEFAULT_WEIGHTS.landBorder * 2 };
    expect(moved.landBorder.double).toBe(rank(prepared, doubled).find((entry) => entry.code === chosen)!.rank);
    expect(moved.incidents.zero).toBe(
      rank(prepared, { ...DEFAULT_WEIGHTS, incidents: 0 }).find((entry) => entry.code === chosen)!.rank,
    );

    const reach = { radiusKm: 10, sameKecamatan: false };
    const model = coverageModel(prepared, answer.binaan, reach);
    const plan = suggestPlan(model, browser, 5, new Set());
    expect(plan.picks).toHaveLength(5);
    const codes = plan.picks.map((pick) => pick.code);
    const again = planCoverage(server, answer.binaan, codes, reach);
    expect(again.covered).toEqual(plan.covered);
    expect(again.foreignersShare).toBeCloseTo(plan.foreignersShare, 12);
    const rounded = (picks: { code: string; gain: number; newDesa: number }[]) =>
      picks.map((pick) => ({ ...pick, gain: Math.round(pick.gain * 1e9) }));
    expect(rounded(coverageOf(model, browser, codes).picks)).toEqual(rounded(again.picks));
    // The server's one-call greedy plan picks the same desa.
    expect(greedyPlan(server, answer.binaan, 5, reach).picks.map((pick) => pick.code)).toEqual(codes);
  });
});
