/**
 * Scoring the next desa binaan (issue #12): one pure function for the server and the planner in the browser, so the
 * two compute the same ranking from the same facts. Each criterion is normalised to 0–1 by a method the planner sees
 * (`NORMALISATION`); the score is the weighted mean of the normalised criteria, so scaling every weight changes
 * nothing, a zero weight removes its criterion, and every score lies in [0, 1]. Counts of people come in as the role
 * may see them (published values, a suppressed one as 0): the score never rests on a count the role may not see.
 */
import type { IncidentType } from '../schemas/vocabulary.ts';

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

/** Scores and ranks every candidate (best first; ties by code, so the order is stable). */
export function scoreCandidates(
  candidates: readonly CandidateFacts[],
  weights: Record<Criterion, number> = DEFAULT_WEIGHTS,
): ScoredCandidate[] {
  const used = Object.fromEntries(PLANNER_CRITERIA.map((name) => [name, Math.max(0, weights[name] || 0)])) as Record<
    Criterion,
    number
  >;
  const total = PLANNER_CRITERIA.reduce((sum, name) => sum + used[name], 0);
  const incidents = candidates.map((candidate) => weightedIncidents(candidate.incidentsByType));
  const largest = {
    foreigners: Math.max(0, ...candidates.map((candidate) => candidate.foreigners)),
    workers: Math.max(0, ...candidates.map((candidate) => candidate.workers)),
    incidents: Math.max(0, ...incidents),
  };
  const scored = candidates.map((candidate, index) => {
    const normalised: Record<Criterion, number> = {
      foreigners: ofLargest(candidate.foreigners, largest.foreigners),
      workers: ofLargest(candidate.workers, largest.workers),
      incidents: ofLargest(incidents[index]!, largest.incidents),
      landBorder: closerWithin(candidate.landBorderKm, DISTANCE_SCALE_KM.border),
      seaBorder: closerWithin(candidate.seaBorderKm, DISTANCE_SCALE_KM.border),
      officeDistance: fartherUpTo(candidate.officeKm, DISTANCE_SCALE_KM.office),
      binaanGap: fartherUpTo(candidate.binaanKm, DISTANCE_SCALE_KM.binaanGap),
    };
    const contributions = Object.fromEntries(
      PLANNER_CRITERIA.map((name) => [name, total === 0 ? 0 : (used[name] * normalised[name]) / total]),
    ) as Record<Criterion, number>;
    const score = PLANNER_CRITERIA.reduce((sum, name) => sum + contributions[name], 0);
    return { code: candidate.code, score: Math.min(1, Math.max(0, score)), rank: 0, normalised, contributions };
  });
  scored.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
  scored.forEach((candidate, index) => (candidate.rank = index + 1));
  return scored;
}
