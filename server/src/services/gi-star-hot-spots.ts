/**
 * Hot spots (issue #5): Getis-Ord Gi* over the counts per desa or H3 cell of the study area, with two-sided p,
 * Benjamini-Hochberg q and the ±1/2/3 confidence bins (server/src/analysis/getis-ord.ts).
 */
import { getisOrdGiStar } from '../analysis/getis-ord.ts';
import type { Account } from '../domain/actor.ts';
import { analysisCount, publishCount } from '../domain/disclosure-control.ts';
import type { ClusterLayer } from '../repositories/analysis-sources.ts';
import type { LayerFilterQuery } from '../schemas/layer-filters.ts';
import { insideExtent } from './analysis-service.ts';
import { neighbourSpec, round, type HotSpotOptions } from './hot-spot-parameters.ts';
import { toOperationalFilter } from './operational-filter.ts';
import { maySeePeople } from './redaction-policy.ts';
import type { HotSpotContext } from './study-area-units.ts';

export async function findHotSpots(
  context: HotSpotContext,
  account: Account,
  layer: ClusterLayer,
  options: HotSpotOptions,
  query: LayerFilterQuery,
) {
  const { settings } = context;
  const { countUnits, outlinesFor } = context.units;
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
    context.units.neighboursOf(units, neighbourSpec(options)),
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
      .filter((feature) => !(protectsPeople && options.unit === 'h3') || insideExtent(filter, feature.lon, feature.lat))
      .sort((a, b) => b.bin - a.bin || (b.z ?? 0) - (a.z ?? 0) || (a.id < b.id ? -1 : 1)),
  };
}
