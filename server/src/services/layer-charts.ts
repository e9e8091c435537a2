/**
 * The charts of the map (issue #11) as a role may see them. Incidents are counted as the summary strip counts them.
 * Residents are a stock counted on each month's last day; for roles that may not see people each number is the sum of
 * the published cells of the regions at the view's level — exactly the cells that filtering on that one value and
 * that day would publish (ADR 0007), so a chart opens no way of asking that the filters do not already have, and a
 * breakdown is withheld when the filter already breaks down by another dimension (one breakdown at a time).
 */
import type { Account } from '../domain/actor.ts';
import { addCells, EMPTY_CELL, publishBreakdown, publishedNumber, type Cell } from '../domain/disclosure-control.ts';
import { AppError } from '../errors.ts';
import type { OperationalRepository } from '../repositories/operational-repository.ts';
import { MAX_CHART_MONTHS, type ChartQuery } from '../schemas/charts.ts';
import type { LayerFilterQuery, RegionLevel } from '../schemas/layer-filters.ts';
import type { SettingsService } from './settings-service.ts';
import { nationalityGroupOf } from './nationality-groups.ts';
import { toOperationalFilter } from './operational-filter.ts';
import { countingFilter } from './protected-query.ts';
import { maySeePeople } from './redaction-policy.ts';
import { buildSlices, twelveSlicesBack } from './time-slices.ts';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The months of the query's period (default: the twelve months to `asOf`, today), at most MAX_CHART_MONTHS; also the
 * outcome statistics' (follow-up-service.ts).
 */
export function monthsOf(query: Pick<LayerFilterQuery, 'from' | 'to'>, asOf = today()) {
  const to = query.to ?? asOf;
  const from = query.from ?? twelveSlicesBack(to, 'month');
  if (from > to) {
    throw new AppError(400, 'INVALID_PERIOD', {
      id: 'Awal periode harus sebelum akhirnya.',
      en: 'The period must start before it ends.',
    });
  }
  // Counted before any month is built: a long period is refused without building it.
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  if (months > MAX_CHART_MONTHS) {
    throw new AppError(400, 'PERIOD_TOO_LONG', {
      id: `Grafik mencakup paling banyak ${MAX_CHART_MONTHS} bulan.`,
      en: `A chart covers at most ${MAX_CHART_MONTHS} months.`,
    });
  }
  return { from, to, slices: buildSlices(from, to, 'month') };
}

/** Sums per key of published cells (a suppressed one as 0), region by region. */
function sumPublished(perRegion: Map<string, Record<string, number | string>>): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const published of perRegion.values()) {
    for (const [key, value] of Object.entries(published)) sums[key] = (sums[key] ?? 0) + publishedNumber(value);
  }
  return sums;
}

export function createLayerCharts(repository: OperationalRepository, settings: SettingsService) {
  const threshold = async () => (await settings.read()).smallCountThreshold;

  /** Residents on `day` per region and value of a dimension, published region by region. */
  async function residentsBy(
    account: Account,
    level: RegionLevel,
    dimension: 'permit_type' | 'nationality',
    query: LayerFilterQuery,
    day: string,
    limit: number,
  ): Promise<Record<string, number>> {
    const filter = countingFilter(account, toOperationalFilter(account, { ...query, from: day, to: day }), level);
    const rows = await repository.countResidentsBy(level, dimension, filter);
    const cells = new Map<string, Record<string, Cell>>();
    for (const row of rows) {
      const region = cells.get(row.code) ?? {};
      region[row.value] = addCells(region[row.value] ?? EMPTY_CELL, row.people);
      cells.set(row.code, region);
    }
    const group = dimension === 'nationality' ? nationalityGroupOf : undefined;
    return sumPublished(
      new Map([...cells].map(([code, values]) => [code, publishBreakdown(account.role, values, limit, group)])),
    );
  }

  /** Whether a role that may not see people may break the residents down by `dimension` under this filter. */
  const mayBreakDown = (account: Account, query: LayerFilterQuery, dimension: 'permit_type' | 'nationality') => {
    if (maySeePeople(account.role)) return true;
    const others =
      dimension === 'permit_type'
        ? [query.nationalityGroup, query.residentStatus]
        : [query.permitType, query.residentStatus];
    return others.every((value) => !value);
  };

  return {
    async chartIncidents(account: Account, query: ChartQuery) {
      const { level = 'kabupaten', ...filters } = query;
      const { from, to, slices } = monthsOf(filters);
      const filter = countingFilter(account, toOperationalFilter(account, { ...filters, from, to }), level);
      const [rows, synthetic] = await Promise.all([
        repository.countIncidentsByMonth(filter),
        repository.hasSyntheticData(),
      ]);
      const months: { month: string; total: number; byType: Record<string, number> }[] = slices.map((slice) => ({
        month: slice.first.slice(0, 7),
        total: 0,
        byType: {},
      }));
      const byMonth = new Map(months.map((month) => [month.month, month]));
      for (const row of rows) {
        const month = byMonth.get(row.month);
        if (!month) continue;
        month.byType[row.type] = row.incidents;
        month.total += row.incidents;
      }
      return { synthetic, months };
    },

    async chartResidents(account: Account, query: ChartQuery) {
      const { level = 'kabupaten', ...filters } = query;
      const { slices } = monthsOf(filters);
      const withBreakdown = mayBreakDown(account, filters, 'permit_type');
      const [limit, synthetic] = await Promise.all([threshold(), repository.hasSyntheticData()]);
      // One statement for every month's end; each (day, region, permit) cell is the set of records a filter on that
      // permit and that day selects, so it is published exactly as that filter's answer would be.
      const days = slices.map((slice) => slice.last);
      const last = days[days.length - 1]!;
      const filter = countingFilter(account, toOperationalFilter(account, { ...filters, from: last, to: last }), level);
      const rows = await repository.countResidentsOnDays(level, withBreakdown ? 'permit_type' : null, filter, days);
      const cells = new Map<string, Map<string, Record<string, Cell>>>();
      for (const row of rows) {
        const byRegion = cells.get(row.day) ?? new Map<string, Record<string, Cell>>();
        const region = byRegion.get(row.code) ?? {};
        region[row.value] = addCells(region[row.value] ?? EMPTY_CELL, row.people);
        byRegion.set(row.code, region);
        cells.set(row.day, byRegion);
      }
      const months = slices.map((slice) => {
        const byRegion = cells.get(slice.last) ?? new Map<string, Record<string, Cell>>();
        const sums = sumPublished(
          new Map([...byRegion].map(([code, values]) => [code, publishBreakdown(account.role, values, limit)])),
        );
        const total = Object.values(sums).reduce((sum, value) => sum + value, 0);
        return { month: slice.first.slice(0, 7), day: slice.last, total, byPermit: withBreakdown ? sums : null };
      });
      return { synthetic, disclosureControl: !maySeePeople(account.role), breakdownWithheld: !withBreakdown, months };
    },

    async chartBreakdown(account: Account, query: ChartQuery) {
      const { level = 'kabupaten', ...filters } = query;
      const day = filters.to ?? today();
      const [limit, synthetic] = await Promise.all([threshold(), repository.hasSyntheticData()]);
      const entries = (sums: Record<string, number>) =>
        Object.entries(sums)
          .filter(([, people]) => people > 0)
          .map(([key, people]) => ({ key, people }))
          .sort((a, b) => b.people - a.people || (a.key < b.key ? -1 : 1));
      const [nationality, permit] = await Promise.all([
        mayBreakDown(account, filters, 'nationality')
          ? residentsBy(account, level, 'nationality', filters, day, limit).then((sums) => ({
              grouped: !maySeePeople(account.role),
              entries: entries(sums),
            }))
          : null,
        mayBreakDown(account, filters, 'permit_type')
          ? residentsBy(account, level, 'permit_type', filters, day, limit).then(entries)
          : null,
      ]);
      return { synthetic, disclosureControl: !maySeePeople(account.role), day, nationality, permit };
    },

    async provenance(account: Account) {
      const [current, dataUpdatedAt, synthetic] = await Promise.all([
        settings.read(),
        repository.latestDataChange(account.areas.map((area) => area.code)),
        repository.hasSyntheticData(),
      ]);
      return { classification: current.classification, dataUpdatedAt, synthetic };
    },
  };
}
