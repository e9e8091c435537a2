/**
 * The demo load's SQL (demo/demo-data.ts orders the steps and owns the transaction): the desa to sample from, the
 * synthetic rows written in batches, desa binaan and TIMPORA teams. Every function runs on the load's client.
 */
import type pg from 'pg';
import type { IncidentRecord, ResidentRecord, WorkplaceRecord } from '../demo/demo-records.ts';

const BATCH = 5_000;

/** A desa as the sampler weighs it: where its point on surface lies and how far it is from the borders. */
export interface DesaForSampling {
  code: string;
  provinsi: string;
  kabupaten: string;
  kind: 'desa' | 'kelurahan';
  landBorderKm: number;
  seaBorderKm: number;
  lon: number;
  lat: number;
}

export interface DesaBinaanRow {
  desaCode: string;
  inauguratedOn: string;
  pimpasaName: string;
  pimpasaPhone: string;
  status: string;
}

/** Serialises demo loads (a fixed key beside the boundary import's). */
export async function lockDemoLoads(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(7261002)');
}

/** Residents, incidents and workplaces of any source: a database that has some is not loaded unless replaced. */
export async function countOperationalRows(client: pg.PoolClient): Promise<number> {
  const existing = await client.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM foreign_resident) + (SELECT count(*) FROM incident) + (SELECT count(*) FROM workplace) AS n`,
  );
  return Number(existing.rows[0]!.n);
}

export async function deleteDemoRows(client: pg.PoolClient): Promise<void> {
  await client.query(`DELETE FROM follow_up_outcome WHERE source = 'demo';
                        DELETE FROM incident WHERE source = 'demo'; DELETE FROM foreign_resident WHERE source = 'demo';
                        DELETE FROM workplace WHERE source = 'demo'; DELETE FROM desa_binaan WHERE source IN ('demo', 'public_record');
                        DELETE FROM timpora_team WHERE source = 'demo'; DELETE FROM timpora_target`);
}

export async function findDesaForSampling(client: pg.PoolClient): Promise<DesaForSampling[]> {
  const result = await client.query(
    `SELECT code, left(code, 2) AS provinsi, left(code, 5) AS kabupaten, kind, land_border_km, sea_border_km,
            ST_X(point) AS lon, ST_Y(point) AS lat
     FROM desa ORDER BY code`,
  );
  return result.rows.map((row) => ({
    code: row.code,
    provinsi: row.provinsi,
    kabupaten: row.kabupaten,
    kind: row.kind,
    landBorderKm: row.land_border_km,
    seaBorderKm: row.sea_border_km,
    lon: row.lon,
    lat: row.lat,
  }));
}

/**
 * A random point of the desa, reproducible: the seed is part of the row. ST_GeneratePoints gives up on slivers of a
 * few square metres; those get the desa's point on surface.
 */
const POINT_IN_DESA = 'COALESCE(ST_GeometryN(ST_GeneratePoints(d.geom, 1, i.seed), 1), ST_PointOnSurface(d.geom))';

/** The workplaces and their foreign workers (reported on `asOf`); the new ids in the records' order. */
export async function insertWorkplaces(
  client: pg.PoolClient,
  records: WorkplaceRecord[],
  asOf: string,
): Promise<number[]> {
  const result = await client.query<{ id: number }>(
    `WITH input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) WITH ORDINALITY
                    AS i(company, sector, desa_code, seed, ord)),
     inserted AS (INSERT INTO workplace (company, sector, desa_code, location, source)
                  SELECT i.company, i.sector, i.desa_code, ${POINT_IN_DESA}, 'demo'
                  FROM input i JOIN desa d ON d.code = i.desa_code ORDER BY i.ord RETURNING id)
     SELECT id FROM inserted ORDER BY id`,
    [
      records.map((r) => r.company),
      records.map((r) => r.sector),
      records.map((r) => r.desaCode),
      records.map((_, index) => index + 1),
    ],
  );
  const ids = result.rows.map((row) => Number(row.id));
  const workers = records.flatMap((record, index) => record.workers.map((entry) => ({ id: ids[index]!, ...entry })));
  await client.query(
    `INSERT INTO workplace_foreign_workers (workplace_id, nationality, workers, reported_on)
     SELECT * , $4::date FROM unnest($1::bigint[], $2::text[], $3::int[])`,
    [workers.map((w) => w.id), workers.map((w) => w.nationality), workers.map((w) => w.workers), asOf],
  );
  return ids;
}

/** `workplaceIds` are insertWorkplaces' ids, which the records' `workplaceIndex` points into. */
export async function insertResidents(
  client: pg.PoolClient,
  records: ResidentRecord[],
  workplaceIds: number[],
): Promise<void> {
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    const column = <K extends keyof (typeof batch)[number]>(key: K) => batch.map((record) => record[key]);
    await client.query(
      `INSERT INTO foreign_resident (full_name, nationality, sex, birth_year, passport_number, permit_type, permit_number,
                                     permit_issued_on, permit_expires_on, sponsor, workplace_id, desa_code, home_point,
                                     status, left_on, source)
       SELECT i.full_name, i.nationality, i.sex, i.birth_year, i.passport_number, i.permit_type, i.permit_number,
              i.issued, i.expires, i.sponsor, i.workplace_id, i.desa_code, ${POINT_IN_DESA}, i.status, i.left_on, 'demo'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::date[],
                   $9::date[], $10::text[], $11::bigint[], $12::text[], $13::text[], $14::date[], $15::int[])
            AS i(full_name, nationality, sex, birth_year, passport_number, permit_type, permit_number, issued, expires,
                 sponsor, workplace_id, desa_code, status, left_on, seed)
       JOIN desa d ON d.code = i.desa_code`,
      [
        column('fullName'),
        column('nationality'),
        column('sex'),
        column('birthYear'),
        column('passportNumber'),
        column('permitType'),
        column('permitNumber'),
        column('permitIssuedOn'),
        column('permitExpiresOn'),
        column('sponsor'),
        batch.map((record) => (record.workplaceIndex === null ? null : workplaceIds[record.workplaceIndex])),
        column('desaCode'),
        column('status'),
        column('leftOn'),
        batch.map((_, index) => start + index + 1),
      ],
    );
  }
}

/**
 * Incidents with their status history up to their status. A record without a point is placed in its desa, one
 * without a desa gets the desa its point lies in; a point in no desa (the sea) is dropped.
 */
export async function insertIncidents(client: pg.PoolClient, records: IncidentRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    const column = <K extends keyof (typeof batch)[number]>(key: K) => batch.map((record) => record[key]);
    await client.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::float8[], $5::float8[], $6::text[],
                              $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[])
                AS i(type, occurred_at, desa_code, lon, lat, nationalities, people_count, people_names, severity, status,
                     agency, seed)),
       placed AS (
         SELECT i.*, CASE WHEN i.lon IS NULL THEN ${POINT_IN_DESA} ELSE ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326) END AS point
         FROM input i LEFT JOIN desa d ON d.code = i.desa_code),
       located AS (
         SELECT p.*, COALESCE(p.desa_code,
                  (SELECT code FROM desa WHERE ST_Intersects(desa.geom, p.point) ORDER BY code LIMIT 1)) AS in_desa
         FROM placed p),
       inserted AS (
         INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, people_names,
                               severity, status, reporting_agency, source)
         SELECT type, occurred_at, point, in_desa, string_to_array(nationalities, ','), people_count,
                string_to_array(people_names, '|'), severity, status, agency, 'demo'
         FROM located WHERE in_desa IS NOT NULL
         RETURNING id, occurred_at, status)
       INSERT INTO incident_status_history (incident_id, status, changed_at)
       SELECT id, step.status, occurred_at + step.after
       FROM inserted, LATERAL (VALUES ('reported', interval '0'), ('verified', interval '2 days'),
                                      ('acted_on', interval '10 days'), ('closed', interval '30 days'))
                       AS step(status, after)
       WHERE array_position(ARRAY['reported', 'verified', 'acted_on', 'closed'], step.status)
             <= array_position(ARRAY['reported', 'verified', 'acted_on', 'closed'], inserted.status)`,
      [
        column('type'),
        column('occurredAt'),
        column('desaCode'),
        batch.map((record) => record.point?.[0] ?? null),
        batch.map((record) => record.point?.[1] ?? null),
        batch.map((record) => record.nationalities.join(',')),
        column('peopleCount'),
        batch.map((record) => record.peopleNames.join('|')),
        column('severity'),
        column('status'),
        column('reportingAgency'),
        batch.map((_, index) => start + index + 1),
      ],
    );
  }
}

/**
 * What came of the demo incidents that were acted on (issue #13), synthetic like them: by type, the outcome the
 * office most often reaches (deportation or another measure for overstays and illegal work, pro justitia for
 * trafficking and smuggling, guidance for irregular migrant workers), chosen by a hash of the incident so a reload
 * gives the same; decided ten days after the incident (its "acted on" step), for everyone involved.
 */
export async function insertDemoOutcomes(client: pg.PoolClient, today: string): Promise<void> {
  await client.query(
    `WITH acted AS (
       SELECT i.id, i.type, i.desa_code, GREATEST(i.people_count, 1) AS people,
              LEAST((i.occurred_at + interval '10 days')::date, $1::date) AS decided_on,
              (i.id * 2654435761 % 100) AS roll
       FROM incident i WHERE i.source = 'demo' AND i.status IN ('acted_on', 'closed')),
     chosen AS (
       SELECT a.*, CASE
         WHEN a.type IN ('tppo', 'tppm') THEN CASE WHEN a.roll < 80 THEN 'pro_justitia' ELSE 'deportation' END
         WHEN a.type = 'pmi_nonprosedural' THEN CASE WHEN a.roll < 85 THEN 'warning' ELSE 'pro_justitia' END
         WHEN a.type IN ('overstay', 'illegal_crossing') THEN CASE WHEN a.roll < 55 THEN 'deportation'
                                                                   WHEN a.roll < 85 THEN 'administrative_measure'
                                                                   ELSE 'warning' END
         WHEN a.type IN ('illegal_work', 'permit_misuse') THEN CASE WHEN a.roll < 60 THEN 'administrative_measure'
                                                                    WHEN a.roll < 85 THEN 'deportation'
                                                                    ELSE 'warning' END
         WHEN a.type = 'sham_marriage' THEN CASE WHEN a.roll < 50 THEN 'administrative_measure' ELSE 'pro_justitia' END
         ELSE CASE WHEN a.roll < 70 THEN 'warning' ELSE 'not_substantiated' END
       END AS kind
       FROM acted a)
     INSERT INTO follow_up_outcome (incident_id, kind, measure, people, decided_on, agency_code, desa_code,
                                    recorded_by_agency, source)
     SELECT id, kind,
            CASE WHEN kind = 'administrative_measure'
                 THEN (ARRAY['permit_cancelled', 'listing', 'permit_limited', 'charge'])[1 + roll % 4] END,
            people, decided_on,
            CASE kind WHEN 'pro_justitia' THEN 'POLRI' WHEN 'warning' THEN 'PEMDA' ELSE 'IMIGRASI' END,
            desa_code, 'IMIGRASI', 'demo'
     FROM chosen`,
    [today],
  );
}

/** The one desa binaan of the public record (Sungai Batu), marked as such rather than as demo data. */
export async function insertRealDesaBinaan(
  client: pg.PoolClient,
  desaCode: string,
  inauguratedOn: string,
): Promise<void> {
  await client.query(
    `INSERT INTO desa_binaan (desa_code, inaugurated_on, status, notes, source)
     VALUES ($1, $2, 'aktif', 'Desa Sungai Batu, Kec. Kapuas, Kab. Sanggau — diresmikan 18 November 2025', 'public_record')`,
    [desaCode, inauguratedOn],
  );
}

/** Border desa, the first of each of nine kabupaten: within 2 km of the land border or 5 km of the sea boundary. */
export async function findDesaBinaanCandidates(client: pg.PoolClient): Promise<string[]> {
  const candidates = await client.query<{ code: string }>(
    `SELECT DISTINCT ON (left(code, 5)) code FROM desa
     WHERE land_border_km < 2 OR sea_border_km < 5 ORDER BY left(code, 5), code LIMIT 9`,
  );
  return candidates.rows.map((row) => row.code);
}

export async function insertDesaBinaan(client: pg.PoolClient, row: DesaBinaanRow): Promise<void> {
  await client.query(
    `INSERT INTO desa_binaan (desa_code, inaugurated_on, pimpasa_name, pimpasa_phone, status, source)
       VALUES ($1, $2, $3, $4, $5, 'demo')`,
    [row.desaCode, row.inauguratedOn, row.pimpasaName, row.pimpasaPhone, row.status],
  );
}

export async function insertTimporaTarget(
  client: pg.PoolClient,
  provinsi: string,
  target: number,
  year: number,
): Promise<void> {
  await client.query('INSERT INTO timpora_target (provinsi_code, target_kecamatan_teams, year) VALUES ($1, $2, $3)', [
    provinsi,
    target,
    year,
  ]);
}

/** The province's `count` kecamatan nearest the border (land or sea), nearest first. */
export async function findKecamatanNearestBorder(
  client: pg.PoolClient,
  provinsi: string,
  count: number,
): Promise<string[]> {
  const kecamatan = await client.query<{ code: string }>(
    `SELECT kecamatan_code AS code FROM desa WHERE left(code, 2) = $1
       GROUP BY kecamatan_code ORDER BY min(LEAST(land_border_km, sea_border_km)), kecamatan_code LIMIT $2`,
    [provinsi, count],
  );
  return kecamatan.rows.map((row) => row.code);
}

export async function insertTimporaTeam(
  client: pg.PoolClient,
  kecamatanCode: string,
  formed: boolean,
  formedOn: string | null,
): Promise<void> {
  await client.query(
    `INSERT INTO timpora_team (kecamatan_code, formed, formed_on, source) VALUES ($1, $2, $3, 'demo')`,
    [kecamatanCode, formed, formedOn],
  );
}

/** A formed team: one member from each of the four agencies. */
export async function insertTimporaTeamMembers(client: pg.PoolClient, kecamatanCode: string): Promise<void> {
  await client.query(
    `INSERT INTO timpora_team_member (kecamatan_code, agency_code, members)
         SELECT $1, agency, 1 FROM unnest(ARRAY['PEMDA', 'POLRI', 'TNI', 'IMIGRASI']) AS agency`,
    [kecamatanCode],
  );
}

export async function countDemoRows(client: pg.PoolClient): Promise<Record<string, number>> {
  const counts = await client.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM workplace) AS workplaces, (SELECT count(*) FROM foreign_resident) AS residents,
              (SELECT count(*) FROM incident) AS incidents, (SELECT count(*) FROM desa_binaan) AS "desaBinaan",
              (SELECT count(*) FROM timpora_team) AS "timporaTeams"`,
  );
  return counts.rows[0]!;
}

export async function recordDemoVintage(
  client: pg.PoolClient,
  vintage: { version: string; checksum: string; stats: Record<string, number> },
): Promise<void> {
  await client.query(
    `INSERT INTO data_vintage (dataset, version, checksum, stats) VALUES ('demo', $1, $2, $3)
       ON CONFLICT (dataset) DO UPDATE SET version = $1, checksum = $2, imported_at = now(), stats = $3`,
    [vintage.version, vintage.checksum, JSON.stringify(vintage.stats)],
  );
}

/** Fresh planner statistics once the new rows are committed. */
export async function analyseOperationalTables(client: pg.PoolClient): Promise<void> {
  await client.query('ANALYZE workplace, foreign_resident, incident');
}
