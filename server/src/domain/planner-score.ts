/**
 * Scoring the next desa binaan (issue #12): one pure function for the server and the planner in the browser, so the
 * two compute the same ranking from the same facts. Each criterion is normalised to 0–1 by a method the planner sees
 * (`NORMALISATION`); the score is the weighted mean of the normalised criteria, so scaling every weight changes
 * nothing, a zero weight removes its criterion, and every score lies in [0, 1]. Counts of people come in as the role
 * may see them (published values, a suppressed one as 0): the score never rests on a count the role may not see.
 */
import type { IncidentType } from '../schemas/vocabulary.ts';
import { haversineKm, pointsWithin, type LonLat } from './great-circle.ts';

export const PLANNER_CRITERIA = [
  'foreigners',
  'workers',
  'incidents',
  'landBorder',
  'seaBorder',
  'officeDistance',
  'binaanGap',
] as const;
export type Criterion = (typeof PLANNER_CRITERIA)[number];

/** What the server answers for one candidate desa (the facts behind its score). */
export interface CandidateFacts {
  code: string;
  /** Foreign residents in the desa, as the role may see them. */
  foreigners: number;
  /** Foreign workers at the desa's workplaces, as the role may see them. */
  workers: number;
  /** Foreign residents and workers of the other desa within `NEAR_KM` (published values summed; see `addNearby`). */
  foreignersNear?: number;
  workersNear?: number;
  /** Incidents of the last 12 months per type. */
  incidentsByType: Partial<Record<IncidentType, number>>;
  /** Distance from the desa to the land border and to the sea boundary (km); null where there is none in reach. */
  landBorderKm: number | null;
  seaBorderKm: number | null;
  /** Distance to the nearest immigration office and to the nearest existing desa binaan (km); null: none. */
  officeKm: number | null;
  binaanKm: number | null;
}

/** Incidents weighted by type: trafficking, smuggling and irregular migrant workers count most (DOMAIN.md). */
export const INCIDENT_TYPE_WEIGHTS: Record<IncidentType, number> = {
  tppo: 3,
  tppm: 3,
  pmi_nonprosedural: 3,
  illegal_crossing: 2,
  illegal_work: 2,
  overstay: 1.5,
  permit_misuse: 1.5,
  sham_marriage: 1,
  other: 1,
};

/** The documented default weights (they need not add up to 1: the score divides by their sum). */
export const DEFAULT_WEIGHTS: Record<Criterion, number> = {
  foreigners: 20,
  workers: 15,
  incidents: 25,
  landBorder: 15,
  seaBorder: 5,
  officeDistance: 10,
  binaanGap: 10,
};

/** "Near the desa": the other desa whose centre lies within this of the desa's centre. */
export const NEAR_KM = 10;

/** A desa that is not a candidate (an existing desa binaan) but whose people count as near a candidate. */
export interface NearbyPlace extends LonLat {
  code: string;
  foreigners: number;
  workers: number;
}

/**
 * Adds to each candidate the residents and workers of the other desa (candidates and `others`) within `km`, summed
 * from the values the role may see. The browser passes turf's `distance`; the server the same haversine.
 */
export function addNearby<T extends CandidateFacts & LonLat>(
  candidates: readonly T[],
  others: readonly NearbyPlace[],
  km: number = NEAR_KM,
  distance: (a: LonLat, b: LonLat) => number = haversineKm,
): (T & { foreignersNear: number; workersNear: number })[] {
  const all: (LonLat & { foreigners: number; workers: number })[] = [...candidates, ...others];
  const near = pointsWithin(candidates, km, { others: all, distance });
  return candidates.map((candidate, index) => {
    let foreigners = 0;
    let workers = 0;
    for (const other of near[index]!) {
      if (other === index) continue;
      foreigners += all[other]!.foreigners;
      workers += all[other]!.workers;
    }
    return { ...candidate, foreignersNear: foreigners, workersNear: workers };
  });
}

/** How far a distance counts: within this of a border counts (closer higher); this far from an office is "far". */
export const DISTANCE_SCALE_KM = { border: 50, office: 100, binaanGap: 50 } as const;

/** The method of each criterion, for the planner to read (both languages are in the web's dictionaries). */
export const NORMALISATION: Record<Criterion, 'log-of-largest' | 'closer-within' | 'farther-up-to'> = {
  foreigners: 'log-of-largest',
  workers: 'log-of-largest',
  incidents: 'log-of-largest',
  landBorder: 'closer-within',
  seaBorder: 'closer-within',
  officeDistance: 'farther-up-to',
  binaanGap: 'farther-up-to',
};

export function weightedIncidents(byType: CandidateFacts['incidentsByType']): number {
  let sum = 0;
  for (const [type, count] of Object.entries(byType))
    sum += (INCIDENT_TYPE_WEIGHTS[type as IncidentType] ?? 1) * (count ?? 0);
  return sum;
}

/** The residents and the workers a desa binaan there would reach: in the desa and near it. */
export const peopleInReach = (candidate: CandidateFacts) => candidate.foreigners + (candidate.foreignersNear ?? 0);
export const workersInReach = (candidate: CandidateFacts) => candidate.workers + (candidate.workersNear ?? 0);
const maxOf = (values: readonly number[]) => values.reduce((largest, value) => Math.max(largest, value), 0);

/** log(1 + v) / log(1 + largest): 0 for none, 1 for the area's largest, damping a city's outliers. */
const ofLargest = (value: number, largest: number) =>
  largest <= 0 ? 0 : Math.min(1, Math.log1p(Math.max(0, value)) / Math.log1p(largest));
const closerWithin = (km: number | null, scale: number) => (km === null ? 0 : Math.max(0, 1 - Math.max(0, km) / scale));
const fartherUpTo = (km: number | null, scale: number) => (km === null ? 1 : Math.min(1, Math.max(0, km) / scale));

export interface ScoredCandidate {
  code: string;
  score: number;
  rank: number;
  /** Each criterion normalised to 0–1. */
  normalised: Record<Criterion, number>;
  /** What each criterion adds to the score (they sum to the score). */
  contributions: Record<Criterion, number>;
}

/**
 * Each candidate's criteria normalised to 0–1. They depend on the area's candidates (the largest counts), not on the
 * weights: computed once per answer, then every slider move only weighs them (`scoreNormalised`).
 */
export function normaliseCandidates(candidates: readonly CandidateFacts[]): Record<Criterion, number>[] {
  const incidents = candidates.map((candidate) => weightedIncidents(candidate.incidentsByType));
  const foreigners = candidates.map(peopleInReach);
  const workers = candidates.map(workersInReach);
  const largest = { foreigners: maxOf(foreigners), workers: maxOf(workers), incidents: maxOf(incidents) };
  return candidates.map((candidate, index) => ({
    foreigners: ofLargest(foreigners[index]!, largest.foreigners),
    workers: ofLargest(workers[index]!, largest.workers),
    incidents: ofLargest(incidents[index]!, largest.incidents),
    landBorder: closerWithin(candidate.landBorderKm, DISTANCE_SCALE_KM.border),
    seaBorder: closerWithin(candidate.seaBorderKm, DISTANCE_SCALE_KM.border),
    officeDistance: fartherUpTo(candidate.officeKm, DISTANCE_SCALE_KM.office),
    binaanGap: fartherUpTo(candidate.binaanKm, DISTANCE_SCALE_KM.binaanGap),
  }));
}

/** The weights as used: negatives and NaN as 0, with their sum. */
function usedWeights(weights: Record<Criterion, number>) {
  const used = {} as Record<Criterion, number>;
  let total = 0;
  for (const name of PLANNER_CRITERIA) {
    used[name] = Math.max(0, weights[name] || 0);
    total += used[name];
  }
  return { used, total };
}

function weighted(normalised: Record<Criterion, number>, used: Record<Criterion, number>, total: number): number {
  if (total === 0) return 0;
  let sum = 0;
  for (const name of PLANNER_CRITERIA) sum += used[name] * normalised[name];
  return Math.min(1, Math.max(0, sum / total));
}

/** Best first; ties by code, so the order is stable. */
const before = (scoreA: number, codeA: string, scoreB: number, codeB: string) =>
  scoreA > scoreB || (scoreA === scoreB && codeA < codeB);

/** Scores and ranks normalised candidates (`codes[i]` is the code of `normalised[i]`). */
export function scoreNormalised(
  normalised: readonly Record<Criterion, number>[],
  codes: readonly string[],
  weights: Record<Criterion, number> = DEFAULT_WEIGHTS,
): ScoredCandidate[] {
  const { used, total } = usedWeights(weights);
  const scored = normalised.map((values, index) => {
    const contributions = {} as Record<Criterion, number>;
    for (const name of PLANNER_CRITERIA) contributions[name] = total === 0 ? 0 : (used[name] * values[name]) / total;
    return { code: codes[index]!, score: weighted(values, used, total), rank: 0, normalised: values, contributions };
  });
  scored.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
  scored.forEach((candidate, index) => (candidate.rank = index + 1));
  return scored;
}

/** The rank candidate `index` would have with `weights` (without ranking the others: one pass, no sort). */
export function rankWith(
  normalised: readonly Record<Criterion, number>[],
  codes: readonly string[],
  weights: Record<Criterion, number>,
  index: number,
): number {
  const { used, total } = usedWeights(weights);
  const own = weighted(normalised[index]!, used, total);
  let rank = 1;
  for (let other = 0; other < normalised.length; other++) {
    if (other !== index && before(weighted(normalised[other]!, used, total), codes[other]!, own, codes[index]!)) rank++;
  }
  return rank;
}

/** Scores and ranks every candidate (best first; ties by code, so the order is stable). */
export function scoreCandidates(
  candidates: readonly CandidateFacts[],
  weights: Record<Criterion, number> = DEFAULT_WEIGHTS,
): ScoredCandidate[] {
  return scoreNormalised(
    normaliseCandidates(candidates),
    candidates.map((candidate) => candidate.code),
    weights,
  );
}
