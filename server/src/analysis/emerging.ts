/**
 * Emerging hot spots: Gi* per time slice, then a Mann-Kendall trend test on each unit's series of Gi* z-scores, the
 * way ArcGIS "Emerging Hot Spot Analysis" does (ArcGIS Pro documentation, "How Emerging Hot Spot Analysis works").
 *
 * Mann-Kendall (Mann 1945; Kendall 1975), with the correction for ties:
 *   S = Σ_{i<j} sign(x_j − x_i)
 *   Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18   (t: the size of each group of equal values)
 *   Z = (S − 1)/√Var(S) if S > 0,  0 if S = 0,  (S + 1)/√Var(S) if S < 0;  p two-sided.
 */
import { twoSidedP } from './normal.ts';

export interface MannKendall {
  s: number;
  variance: number;
  z: number;
  p: number;
  /** 'up' or 'down' when p < alpha, else 'none'. */
  trend: 'up' | 'down' | 'none';
}

export function mannKendall(series: number[], alpha = 0.05): MannKendall {
  const n = series.length;
  let s = 0;
  for (let i = 0; i < n - 1; i += 1) {
    for (let j = i + 1; j < n; j += 1) s += Math.sign(series[j]! - series[i]!);
  }
  const groups = new Map<number, number>();
  for (const value of series) groups.set(value, (groups.get(value) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of groups.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 ? (s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0) : 0;
  const p = twoSidedP(z);
  return { s, variance, z, p, trend: p < alpha ? (z > 0 ? 'up' : 'down') : 'none' };
}

export type EmergingCategory = 'new' | 'intensifying' | 'persistent' | 'diminishing' | 'sporadic' | 'none';

export interface EmergingClass {
  category: EmergingCategory;
  /** Hot spot or cold spot; null for 'none'. */
  direction: 'hot' | 'cold' | null;
  /** Slices in which the unit was a significant hot (or cold) spot. */
  significantSlices: number;
  trend: MannKendall;
}

/**
 * Classes one unit from its Gi* series: `bins` are the per-slice confidence bins (+ hot, − cold, 0 not significant)
 * and `zs` the per-slice z-scores (null counts as 0). Definitions, after ArcGIS and folded to five classes:
 * - new: significant in the final slice, in one unbroken run at the end, nothing significant before it, hot or cold
 *   (ArcGIS new + consecutive);
 * - intensifying: significant in at least 90 % of slices including the final one, z rising (Mann-Kendall);
 * - diminishing: as intensifying, with z falling;
 * - persistent: significant in at least 90 % of slices, no significant trend;
 * - sporadic: significant in the final slice, on and off before, or of the other sign before (ArcGIS sporadic +
 *   oscillating);
 * - none: anything else (including ArcGIS "historical": hot most of the time but not in the final slice).
 */
export function classifyEmerging(bins: number[], zs: (number | null)[], alpha = 0.05): EmergingClass {
  const n = bins.length;
  const last = bins[n - 1] ?? 0;
  const trend = mannKendall(
    zs.map((z) => z ?? 0),
    alpha,
  );
  const hot = bins.filter((bin) => bin > 0).length;
  const cold = bins.filter((bin) => bin < 0).length;
  const direction: 'hot' | 'cold' | null =
    last > 0 ? 'hot' : last < 0 ? 'cold' : hot >= 0.9 * n ? 'hot' : cold >= 0.9 * n ? 'cold' : null;
  if (direction === null) return { category: 'none', direction: null, significantSlices: 0, trend };
  const sign = direction === 'hot' ? 1 : -1;
  const significant = bins.map((bin) => Math.sign(bin) === sign);
  const count = significant.filter(Boolean).length;
  const result = (category: EmergingCategory): EmergingClass => ({
    category,
    direction: category === 'none' ? null : direction,
    significantSlices: count,
    trend,
  });
  const finalSignificant = significant[n - 1];
  if (count >= 0.9 * n) {
    // Rising z means more intense for a hot spot and less intense for a cold one.
    const towards = trend.trend === 'none' ? 'none' : (trend.trend === 'up') === sign > 0 ? 'more' : 'less';
    if (!finalSignificant) return result('none');
    return result(towards === 'more' ? 'intensifying' : towards === 'less' ? 'diminishing' : 'persistent');
  }
  if (!finalSignificant) return result('none');
  // New: one unbroken run at the end, and nothing significant (either way) before it.
  let runStart = n - 1;
  while (runStart > 0 && significant[runStart - 1]) runStart -= 1;
  const quietBefore = bins.slice(0, runStart).every((bin) => bin === 0);
  return result(quietBefore ? 'new' : 'sporadic');
}
