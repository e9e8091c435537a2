/**
 * Hot spots (Getis-Ord Gi*), emerging hot spots (Gi* per time slice + Mann-Kendall) and the change between two
 * periods, over desa or H3 cells of the caller's area (issue #5). The statistics are in `../analysis/`; this module
 * gathers the counts from PostGIS, applies the caller's area and role, and shapes the answer.
 */
import { cellToLatLng, latLngToCell, polygonToCells } from 'h3-js';
import { LRUCache } from 'lru-cache';
import type { Account } from '../repositories/account-repository.ts';
import type {
  AnalysisRepository,
  ClusterLayer,
  TimeSlice,
  UnitCount,
  UnitLevel,
} from '../repositories/analysis-repository.ts';
import type { OperationalFilter } from '../repositories/operational-repository.ts';
import type { LayerFilterQuery } from '../schemas/layers.ts';
import { AppError } from '../errors.ts';
import { findNeighbours, getisOrdGiStar, type NeighbourSpec } from '../analysis/getis-ord.ts';
import { classifyEmerging } from '../analysis/emerging.ts';
import { maySeePeople } from './redaction-policy.ts';
import {
  analysisCount,
  EMPTY_CELL,
  isSuppressed,
  publishCount,
  publishedNumber,
  type Cell,
} from '../domain/disclosure-control.ts';
import type { SettingsService } from './settings-service.ts';
import { accountToday } from '../domain/time-zones.ts';
import { countingFilter, toOperationalFilter } from './layer-service.ts';
import { binIntoHexagons, hexagonPolygon, insideBox } from './analysis-service.ts';

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

const iso = (date: Date) => date.toISOString().slice(0, 10);
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));

/** Calendar months or quarters from the one holding `from` to the one holding `to`; the last ends at `to`. */
export function buildSlices(from: string, to: string, slice: 'month' | 'quarter'): TimeSlice[] {
  const step = slice === 'month' ? 1 : 3;
  const start = new Date(`${from}T00:00:00Z`);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() - (start.getUTCMonth() % step);
  const slices: TimeSlice[] = [];
  for (;;) {
    const first = monthStart(year, month);
    if (iso(first) > to) break;
    const next = monthStart(year, month + step);
    const last = new Date(next.getTime() - 86_400_000);
    slices.push({ first: iso(first), last: iso(last) < to ? iso(last) : to });
    year = next.getUTCFullYear();
    month = next.getUTCMonth();
  }
  return slices;
}

/** The first day of the 12th slice back from the one holding `to` (a default of 12 slices). */
function twelveSlicesBack(to: string, slice: 'month' | 'quarter'): string {
  const last = buildSlices(to, to, slice)[0]!;
  const day = new Date(`${last.first}T00:00:00Z`);
  return iso(monthStart(day.getUTCFullYear(), day.getUTCMonth() - 11 * (slice === 'month' ? 1 : 3)));
}

/**
 * This quarter to date, and the same days of the quarter before it (equal spans: day n of this quarter against day n
 * of the last, capped at that quarter's end), counted from `today`.
 */
export function defaultPeriods(today: string): { current: TimeSlice; previous: TimeSlice } {
  const current = buildSlices(today, today, 'quarter')[0]!;
  const day = new Date(`${current.first}T00:00:00Z`);
  const previousFirst = monthStart(day.getUTCFullYear(), day.getUTCMonth() - 3);
  const elapsedDays = Math.round((Date.parse(`${today}T00:00:00Z`) - day.getTime()) / 86_400_000);
  const previousEnd = new Date(day.getTime() - 86_400_000);
  const sameDay = new Date(previousFirst.getTime() + elapsedDays * 86_400_000);
  return {
    current: { first: current.first, last: today },
    previous: { first: iso(previousFirst), last: iso(sameDay < previousEnd ? sameDay : previousEnd) },
  };
}

const neighbourSpec = (options: { neighbours: 'knn' | 'distance'; k: number; distanceKm: number }): NeighbourSpec =>
  options.neighbours === 'knn' ? { kind: 'knn', k: options.k } : { kind: 'distance', distanceKm: options.distanceKm };

const round = (value: number | null, digits: number) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

const MAX_UNITS = 60_000;

export function createHotSpotService(repository: AnalysisRepository, settings: SettingsService) {
  // Covering a study area with H3 cells reads every desa outline: kept for the same area and resolution.
  const coverCache = new LRUCache<string, Map<string, { lon: number; lat: number }>>({ max: 32 });

  async function coverWithCells(filter: OperationalFilter, resolution: number) {
    const key = JSON.stringify([filter.areaCodes, filter.region, filter.bbox, filter.border, resolution]);
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
    const counted = whole ? { ...filter, bbox: undefined } : filter;
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

  return {
    async findHotSpots(account: Account, layer: ClusterLayer, options: HotSpotOptions, query: LayerFilterQuery) {
      const filter = toOperationalFilter(account, query);
      const people = layer === 'residents';
      const protectsPeople = people && !maySeePeople(account.role);
      const [{ smallCountThreshold }, units] = await Promise.all([
        settings.read(),
        countUnits(layer, filter, options, protectsPeople),
      ]);
      // Gi* over the perturbed counts for roles that may not see people: no statistic rests on an exact count.
      const results = getisOrdGiStar(
        units.map((unit) => (people ? analysisCount(account.role, unit.count, smallCountThreshold) : unit.count.count)),
        findNeighbours(units, neighbourSpec(options)),
        { fdr: options.fdr },
      );
      // With exact counts of some units and the neighbours known, the z-scores of all would let the withheld small
      // counts be solved for: roles that may not see people get the classes, not the scores.
      const hideScores = people && !maySeePeople(account.role);
      const wanted = options.outlines
        ? units.filter((_, i) => options.scope === 'all' || results[i]!.bin !== 0).map((unit) => unit.id)
        : [];
      const outlines = await outlinesFor(options.unit, wanted);
      const features = units.map((unit, i) => ({
        id: unit.id,
        name: unit.name,
        parentName: unit.parentName,
        lon: round(unit.lon, 5)!,
        lat: round(unit.lat, 5)!,
        landBorderKm: round(unit.landBorderKm, 1),
        seaBorderKm: round(unit.seaBorderKm, 1),
        count: people ? publishCount(account.role, unit.count, smallCountThreshold) : unit.count.count,
        z: hideScores ? null : round(results[i]!.z, 4),
        p: hideScores ? null : round(results[i]!.p, 6),
        q: hideScores ? null : round(results[i]!.q, 6),
        confidence: results[i]!.confidence,
        bin: results[i]!.bin,
        geometry: outlines.get(unit.id) ?? null,
      }));
      const tally = (bin: number) => results.filter((result) => result.bin === bin).length;
      return {
        analysis: 'hotspots' as const,
        layer,
        disclosureControl: protectsPeople,
        parameters: { ...options, ...query, layer },
        summary: {
          units: units.length,
          hot: { 99: tally(3), 95: tally(2), 90: tally(1) },
          cold: { 99: tally(-3), 95: tally(-2), 90: tally(-1) },
        },
        // The strongest first, hot before cold: the order a table is read in.
        features: features
          .filter((feature) => options.scope === 'all' || feature.bin !== 0)
          // Cells of people over the whole area for these roles: the box picks which are returned, by their centre.
          .filter(
            (feature) => !(protectsPeople && options.unit === 'h3') || insideBox(filter.bbox, feature.lon, feature.lat),
          )
          .sort((a, b) => b.bin - a.bin || (b.z ?? 0) - (a.z ?? 0) || (a.id < b.id ? -1 : 1)),
      };
    },

    async findEmergingHotSpots(
      account: Account,
      layer: 'incidents' | 'residents',
      options: EmergingOptions,
      query: LayerFilterQuery,
    ) {
      const today = accountToday(account.areas.map((area) => area.code));
      const to = query.to ?? today;
      const requestedFrom = query.from ?? twelveSlicesBack(to, options.slice);
      const slices = buildSlices(requestedFrom, to, options.slice);
      if (slices.length < 5 || slices.length > 72) {
        throw new AppError(400, 'BAD_SLICE_COUNT', {
          id: `Periode ini memberi ${slices.length} irisan waktu; tren memerlukan 5 sampai 72 irisan.`,
          en: `This period gives ${slices.length} time slices; a trend needs 5 to 72.`,
        });
      }
      // The first slice is a whole month or quarter: the period starts with it.
      const from = slices[0]!.first;
      const people = layer === 'residents';
      const protectsPeople = people && !maySeePeople(account.role);
      const asked = toOperationalFilter(account, { ...query, from, to });
      const filter = protectsPeople ? countingFilter(account, asked, 'desa') : asked;
      const [{ smallCountThreshold }, units, sliceCounts] = await Promise.all([
        settings.read(),
        repository.countPerUnit(layer, filter, 'desa'),
        repository.countPerUnitAndSlice(layer, filter, 'desa', slices),
      ]);
      const indexOf = new Map(units.map((unit, i) => [unit.code, i]));
      const matrix = slices.map(() => new Array<number>(units.length).fill(0));
      for (const row of sliceCounts) {
        const i = indexOf.get(row.code);
        if (i !== undefined)
          matrix[row.slice]![i] = people
            ? analysisCount(account.role, row.count, smallCountThreshold)
            : row.count.count;
      }
      const neighbours = findNeighbours(units, neighbourSpec(options));
      const perSlice = matrix.map((values) => getisOrdGiStar(values, neighbours, { fdr: options.fdr }));
      const classes = units.map((_, i) =>
        classifyEmerging(
          perSlice.map((results) => results[i]!.bin),
          perSlice.map((results) => results[i]!.z),
        ),
      );
      // As for hot spots: z-scores per slice would give away withheld counts per slice.
      const hideScores = people && !maySeePeople(account.role);
      const wanted = options.outlines
        ? units.filter((_, i) => options.scope === 'all' || classes[i]!.category !== 'none').map((unit) => unit.code)
        : [];
      const outlines = await outlinesFor('desa', wanted);
      const features = units.map((unit: UnitCount, i) => ({
        id: unit.code,
        name: unit.name,
        parentName: unit.parentName,
        lon: round(unit.lon, 5)!,
        lat: round(unit.lat, 5)!,
        landBorderKm: round(unit.landBorderKm, 1),
        seaBorderKm: round(unit.seaBorderKm, 1),
        count: people ? publishCount(account.role, unit.count, smallCountThreshold) : unit.count.count,
        category: classes[i]!.category,
        direction: classes[i]!.direction,
        significantSlices: classes[i]!.significantSlices,
        trendZ: hideScores ? null : round(classes[i]!.trend.z, 4),
        trendP: hideScores ? null : round(classes[i]!.trend.p, 6),
        zs: perSlice.map((results) => (hideScores ? null : round(results[i]!.z, 3))),
        bins: perSlice.map((results) => results[i]!.bin as number),
        geometry: outlines.get(unit.code) ?? null,
      }));
      const order = ['new', 'intensifying', 'persistent', 'sporadic', 'diminishing', 'none'];
      const categories: Record<string, number> = {};
      for (const feature of features) {
        if (feature.category === 'none') continue;
        const key = `${feature.direction}:${feature.category}`;
        categories[key] = (categories[key] ?? 0) + 1;
      }
      return {
        analysis: 'emerging' as const,
        layer,
        disclosureControl: protectsPeople,
        parameters: { ...options, ...query, from, to, layer },
        slices,
        summary: { units: units.length, categories },
        features: features
          .filter((feature) => options.scope === 'all' || feature.category !== 'none')
          .sort(
            (a, b) =>
              order.indexOf(a.category) - order.indexOf(b.category) ||
              (a.direction === b.direction ? 0 : a.direction === 'hot' ? -1 : 1) ||
              Math.abs(b.trendZ ?? 0) - Math.abs(a.trendZ ?? 0) ||
              (a.id < b.id ? -1 : 1),
          ),
      };
    },

    async comparePeriods(
      account: Account,
      layer: 'incidents' | 'residents',
      level: UnitLevel,
      query: LayerFilterQuery & {
        compareFrom?: string;
        compareTo?: string;
        scope: 'significant' | 'all';
        outlines: boolean;
      },
    ) {
      const { scope, outlines: withOutlines, compareFrom, compareTo, ...filters } = query;
      const defaults = defaultPeriods(accountToday(account.areas.map((area) => area.code)));
      const after = { first: filters.from ?? defaults.current.first, last: filters.to ?? defaults.current.last };
      const before = { first: compareFrom ?? defaults.previous.first, last: compareTo ?? defaults.previous.last };
      for (const period of [after, before]) {
        if (period.first > period.last) {
          throw new AppError(400, 'BAD_PERIOD', {
            id: `Tanggal awal (${period.first}) setelah tanggal akhir (${period.last}).`,
            en: `The start date (${period.first}) is after the end date (${period.last}).`,
          });
        }
      }
      const people = layer === 'residents';
      const hidesPeople = people && !maySeePeople(account.role);
      const asked = toOperationalFilter(account, { ...filters, from: undefined, to: undefined });
      const filter = hidesPeople ? countingFilter(account, asked, level) : asked;
      const [{ smallCountThreshold }, units, earlier] = await Promise.all([
        settings.read(),
        repository.countPerUnit(layer, { ...filter, from: after.first, to: after.last }, level),
        repository.countPerCode(layer, { ...filter, from: before.first, to: before.last }, level),
      ]);
      const publish = (value: Cell) => (people ? publishCount(account.role, value, smallCountThreshold) : value.count);
      const rows = units.map((unit) => {
        const was = publish(earlier.get(unit.code) ?? EMPTY_CELL);
        const now = publish(unit.count);
        // The change between two published values: a change next to a suppressed count would give the count away.
        const hidden = isSuppressed(was) || isSuppressed(now);
        const [wasNumber, nowNumber] = [publishedNumber(was), publishedNumber(now)];
        return {
          id: unit.code,
          name: unit.name,
          parentName: unit.parentName,
          lon: round(unit.lon, 5)!,
          lat: round(unit.lat, 5)!,
          landBorderKm: round(unit.landBorderKm, 1),
          seaBorderKm: round(unit.seaBorderKm, 1),
          before: was,
          after: now,
          change: hidden ? null : nowNumber - wasNumber,
          changePercent: hidden || wasNumber === 0 ? null : round(((nowNumber - wasNumber) / wasNumber) * 100, 1),
          raw: [wasNumber, nowNumber] as const,
          // Equal published values (two suppressed ones included) are not a finding: nothing may be read into them.
          unchanged: was === now,
        };
      });
      const wanted = withOutlines ? rows.filter((row) => scope === 'all' || !row.unchanged).map((row) => row.id) : [];
      const outlines = await outlinesFor(level, wanted);
      // Totals of what is published (for these roles, suppressed units count as 0): nothing to difference.
      const total = (index: 0 | 1) => rows.reduce((sum, row) => sum + row.raw[index], 0);
      const [totalBefore, totalAfter] = [total(0), total(1)];
      return {
        analysis: 'change' as const,
        layer,
        level,
        disclosureControl: hidesPeople,
        parameters: {
          ...filters,
          layer,
          level,
          from: after.first,
          to: after.last,
          compareFrom: before.first,
          compareTo: before.last,
        },
        summary: {
          units: rows.length,
          before: totalBefore,
          after: totalAfter,
          rising: rows.filter((row) => row.change !== null && row.change > 0).length,
          falling: rows.filter((row) => row.change !== null && row.change < 0).length,
        },
        features: rows
          .filter((row) => scope === 'all' || !row.unchanged)
          .map(({ raw, unchanged: _unchanged, ...row }) => ({
            ...row,
            geometry: outlines.get(row.id) ?? null,
            sortKey: row.change === null ? -1 : Math.abs(raw[1] - raw[0]),
          }))
          .sort((a, b) => b.sortKey - a.sortKey || (a.id < b.id ? -1 : 1))
          .map(({ sortKey: _sortKey, ...row }) => row),
      };
    },
  };
}

export type HotSpotService = ReturnType<typeof createHotSpotService>;
