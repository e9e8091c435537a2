/**
 * Parameterised SQL over the operational layers. Every query takes an `OperationalFilter` whose `areaCodes` (the
 * caller's area) always applies; the filter is turned into a WHERE clause of placeholders, never of values.
 */
import type { Pool } from '../db/pool.ts';
import type { RegionLevel } from '../schemas/layers.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';
import { accountToday } from '../domain/time-zones.ts';

export interface OperationalFilter {
  /** Province (2-character) or kabupaten (5-character) codes; an empty area sees nothing. */
  areaCodes: string[];
  bbox?: [number, number, number, number];
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
  /** The bbox picks whole regions of this level (every record of a region touching it), not the points inside it. */
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

const BORDER_COLUMN = { land: 'land_border_km', sea: 'sea_border_km', nearest: 'border_km' } as const;

/** Collects values and hands out their placeholders. */
class Parameters {
  readonly values: unknown[] = [];
  /** `offset`: placeholders already used by the statement this text goes into. */
  constructor(private readonly offset = 0) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
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

function residentClauses(params: Parameters, filter: OperationalFilter): { where: string; day: string } {
  const clauses = commonClauses(params, filter, 'r.desa_code', 'r.home_point');
  const day = filter.to ? `${params.add(filter.to)}::date` : localToday(params, filter.areaCodes);
  const from = filter.residentsAtEnd ? day : `COALESCE(${params.add(filter.from ?? null)}::date, ${day})`;
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

function incidentClauses(params: Parameters, filter: OperationalFilter): string {
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

/** Counted at the reference day: present then with an expired permit (and 60+ days over), or expiring within 30 days. */
const RESIDENT_COUNTS = (day: string) => {
  // Present that day: arrived by it and not gone before it (a departure day still counts, as in the people count).
  const presentThen = `r.permit_issued_on <= ${day} AND (r.left_on IS NULL OR r.left_on >= ${day})`;
  const counted = (name: string, condition?: string) => {
    const filter = condition ? ` FILTER (WHERE ${condition})` : '';
    return `count(*)${filter} AS ${name}, COALESCE(sum(r.disclosure_key)${filter}, 0) AS ${name}_key`;
  };
  return [
    counted('people'),
    counted('overstay', `${presentThen} AND r.permit_expires_on < ${day}`),
    counted('overstay_over_60', `${presentThen} AND r.permit_expires_on < ${day} - 60`),
    counted('expiring_30', `${presentThen} AND r.permit_expires_on BETWEEN ${day} AND ${day} + 30`),
  ].join(',\n  ');
};

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

/** Counts of people with the key of the records behind each (disclosure-control.ts). */
export interface ResidentCounts {
  people: Cell;
  overstay: Cell;
  overstayOver60Days: Cell;
  expiringWithin30Days: Cell;
}

const toResidentCounts = (row: Record<string, unknown>): ResidentCounts => ({
  people: cell(row.people as string, row.people_key as string),
  overstay: cell(row.overstay as string, row.overstay_key as string),
  overstayOver60Days: cell(row.overstay_over_60 as string, row.overstay_over_60_key as string),
  expiringWithin30Days: cell(row.expiring_30 as string, row.expiring_30_key as string),
});

export interface IncidentPoint {
  id: number;
  lon: number;
  lat: number;
  type: string;
  occurredAt: string;
  status: string;
  severity: string;
  peopleCount: Cell;
  reportingAgency: string;
}

export interface WorkplacePoint {
  id: number;
  company: string;
  sector: string;
  desaCode: string;
  lon: number;
  lat: number;
  foreignWorkers: Cell;
  byNationality: Record<string, Cell>;
}

export interface DesaBinaanRow {
  desaCode: string;
  name: string;
  kecamatan: string;
  kabupaten: string;
  status: string;
  inauguratedOn: string | null;
  pimpasaName: string | null;
  pimpasaPhone: string | null;
  synthetic: boolean;
  lon: number;
  lat: number;
}

export interface TeamRow {
  kecamatanCode: string;
  name: string;
  formed: boolean;
  formedOn: string | null;
  members: Record<string, number>;
}

export interface TargetRow {
  provinsiCode: string;
  name: string;
  target: number;
  formed: number;
  year: number;
}

export interface ResidentPoint {
  id: number;
  lon: number;
  lat: number;
  nationality: string;
  permitType: string;
  status: string;
  overstayDays: number;
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
        `SELECT g.*, COALESCE(n.name, g.code) AS name
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
    ): Promise<{ code: string; name: string; type: string; incidents: number; people: Cell }[]> {
      const params = new Parameters();
      const where = incidentClauses(params, filter);
      const length = params.add(level ? CODE_LENGTH[level] : 0);
      const nameJoin = level
        ? `LEFT JOIN ${LEVEL_TABLE[level]} n ON n.code = g.code`
        : 'LEFT JOIN (SELECT NULL::text AS name) n ON true';
      const result = await pool.query(
        `SELECT g.code, COALESCE(n.name, g.code) AS name, g.type, g.incidents, g.people, g.people_key
         FROM (SELECT left(i.desa_code, ${length}) AS code, i.type, count(*) AS incidents, sum(i.people_count) AS people,
                      sum(i.disclosure_key) FILTER (WHERE i.people_count > 0) AS people_key
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
        people: cell(row.people, row.people_key),
      }));
    },

    async findIncidentPoints(filter: OperationalFilter, limit: number): Promise<IncidentPoint[]> {
      const params = new Parameters();
      const where = incidentClauses(params, filter);
      const result = await pool.query(
        `SELECT i.id, ST_X(i.location) AS lon, ST_Y(i.location) AS lat, i.type, i.status, i.severity, i.people_count,
                i.disclosure_key, i.reporting_agency, pantau_local_timestamp(i.occurred_at, i.desa_code) AS occurred_at
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
        peopleCount: cell(row.people_count, row.disclosure_key),
        reportingAgency: row.reporting_agency,
      }));
    },

    async findWorkplaces(filter: OperationalFilter): Promise<WorkplacePoint[]> {
      const params = new Parameters();
      const where = commonClauses(params, filter, 'w.desa_code', 'w.location').join(' AND ');
      const result = await pool.query(
        `SELECT w.id, w.company, w.sector, w.desa_code, ST_X(w.location) AS lon, ST_Y(w.location) AS lat,
                COALESCE(sum(f.workers), 0) AS workers, COALESCE(sum(f.disclosure_key) FILTER (WHERE f.workers > 0), 0) AS workers_key,
                COALESCE(jsonb_object_agg(f.nationality, jsonb_build_array(f.workers, f.disclosure_key))
                         FILTER (WHERE f.nationality IS NOT NULL), '{}') AS by_nationality
         FROM workplace w LEFT JOIN workplace_foreign_workers f ON f.workplace_id = w.id
         WHERE ${where} GROUP BY w.id ORDER BY w.id`,
        params.values,
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        company: row.company,
        sector: row.sector,
        desaCode: row.desa_code,
        lon: row.lon,
        lat: row.lat,
        foreignWorkers: cell(row.workers, row.workers_key),
        byNationality: Object.fromEntries(
          Object.entries(row.by_nationality as Record<string, [number, number]>).map(([code, [workers, key]]) => [
            code,
            cell(workers, workers > 0 ? key : 0),
          ]),
        ),
      }));
    },

    async findDesaBinaan(filter: OperationalFilter): Promise<DesaBinaanRow[]> {
      const params = new Parameters();
      const where = commonClauses(params, filter, 'b.desa_code', 'd.geom').join(' AND ');
      const result = await pool.query(
        `SELECT b.desa_code, d.name, k.name AS kecamatan, kb.name AS kabupaten, b.status, b.pimpasa_name, b.pimpasa_phone,
                to_char(b.inaugurated_on, 'YYYY-MM-DD') AS inaugurated_on, b.source,
                ST_X(ST_PointOnSurface(d.geom)) AS lon, ST_Y(ST_PointOnSurface(d.geom)) AS lat
         FROM desa_binaan b JOIN desa d ON d.code = b.desa_code JOIN kecamatan k ON k.code = d.kecamatan_code
              JOIN kabupaten kb ON kb.code = k.kabupaten_code
         WHERE ${where} ORDER BY b.desa_code`,
        params.values,
      );
      return result.rows.map((row) => ({
        desaCode: row.desa_code,
        name: row.name,
        kecamatan: row.kecamatan,
        kabupaten: row.kabupaten,
        status: row.status,
        inauguratedOn: row.inaugurated_on,
        pimpasaName: row.pimpasa_name,
        pimpasaPhone: row.pimpasa_phone,
        synthetic: row.source === 'demo',
        lon: row.lon,
        lat: row.lat,
      }));
    },

    async findTimporaTeams(areaCodes: string[]): Promise<{ teams: TeamRow[]; targets: TargetRow[] }> {
      const teams = await pool.query(
        `SELECT t.kecamatan_code, k.name, t.formed, to_char(t.formed_on, 'YYYY-MM-DD') AS formed_on,
                COALESCE((SELECT jsonb_object_agg(m.agency_code, m.members) FROM timpora_team_member m
                          WHERE m.kecamatan_code = t.kecamatan_code), '{}') AS members
         FROM timpora_team t JOIN kecamatan k ON k.code = t.kecamatan_code
         WHERE left(t.kecamatan_code, 2) = ANY($1::text[]) OR left(t.kecamatan_code, 5) = ANY($1::text[])
         ORDER BY t.kecamatan_code`,
        [areaCodes],
      );
      const targets = await pool.query(
        `SELECT g.provinsi_code, p.name, g.target_kecamatan_teams, g.year,
                (SELECT count(*) FROM timpora_team t WHERE left(t.kecamatan_code, 2) = g.provinsi_code AND t.formed) AS formed
         FROM timpora_target g JOIN provinsi p ON p.code = g.provinsi_code
         WHERE g.provinsi_code = ANY(SELECT left(code, 2) FROM unnest($1::text[]) AS code)
         ORDER BY g.provinsi_code`,
        [areaCodes],
      );
      return {
        teams: teams.rows.map((row) => ({
          kecamatanCode: row.kecamatan_code,
          name: row.name,
          formed: row.formed,
          formedOn: row.formed_on,
          members: row.members,
        })),
        targets: targets.rows.map((row) => ({
          provinsiCode: row.provinsi_code,
          name: row.name,
          target: Number(row.target_kecamatan_teams),
          formed: Number(row.formed),
          year: Number(row.year),
        })),
      };
    },

    async findResidentPoints(filter: OperationalFilter, limit: number): Promise<ResidentPoint[]> {
      const params = new Parameters();
      const { where, day } = residentClauses(params, filter);
      const result = await pool.query(
        `SELECT r.id, ST_X(r.home_point) AS lon, ST_Y(r.home_point) AS lat, r.nationality, r.permit_type, r.status,
                CASE WHEN r.permit_expires_on < ${day} AND (r.left_on IS NULL OR r.left_on >= ${day})
                     THEN ${day} - r.permit_expires_on ELSE 0 END AS overstay_days
         FROM foreign_resident r WHERE ${where} AND r.home_point IS NOT NULL ORDER BY r.id LIMIT ${params.add(limit)}`,
        params.values,
      );
      return result.rows.map((row) => ({
        id: Number(row.id),
        lon: row.lon,
        lat: row.lat,
        nationality: row.nationality,
        permitType: row.permit_type,
        status: row.status,
        overstayDays: Number(row.overstay_days),
      }));
    },

    /** One resident with every field; the service redacts it by role. */
    async findResident(id: number, areaCodes: string[]): Promise<Record<string, unknown> | null> {
      const result = await pool.query(
        `SELECT r.id, r.full_name, r.nationality, r.sex, r.birth_year, r.passport_number, r.permit_type, r.permit_number,
                to_char(r.permit_issued_on, 'YYYY-MM-DD') AS permit_issued_on,
                to_char(r.permit_expires_on, 'YYYY-MM-DD') AS permit_expires_on, r.sponsor, w.company AS workplace,
                r.desa_code, d.name AS desa, r.status, to_char(r.left_on, 'YYYY-MM-DD') AS left_on, r.source,
                CASE WHEN r.home_point IS NULL THEN NULL ELSE json_build_array(ST_X(r.home_point), ST_Y(r.home_point)) END AS home_point,
                CASE WHEN r.status = 'active' AND r.permit_expires_on < pantau_local_today(r.desa_code)
                     THEN pantau_local_today(r.desa_code) - r.permit_expires_on ELSE 0 END AS overstay_days
         FROM foreign_resident r JOIN desa d ON d.code = r.desa_code LEFT JOIN workplace w ON w.id = r.workplace_id
         WHERE r.id = $1 AND (left(r.desa_code, 2) = ANY($2::text[]) OR left(r.desa_code, 5) = ANY($2::text[]))`,
        [id, areaCodes],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        id: Number(row.id),
        fullName: row.full_name,
        nationality: row.nationality,
        sex: row.sex,
        birthYear: row.birth_year,
        passportNumber: row.passport_number,
        permitType: row.permit_type,
        permitNumber: row.permit_number,
        permitIssuedOn: row.permit_issued_on,
        permitExpiresOn: row.permit_expires_on,
        sponsor: row.sponsor,
        workplace: row.workplace,
        desaCode: row.desa_code,
        desa: row.desa,
        status: row.status,
        leftOn: row.left_on,
        homePoint: row.home_point,
        overstayDays: Number(row.overstay_days),
        synthetic: row.source === 'demo',
      };
    },

    async findIncident(id: number, areaCodes: string[]): Promise<Record<string, unknown> | null> {
      const result = await pool.query(
        `SELECT i.id, i.type, pantau_local_timestamp(i.occurred_at, i.desa_code) AS occurred_at,
                ST_X(i.location) AS lon, ST_Y(i.location) AS lat, i.desa_code, d.name AS desa, i.nationalities,
                i.people_count, i.people_names, i.severity, i.status, i.reporting_agency, i.description, i.source,
                i.disclosure_key,
                COALESCE((SELECT json_agg(json_build_object('status', h.status,
                            'changedAt', pantau_local_timestamp(h.changed_at, i.desa_code))
                          ORDER BY h.changed_at) FROM incident_status_history h WHERE h.incident_id = i.id), '[]') AS history
         FROM incident i JOIN desa d ON d.code = i.desa_code
         WHERE i.id = $1 AND (left(i.desa_code, 2) = ANY($2::text[]) OR left(i.desa_code, 5) = ANY($2::text[]))`,
        [id, areaCodes],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        id: Number(row.id),
        type: row.type,
        occurredAt: row.occurred_at,
        lon: row.lon,
        lat: row.lat,
        desaCode: row.desa_code,
        desa: row.desa,
        nationalities: row.nationalities,
        peopleCount: Number(row.people_count),
        // For the service's disclosure control only: never sent (the service takes it out).
        disclosureKey: Number(row.disclosure_key),
        peopleNames: row.people_names,
        severity: row.severity,
        status: row.status,
        reportingAgency: row.reporting_agency,
        description: row.description,
        statusHistory: row.history,
        synthetic: row.source === 'demo',
      };
    },

    /** Files one incident at a point; the desa is the one containing the point. Null when no desa contains it. */
    async insertIncident(
      client: import('pg').PoolClient,
      incident: {
        type: string;
        occurredAt: string;
        lon: number;
        lat: number;
        nationalities: string[];
        peopleCount: number;
        severity: string;
        reportingAgency: string;
        description: string | null;
        accountId: number;
      },
    ): Promise<{ id: number; desaCode: string; desa: string } | null> {
      const result = await client.query(
        `WITH place AS (SELECT d.code, d.name FROM desa d
                        WHERE ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint($3, $4), 4326)) ORDER BY d.code LIMIT 1),
         inserted AS (
           INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, status,
                                 reporting_agency, description, source)
           SELECT $1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), place.code, $5, $6, $7, 'reported', $8, $9, 'manual'
           FROM place RETURNING id, desa_code, occurred_at),
         history AS (INSERT INTO incident_status_history (incident_id, status, changed_at, changed_by)
                     SELECT id, 'reported', now(), $10 FROM inserted)
         SELECT inserted.id, inserted.desa_code, place.name FROM inserted, place`,
        [
          incident.type,
          incident.occurredAt,
          incident.lon,
          incident.lat,
          incident.nationalities,
          incident.peopleCount,
          incident.severity,
          incident.reportingAgency,
          incident.description,
          incident.accountId,
        ],
      );
      const row = result.rows[0];
      return row ? { id: Number(row.id), desaCode: row.desa_code, desa: row.name } : null;
    },

    /** Incidents of one tile as MVT (layer `incidents`): where, what, when — no people counts, no names. */
    async findIncidentTile(
      filter: OperationalFilter,
      z: number,
      x: number,
      y: number,
      /** Snap each location to a 0.01° grid (~1.1 km): what the projector's viewer role sees. */
      generalised = false,
    ): Promise<Buffer> {
      const params = new Parameters();
      const tile = [params.add(z), params.add(x), params.add(y)].join(', ');
      const where = incidentClauses(params, { ...filter, bbox: undefined });
      const result = await pool.query<{ mvt: Buffer }>(
        `WITH bounds AS (SELECT ST_TileEnvelope(${tile}) AS box, ST_Transform(ST_TileEnvelope(${tile}, margin => 0.02), 4326) AS wide),
         features AS (
           SELECT ST_AsMVTGeom(ST_Transform(CASE WHEN ${params.add(generalised)} THEN ST_SnapToGrid(i.location, 0.01) ELSE i.location END, 3857),
                               bounds.box, 4096, 16, true) AS geom, i.id, i.type, i.status,
                  i.severity, extract(epoch FROM i.occurred_at)::bigint AS "occurredAt"
           FROM incident i, bounds
           WHERE i.location && ST_Expand(bounds.wide, 0.006)
             AND (CASE WHEN ${params.add(generalised)} THEN ST_SnapToGrid(i.location, 0.01) ELSE i.location END) && bounds.wide
             AND ${where})
         SELECT COALESCE((SELECT ST_AsMVT(features, 'incidents', 4096, 'geom', 'id') FROM features WHERE geom IS NOT NULL), ''::bytea) AS mvt`,
        params.values,
      );
      return result.rows[0]?.mvt ?? Buffer.alloc(0);
    },

    /** Residents of one tile at their home points (layer `residents`), for roles that may see people. */
    async findResidentTile(filter: OperationalFilter, z: number, x: number, y: number): Promise<Buffer> {
      const params = new Parameters();
      const tile = [params.add(z), params.add(x), params.add(y)].join(', ');
      const { where, day } = residentClauses(params, { ...filter, bbox: undefined });
      const result = await pool.query<{ mvt: Buffer }>(
        `WITH bounds AS (SELECT ST_TileEnvelope(${tile}) AS box, ST_Transform(ST_TileEnvelope(${tile}, margin => 0.02), 4326) AS wide),
         features AS (
           SELECT ST_AsMVTGeom(ST_Transform(r.home_point, 3857), bounds.box, 4096, 16, true) AS geom, r.id, r.nationality,
                  r.permit_type AS "permitType", r.status,
                  CASE WHEN r.permit_expires_on < ${day} AND (r.left_on IS NULL OR r.left_on >= ${day})
                       THEN ${day} - r.permit_expires_on ELSE 0 END AS "overstayDays"
           FROM foreign_resident r, bounds WHERE r.home_point && bounds.wide AND ${where})
         SELECT COALESCE((SELECT ST_AsMVT(features, 'residents', 4096, 'geom', 'id') FROM features WHERE geom IS NOT NULL), ''::bytea) AS mvt`,
        params.values,
      );
      return result.rows[0]?.mvt ?? Buffer.alloc(0);
    },

    /**
     * People, incidents and desa per distance band to the border (band i holds distances from edges[i] up to
     * edges[i+1]; the last band has no upper edge).
     */
    async countByBorderBand(
      filter: OperationalFilter,
      kind: 'land' | 'sea' | 'nearest',
      edges: number[],
    ): Promise<{ band: number; residents: Cell; incidents: number; desa: number }[]> {
      const column = BORDER_COLUMN[kind];
      const residentParams = new Parameters();
      const { where: residentWhere } = residentClauses(residentParams, filter);
      const edgesAt = residentParams.add(edges);
      const residents = await pool.query(
        `SELECT width_bucket(d.${column}, ${edgesAt}::float8[]) AS band, count(*) AS n, sum(r.disclosure_key) AS key
         FROM foreign_resident r JOIN desa d ON d.code = r.desa_code WHERE ${residentWhere} GROUP BY 1`,
        residentParams.values,
      );
      const incidentParams = new Parameters();
      const incidentWhere = incidentClauses(incidentParams, filter);
      const incidentEdges = incidentParams.add(edges);
      const incidents = await pool.query(
        `SELECT width_bucket(d.${column}, ${incidentEdges}::float8[]) AS band, count(*) AS n
         FROM incident i JOIN desa d ON d.code = i.desa_code WHERE ${incidentWhere} GROUP BY 1`,
        incidentParams.values,
      );
      const desa = await pool.query(
        `SELECT width_bucket(d.${column}, $2::float8[]) AS band, count(*) AS n FROM desa d
         WHERE left(d.code, 2) = ANY($1::text[]) OR left(d.code, 5) = ANY($1::text[]) GROUP BY 1`,
        [filter.areaCodes, edges],
      );
      const count = (rows: { band: number; n: number }[], band: number) =>
        Number(rows.find((row) => Number(row.band) === band)?.n ?? 0);
      const residentCell = (band: number) => {
        const row = residents.rows.find((candidate) => Number(candidate.band) === band);
        return cell(row?.n, row?.key);
      };
      return edges.map((_, index) => ({
        band: index,
        residents: residentCell(index + 1),
        incidents: count(incidents.rows, index + 1),
        desa: count(desa.rows, index + 1),
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
