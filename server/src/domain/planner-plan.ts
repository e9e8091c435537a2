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
  normaliseCandidates,
  peopleInReach,
  rankWith,
  scoreNormalised,
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

/** The candidates with the people near them: computed once per answer (the weights do not change it). */
export function withNearby(answer: PlannerAnswer, distance: Distance = haversineKm) {
  return addNearby(answer.candidates, answer.binaan, answer.nearKm, distance);
}

type NearbyCandidate = AnswerCandidate & { foreignersNear: number; workersNear: number };

/** A candidate with what does not change with the weights: its facts, raw numbers and normalised criteria. */
export type PreparedCandidate = NearbyCandidate & {
  normalised: Record<Criterion, number>;
  /** The raw numbers behind the criteria. */
  raw: Record<Criterion, number | null>;
};

/** The candidates ready to be weighed, in the answer's order (computed once per answer). */
export interface PreparedCandidates {
  candidates: PreparedCandidate[];
  normalised: Record<Criterion, number>[];
  codes: string[];
}

export function prepareCandidates(candidates: readonly NearbyCandidate[]): PreparedCandidates {
  const normalised = normaliseCandidates(candidates);
  return {
    normalised,
    codes: candidates.map((candidate) => candidate.code),
    candidates: candidates.map((facts, index) => ({
      ...facts,
      normalised: normalised[index]!,
      raw: {
        foreigners: peopleInReach(facts),
        workers: workersInReach(facts),
        incidents: weightedIncidents(facts.incidentsByType),
        landBorder: facts.landBorderKm,
        seaBorder: facts.seaBorderKm,
        officeDistance: facts.officeKm,
        binaanGap: facts.binaanKm,
      },
    })),
  };
}

export type RankedCandidate = PreparedCandidate & ScoredCandidate;

const isPrepared = (value: PreparedCandidates | readonly NearbyCandidate[]): value is PreparedCandidates =>
  !Array.isArray(value);

/** Every candidate scored with `weights`, best first (prepared once, or from the candidates with their nearby). */
export function rankCandidates(
  candidates: PreparedCandidates | readonly NearbyCandidate[],
  weights: Record<Criterion, number>,
): RankedCandidate[] {
  const prepared = isPrepared(candidates) ? candidates : prepareCandidates(candidates);
  const byCode = new Map(prepared.candidates.map((candidate) => [candidate.code, candidate]));
  return scoreNormalised(prepared.normalised, prepared.codes, weights).map((scored) => ({
    ...byCode.get(scored.code)!,
    ...scored,
  }));
}

/**
 * How each criterion's weight moves a candidate: its rank with that weight at zero and doubled (the others as they
 * are). Ranks are 1-based.
 */
export function rankSensitivity(
  prepared: PreparedCandidates,
  weights: Record<Criterion, number>,
  code: string,
): Record<Criterion, { zero: number; double: number }> {
  const index = prepared.codes.indexOf(code);
  const result = {} as Record<Criterion, { zero: number; double: number }>;
  for (const name of Object.keys(weights) as Criterion[]) {
    result[name] = {
      zero: rankWith(prepared.normalised, prepared.codes, { ...weights, [name]: 0 }, index),
      double: rankWith(prepared.normalised, prepared.codes, { ...weights, [name]: weights[name] * 2 }, index),
    };
  }
  return result;
}

export interface CoverageOptions {
  radiusKm: number;
  sameKecamatan: boolean;
  distance?: Distance;
}

export interface PlanCoverage {
  /** The picks in order, each with what it newly covers. */
  picks: { code: string; gain: number; newDesa: number }[];
  /** Codes of every desa the plan reaches (candidates and existing desa binaan), in code order. */
  covered: string[];
  /** Of the area's foreigners (residents as the role may see them) and weighted incidents, the share reached. */
  foreignersShare: number;
  incidentsShare: number;
  foreignersCovered: number;
  foreignersTotal: number;
  incidentsCovered: number;
  incidentsTotal: number;
}

type Place = LonLat & {
  code: string;
  kecamatan: string;
  foreigners: number;
  incidentsByType: CandidateFacts['incidentsByType'];
};

/**
 * Who reaches whom among the desa of an answer (candidates, then desa binaan, which are reached but never picked):
 * it depends on the places and the reach, not on the weights, so it is built once per answer and reach and then
 * weighed with each ranking.
 */
export class CoverageModel {
  readonly places: Place[];
  readonly sets: number[][];
  readonly #candidates: number;
  readonly #foreigners: number[];
  readonly #incidents: number[];
  readonly #index: Map<string, number>;

  constructor(candidates: readonly Place[], binaan: readonly Place[], options: CoverageOptions) {
    this.places = [...candidates, ...binaan];
    this.#candidates = candidates.length;
    this.sets = coverageSets(
      this.places.map((place) => ({ ...place, weight: 0 })),
      options.radiusKm,
      { sameKecamatan: options.sameKecamatan, distance: options.distance },
    );
    this.#foreigners = this.places.map((place) => place.foreigners);
    this.#incidents = this.places.map((place) => weightedIncidents(place.incidentsByType));
    this.#index = new Map(candidates.map((place, index) => [place.code, index]));
  }

  /** The sites weighted by the ranking's scores (desa binaan weigh nothing). */
  #sites(ranked: readonly RankedCandidate[]): Site[] {
    const score = new Map(ranked.map((candidate) => [candidate.code, candidate.score]));
    return this.places.map((place, index) => ({
      code: place.code,
      lon: place.lon,
      lat: place.lat,
      kecamatan: place.kecamatan,
      weight: index < this.#candidates ? (score.get(place.code) ?? 0) : 0,
    }));
  }

  /** The greedy plan of `n` desa (maximal covering weighted by the score; rejected desa are never picked). */
  greedy(ranked: readonly RankedCandidate[], n: number, rejected?: ReadonlySet<string>): PlanCoverage {
    const sites = this.#sites(ranked);
    const pickable: number[] = [];
    for (let index = 0; index < this.#candidates; index++) {
      if (!rejected?.has(this.places[index]!.code)) pickable.push(index);
    }
    const { picks } = greedyCover(sites, this.sets, n, pickable);
    return this.#summarise(
      sites,
      picks.map((pick) => pick.index),
    );
  }

  /** The coverage of the desa a planner chose, in the order given (codes that are not candidates are left out). */
  of(ranked: readonly RankedCandidate[], codes: readonly string[]): PlanCoverage {
    const order = codes.flatMap((code) => (this.#index.has(code) ? [this.#index.get(code)!] : []));
    return this.#summarise(this.#sites(ranked), order);
  }

  #summarise(sites: readonly Site[], order: readonly number[]): PlanCoverage {
    const covered = new Set<number>();
    const picks = order.map((index) => {
      let gain = 0;
      let newDesa = 0;
      for (const reached of this.sets[index]!) {
        if (covered.has(reached)) continue;
        covered.add(reached);
        gain += sites[reached]!.weight;
        newDesa += 1;
      }
      return { code: sites[index]!.code, gain, newDesa };
    });
    const sum = (values: number[], only?: Set<number>) =>
      values.reduce((total, value, index) => total + (!only || only.has(index) ? value : 0), 0);
    const foreignersTotal = sum(this.#foreigners);
    const incidentsTotal = sum(this.#incidents);
    const foreignersCovered = sum(this.#foreigners, covered);
    const incidentsCovered = sum(this.#incidents, covered);
    return {
      picks,
      covered: [...covered].map((index) => sites[index]!.code).sort(),
      foreignersShare: foreignersTotal > 0 ? foreignersCovered / foreignersTotal : 0,
      incidentsShare: incidentsTotal > 0 ? incidentsCovered / incidentsTotal : 0,
      foreignersCovered,
      foreignersTotal,
      incidentsCovered,
      incidentsTotal,
    };
  }
}

/** The greedy plan of `n` desa, in one call (the server's exports; the browser keeps the model between moves). */
export function greedyPlan(
  ranked: readonly RankedCandidate[],
  binaan: readonly AnswerBinaan[],
  n: number,
  options: CoverageOptions & { rejected?: ReadonlySet<string> },
): PlanCoverage {
  // The browser's model lists the candidates in the answer's (code) order; so does this one, so ties fall alike.
  const byCode = [...ranked].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return new CoverageModel(byCode, binaan, options).greedy(ranked, n, options.rejected);
}

/** The coverage of the desa a planner chose, in one call. */
export function planCoverage(
  ranked: readonly RankedCandidate[],
  binaan: readonly AnswerBinaan[],
  codes: readonly string[],
  options: CoverageOptions,
): PlanCoverage {
  return new CoverageModel(ranked, binaan, options).of(ranked, codes);
}
