/** The parameters of the hot-spot and emerging-hot-spot analyses, and what every answer of them does alike. */
import type { NeighbourSpec } from '../analysis/getis-ord.ts';

export interface HotSpotOptions {
  unit: 'desa' | 'h3';
  resolution: number;
  neighbours: 'knn' | 'distance';
  k: number;
  distanceKm: number;
  fdr: boolean;
  /**
   * 'significant': only the units with a finding (hot or cold, a trend class, a change), with outlines — what the
   * map and the table show; 'all': every unit of the study area with its outline (exports).
   */
  scope: 'significant' | 'all';
  /** Whether to read the outlines at all (a CSV has no use for them). */
  outlines: boolean;
}

export interface EmergingOptions extends Omit<HotSpotOptions, 'unit' | 'resolution'> {
  slice: 'month' | 'quarter';
}

export const neighbourSpec = (options: {
  neighbours: 'knn' | 'distance';
  k: number;
  distanceKm: number;
}): NeighbourSpec =>
  options.neighbours === 'knn' ? { kind: 'knn', k: options.k } : { kind: 'distance', distanceKm: options.distanceKm };

/** A number of the answer to so many decimals (null stays null). */
export const round = (value: number | null, digits: number) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
