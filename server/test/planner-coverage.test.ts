/**
 * Greedy maximal covering of a plan (issue #12): on small cases against brute force — the first pick is the best
 * single one, the whole never covers less than (1 − 1/e) of the optimum, the gains never grow (submodularity), and
 * they add up to what the picks cover.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { coverageSets, coveredWeight, distanceKm, greedyCover, type Site } from '../src/domain/planner-coverage.ts';

const site = (index: number) =>
  fc.record({
    code: fc.constant(`s${index}`),
    lon: fc.double({ min: 109.5, max: 110.5, noNaN: true }),
    lat: fc.double({ min: 0, max: 1, noNaN: true }),
    kecamatan: fc.constantFrom('A', 'B', 'C'),
    weight: fc.double({ min: 0, max: 1, noNaN: true }),
  }) as fc.Arbitrary<Site>;
const sites = fc
  .integer({ min: 1, max: 9 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, index) => site(index))));

/** The best `n` picks by trying every combination. */
function optimum(list: readonly Site[], sets: number[][], n: number): number {
  let best = 0;
  const choose = (start: number, chosen: number[]) => {
    if (chosen.length === n || start === list.length) {
      best = Math.max(best, coveredWeight(list, sets, chosen));
      return;
    }
    for (let index = start; index < list.length; index++) choose(index + 1, [...chosen, index]);
  };
  choose(0, []);
  return best;
}

describe('greedy maximal covering', () => {
  test('the covered sets are those of comparing every pair (the grid misses no village, across cell edges too)', () => {
    const wide = fc
      .integer({ min: 1, max: 40 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, index) => site(index))));
    fc.assert(
      fc.property(wide, fc.double({ min: 0.5, max: 80, noNaN: true }), fc.boolean(), (list, radius, sameKecamatan) => {
        const brute = list.map((one) =>
          list.flatMap((other, index) =>
            distanceKm(one, other) <= radius || (sameKecamatan && other.kecamatan === one.kecamatan) ? [index] : [],
          ),
        );
        expect(coverageSets(list, radius, { sameKecamatan })).toEqual(brute);
      }),
    );
  });

  test('never less than (1 − 1/e) of the brute-force optimum; the first pick is the best single one', () => {
    fc.assert(
      fc.property(
        sites,
        fc.double({ min: 1, max: 60, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (list, radius, n, sameKecamatan) => {
          const sets = coverageSets(list, radius, { sameKecamatan });
          const greedy = greedyCover(list, sets, n);
          const best = optimum(list, sets, Math.min(n, list.length));
          expect(greedy.covered).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9);
          expect(greedy.covered).toBeLessThanOrEqual(best + 1e-9);
          if (greedy.picks.length > 0) {
            expect(greedy.picks[0]!.gain).toBeCloseTo(optimum(list, sets, 1), 9);
          }
        },
      ),
    );
  });

  test('the gains never grow, and they add up to what the picks cover', () => {
    fc.assert(
      fc.property(
        sites,
        fc.double({ min: 1, max: 60, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        (list, radius, n) => {
          const sets = coverageSets(list, radius);
          const { picks, covered } = greedyCover(list, sets, n);
          for (let index = 1; index < picks.length; index++) {
            expect(picks[index]!.gain).toBeLessThanOrEqual(picks[index - 1]!.gain + 1e-12);
          }
          expect(covered).toBeCloseTo(
            coveredWeight(
              list,
              sets,
              picks.map((pick) => pick.index),
            ),
            9,
          );
        },
      ),
    );
  });

  test('a worked case: two clusters 100 km apart, R = 10 km, two picks take one in each', () => {
    const list: Site[] = [
      { code: 'a1', lon: 110.0, lat: 0.5, kecamatan: 'A', weight: 0.5 },
      { code: 'a2', lon: 110.05, lat: 0.5, kecamatan: 'A', weight: 0.4 },
      { code: 'b1', lon: 110.9, lat: 0.5, kecamatan: 'B', weight: 0.3 },
      { code: 'b2', lon: 110.92, lat: 0.5, kecamatan: 'B', weight: 0.3 },
    ];
    expect(distanceKm(list[0]!, list[2]!)).toBeGreaterThan(95);
    const { picks, covered } = greedyCover(list, coverageSets(list, 10), 2);
    expect(picks.map((pick) => list[pick.index]!.code)).toEqual(['a1', 'b1']);
    expect(picks.map((pick) => pick.gain)).toEqual([0.9, 0.6]);
    expect(covered).toBeCloseTo(1.5, 12);
  });
});
