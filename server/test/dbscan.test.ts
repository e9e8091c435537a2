/**
 * The DBSCAN of the clusters analysis (server/src/domain/dbscan.ts) against a brute-force DBSCAN written from the
 * definition, on small random sets of every shape (tight clumps, sparse noise, points on one spot, eps at the exact
 * distance between points), and against PostGIS's own ST_ClusterDBSCAN on the same points.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dbscan } from '../src/domain/dbscan.ts';
import { createTestApp, type TestContext } from './helpers.ts';

/** Every pair compared: core points, components of core points, border points to their first core point. */
function bruteForce(xs: number[], ys: number[], eps: number, minPoints: number): number[] {
  const n = xs.length;
  const near = (a: number, b: number) => (xs[a]! - xs[b]!) ** 2 + (ys[a]! - ys[b]!) ** 2 <= eps * eps;
  const core = xs.map((_, a) => xs.filter((__, b) => near(a, b)).length >= minPoints);
  const component = new Array<number>(n).fill(-1);
  for (let a = 0; a < n; a++) {
    if (!core[a] || component[a] !== -1) continue;
    const stack = [a];
    component[a] = a;
    while (stack.length) {
      const at = stack.pop()!;
      for (let b = 0; b < n; b++) {
        if (core[b] && component[b] === -1 && near(at, b)) {
          component[b] = a;
          stack.push(b);
        }
      }
    }
  }
  for (let a = 0; a < n; a++) {
    if (core[a]) continue;
    const first = xs.findIndex((_, b) => core[b] && near(a, b));
    if (first !== -1) component[a] = component[first]!;
  }
  const numbers = new Map<number, number>();
  return component.map((root) => {
    if (root === -1) return -1;
    if (!numbers.has(root)) numbers.set(root, numbers.size);
    return numbers.get(root)!;
  });
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sample(seed: number): { xs: number[]; ys: number[] } {
  const next = random(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  const clumps = 1 + Math.floor(next() * 5);
  for (let clump = 0; clump < clumps; clump++) {
    const [cx, cy, spread, size] = [next() * 10_000, next() * 10_000, 50 + next() * 800, 3 + Math.floor(next() * 40)];
    for (let i = 0; i < size; i++) {
      xs.push(cx + (next() - 0.5) * spread);
      ys.push(cy + (next() - 0.5) * spread);
    }
  }
  for (let i = 0; i < 30; i++) {
    xs.push(next() * 10_000);
    ys.push(next() * 10_000);
  }
  // Three points on one spot, and points on an integer grid (distances exactly eps apart).
  xs.push(5000, 5000, 5000, 0, 100, 200, 300);
  ys.push(5000, 5000, 5000, 0, 0, 0, 0);
  return { xs, ys };
}

describe('DBSCAN against brute force', () => {
  test.each(Array.from({ length: 60 }, (_, index) => index + 1))('random set %i', (seed) => {
    const { xs, ys } = sample(seed);
    const eps = [100, 150, 250, 400][seed % 4]!;
    const minPoints = [2, 3, 5, 8][Math.floor(seed / 4) % 4]!;
    const ours = Array.from(dbscan(Float64Array.from(xs), Float64Array.from(ys), eps, minPoints));
    expect(ours).toEqual(bruteForce(xs, ys, eps, minPoints));
  });

  test('edge cases: no points, one point, eps 0, minPoints 1', () => {
    expect(Array.from(dbscan(new Float64Array(0), new Float64Array(0), 10, 2))).toEqual([]);
    expect(Array.from(dbscan(Float64Array.of(1), Float64Array.of(1), 10, 2))).toEqual([-1]);
    expect(Array.from(dbscan(Float64Array.of(1), Float64Array.of(1), 10, 1))).toEqual([0]);
    expect(Array.from(dbscan(Float64Array.of(0, 0, 1), Float64Array.of(0, 0, 0), 0, 2))).toEqual([0, 0, -1]);
    // Exactly eps apart is within eps (ST_DWithin's ≤).
    expect(Array.from(dbscan(Float64Array.of(0, 100, 200), Float64Array.of(0, 0, 0), 100, 2))).toEqual([0, 0, 0]);
  });
});

describe('DBSCAN against PostGIS', () => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestApp();
  });
  afterAll(() => context.close());

  test.each([7, 19, 23, 42])('the same partition as ST_ClusterDBSCAN on random set %i', async (seed) => {
    const { xs, ys } = sample(seed);
    const [eps, minPoints] = [200, 4];
    const result = await context.pool.query<{ cluster: number | null }>(
      `SELECT ST_ClusterDBSCAN(ST_MakePoint(x, y), eps => $3, minpoints => $4) OVER () AS cluster
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(x, y, n) ORDER BY n`,
      [xs, ys, eps, minPoints],
    );
    const ours = Array.from(dbscan(Float64Array.from(xs), Float64Array.from(ys), eps, minPoints));
    const theirs = result.rows.map((row) => row.cluster);
    // Noise is noise in both; core points fall in the same groups (cluster numbers may differ, and a border point
    // within reach of two clusters may go to either, as PostGIS documents).
    expect(ours.map((label) => label === -1)).toEqual(theirs.map((label) => label === null));
    const groups = (labels: (number | null)[]) => {
      const byLabel = new Map<number, number[]>();
      labels.forEach((label, index) => {
        if (label !== null && label !== -1) byLabel.set(label, [...(byLabel.get(label) ?? []), index]);
      });
      return [...byLabel.values()].map((members) => members.join(',')).sort();
    };
    const near = (a: number, b: number) => (xs[a]! - xs[b]!) ** 2 + (ys[a]! - ys[b]!) ** 2 <= eps * eps;
    const isCore = (a: number) => xs.filter((_, b) => near(a, b)).length >= minPoints;
    const ambiguous = xs.map(
      (_, a) =>
        !isCore(a) &&
        new Set(xs.map((__, b) => (isCore(b) && near(a, b) ? ours[b] : -1)).filter((l) => l !== -1)).size > 1,
    );
    const unambiguous = (labels: (number | null)[]) => labels.map((label, index) => (ambiguous[index] ? null : label));
    expect(groups(unambiguous(ours))).toEqual(groups(unambiguous(theirs)));
  });
});
