/**
 * The operational layers as a role may see them: the caller's area always limits the rows, and every count of
 * people passes through the redaction policy. Routes call this; they never query or redact on their own.
 * Summaries per region and per band live here; points and tiles in `layer-points.ts`; single records (audited) in
 * `layer-records.ts`; turning a query into a filter in `operational-filter.ts` and `protected-query.ts`.
 */
import type { Pool } from '../db/pool.ts';
import type { Account } from '../domain/actor.ts';
import {
  addCells,
  EMPTY_CELL,
  isSuppressed,
  publishBreakdown,
  publishCount,
  publishedNumber,
  type Cell,
} from '../domain/disclosure-control.ts';
import { AppError } from '../errors.ts';
import type { OperationalRepository } from '../repositories/operational-repository.ts';
import type { LayerFilterQuery, RegionLevel } from '../schemas/layer-filters.ts';
import type { AuditService } from './audit.ts';
import { createLayerCharts } from './layer-charts.ts';
import { createLayerPoints } from './layer-points.ts';
import { createLayerRecords, type DataArrivals } from './layer-records.ts';
import { nationalityGroupOf } from './nationality-groups.ts';
import { toOperationalFilter } from './operational-filter.ts';
import { countingFilter, DEFAULT_BAND_EDGES } from './protected-query.ts';
import { maySeePeople, redactRecord } from './redaction-policy.ts';
import type { SettingsService } from './settings-service.ts';

export function createLayerService(
  pool: Pool,
  repository: OperationalRepository,
  settings: SettingsService,
  audit: AuditService,
  arrivals?: DataArrivals,
) {
  const threshold = async () => (await settings.read()).smallCountThreshold;

  /**
   * The residents per region as the role may see them: counts published (ADR 0007); for roles that may not see people
   * a suppressed region is not listed, so that it looks like a region without anyone.
   */
  async function publishedRegions(account: Account, level: RegionLevel, query: LayerFilterQuery) {
    const filter = countingFilter(account, toOperationalFilter(account, query), level);
    const [rows, limit] = await Promise.all([repository.summariseResidents(level, filter), threshold()]);
    const count = (value: Cell) => publishCount(account.role, value, limit);
    const regions = rows.map((row) => ({
      code: row.code,
      name: row.name,
      people: count(row.people),
      overstay: count(row.overstay),
      overstayOver60Days: count(row.overstayOver60Days),
      expiringWithin30Days: count(row.expiringWithin30Days),
    }));
    return maySeePeople(account.role) ? regions : regions.filter((region) => !isSuppressed(region.people));
  }

  return {
    ...createLayerPoints(repository, threshold),
    ...createLayerRecords(pool, repository, audit, threshold, arrivals),
    ...createLayerCharts(repository, settings),

    async summariseResidents(account: Account, level: RegionLevel, query: LayerFilterQuery) {
      const [regions, synthetic] = await Promise.all([
        publishedRegions(account, level, query),
        repository.hasSyntheticData(),
      ]);
      return { level, synthetic, disclosureControl: !maySeePeople(account.role), regions };
    },

    async summariseIncidents(account: Account, level: RegionLevel, query: LayerFilterQuery) {
      const filter = countingFilter(account, toOperationalFilter(account, query), level);
      const [rows, limit, synthetic] = await Promise.all([
        repository.summariseIncidents(level, filter),
        threshold(),
        repository.hasSyntheticData(),
      ]);
      const regions = new Map<
        string,
        { code: string; name: string; incidents: number; people: Cell; byType: Record<string, number> }
      >();
      for (const row of rows) {
        const region = regions.get(row.code) ?? {
          code: row.code,
          name: row.name,
          incidents: 0,
          people: EMPTY_CELL,
          byType: {},
        };
        region.incidents += row.incidents;
        region.people = addCells(region.people, row.people);
        region.byType[row.type] = row.incidents;
        regions.set(row.code, region);
      }
      return {
        level,
        synthetic,
        disclosureControl: !maySeePeople(account.role),
        // People involved, summed per region: only for roles that may see people. Incident filters take lists and any
        // period, so for the others these sums could be re-composed from many cells and averaged (ADR 0007).
        regions: [...regions.values()].map((region) => ({
          ...region,
          people: maySeePeople(account.role) ? publishCount(account.role, region.people, limit) : null,
        })),
      };
    },

    /**
     * The summary strip for the current view. For roles that may not see people, the people it shows are the sum of
     * the published counts of the regions of `level` in view — nothing a combination of views could difference.
     */
    async summariseView(account: Account, query: LayerFilterQuery & { level?: RegionLevel }) {
      const { level = 'kabupaten', ...filters } = query;
      const filter = toOperationalFilter(account, filters);
      const [people, incidents, synthetic] = await Promise.all([
        maySeePeople(account.role)
          ? repository.countResidents(filter).then((counts) => ({
              people: counts.people.count,
              overstay: counts.overstay.count,
              expiringWithin30Days: counts.expiringWithin30Days.count,
            }))
          : publishedRegions(account, level, filters).then((regions) => {
              const sum = (pick: (region: (typeof regions)[number]) => number | string) =>
                regions.reduce((total, region) => total + publishedNumber(pick(region)), 0);
              return {
                people: sum((region) => region.people),
                overstay: sum((region) => region.overstay),
                expiringWithin30Days: sum((region) => region.expiringWithin30Days),
              };
            }),
        repository.summariseIncidents(null, filter),
        repository.hasSyntheticData(),
      ]);
      const incidentsByType = Object.fromEntries(incidents.map((row) => [row.type, row.incidents]));
      return {
        synthetic,
        disclosureControl: !maySeePeople(account.role),
        ...people,
        incidents: incidents.reduce((sum, row) => sum + row.incidents, 0),
        incidentsByType,
      };
    },

    async findWorkplaces(account: Account, query: LayerFilterQuery) {
      const [workplaces, limit, synthetic] = await Promise.all([
        repository.findWorkplaces(toOperationalFilter(account, query)),
        threshold(),
        repository.hasSyntheticData(),
      ]);
      const count = (value: Cell) => publishCount(account.role, value, limit);
      return {
        synthetic,
        disclosureControl: !maySeePeople(account.role),
        workplaces: workplaces.map((workplace) => ({
          ...workplace,
          foreignWorkers: count(workplace.foreignWorkers),
          // For roles that may not see people: by nationality group, entries below the threshold left out.
          byNationality: publishBreakdown(account.role, workplace.byNationality, limit, nationalityGroupOf),
        })),
      };
    },

    async findDesaBinaan(account: Account, query: LayerFilterQuery) {
      const rows = await repository.findDesaBinaan(toOperationalFilter(account, query));
      return { desaBinaan: rows.map((row) => redactRecord('desaBinaan', account.role, { ...row })) as typeof rows };
    },

    findTimporaTeams: (account: Account) => repository.findTimporaTeams(account.areas.map((area) => area.code)),

    /** Distance bands to the border: default 0–5, 5–15, 15–30, 30–50 and over 50 km, adjustable (issue #5). */
    async summariseBorderBands(account: Account, query: LayerFilterQuery & { bands?: string }) {
      const { bands, ...filters } = query;
      const edges = (bands ?? DEFAULT_BAND_EDGES.join(',')).split(',').map(Number);
      if (edges[0] !== 0 || edges.some((edge, index) => index > 0 && edge <= edges[index - 1]!)) {
        throw new AppError(400, 'INVALID_BANDS', {
          id: 'Batas pita jarak harus dimulai dari 0 dan terus naik, mis. 0,5,15,30,50.',
          en: 'Band edges must start at 0 and increase, e.g. 0,5,15,30,50.',
        });
      }
      const kind = query.borderKind ?? 'nearest';
      const standard = edges.join(',') === DEFAULT_BAND_EDGES.join(',');
      // The bands are the filter here: any band filter of the request is not applied on top.
      // A box picks whole desa for roles that may not see people (the bands are made of desa).
      const filter = countingFilter(
        account,
        toOperationalFilter(account, { ...filters, borderMinKm: undefined, borderMaxKm: undefined }),
        'desa',
      );
      const [rows, limit] = await Promise.all([repository.countByBorderBand(filter, kind, edges), threshold()]);
      return {
        kind,
        disclosureControl: !maySeePeople(account.role),
        bands: rows.map((row) => ({
          minKm: edges[row.band]!,
          maxKm: edges[row.band + 1] ?? null,
          // Only the standard bands are cells these roles may see; other edges would re-compose them.
          residents: maySeePeople(account.role) || standard ? publishCount(account.role, row.residents, limit) : null,
          incidents: row.incidents,
          desa: row.desa,
        })),
      };
    },
  };
}

export type LayerService = ReturnType<typeof createLayerService>;
