/**
 * Coverage of a plan of desa binaan (issue #12): a PIMPASA officer reaches the villages within R km of the chosen desa
 * (or in its kecamatan). Choosing N desa is a maximal covering problem; the greedy choice — each pick the one that adds
 * the most weight not yet covered — is within (1 − 1/e) of the optimum (coverage is submodular), and it says what each
 * pick gained. Pure and dependency-free, for the server and the planner in the browser alike.
 */

export interface Site {
  code: string;
  lon: number;
  lat: number;
  kecamatan: string;
  /** What covering this village is worth (its score; or its foreigners, its incidents). */
  weight: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine, the mean Earth radius), as turf's `distance` computes it. */
export function distanceKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** For each site, the sites it covers (itself included): within `radiusKm`, or in its kecamatan when asked. */
export function coverageSets(
  sites: readonly Site[],
  radiusKm: number,
  options: { sameKecamatan?: boolean } = {},
): number[][] {
  return sites.map((site) =>
    sites.flatMap((other, index) =>
      distanceKm(site, other) <= radiusKm || (options.sameKecamatan && other.kecamatan === site.kecamatan)
        ? [index]
        : [],
    ),
  );
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
