/**
 * Loads synthetic operational data: workplaces, foreign residents, incidents (with planted clusters), desa binaan
 * and TIMPORA teams, at two scales. Deterministic for a seed and a date; every row is marked `source = 'demo'` so
 * the interface can say the data is synthetic. One transaction: it loads whole or not at all.
 */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import { buildIncidents, buildResidents, buildWorkplaces, loadDesaSampler, personName } from './demo-records.ts';
import { REAL_DESA_BINAAN, TEAM_TARGETS } from './profiles.ts';
import { createRandom } from './random.ts';

export const DEMO_SCALES = {
  demo: { residents: 5_000, incidents: 3_000, workplaces: 300 },
  bench: { residents: 200_000, incidents: 100_000, workplaces: 6_000 },
} as const;
export type DemoScale = keyof typeof DEMO_SCALES;
export const DEMO_SEED = 20251118;
const BATCH = 5_000;

export interface DemoResult {
  loaded: boolean;
  counts: Record<string, number>;
  seconds: number;
}

/**
 * A random point of the desa, reproducible: the seed is part of the row. ST_GeneratePoints gives up on slivers of a
 * few square metres; those get the desa's point on surface.
 */
const POINT_IN_DESA = 'COALESCE(ST_GeometryN(ST_GeneratePoints(d.geom, 1, i.seed), 1), ST_PointOnSurface(d.geom))';

async function insertWorkplaces(
  client: pg.PoolClient,
  records: ReturnType<typeof buildWorkplaces>,
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

async function insertResidents(
  client: pg.PoolClient,
  records: ReturnType<typeof buildResidents>,
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

async function insertIncidents(client: pg.PoolClient, records: ReturnType<typeof buildIncidents>): Promise<void> {
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

async function insertDesaBinaanAndTeams(client: pg.PoolClient, seed: number, asOf: Date): Promise<void> {
  const random = createRandom(seed + 3);
  await client.query(
    `INSERT INTO desa_binaan (desa_code, inaugurated_on, status, notes, source)
     VALUES ($1, $2, 'aktif', 'Desa Sungai Batu, Kec. Kapuas, Kab. Sanggau — diresmikan 18 November 2025', 'public_record')`,
    [REAL_DESA_BINAAN.desaCode, REAL_DESA_BINAAN.inauguratedOn],
  );
  // Synthetic others: border desa in several kabupaten (the criteria: a direct border, migrant workers, poor access).
  const candidates = await client.query<{ code: string }>(
    `SELECT DISTINCT ON (left(code, 5)) code FROM desa
     WHERE land_border_km < 2 OR sea_border_km < 5 ORDER BY left(code, 5), code LIMIT 9`,
  );
  for (const row of candidates.rows.filter((candidate) => candidate.code !== REAL_DESA_BINAAN.desaCode).slice(0, 8)) {
    await client.query(
      `INSERT INTO desa_binaan (desa_code, inaugurated_on, pimpasa_name, pimpasa_phone, status, source)
       VALUES ($1, $2, $3, $4, $5, 'demo')`,
      [
        row.code,
        `${2024 + random.integer(0, 1)}-${String(random.integer(1, 12)).padStart(2, '0')}-15`,
        personName(random, 'IDN'),
        `08${random.integer(1000000000, 1999999999)}`,
        random.weighted(['aktif', 'rencana'], [3, 1]),
      ],
    );
  }
  for (const [provinsi, { target, formedShare }] of Object.entries(TEAM_TARGETS)) {
    await client.query('INSERT INTO timpora_target (provinsi_code, target_kecamatan_teams, year) VALUES ($1, $2, $3)', [
      provinsi,
      target,
      asOf.getUTCFullYear(),
    ]);
    // The target kecamatan: those nearest the border.
    const kecamatan = await client.query<{ code: string }>(
      `SELECT kecamatan_code AS code FROM desa WHERE left(code, 2) = $1
       GROUP BY kecamatan_code ORDER BY min(LEAST(land_border_km, sea_border_km)), kecamatan_code LIMIT $2`,
      [provinsi, target],
    );
    // Exactly the known share is formed (Kalimantan Tengah: 17 of 77), spread at random over the targets.
    const formedCount = Math.round(target * formedShare);
    const order = kecamatan.rows.map((row) => ({ row, key: random.next() })).sort((a, b) => a.key - b.key);
    const formedCodes = new Set(order.slice(0, formedCount).map((entry) => entry.row.code));
    for (const row of kecamatan.rows) {
      const formed = formedCodes.has(row.code);
      await client.query(
        `INSERT INTO timpora_team (kecamatan_code, formed, formed_on, source) VALUES ($1, $2, $3, 'demo')`,
        [
          row.code,
          formed,
          formed ? `${random.integer(2017, 2025)}-${String(random.integer(1, 12)).padStart(2, '0')}-01` : null,
        ],
      );
      if (!formed) continue;
      await client.query(
        `INSERT INTO timpora_team_member (kecamatan_code, agency_code, members)
         SELECT $1, agency, 1 FROM unnest(ARRAY['PEMDA', 'POLRI', 'TNI', 'IMIGRASI']) AS agency`,
        [row.code],
      );
    }
  }
}

export async function generateDemoData(
  pool: Pool,
  options: { scale?: DemoScale; seed?: number; asOf?: Date; replace?: boolean; log?: (message: string) => void } = {},
): Promise<DemoResult> {
  const started = Date.now();
  const scale = DEMO_SCALES[options.scale ?? 'demo'];
  const seed = options.seed ?? DEMO_SEED;
  const asOf = options.asOf ?? new Date();
  const log = options.log ?? console.log;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(7261002)');
    const existing = await client.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM foreign_resident) + (SELECT count(*) FROM incident) + (SELECT count(*) FROM workplace) AS n`,
    );
    if (Number(existing.rows[0]!.n) > 0 && !options.replace) {
      await client.query('ROLLBACK');
      return { loaded: false, counts: {}, seconds: (Date.now() - started) / 1000 };
    }
    await client.query(`DELETE FROM incident WHERE source = 'demo'; DELETE FROM foreign_resident WHERE source = 'demo';
                        DELETE FROM workplace WHERE source = 'demo'; DELETE FROM desa_binaan WHERE source IN ('demo', 'public_record');
                        DELETE FROM timpora_team WHERE source = 'demo'; DELETE FROM timpora_target`);
    const sampler = await loadDesaSampler(client);
    const random = createRandom(seed);
    log(`[demo] building ${scale.workplaces} workplaces, ${scale.residents} residents, ${scale.incidents} incidents`);
    const workplaces = buildWorkplaces(random, sampler, scale.workplaces);
    const residents = buildResidents(random, sampler, workplaces, scale.residents, asOf);
    const incidents = buildIncidents(random, sampler, scale.incidents, asOf);
    const workplaceIds = await insertWorkplaces(client, workplaces, asOf.toISOString().slice(0, 10));
    await insertResidents(client, residents, workplaceIds);
    await insertIncidents(client, incidents);
    await insertDesaBinaanAndTeams(client, seed, asOf);
    const counts = await client.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM workplace) AS workplaces, (SELECT count(*) FROM foreign_resident) AS residents,
              (SELECT count(*) FROM incident) AS incidents, (SELECT count(*) FROM desa_binaan) AS "desaBinaan",
              (SELECT count(*) FROM timpora_team) AS "timporaTeams"`,
    );
    await client.query(
      `INSERT INTO data_vintage (dataset, version, checksum, stats) VALUES ('demo', $1, $2, $3)
       ON CONFLICT (dataset) DO UPDATE SET version = $1, checksum = $2, imported_at = now(), stats = $3`,
      [
        `synthetic ${options.scale ?? 'demo'} (seed ${seed})`,
        `${seed}:${asOf.toISOString().slice(0, 10)}`,
        JSON.stringify(counts.rows[0]),
      ],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE workplace, foreign_resident, incident');
    return { loaded: true, counts: counts.rows[0]!, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
