/**
 * The statistics behind hot spots, against values worked out by hand (not by the code under test).
 */
import { describe, expect, it, test } from 'vitest';
import { defaultPeriods } from '../src/services/time-slices.ts';
import { benjaminiHochberg, findNeighbours, getisOrdGiStar, giStarZ } from '../src/analysis/getis-ord.ts';
import { classifyEmerging, mannKendall } from '../src/analysis/emerging.ts';
import { normalUpperTail, twoSidedP } from '../src/analysis/normal.ts';

describe('the normal distribution', () => {
  it('matches tabulated tail probabilities (Abramowitz & Stegun, table 26.1)', () => {
    expect(normalUpperTail(0)).toBe(0.5);
    expect(normalUpperTail(1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalUpperTail(3)).toBeCloseTo(0.0013498980316300946, 15);
    expect(normalUpperTail(5) / 2.866515718791939e-7).toBeCloseTo(1, 10);
    expect(normalUpperTail(-1)).toBeCloseTo(0.8413447460685429, 14);
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 12);
  });
});

/*
 * Gi* on a 3 × 3 grid of cells with rook neighbours (a cell and the cells sharing an edge with it), worked by hand
 * from the formula of Ord & Getis (1995, eq. 9) as written in getis-ord.ts:
 *
 *   cells  0 1 2     values  5 7 1
 *          3 4 5             6 8 0
 *          6 7 8             0 0 0
 *
 *   n = 9, Σx = 27, X̄ = 3, Σ(x − X̄)² = 4+16+4+9+25+9+9+9+9 = 94, S = √(94/9) = √94 / 3.
 *   A corner (W = Σw = 3, Σw² = 3):  √[(9·3 − 9)/8]  = 3/2,   so Gi* = (Σwx − 9) / (√94/3 · 3/2) = 2(Σwx − 9)/√94.
 *   An edge   (W = 4):               √[(9·4 − 16)/8] = √2.5,  so Gi* = (Σwx − 12) / (√94/3 · √2.5) = 3(Σwx − 12)/√235.
 *   The centre (W = 5):              √[(9·5 − 25)/8] = √2.5,  so Gi* = (Σwx − 15) · 3/√235.
 *   Σwx: cell 0: 5+7+6 = 18; 1: 7+5+1+8 = 21; 2: 1+7+0 = 8; 3: 6+5+8+0 = 19; 4: 8+7+6+0+0 = 21;
 *        5: 0+1+8+0 = 9;    6: 0+6+0 = 6;      7: 0+8+0+0 = 8; 8: 0+0+0 = 0.
 */
const GRID_VALUES = [5, 7, 1, 6, 8, 0, 0, 0, 0];
const ROOK = [
  [1, 3],
  [0, 2, 4],
  [1, 5],
  [0, 4, 6],
  [1, 3, 5, 7],
  [2, 4, 8],
  [3, 7],
  [4, 6, 8],
  [5, 7],
];
const HAND_Z = [
  18 / Math.sqrt(94), // 2·(18 − 9)/√94
  27 / Math.sqrt(235), // 3·(21 − 12)/√235
  -2 / Math.sqrt(94), // 2·(8 − 9)/√94
  21 / Math.sqrt(235), // 3·(19 − 12)/√235
  18 / Math.sqrt(235), // 3·(21 − 15)/√235
  -9 / Math.sqrt(235), // 3·(9 − 12)/√235
  -6 / Math.sqrt(94), // 2·(6 − 9)/√94
  -12 / Math.sqrt(235), // 3·(8 − 12)/√235
  -18 / Math.sqrt(94), // 2·(0 − 9)/√94
];

describe('Getis-Ord Gi*', () => {
  it('matches the hand-worked 3 × 3 grid to 1e-6', () => {
    const zs = giStarZ(GRID_VALUES, ROOK);
    zs.forEach((z, i) => expect(Math.abs(z! - HAND_Z[i]!)).toBeLessThan(1e-6));
    // The numbers themselves, for a reader checking with a calculator: 18/√94 = 1.8565582…, 18/√235 = 1.1741905…
    expect(zs[0]).toBeCloseTo(1.8565582, 6);
    expect(zs[4]).toBeCloseTo(1.1741905, 6);
  });

  it('finds the rook neighbours of a grid of points 0.01° apart with a 1.2 km fixed distance', () => {
    // 0.01° is ~1.11 km on the ground near the equator; the diagonal ~1.57 km is beyond 1.2 km.
    const points = GRID_VALUES.map((_, i) => ({ lon: 110 + (i % 3) * 0.01, lat: 1 - Math.floor(i / 3) * 0.01 }));
    expect(findNeighbours(points, { kind: 'distance', distanceKm: 1.2 })).toEqual(ROOK);
    expect(giStarZ(GRID_VALUES, findNeighbours(points, { kind: 'distance', distanceKm: 1.2 }))[4]).toBeCloseTo(
      HAND_Z[4]!,
      12,
    );
  });

  it('finds k nearest neighbours, ties broken by order', () => {
    const line = [0, 0.01, 0.03, 0.07, 0.1].map((lon) => ({ lon, lat: 0 }));
    expect(findNeighbours(line, { kind: 'knn', k: 1 })).toEqual([[1], [0], [1], [4], [3]]);
    expect(findNeighbours(line, { kind: 'knn', k: 2 })).toEqual([
      [1, 2],
      [0, 2],
      [1, 0],
      [4, 2],
      [3, 2],
    ]);
    // A cross: the centre's four neighbours are equally far; the order of the input decides.
    const cross = [
      { lon: 0, lat: 0 },
      { lon: 0.01, lat: 0 },
      { lon: -0.01, lat: 0 },
      { lon: 0, lat: 0.01 },
      { lon: 0, lat: -0.01 },
    ];
    expect(findNeighbours(cross, { kind: 'knn', k: 2 })[0]).toEqual([1, 2]);
  });

  it('finds the same neighbours as comparing every pair, over scattered points', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const points = Array.from({ length: 400 }, () => ({ lon: 109 + random() * 2, lat: -1 + random() * 3 }));
    const distance = (a: (typeof points)[0], b: (typeof points)[0]) => {
      const r = Math.PI / 180;
      const h =
        Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
        Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
      return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
    };
    const brute = (i: number) =>
      points
        .map((point, j) => ({ j, km: distance(points[i]!, point) }))
        .filter(({ j }) => j !== i)
        .sort((a, b) => a.km - b.km || a.j - b.j);
    const knn = findNeighbours(points, { kind: 'knn', k: 6 });
    const fixed = findNeighbours(points, { kind: 'distance', distanceKm: 20 });
    for (let i = 0; i < points.length; i += 1) {
      expect(knn[i]).toEqual(
        brute(i)
          .slice(0, 6)
          .map(({ j }) => j),
      );
      expect(fixed[i]).toEqual(
        brute(i)
          .filter(({ km }) => km <= 20)
          .map(({ j }) => j)
          .sort((a, b) => a - b),
      );
    }
  });

  it('gives no z-score where it is undefined', () => {
    expect(giStarZ([2, 2, 2], [[1], [0, 2], [1]])).toEqual([null, null, null]);
    // Every unit a neighbour of the first: the denominator is zero.
    expect(giStarZ([1, 2, 3], [[1, 2], [0], [1]])[0]).toBeNull();
  });

  it('adjusts p-values by Benjamini-Hochberg (worked by hand)', () => {
    // Sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4); p·m/rank = 0.02, 0.02, 0.04, 0.04; running minimum
    // from the top leaves them so.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, null]);
    expect(q.map((value) => (value === null ? null : Number(value.toFixed(12))))).toEqual([
      0.02,
      0.04,
      0.04,
      0.02,
      null,
    ]);
  });

  it('classes hot and cold spots at 90/95/99 %, with and without the FDR correction', () => {
    const results = getisOrdGiStar(GRID_VALUES, ROOK, { fdr: false });
    // |z| 1.857 → p 0.063 (90 %); 1.761 → p 0.078 (90 %); the rest are below 1.645.
    expect(results.map((result) => result.bin)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, -1]);
    expect(results[8]!.confidence).toBe(90);
    // With nine tests, the FDR correction lifts every q-value above 0.10: nothing is significant.
    expect(getisOrdGiStar(GRID_VALUES, ROOK, { fdr: true }).every((result) => result.bin === 0)).toBe(true);
    // One very hot unit among many quiet ones stays significant after the correction.
    const line = Array.from({ length: 60 }, (_, i) => ({ lon: i * 0.01, lat: 0 }));
    const values = line.map((_, i) => (i >= 28 && i <= 32 ? 40 : 1));
    const hot = getisOrdGiStar(values, findNeighbours(line, { kind: 'knn', k: 2 }), { fdr: true });
    expect(hot[30]!.bin).toBe(3);
    expect(hot[30]!.confidence).toBe(99);
    expect(hot[5]!.bin).toBe(0);
  });
});

describe('Mann-Kendall and the emerging hot-spot classes', () => {
  it('matches hand-worked trend statistics', () => {
    // 1..5: every pair rises, S = 10; Var = 5·4·15/18 = 16.667; Z = 9/√16.667 = 2.2045; p = 0.0275.
    const rising = mannKendall([1, 2, 3, 4, 5]);
    expect(rising.s).toBe(10);
    expect(rising.variance).toBeCloseTo(50 / 3, 12);
    expect(rising.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
    expect(rising.p).toBeCloseTo(0.0275, 4);
    expect(rising.trend).toBe('up');
    // Ties: 1, 1, 2 → S = 0 + 1 + 1 = 2; Var = (3·2·11 − 2·1·9)/18 = 48/18; Z = 1/√(48/18).
    const tied = mannKendall([1, 1, 2]);
    expect(tied.s).toBe(2);
    expect(tied.variance).toBeCloseTo(48 / 18, 12);
    expect(tied.z).toBeCloseTo(1 / Math.sqrt(48 / 18), 12);
    expect(tied.trend).toBe('none');
    expect(mannKendall([5, 4, 3, 2, 1]).trend).toBe('down');
  });

  const zeros = (n: number) => Array<number>(n).fill(0);
  const cases: [string, number[], number[], string, string | null][] = [
    ['a first hot slice at the end', [...zeros(11), 3], [...zeros(11), 3.2], 'new', 'hot'],
    ['a run of hot slices at the end', [...zeros(9), 1, 2, 3], [...zeros(9), 1.8, 2.2, 3.1], 'new', 'hot'],
    [
      'hot throughout, rising',
      Array(12).fill(2),
      [2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3.0, 3.1],
      'intensifying',
      'hot',
    ],
    [
      'hot in 11 of 12 slices, falling',
      [0, ...Array(11).fill(1)],
      [3.1, 3.0, 2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.3, 2.2, 2.1, 1.7],
      'diminishing',
      'hot',
    ],
    [
      'hot throughout, no trend',
      Array(12).fill(3),
      [3.0, 3.2, 2.9, 3.1, 3.0, 3.2, 2.9, 3.1, 3.0, 3.2, 2.9, 3.1],
      'persistent',
      'hot',
    ],
    [
      'hot on and off, hot at the end',
      [0, 2, 0, 0, 2, 0, 0, 0, 2, 0, 0, 2],
      [0, 2, 0, 0, 2, 0, 0, 0, 2, 0, 0, 2],
      'sporadic',
      'hot',
    ],
    ['a first cold slice at the end', [...zeros(11), -2], [...zeros(11), -2.1], 'new', 'cold'],
    [
      'hot for long, then cold at the end',
      [...Array(11).fill(2), -2],
      [...Array(11).fill(2.2), -2.1],
      'sporadic',
      'cold',
    ],
    ['cold once long ago, hot now', [-1, ...zeros(9), 2, 2], [-1.8, ...zeros(9), 2.2, 2.3], 'sporadic', 'hot'],
    ['never significant', zeros(12), zeros(12), 'none', null],
    ['hot for long but not at the end', [...Array(11).fill(2), 0], [...Array(11).fill(2), 0.5], 'none', null],
  ];
  it.each(cases)('%s → %s', (_, bins, zs, category, direction) => {
    const result = classifyEmerging(bins, zs);
    expect(result.category).toBe(category);
    expect(result.direction).toBe(direction);
  });
});

describe('defaultPeriods', () => {
  test('compares this quarter to date with the same days of the quarter before, capped at its end', () => {
    expect(defaultPeriods('2026-12-01')).toEqual({
      current: { first: '2026-10-01', last: '2026-12-01' },
      previous: { first: '2026-07-01', last: '2026-08-31' },
    });
    expect(defaultPeriods('2026-05-31')).toEqual({
      current: { first: '2026-04-01', last: '2026-05-31' },
      previous: { first: '2026-01-01', last: '2026-03-02' },
    });
    // Across a year; and a 92-day quarter against a 91-day one stops at the earlier quarter's last day.
    expect(defaultPeriods('2026-03-31').previous).toEqual({ first: '2025-10-01', last: '2025-12-29' });
    expect(defaultPeriods('2026-09-30').previous).toEqual({ first: '2026-04-01', last: '2026-06-30' });
    expect(defaultPeriods('2026-01-01').previous).toEqual({ first: '2025-10-01', last: '2025-10-01' });
  });
});
