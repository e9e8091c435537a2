/**
 * The filter every query over the operational layers takes, and its translation into a WHERE clause of placeholders,
 * never of values. Its `areaCodes` (the caller's area) always applies.
 */
import type { RegionLevel } from '../schemas/layer-filters.ts';
import { ringWkt, type Ring } from '../domain/drawn-area.ts';
import { accountToday } from '../domain/time-zones.ts';

export interface OperationalFilter {
  /** Province (2-character) or kabupaten (5-character) codes; an empty area sees nothing. */
  areaCodes: string[];
  bbox?: [number, number, number, number];
  /** An area drawn on the map (its box is in `bbox` too, so every rule about boxes applies to it as well). */
  within?: Ring;
  region?: string;
  /** Inclusive dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
  nationalities?: string[];
  /** With `nationalities`: also every code not in this list (the "other" nationality group). */
  unknownNationalities?: readonly string[];
  permitTypes?: string[];
  residentStatuses?: string[];
  incidentTypes?: string[];
  incidentStatuses?: string[];
  /** A distance band to the border, measured from the record's desa (issue #5). */
  border?: { kind: 'land' | 'sea' | 'nearest'; minKm: number; maxKm: number | null };
  /**
   * The bbox and the drawn area pick whole regions of this level (every record of a region touching them), not the
   * points inside them.
   */
  bboxWholeRegions?: RegionLevel;
  /** Residents present on the period's last day only, not at any time in it (ADR 0007). */
  residentsAtEnd?: boolean;
  /** Incidents by their location on the 0.01° grid only, for the projector's viewer (ADR 0007). */
  snapIncidents?: boolean;
}

const SNAPPED_INCIDENT = 'ST_SnapToGrid(i.location, 0.01)';

/** An incident's location as a role may use it: exact, or snapped to the 0.01° grid (~1.1 km). */
export const incidentPoint = (filter: OperationalFilter): string =>
  filter.snapIncidents ? SNAPPED_INCIDENT : 'i.location';

export const BORDER_COLUMN = { land: 'land_border_km', sea: 'sea_border_km', nearest: 'border_km' } as const;

/** Collects values and hands out their placeholders. */
export class Parameters {
  readonly values: unknown[] = [];
  /** `offset`: placeholders already used by the statement this text goes into. */
  constructor(private readonly offset = 0) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

export const CODE_LENGTH: Record<RegionLevel, number> = { provinsi: 2, kabupaten: 5, kecamatan: 8, desa: 13 };
export const LEVEL_TABLE: Record<RegionLevel, string> = {
  provinsi: 'provinsi',
  kabupaten: 'kabupaten',
  kecamatan: 'kecamatan',
  desa: 'desa',
};

export function commonClauses(
  params: Parameters,
  filter: OperationalFilter,
  desaColumn: string,
  pointColumn: string,
): string[] {
  const area = params.add(filter.areaCodes);
  const clauses = [`(left(${desaColumn}, 2) = ANY(${area}::text[]) OR left(${desaColumn}, 5) = ANY(${area}::text[]))`];
  if (filter.region) clauses.push(`starts_with(${desaColumn}, ${params.add(filter.region)})`);
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox.map((value) => params.add(value));
    const box = `ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`;
    if (filter.bboxWholeRegions) {
      const level = filter.bboxWholeRegions;
      clauses.push(
        `EXISTS (SELECT 1 FROM ${LEVEL_TABLE[level]} whole WHERE whole.code = left(${desaColumn}, ${CODE_LENGTH[level]}) AND whole.geom && ${box})`,
      );
    } else if (pointColumn === SNAPPED_INCIDENT) {
      // The index narrows by the exact location within half a grid step; the snapped one decides.
      clauses.push(`i.location && ST_Expand(${box}, 0.006) AND ${pointColumn} && ${box}`);
    } else {
      clauses.push(`${pointColumn} && ${box}`);
    }
  }
  if (filter.within) {
    // Made valid (a ring that crosses itself), and only its areas kept: a spike or a line of it counts for nothing.
    const drawn = `ST_CollectionExtract(ST_MakeValid(ST_GeomFromText(${params.add(ringWkt(filter.within))}, 4326)), 3)`;
    if (filter.bboxWholeRegions) {
      const level = filter.bboxWholeRegions;
      clauses.push(
        `EXISTS (SELECT 1 FROM ${LEVEL_TABLE[level]} whole WHERE whole.code = left(${desaColumn}, ${CODE_LENGTH[level]}) AND ST_Intersects(whole.geom, ${drawn}))`,
      );
    } else {
      clauses.push(`ST_Intersects(${pointColumn}, ${drawn})`);
    }
  }
  if (filter.border) {
    const column = BORDER_COLUMN[filter.border.kind];
    const max = params.add(filter.border.maxKm);
    clauses.push(
      `EXISTS (SELECT 1 FROM desa band WHERE band.code = ${desaColumn} AND band.${column} >= ${params.add(filter.border.minKm)}
               AND (${max}::float8 IS NULL OR band.${column} < ${max}))`,
    );
  }
  return clauses;
}

/**
 * "Today" is the account's local calendar day (WIB, WITA or WIT, by its first area; analyses use the same), not the
 * server's: one date for the whole statement. An area spanning two zones differs by at most the hour around midnight;
 * a per-row choice of zone cost ~40 % of a roll-up at bench scale (docs/benchmarks.md).
 */
const localToday = (params: Parameters, areaCodes: string[]) => `${params.add(accountToday(areaCodes))}::date`;

/**
 * The residents' WHERE clause. `stockDay`, an SQL expression of a date (a column of a list of days), counts the
 * stock on that day instead of the filter's period: the same records as a filter of `from = to =` that day.
 */
export function residentClauses(
  params: Parameters,
  filter: OperationalFilter,
  stockDay?: string,
): { where: string; day: string } {
  const clauses = commonClauses(params, filter, 'r.desa_code', 'r.home_point');
  const day = stockDay ?? (filter.to ? `${params.add(filter.to)}::date` : localToday(params, filter.areaCodes));
  const from = stockDay ?? (filter.residentsAtEnd ? day : `COALESCE(${params.add(filter.from ?? null)}::date, ${day})`);
  // Present at some time in the period: arrived by its end and not gone before its start.
  clauses.push(`r.permit_issued_on <= ${day} AND (r.left_on IS NULL OR r.left_on >= ${from})`);
  if (filter.nationalities) {
    const other = filter.unknownNationalities
      ? ` OR NOT (r.nationality = ANY(${params.add(filter.unknownNationalities)}::text[]))`
      : '';
    clauses.push(`(r.nationality = ANY(${params.add(filter.nationalities)}::text[])${other})`);
  }
  if (filter.permitTypes) clauses.push(`r.permit_type = ANY(${params.add(filter.permitTypes)}::text[])`);
  if (filter.residentStatuses) clauses.push(`r.status = ANY(${params.add(filter.residentStatuses)}::text[])`);
  return { where: clauses.join(' AND '), day };
}

export function incidentClauses(params: Parameters, filter: OperationalFilter): string {
  const clauses = commonClauses(params, filter, 'i.desa_code', incidentPoint(filter));
  // A period is cut at local midnight in each incident's region. The plain UTC bound a day wider lets the index on
  // occurred_at narrow the rows first (no zone is more than a day from UTC).
  if (filter.from) {
    const from = params.add(filter.from);
    clauses.push(`i.occurred_at >= (${from}::date - 1)::timestamp AT TIME ZONE 'UTC'`);
    clauses.push(`i.occurred_at >= pantau_day_start(${from}::date, i.desa_code)`);
  }
  if (filter.to) {
    const to = params.add(filter.to);
    clauses.push(`i.occurred_at < (${to}::date + 2)::timestamp AT TIME ZONE 'UTC'`);
    clauses.push(`i.occurred_at < pantau_day_start(${to}::date + 1, i.desa_code)`);
  }
  if (filter.incidentTypes) clauses.push(`i.type = ANY(${params.add(filter.incidentTypes)}::text[])`);
  if (filter.incidentStatuses) clauses.push(`i.status = ANY(${params.add(filter.incidentStatuses)}::text[])`);
  if (filter.nationalities) {
    const other = filter.unknownNationalities
      ? ` OR NOT (i.nationalities <@ ${params.add(filter.unknownNationalities)}::text[])`
      : '';
    clauses.push(`(i.nationalities && ${params.add(filter.nationalities)}::text[]${other})`);
  }
  return clauses.join(' AND ');
}
/**
 * The study area of an analysis as a WHERE clause on `desa d`: the desa in the caller's area, the region, the
 * bounding box and the distance band (not the period or the record filters). Placeholders start after `offset`.
 */
export function buildStudyAreaWhere(filter: OperationalFilter, offset: number): { where: string; values: unknown[] } {
  const params = new Parameters(offset);
  const where = commonClauses(params, filter, 'd.code', 'd.geom').join(' AND ');
  return { where, values: params.values };
}

/** The WHERE clause and its values for one layer's rows (alias i, r or w), for queries built elsewhere. */
export function buildLayerWhere(
  layer: 'incidents' | 'residents' | 'workplaces',
  filter: OperationalFilter,
): { where: string; values: unknown[] } {
  const params = new Parameters();
  const where =
    layer === 'incidents'
      ? incidentClauses(params, filter)
      : layer === 'residents'
        ? residentClauses(params, filter).where
        : commonClauses(params, filter, 'w.desa_code', 'w.location').join(' AND ');
  return { where, values: params.values };
}
