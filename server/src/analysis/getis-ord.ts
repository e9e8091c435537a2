/**
 * Getis-Ord Gi* (Getis & Ord 1992, "The analysis of spatial association by use of distance statistics",
 * Geographical Analysis 24(3):189–206; standardised form of Ord & Getis 1995, Geographical Analysis 27(4):286–306,
 * eq. 7–9), with binary weights that include the unit itself (w_ii = 1):
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ Σ_j w_ij) / (S √[(n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)])
 *   X̄ = Σ x_j / n,   S = √(Σ x_j² / n − X̄²)
 *
 * Gi* is itself a z-score. p-values are two-sided; the false-discovery-rate correction is Benjamini & Hochberg
 * (1995). Confidence classes follow the convention of ArcGIS "Hot Spot Analysis (Getis-Ord Gi*)": ±3 at 99 %, ±2 at
 * 95 %, ±1 at 90 %, 0 not significant.
 */
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { haversineKm, pointsWithin, type LonLat } from '../domain/great-circle.ts';
import { twoSidedP } from './normal.ts';

export type PlanePoint = LonLat;

export type NeighbourSpec = { kind: 'distance'; distanceKm: number } | { kind: 'knn'; k: number };

/**
 * Each unit's neighbours (indexes, not including itself): every unit within `distanceKm` of it (great circle), or
 * its k nearest (ties broken by index, so the result does not depend on the order of equal distances).
 */
export function findNeighbours(points: PlanePoint[], spec: NeighbourSpec): number[][] {
  if (points.length === 0) return [];
  if (spec.kind === 'distance') return pointsWithin(points, spec.distanceKm);
  const k = Math.min(spec.k, points.length - 1);
  if (k <= 0) return points.map(() => []);
  // A kd-tree with great-circle search (kdbush + geokdbush). It answers in order of distance; a few extra answers
  // let equal distances at the k-th place be broken by index, as promised, not by the tree's order.
  const tree = new KDBush(points.length);
  for (const point of points) tree.add(point.lon, point.lat);
  tree.finish();
  return points.map((point, i) =>
    around(tree, point.lon, point.lat, k + 9)
      .filter((j) => j !== i)
      .map((j) => ({ index: j, km: haversineKm(point, points[j]!) }))
      .sort((a, b) => a.km - b.km || a.index - b.index)
      .slice(0, k)
      .map((candidate) => candidate.index),
  );
}

export interface GiStarResult {
  /** Gi* z-score; null where it is undefined (every value equal, or every unit a neighbour of this one). */
  z: number | null;
  p: number | null;
  /** Benjamini-Hochberg adjusted p-value (q-value) over the units with a z-score. */
  q: number | null;
  /** 99, 95 or 90 when significant at that level (after the FDR correction when asked for), else 0. */
  confidence: 0 | 90 | 95 | 99;
  /** ±3, ±2, ±1: hot (+) or cold (−) at 99/95/90 %; 0 not significant. */
  bin: -3 | -2 | -1 | 0 | 1 | 2 | 3;
}

/** Gi* z-scores for values with binary neighbour weights (the unit itself always counts with weight 1). */
export function giStarZ(values: number[], neighbours: number[][]): (number | null)[] {
  const n = values.length;
  if (n < 2) return values.map(() => null);
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const s = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / n);
  return values.map((value, i) => {
    const near = neighbours[i] ?? [];
    const weightSum = 1 + near.length;
    let weighted = value;
    for (const j of near) weighted += values[j]!;
    const spread = (n * weightSum - weightSum * weightSum) / (n - 1);
    if (!(s > 0) || !(spread > 0)) return null;
    return (weighted - mean * weightSum) / (s * Math.sqrt(spread));
  });
}

/** Benjamini-Hochberg adjusted p-values: q_(i) = min over j ≥ i of p_(j)·m/j. */
export function benjaminiHochberg(pValues: (number | null)[]): (number | null)[] {
  const ranked = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null)
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const m = ranked.length;
  const q: (number | null)[] = pValues.map(() => null);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const entry = ranked[rank - 1]!;
    running = Math.min(running, (entry.p * m) / rank);
    q[entry.index] = running;
  }
  return q;
}

const LEVELS: [number, 99 | 95 | 90, 3 | 2 | 1][] = [
  [0.01, 99, 3],
  [0.05, 95, 2],
  [0.1, 90, 1],
];

/** Gi* with p-values, FDR-adjusted p-values and confidence bins. */
export function getisOrdGiStar(values: number[], neighbours: number[][], options: { fdr: boolean }): GiStarResult[] {
  const zs = giStarZ(values, neighbours);
  const ps = zs.map((z) => (z === null ? null : twoSidedP(z)));
  const qs = benjaminiHochberg(ps);
  return zs.map((z, i) => {
    const tested = (options.fdr ? qs[i] : ps[i]) ?? null;
    const level = z === null || tested === null ? undefined : LEVELS.find(([alpha]) => tested <= alpha);
    const sign = z !== null && z < 0 ? -1 : 1;
    return {
      z,
      p: ps[i] ?? null,
      q: qs[i] ?? null,
      confidence: level ? level[1] : 0,
      bin: (level ? sign * level[2] : 0) as GiStarResult['bin'],
    };
  });
}
