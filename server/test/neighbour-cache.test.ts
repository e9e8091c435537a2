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

  test('an answer too large to keep (every unit a neighbour of every other) is computed each time, not kept', () => {
    // 1,500 units within a few km of each other and a 200 km band: 2.2 million indexes, over the 2 million kept.
    const crowded = Array.from({ length: 1500 }, (_, index) => ({
      lon: 110 + (index % 50) / 1000,
      lat: 1 + Math.floor(index / 50) / 1000,
    }));
    const far: NeighbourSpec = { kind: 'distance', distanceKm: 200 };
    const first = units.neighboursOf(crowded, far);
    expect(first.reduce((sum, list) => sum + list.length, 0)).toBe(1500 * 1499);
    expect(units.neighboursOf(crowded, far)).not.toBe(first);
    // An empty study area (an account whose area holds no desa of the filter) has no neighbours, and is no error.
    expect(units.neighboursOf([], knn)).toEqual([]);
    expect(units.neighboursOf([], far)).toEqual([]);
    // A small answer is still kept.
    expect(units.neighboursOf(points, knn)).toBe(units.neighboursOf(points, knn));
  });
});
