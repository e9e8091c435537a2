/**
 * The change between two periods (issue #5): counts per unit in each, and the difference between the published
 * values — withheld next to a withheld count of people.
 */
import type { Account } from '../domain/actor.ts';
import { EMPTY_CELL, isSuppressed, publishCount, publishedNumber, type Cell } from '../domain/disclosure-control.ts';
import { accountToday } from '../domain/time-zones.ts';
import { AppError } from '../errors.ts';
import type { UnitLevel } from '../repositories/analysis-sources.ts';
import type { LayerFilterQuery } from '../schemas/layer-filters.ts';
import { round } from './hot-spot-parameters.ts';
import { toOperationalFilter } from './operational-filter.ts';
import { countingFilter } from './protected-query.ts';
import { maySeePeople } from './redaction-policy.ts';
import type { HotSpotContext } from './study-area-units.ts';
import { defaultPeriods } from './time-slices.ts';

export async function comparePeriods(
  context: HotSpotContext,
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
  const { repository, settings } = context;
  const { outlinesFor } = context.units;
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
}
