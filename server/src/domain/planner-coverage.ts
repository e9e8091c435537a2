/**
 * Coverage of a plan of desa binaan (issue #12): a PIMPASA officer reaches the villages within R km of the chosen desa
 * (or in its kecamatan). Choosing N desa is a maximal covering problem; the greedy choice — each pick the one that adds
 * the most weight not yet covered — is within (1 − 1/e) of the optimum (coverage is submodular), and it says what each
 * pick gained. Pure and dependency-free, for the server and the planner in the browser alike.
 */
import { haversineKm, pointsWithin, type LonLat } from './great-circle.ts';

export interface Site {
  code: string;
  lon: number;
  lat: number;
  kecamatan: string;
  /** What covering this village is worth (its score; or its foreigners, its incidents). */
  weight: number;
}

/** Great-circle distance (haversine, the mean Earth radius), as turf's `distance` computes it. */
export const distanceKm = haversineKm;

/**
 * For each site, the sites it covers (ascending, itself included): within `radiusKm` (great circle, or the distance
 * given: the browser passes turf's), or in its kecamatan when asked.
 */
export function coverageSets(
  sites: readonly Site[],
  radiusKm: number,
  options: { sameKecamatan?: boolean; distance?: (a: LonLat, b: LonLat) => number } = {},
): number[][] {
  const near = pointsWithin(sites, radiusKm, { distance: options.distance });
  const byKecamatan = new Map<string, number[]>();
  if (options.sameKecamatan) {
    sites.forEach((site, index) => {
      const list = byKecamatan.get(site.kecamatan);
      if (list) list.push(index);
      else byKecamatan.set(site.kecamatan, [index]);
    });
  }
  return sites.map((site, index) => {
    const covered = new Set([index, ...near[index]!, ...(byKecamatan.get(site.kecamatan) ?? [])]);
    return [...covered].sort((a, b) => a - b);
  });
}

export interface CoverPick {
  index: number;
  /** The weight this pick covered that no earlier pick had. */
  gain: number;
}

/** The weight the picks cover together (each village counted once). */
export function coveredWeight(sites: readonly Site[], sets: readonly number[][], picks: readonly number[]): number {
  const covered = new Set(picks.flatMap((pick) => sets[pick]!));
  let sum = 0;
  for (const index of covered) sum += sites[index]!.weight;
  return sum;
}

/**
 * Greedy maximal covering: `n` picks among `candidates` (indices of sites that may be chosen; default all), each the
 * one with the largest gain (ties: the earlier index), stopping early when nothing more can be gained.
 */
export function greedyCover(
  sites: readonly Site[],
  sets: readonly number[][],
  n: number,
  candidates: readonly number[] = sites.map((_, index) => index),
): { picks: CoverPick[]; covered: number } {
  const covered = new Set<number>();
  const picks: CoverPick[] = [];
  const left = new Set(candidates);
  while (picks.length < n && left.size > 0) {
    let best = -1;
    let bestGain = 0;
    for (const candidate of left) {
      let gain = 0;
      for (const index of sets[candidate]!) if (!covered.has(index)) gain += sites[index]!.weight;
      if (gain > bestGain || (gain === bestGain && best !== -1 && gain > 0 && candidate < best)) {
        best = candidate;
        bestGain = gain;
      }
    }
    if (best === -1 || bestGain <= 0) break;
    for (const index of sets[best]!) covered.add(index);
    picks.push({ index: best, gain: bestGain });
    left.delete(best);
  }
  return { picks, covered: picks.reduce((sum, pick) => sum + pick.gain, 0) };
}
