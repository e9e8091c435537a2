/**
 * Parameterised SQL over the operational layers. Every query takes an `OperationalFilter` whose `areaCodes` (the
 * caller's area) always applies; the filter is turned into a WHERE clause of placeholders, never of values.
 */
import type { Pool } from '../db/pool.ts';
import type { RegionLevel } from '../schemas/layers.ts';

export interface OperationalFilter {
  /** Province (2-character) or kabupaten (5-character) codes; an empty area sees nothing. */
  areaCodes: string[];
  bbox?: [number, number, number, number];
  region?: string;
  /** Inclusive dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
  nationalities?: string[];
  permitTypes?: string[];
  residentStatuses?: string[];
  incidentTypes?: string[];
  incidentStatuses?: string[];
}

/** Collects values and hands out their placeholders. */
class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const CODE_LENGTH: Record<RegionLevel, number> = { provinsi: 2, kabupaten: 5, kecamatan: 8, desa: 13 };
const LEVEL_TABLE: Record<RegionLevel, string> = {
  provinsi: 'provinsi',
  kabupaten: 'kabupaten',
  kecamatan: 'kecamatan',
  desa: 'desa',
};

function commonClauses(
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
    clauses.push(`${pointColumn} && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`);
  }
  return clauses;
}

/** The day the counts refer to: the end of the period, or today. */
const referenceDay = (params: Parameters, filter: OperationalFilter) => `${params.add(filter.to ?? null)}::date`;

function residentClauses(params: Parameters, filter: OperationalFilter): { where: string; day: string } {
  const clauses = commonClauses(params, filter, 'r.desa_code', 'r.home_point');
  const day = `COALESCE(${referenceDay(params, filter)}, current_date)`;
  const from = `COALESCE(${params.add(filter.from ?? null)}::date, ${day})`;
  // Present at some time in the period: arrived by its end and not gone before its start.
  clauses.push(`r.permit_issued_on <= ${day} AND (r.left_on IS NULL OR r.left_on >= ${from})`);
  if (filter.nationalities) clauses.push(`r.nationality = ANY(${params.add(filter.nationalities)}::text[])`);
  if (filter.permitTypes) clauses.push(`r.permit_type = ANY(${params.add(filter.permitTypes)}::text[])`);
  if (filter.residentStatuses) clauses.push(`r.status = ANY(${params.add(filter.residentStatuses)}::text[])`);
  return { where: clauses.join(' AND '), day };
}

function incidentClauses(params: Parameters, filter: OperationalFilter): string {
  const clauses = commonClauses(params, filter, 'i.desa_code', 'i.location');
  if (filter.from) clauses.push(`i.occurred_at >= ${params.add(filter.from)}::date`);
  if (filter.to) clauses.push(`i.occurred_at < ${params.add(filter.to)}::date + 1`);
  if (filter.incidentTypes) clauses.push(`i.type = ANY(${params.add(filter.incidentTypes)}::text[])`);
  if (filter.incidentStatuses) clauses.push(`i.status = ANY(${params.add(filter.incidentStatuses)}::text[])`);
  if (filter.nationalities) clauses.push(`i.nationalities && ${params.add(filter.nationalities)}::text[]`);
  return clauses.join(' AND ');
}

/** Counted at the reference day: present then with an expired permit (and 60+ days over), or expiring within 30 days. */
const RESIDENT_COUNTS = (day: string) => {
  const presentThen = `r.permit_issued_on <= ${day} AND (r.left_on IS NULL OR r.left_on > ${day})`;
  return `
  count(*) AS people,
  count(*) FILTER (WHERE ${presentThen} AND r.permit_expires_on < ${day}) AS overstay,
  count(*) FILTER (WHERE ${presentThen} AND r.permit_expires_on < ${day} - 60) AS overstay_over_60,
  count(*) FILTER (WHERE ${presentThen} AND r.permit_expires_on BETWEEN ${day} AND ${day} + 30) AS expiring_30`;
};

export interface ResidentCounts {
  people: number;
  overstay: number;
  overstayOver60Days: number;
  expiringWithin30Days: number;
}

const toResidentCounts = (row: Record<string, unknown>): ResidentCounts => ({
  people: Number(row.people),
  overstay: Number(row.overstay),
  overstayOver60Days: Number(row.overstay_over_60),
  expiringWithin30Days: Number(row.expiring_30),
});

export interface IncidentPoint {
  id: number;
  lon: number;
  lat: number;
  type: string;
  occurredAt: string;
  status: string;
  severity: string;
  peopleCount: number;
}

export function createOperationalRepository(pool: Pool) {
  return {
    async summariseResidents(
      level: RegionLevel,
      filter: OperationalFilter,
    ): Promise<(ResidentCounts & { code: string; name: string })[]> {
      const params = new Parameters();
      const { where, day } = residentClauses(params, filter);
      const length = params.add(CODE_LENGTH[level]);
      const result = await pool.query(
        `SELECT g.code, COALESCE(n.name, g.code) AS name, g.people, g.overstay, g.overstay_over_60, g.expiring_30
         FROM (SELECT left(r.desa_code, ${length}) AS code, ${RESIDENT_COUNTS(day)}
               FROM foreign_resident r WHERE ${where} GROUP BY 1) g
         LEFT JOIN ${LEVEL_TABLE[level]} n ON n.code = g.code
         ORDER BY g.code`,
        params.values,
      );
      return result.rows.map((row) => ({ code: row.code, name: row.name, ...toResidentCounts(row) }));
    },

    async countResidents(filter: OperationalFilter): Promise<ResidentCounts> {
      const params = new Parameters();
      const { where, day } = residentClauses(params, filter);
      const result = await pool.query(
        `SELECT ${RESIDENT_COUNTS(day)} FROM foreign_resident r WHERE ${where}`,
        params.values,
      );
      return toResidentCounts(result.rows[0]);
    },

    async summariseIncidents(
      level: RegionLevel | null,
      filter: OperationalFilter,
    ): Promise<{ code: string; name: string; type: string; incidents: number; people: number }[]> {
      const params = new Parameters();
      const where = incidentClauses(params, filter);
      const length = params.add(level ? CODE_LENGTH[level] : 0);
      const nameJoin = level
        ? `LEFT JOIN ${LEVEL_TABLE[level]} n ON n.code = g.code`
        : 'LEFT JOIN (SELECT NULL::text AS name) n ON true';
      const result = await pool.query(
        `SELECT g.code, COALESCE(n.name, g.code) AS name, g.type, g.incidents, g.people
         FROM (SELECT left(i.desa_code, ${length}) AS code, i.type, count(*) AS incidents, sum(i.people_count) AS people
               FROM incident i WHERE ${where} GROUP BY 1, 2) g
         ${nameJoin}
         ORDER BY g.code, g.type`,
        params.values,
      );
      return result.rows.map((row) => ({
        code: row.code,
        name: row.name,
        type: row.type,
        incidents: Number(row.incidents),
        people: Number(row.people),
      }));
    },

    async findIncidentPoints(filter: OperationalFilter, limit: number): Promise<IncidentPoint[]> {
      const params = new Parameters();
      const where = incidentClauses(params, filter);
      const result = await pool.query(
        `SELECT i.id, ST_X(i.location) AS lon, ST_Y(i.location) AS lat, i.type, i.status, i.severity, i.people_count,
                to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS occurred_at
         FROM incident i WHERE ${where} ORDER BY i.occurred_at DESC LIMIT ${params.add(limit)}`,
        params.values,
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        lon: row.lon,
        lat: row.lat,
        type: row.type,
        occurredAt: row.occurred_at,
        status: row.status,
        severity: row.severity,
        peopleCount: Number(row.people_count),
      }));
    },

    async hasSyntheticData(): Promise<boolean> {
      const result = await pool.query(
        `SELECT EXISTS (SELECT 1 FROM foreign_resident WHERE source = 'demo') OR EXISTS (SELECT 1 FROM incident WHERE source = 'demo') AS synthetic`,
      );
      return Boolean(result.rows[0]?.synthetic);
    },
  };
}

export type OperationalRepository = ReturnType<typeof createOperationalRepository>;
