/**
 * The neighbours of a study area's units are kept per list of positions and spec (issue #14): the same area asked again
 * gets the very answer computed before, and anything that could change the neighbours — a unit moved, added or
 * reordered, another k or distance — computes them afresh.
 */
import { describe, expect, test } from 'vitest';
import { findNeighbours, type NeighbourSpec } from '../src/analysis/getis-ord.ts';
import type { AnalysisRepository } from '../src/repositories/analysis-repository.ts';
import { createStudyAreaUnits } from '../src/services/study-area-units.ts';

const points = Array.from({ length: 300 }, (_, index) => ({
  lon: 109 + ((index * 7919) % 1000) / 500,
  lat: -1 + ((index * 104729) % 1000) / 400,
}));

describe('neighbours kept per study area', () => {
  // neighboursOf reads nothing from the database.
  const units = createStudyAreaUnits({} as AnalysisRepository);
  const knn: NeighbourSpec = { kind: 'knn', k: 6 };

  test('the same positions and spec: the kept answer, equal to computing it', () => {
    const first = units.neighboursOf(points, knn);
    expect(first).toEqual(findNeighbours(points, knn));
    expect(
      units.neighboursOf(
        points.map((point) => ({ ...point })),
        knn,
      ),
    ).toBe(first);
  });

  test('a unit moved, the units reordered or another spec: computed afresh', () => {
    const first = units.neighboursOf(points, knn);
    const moved = points.map((point, index) => (index === 17 ? { ...point, lon: point.lon + 0.5 } : point));
    expect(units.neighboursOf(moved, knn)).not.toBe(first);
    expect(units.neighboursOf(moved, knn)).toEqual(findNeighbours(moved, knn));
    const reordered = [...points].reverse();
    expect(units.neighboursOf(reordered, knn)).toEqual(findNeighbours(reordered, knn));
    const within: NeighbourSpec = { kind: 'distance', distanceKm: 20 };
    expect(units.neighboursOf(points, within)).toEqual(findNeighbours(points, within));
    expect(units.neighboursOf(points, { kind: 'knn', k: 7 })).toEqual(findNeighbours(points, { kind: 'knn', k: 7 }));
  });
});
