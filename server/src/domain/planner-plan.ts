/**
 * From the planner's one answer to a ranked shortlist and the coverage of a plan (issue #12): the steps the browser
 * runs on every slider move and the server runs for the plan's CSV and PDF, so both say the same. Pure; the distance
 * is passed in (turf's in the browser, the same haversine on the server).
 */
import type { LonLat } from './great-circle.ts';
import { haversineKm } from './great-circle.ts';
import { coverageSets, greedyCover, type Site } from './planner-coverage.ts';
import {
  addNearby,
  peopleInReach,
  scoreCandidates,
  weightedIncidents,
  workersInReach,
  type CandidateFacts,
  type Criterion,
  type NearbyPlace,
  type ScoredCandidate,
} from './planner-score.ts';

type Distance = (a: LonLat, b: LonLat) => number;

/** A candidate as the planner's answer gives it. */
export type AnswerCandidate = CandidateFacts & LonLat & { name: string; kecamatan: string };
/** An existing desa binaan as the answer gives it. */
export type AnswerBinaan = NearbyPlace & {
  name: string;
  kecamatan: string;
  incidentsByType: CandidateFacts['incidentsByType'];
};

export interface PlannerAnswer {
  nearKm: number;
  candidates: readonly AnswerCandidate[];
  binaan: readonly AnswerBinaan[];
}

export type RankedCandidate = ScoredCandidate &
  AnswerCandidate & {
    foreignersNear: number;
    workersNear: number;
    /** The raw numbers behind the criteria. */
    raw: Record<Criterion, number | null>;
  };

/** The candidates with the people near them: computed once per answer (the weights do not change it). */
export function withNearby(answer: PlannerAnswer, distance: Distance = haversineKm) {
  return addNearby(answer.candidates, answer.binaan, answer.nearKm, distance);
}

/** Every candidate scored with `weights`, best first. */
export function rankCandidates(
  candidates: readonly (AnswerCandidate & { foreignersNear: number; workersNear: number })[],
  weights: Record<Criterion, number>,
): RankedCandidate[] {
  const byCode = new Map(candidates.map((candidate) => [candidate.code, candidate]));
  return scoreCandidates(candidates, weights).map((scored) => {
    const facts = byCode.get(scored.code)!;
    return {
      ...facts,
      ...scored,
      raw: {
        foreigners: peopleInReach(facts),
        workers: workersInReach(facts),
        incidents: weightedIncidents(facts.incidentsByType),
        landBorder: facts.landBorderKm,
        seaBorder: facts.seaBorderKm,
        officeDistance: facts.officeKm,
        binaanGap: facts.binaanKm,
      },
    };
  });
}

/**
 * How each criterion's weight moves a candidate: its rank with that weight at zero and doubled (the others as they
 * are). Ranks are 1-based; the candidate's current rank is `ranked`'s.
 */
export function rankSensitivity(
  candidates: readonly (AnswerCandidate & { foreignersNear: number; workersNear: number })[],
  weights: Record<Criterion, number>,
  code: string,
): Record<Criterion, { zero: number; double: number }> {
  const rankOf = (changed: Record<Criterion, number>) =>
    scoreCandidates(candidates, changed).find((candidate) => candidate.code === code)?.rank ?? 0;
  return Object.fromEntries(
    (Object.keys(weights) as Criterion[]).map((name) => [
      name,
      { zero: rankOf({ ...weights, [name]: 0 }), double: rankOf({ ...weights, [name]: weights[name] * 2 }) },
    ]),
  ) as Record<Criterion, { zero: number; double: number }>;
}

export interface CoverageOptions {
  radiusKm: number;
  sameKecamatan: boolean;
  distance?: Distance;
}

export interface PlanCoverage {
  /** The picks in order, each with what it newly covers. */
  picks: { code: string; gain: number; newDesa: number }[];
  /** Codes of every desa the plan reaches (candidates and existing desa binaan). */
  covered: string[];
  /** Of the area's foreigners (residents as the role may see them) and weighted incidents, the share reached. */
  foreignersShare: number;
  incidentsShare: number;
  foreignersCovered: number;
  foreignersTotal: number;
  incidentsCovered: number;
  incidentsTotal: number;
}

/** The map of every desa of the answer (candidates, then desa binaan, which are reached but never picked). */
class CoverageModel {
  readonly sites: Site[];
  readonly sets: number[][];
  readonly foreigners: number[];
  readonly incidents: number[];

  constructor(ranked: readonly RankedCandidate[], binaan: readonly AnswerBinaan[], options: CoverageOptions) {
    this.sites = [
      ...ranked.map((candidate) => ({
        code: candidate.code,
        lon: candidate.lon,
        lat: candidate.lat,
        kecamatan: candidate.kecamatan,
        weight: candidate.score,
      })),
      ...binaan.map((place) => ({
        code: place.code,
        lon: place.lon,
        lat: place.lat,
        kecamatan: place.kecamatan,
        weight: 0,
      })),
    ];
    this.sets = coverageSets(this.sites, options.radiusKm, {
      sameKecamatan: options.sameKecamatan,
      distance: options.distance,
    });
    this.foreigners = [...ranked.map((c) => c.foreigners), ...binaan.map((b) => b.foreigners)];
    this.incidents = [
      ...ranked.map((c) => weightedIncidents(c.incidentsByType)),
      ...binaan.map((b) => weightedIncidents(b.incidentsByType)),
    ];
  }

  summarise(order: readonly number[]): PlanCoverage {
    const covered = new Set<number>();
    const picks = order.map((index) => {
      let gain = 0;
      let newDesa = 0;
      for (const reached of this.sets[index]!) {
        if (covered.has(reached)) continue;
        covered.add(reached);
        gain += this.sites[reached]!.weight;
        newDesa += 1;
      }
      return { code: this.sites[index]!.code, gain, newDesa };
    });
    const sum = (values: number[], only?: Set<number>) =>
      values.reduce((total, value, index) => total + (!only || only.has(index) ? value : 0), 0);
    const foreignersTotal = sum(this.foreigners);
    const incidentsTotal = sum(this.incidents);
    const foreignersCovered = sum(this.foreigners, covered);
    const incidentsCovered = sum(this.incidents, covered);
    return {
      picks,
      covered: [...covered].sort((a, b) => a - b).map((index) => this.sites[index]!.code),
      foreignersShare: foreignersTotal > 0 ? foreignersCovered / foreignersTotal : 0,
      incidentsShare: incidentsTotal > 0 ? incidentsCovered / incidentsTotal : 0,
      foreignersCovered,
      foreignersTotal,
      incidentsCovered,
      incidentsTotal,
    };
  }
}

/** The greedy plan of `n` desa (maximal covering weighted by the score; rejected desa are never picked). */
export function greedyPlan(
  ranked: readonly RankedCandidate[],
  binaan: readonly AnswerBinaan[],
  n: number,
  options: CoverageOptions & { rejected?: ReadonlySet<string> },
): PlanCoverage {
  const model = new CoverageModel(ranked, binaan, options);
  const pickable = ranked.flatMap((candidate, index) => (options.rejected?.has(candidate.code) ? [] : [index]));
  const { picks } = greedyCover(model.sites, model.sets, n, pickable);
  return model.summarise(picks.map((pick) => pick.index));
}

/** The coverage of the desa a planner chose, in the order given (codes that are not candidates are left out). */
export function planCoverage(
  ranked: readonly RankedCandidate[],
  binaan: readonly AnswerBinaan[],
  codes: readonly string[],
  options: CoverageOptions,
): PlanCoverage {
  const model = new CoverageModel(ranked, binaan, options);
  const index = new Map(ranked.map((candidate, position) => [candidate.code, position]));
  return model.summarise(codes.flatMap((code) => (index.has(code) ? [index.get(code)!] : [])));
}
