/**
 * The desa binaan score (issue #12), as properties (fast-check): monotone in a village's own incidents, a zero weight
 * removes its criterion, scores in [0, 1], and the ranking unchanged when every weight is scaled.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_WEIGHTS,
  PLANNER_CRITERIA,
  scoreCandidates,
  type CandidateFacts,
  type Criterion,
} from '../src/domain/planner-score.ts';
import { INCIDENT_TYPES } from '../src/schemas/vocabulary.ts';

const distance = fc.option(fc.double({ min: 0, max: 400, noNaN: true }), { nil: null });
const candidate = (code: string) =>
  fc.record({
    code: fc.constant(code),
    foreigners: fc.nat(2000),
    workers: fc.nat(2000),
    incidentsByType: fc.dictionary(fc.constantFrom(...INCIDENT_TYPES), fc.nat(50)),
    landBorderKm: distance,
    seaBorderKm: distance,
    officeKm: distance,
    binaanKm: distance,
  }) as fc.Arbitrary<CandidateFacts>;
const candidates = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, index) => candidate(`53.20.01.${2000 + index}`))));
const weights = fc.record(
  Object.fromEntries(PLANNER_CRITERIA.map((name) => [name, fc.double({ min: 0, max: 100, noNaN: true })])) as Record<
    Criterion,
    fc.Arbitrary<number>
  >,
);

describe('the desa binaan score', () => {
  test('every score lies in [0, 1], and the contributions add up to it', () => {
    fc.assert(
      fc.property(candidates, weights, (list, chosen) => {
        for (const scored of scoreCandidates(list, chosen)) {
          expect(scored.score).toBeGreaterThanOrEqual(0);
          expect(scored.score).toBeLessThanOrEqual(1);
          const sum = Object.values(scored.contributions).reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - scored.score)).toBeLessThan(1e-9);
        }
      }),
    );
  });

  test('raising a village’s incidents never lowers its score', () => {
    fc.assert(
      fc.property(
        candidates,
        weights,
        fc.constantFrom(...INCIDENT_TYPES),
        fc.integer({ min: 1, max: 40 }),
        (list, chosen, type, more) => {
          const before = scoreCandidates(list, chosen).find((entry) => entry.code === list[0]!.code)!.score;
          const raised = [
            {
              ...list[0]!,
              incidentsByType: { ...list[0]!.incidentsByType, [type]: (list[0]!.incidentsByType[type] ?? 0) + more },
            },
            ...list.slice(1),
          ];
          const after = scoreCandidates(raised, chosen).find((entry) => entry.code === list[0]!.code)!.score;
          expect(after).toBeGreaterThanOrEqual(before - 1e-12);
        },
      ),
    );
  });

  test('a zero weight removes its criterion: changing that criterion changes no score', () => {
    fc.assert(
      fc.property(candidates, weights, fc.constantFrom(...PLANNER_CRITERIA), (list, chosen, removed) => {
        const zeroed = { ...chosen, [removed]: 0 };
        const changed = list.map((entry) => ({
          ...entry,
          foreigners: removed === 'foreigners' ? entry.foreigners + 17 : entry.foreigners,
          workers: removed === 'workers' ? entry.workers * 3 + 1 : entry.workers,
          incidentsByType: removed === 'incidents' ? { tppo: 9 } : entry.incidentsByType,
          landBorderKm: removed === 'landBorder' ? 1 : entry.landBorderKm,
          seaBorderKm: removed === 'seaBorder' ? 2 : entry.seaBorderKm,
          officeKm: removed === 'officeDistance' ? 300 : entry.officeKm,
          binaanKm: removed === 'binaanGap' ? null : entry.binaanKm,
        }));
        const a = scoreCandidates(list, zeroed);
        const b = scoreCandidates(changed, zeroed);
        for (const entry of a) {
          const other = b.find((candidateB) => candidateB.code === entry.code)!;
          expect(Math.abs(other.score - entry.score)).toBeLessThan(1e-9);
          expect(entry.contributions[removed]).toBe(0);
        }
      }),
    );
  });

  test('the ranking is the same when every weight is scaled', () => {
    fc.assert(
      fc.property(candidates, weights, fc.double({ min: 0.01, max: 1000, noNaN: true }), (list, chosen, factor) => {
        const scaled = Object.fromEntries(PLANNER_CRITERIA.map((name) => [name, chosen[name] * factor])) as Record<
          Criterion,
          number
        >;
        const a = scoreCandidates(list, chosen);
        const b = scoreCandidates(list, scaled);
        for (let index = 0; index < a.length; index++) {
          expect(Math.abs(a[index]!.score - b[index]!.score)).toBeLessThan(1e-9);
        }
        // Ties may break either way within rounding; the order of clearly different scores is the same.
        const order = (list: typeof a) => list.map((entry) => `${entry.code}:${entry.score.toFixed(9)}`).sort();
        expect(order(b)).toEqual(order(a));
      }),
    );
  });

  test('the documented defaults: a border village with trafficking far from any office outranks a quiet one', () => {
    const [first, second] = scoreCandidates(
      [
        {
          code: 'quiet',
          foreigners: 1,
          workers: 0,
          incidentsByType: {},
          landBorderKm: 120,
          seaBorderKm: null,
          officeKm: 5,
          binaanKm: 3,
        },
        {
          code: 'border',
          foreigners: 40,
          workers: 25,
          incidentsByType: { tppo: 2, illegal_crossing: 5 },
          landBorderKm: 2,
          seaBorderKm: null,
          officeKm: 140,
          binaanKm: 60,
        },
      ],
      DEFAULT_WEIGHTS,
    );
    expect(first!.code).toBe('border');
    expect(first!.rank).toBe(1);
    expect(second!.rank).toBe(2);
    expect(first!.score).toBeGreaterThan(0.8);
    expect(second!.score).toBeLessThan(0.2);
  });
});
