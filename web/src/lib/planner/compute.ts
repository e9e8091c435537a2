// The planner's computing in the browser (issue #12): the server answers once with every candidate's facts; the
// ranking, the people near each desa, a plan's coverage and its circles are computed here, on every slider move, with
// the same functions the server runs for the plan's CSV and PDF (server/src/domain/planner-plan.ts) and turf's
// geometry. No `$lib` imports, so the server's tests run this very module to hold it to the server's answer.
import { bbox, circle, distance, featureCollection, point } from '@turf/turf';
import type { LonLat } from '../../../../server/src/domain/great-circle.ts';
import {
  CoverageModel,
  prepareCandidates,
  rankCandidates,
  rankSensitivity,
  withNearby,
  type AnswerBinaan,
  type CoverageOptions,
  type PlanCoverage,
  type PlannerAnswer,
  type PreparedCandidates,
  type RankedCandidate,
} from '../../../../server/src/domain/planner-plan.ts';
import type { Criterion } from '../../../../server/src/domain/planner-score.ts';

export type { CoverageModel, PlanCoverage, PreparedCandidates, RankedCandidate };

/** Great-circle kilometres by turf. */
export const turfKm = (a: LonLat, b: LonLat): number =>
  distance([a.lon, a.lat], [b.lon, b.lat], { units: 'kilometers' });

/** The candidates with the people near them and their normalised criteria: once per answer. */
export const prepare = (answer: PlannerAnswer): PreparedCandidates => prepareCandidates(withNearby(answer, turfKm));

/** Every candidate ranked with the weights of the moment (on every slider move). */
export const rank = (prepared: PreparedCandidates, weights: Record<Criterion, number>): RankedCandidate[] =>
  rankCandidates(prepared, weights);

export const sensitivity = (prepared: PreparedCandidates, weights: Record<Criterion, number>, code: string) =>
  rankSensitivity(prepared, weights, code);

type Reach = Omit<CoverageOptions, 'distance'>;

/** Who reaches whom within the reach: once per answer and reach (turf's distances). */
export const coverageModel = (
  prepared: PreparedCandidates,
  binaan: readonly AnswerBinaan[],
  reach: Reach,
): CoverageModel => new CoverageModel(prepared.candidates, binaan, { ...reach, distance: turfKm });

/** The greedy plan of `n` desa, never picking a rejected one. */
export const suggestPlan = (
  model: CoverageModel,
  ranked: readonly RankedCandidate[],
  n: number,
  rejected: ReadonlySet<string>,
): PlanCoverage => model.greedy(ranked, n, rejected);

/** The coverage of the desa chosen by hand, in their order. */
export const coverageOf = (
  model: CoverageModel,
  ranked: readonly RankedCandidate[],
  codes: readonly string[],
): PlanCoverage => model.of(ranked, codes);

/** The reach of each desa of a plan as a circle polygon (turf), for the map. */
export function reachCircles(
  places: readonly (LonLat & { code: string })[],
  radiusKm: number,
  plan: 'a' | 'b',
): GeoJSON.Feature<GeoJSON.Polygon>[] {
  return places.map((place) =>
    circle([place.lon, place.lat], radiusKm, {
      units: 'kilometers',
      steps: 48,
      properties: { code: place.code, plan },
    }),
  );
}

/** The box around every candidate and desa binaan of an answer, [west, south, east, north]; null when empty. */
export function answerBounds(answer: PlannerAnswer): [number, number, number, number] | null {
  const places = [...answer.candidates, ...answer.binaan];
  if (places.length === 0) return null;
  const [west, south, east, north] = bbox(featureCollection(places.map((place) => point([place.lon, place.lat]))));
  return [west, south, east, north];
}

/** Each candidate's rank by its code (a frozen snapshot, for how a weight change moved it). */
export const ranksOf = (ranked: readonly RankedCandidate[]): ReadonlyMap<string, number> =>
  new Map(ranked.map((candidate) => [candidate.code, candidate.rank]));

export const byCodeOf = (ranked: readonly RankedCandidate[]): ReadonlyMap<string, RankedCandidate> =>
  new Map(ranked.map((candidate) => [candidate.code, candidate]));

export const codeSet = (codes: readonly string[]): ReadonlySet<string> => new Set(codes);
