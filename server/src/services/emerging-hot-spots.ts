/**
 * Emerging hot spots (issue #5): Gi* per desa and time slice with the same neighbours, Mann-Kendall on each desa's
 * z series and the trend classes (server/src/analysis/emerging.ts).
 */
import { classifyEmerging } from '../analysis/emerging.ts';
import { getisOrdGiStar } from '../analysis/getis-ord.ts';
import type { Account } from '../domain/actor.ts';
import { analysisCount, publishCount } from '../domain/disclosure-control.ts';
import { accountToday } from '../domain/time-zones.ts';
import { AppError } from '../errors.ts';
import type { UnitCount } from '../repositories/unit-count-queries.ts';
import type { LayerFilterQuery } from '../schemas/layer-filters.ts';
import { neighbourSpec, round, type EmergingOptions } from './hot-spot-parameters.ts';
import { toOperationalFilter } from './operational-filter.ts';
import { countingFilter } from './protected-query.ts';
import { maySeePeople } from './redaction-policy.ts';
import type { HotSpotContext } from './study-area-units.ts';
import { buildSlices, twelveSlicesBack } from './time-slices.ts';

export async function findEmergingHotSpots(
  context: HotSpotContext,
  account: Account,
  layer: 'incidents' | 'residents',
  options: EmergingOptions,
  query: LayerFilterQuery,
) {
  const { repository, settings } = context;
  const { outlinesFor } = context.units;
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
      matrix[row.slice]![i] = people ? analysisCount(account.role, row.count, smallCountThreshold) : row.count.count;
  }
  const neighbours = context.units.neighboursOf(units, neighbourSpec(options));
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
}
