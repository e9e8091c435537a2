/**
 * The units the hot-spot analyses count over (issue #5): the desa of the study area from PostGIS, or the H3 cells
 * covering them with the points binned into them; and the outlines of those that are shown.
 */
import { cellToLatLng, latLngToCell, polygonToCells } from 'h3-js';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { findNeighbours, type NeighbourSpec, type PlanePoint } from '../analysis/getis-ord.ts';
import { EMPTY_CELL } from '../domain/disclosure-control.ts';
import { AppError } from '../errors.ts';
import type { AnalysisRepository } from '../repositories/analysis-repository.ts';
import type { ClusterLayer, UnitLevel } from '../repositories/analysis-sources.ts';
import type { OperationalFilter } from '../repositories/operational-filter-sql.ts';
import { binIntoHexagons, hexagonPolygon } from './analysis-service.ts';
import type { HotSpotOptions } from './hot-spot-parameters.ts';
import type { SettingsService } from './settings-service.ts';

const MAX_UNITS = 60_000;

export function createStudyAreaUnits(repository: AnalysisRepository) {
  // Covering a study area with H3 cells reads every desa outline: kept for the same area and resolution.
  const coverCache = new LRUCache<string, Map<string, { lon: number; lat: number }>>({ max: 32 });

  async function coverWithCells(filter: OperationalFilter, resolution: number) {
    const key = JSON.stringify([
      filter.areaCodes,
      filter.region,
      filter.bbox,
      filter.within,
      filter.border,
      resolution,
    ]);
    const cached = coverCache.get(key);
    if (cached) return new Map(cached);
    const cells = new Map<string, { lon: number; lat: number }>();
    const add = (h3: string) => {
      if (cells.has(h3)) return;
      const [lat, lon] = cellToLatLng(h3);
      cells.set(h3, { lon, lat });
    };
    for (const desa of await repository.findStudyAreaOutlines(filter)) {
      const polygons = desa.geometry.type === 'Polygon' ? [desa.geometry.coordinates] : desa.geometry.coordinates;
      for (const polygon of polygons) for (const h3 of polygonToCells(polygon, resolution, true)) add(h3);
      // A desa smaller than a cell still has the cell it lies in.
      add(latLngToCell(desa.lat, desa.lon, resolution));
      if (cells.size > MAX_UNITS) {
        throw new AppError(400, 'TOO_MANY_CELLS', {
          id: `Wilayah ini terlalu luas untuk resolusi H3 ${resolution}: pilih resolusi lebih kasar atau wilayah lebih kecil.`,
          en: `This area is too large for H3 resolution ${resolution}: choose a coarser resolution or a smaller area.`,
        });
      }
    }
    coverCache.set(key, cells);
    return new Map(cells);
  }

  /**
   * The units of the study area with their counts: desa from PostGIS, or H3 cells covering those desa. `whole`: a
   * bounding box picks whole units, never the records inside it (people, for roles that may not see them).
   */
  async function countUnits(layer: ClusterLayer, filter: OperationalFilter, options: HotSpotOptions, whole: boolean) {
    if (options.unit === 'desa') {
      const counted = whole && filter.bbox ? { ...filter, bboxWholeRegions: 'desa' as const } : filter;
      return (await repository.countPerUnit(layer, counted, 'desa')).map((unit) => ({ id: unit.code, ...unit }));
    }
    // `whole`: the cells cover the whole area and count every point; the box only picks the results (findHotSpots).
    const counted = whole ? { ...filter, bbox: undefined, within: undefined } : filter;
    const [cells, points] = await Promise.all([
      coverWithCells(counted, options.resolution),
      repository.findPoints(layer, counted),
    ]);
    const counts = binIntoHexagons(points, options.resolution);
    // A point outside the cover (on the edge of a desa) brings its own cell — not for `whole`: a cell that appears
    // only because someone lives in it would say so.
    for (const h3 of whole ? [] : counts.keys()) {
      if (cells.has(h3)) continue;
      const [lat, lon] = cellToLatLng(h3);
      cells.set(h3, { lon, lat });
    }
    return [...cells]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([h3, centre]) => ({
        id: h3,
        code: h3,
        name: h3,
        parentName: null,
        landBorderKm: null,
        seaBorderKm: null,
        ...centre,
        count: counts.get(h3) ?? EMPTY_CELL,
      }));
  }

  async function outlinesFor(unit: 'desa' | 'h3' | UnitLevel, ids: string[]) {
    if (unit === 'h3') return new Map(ids.map((h3) => [h3, hexagonPolygon(h3)]));
    return repository.findOutlines(unit, ids);
  }

  // The neighbours of a study area's units depend only on where the units lie and on the spec: the same area asked
  // again (another period, type or layer) reuses them — 130–190 ms for every desa of the seven provinces.
  // Bounded by size, not only by count: a fixed distance of 200 km over every desa is tens of millions of indexes,
  // which is computed for that request and not kept.
  const neighbourCache = new LRUCache<string, number[][]>({
    max: 16,
    maxSize: 8_000_000,
    maxEntrySize: 2_000_000,
    // (At least 1: lru-cache refuses a size of 0, which an empty study area would give.)
    sizeCalculation: (neighbours) => neighbours.reduce((sum, list) => sum + list.length + 1, 1),
  });

  /**
   * findNeighbours, kept per list of positions (in order: the answer is by index, and depends on nothing else) and
   * spec. Callers must not change the answer.
   */
  function neighboursOf(units: PlanePoint[], spec: NeighbourSpec): number[][] {
    const positions = new Float64Array(units.length * 2);
    units.forEach((unit, index) => {
      positions[index * 2] = unit.lon;
      positions[index * 2 + 1] = unit.lat;
    });
    const key = createHash('sha256').update(JSON.stringify(spec)).update(positions).digest('base64');
    const cached = neighbourCache.get(key);
    if (cached) return cached;
    const neighbours = findNeighbours(units, spec);
    // (An answer over maxEntrySize is simply not kept.)
    neighbourCache.set(key, neighbours);
    return neighbours;
  }

  return { countUnits, outlinesFor, neighboursOf };
}

export type StudyAreaUnits = ReturnType<typeof createStudyAreaUnits>;

/** What the hot-spot, emerging-hot-spot and change analyses read from. */
export interface HotSpotContext {
  repository: AnalysisRepository;
  settings: SettingsService;
  units: StudyAreaUnits;
}
