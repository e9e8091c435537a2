/**
 * The planner's computing in the browser (web/src/lib/planner/compute.ts, with turf's distances) and on the server (the
 * same functions with the haversine) give the same ranking, the same people near each desa and the same coverage, over
 * a whole area's real answer. Runs in Node: the browser's module has no browser dependency.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { planCoverage, rankCandidates, withNearby } from '../server/src/domain/planner-plan.ts';
import { DEFAULT_WEIGHTS } from '../server/src/domain/planner-score.ts';
import { createTestApp, type SignedIn, type TestContext } from '../server/test/helpers.ts';
import { coverageOf, nearbyOf, rank, suggestPlan } from '../web/src/lib/planner/compute.ts';

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
    const browser = rank(nearbyOf(answer), DEFAULT_WEIGHTS);
    expect(browser.map((candidate) => candidate.code)).toEqual(server.map((candidate) => candidate.code));
    browser.forEach((candidate, index) => {
      expect(candidate.score).toBeCloseTo(server[index]!.score, 9);
      expect(candidate.foreignersNear).toBe(server[index]!.foreignersNear);
    });
    // Some desa have people near them: the nearby sums are not all zero.
    expect(browser.some((candidate) => candidate.foreignersNear > 0)).toBe(true);
    const plan = suggestPlan(browser, answer.binaan, 5, { radiusKm: 10, sameKecamatan: false }, new Set());
    expect(plan.picks).toHaveLength(5);
    const again = planCoverage(
      server,
      answer.binaan,
      plan.picks.map((pick) => pick.code),
      { radiusKm: 10, sameKecamatan: false },
    );
    expect(again.covered).toEqual(plan.covered);
    expect(again.foreignersShare).toBeCloseTo(plan.foreignersShare, 12);
    const browserCoverage = coverageOf(
      browser,
      answer.binaan,
      plan.picks.map((pick) => pick.code),
      { radiusKm: 10, sameKecamatan: false },
    );
    expect(browserCoverage.picks).toEqual(again.picks);
  });
});
