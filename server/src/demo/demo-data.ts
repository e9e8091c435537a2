/**
 * Loads synthetic operational data: workplaces, foreign residents, incidents (with planted clusters), desa binaan
 * and TIMPORA teams, at two scales. Deterministic for a seed and a date; every row is marked `source = 'demo'` so
 * the interface can say the data is synthetic. One transaction: it loads whole or not at all.
 */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import { beginTransaction, commitTransaction, rollbackTransaction } from '../db/client-transaction.ts';
import {
  analyseOperationalTables,
  countDemoRows,
  countOperationalRows,
  deleteDemoRows,
  findDesaBinaanCandidates,
  findKecamatanNearestBorder,
  insertDesaBinaan,
  insertDemoOutcomes,
  insertIncidents,
  insertRealDesaBinaan,
  insertResidents,
  insertTimporaTarget,
  insertTimporaTeam,
  insertTimporaTeamMembers,
  insertWorkplaces,
  lockDemoLoads,
  recordDemoVintage,
} from '../repositories/demo-repository.ts';
import { buildIncidents, buildResidents, buildWorkplaces, loadDesaSampler, personName } from './demo-records.ts';
import { REAL_DESA_BINAAN, TEAM_TARGETS } from './profiles.ts';
import { createRandom } from './random.ts';

export const DEMO_SCALES = {
  demo: { residents: 5_000, incidents: 3_000, workplaces: 300 },
  bench: { residents: 200_000, incidents: 100_000, workplaces: 6_000 },
} as const;
export type DemoScale = keyof typeof DEMO_SCALES;
export const DEMO_SEED = 20251118;

export interface DemoResult {
  loaded: boolean;
  counts: Record<string, number>;
  seconds: number;
}

async function insertDesaBinaanAndTeams(client: pg.PoolClient, seed: number, asOf: Date): Promise<void> {
  const random = createRandom(seed + 3);
  await insertRealDesaBinaan(client, REAL_DESA_BINAAN.desaCode, REAL_DESA_BINAAN.inauguratedOn);
  // Synthetic others: border desa in several kabupaten (the criteria: a direct border, migrant workers, poor access).
  const candidates = await findDesaBinaanCandidates(client);
  for (const code of candidates.filter((candidate) => candidate !== REAL_DESA_BINAAN.desaCode).slice(0, 8)) {
    await insertDesaBinaan(client, {
      desaCode: code,
      inauguratedOn: `${2024 + random.integer(0, 1)}-${String(random.integer(1, 12)).padStart(2, '0')}-15`,
      pimpasaName: personName(random, 'IDN'),
      pimpasaPhone: `08${random.integer(1000000000, 1999999999)}`,
      status: random.weighted(['aktif', 'rencana'], [3, 1]),
    });
  }
  for (const [provinsi, { target, formedShare }] of Object.entries(TEAM_TARGETS)) {
    await insertTimporaTarget(client, provinsi, target, asOf.getUTCFullYear());
    // The target kecamatan: those nearest the border.
    const kecamatan = await findKecamatanNearestBorder(client, provinsi, target);
    // Exactly the known share is formed (Kalimantan Tengah: 17 of 77), spread at random over the targets.
    const formedCount = Math.round(target * formedShare);
    const order = kecamatan.map((code) => ({ code, key: random.next() })).sort((a, b) => a.key - b.key);
    const formedCodes = new Set(order.slice(0, formedCount).map((entry) => entry.code));
    for (const code of kecamatan) {
      const formed = formedCodes.has(code);
      await insertTimporaTeam(
        client,
        code,
        formed,
        formed ? `${random.integer(2017, 2025)}-${String(random.integer(1, 12)).padStart(2, '0')}-01` : null,
      );
      if (!formed) continue;
      await insertTimporaTeamMembers(client, code);
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
    await beginTransaction(client);
    await lockDemoLoads(client);
    if ((await countOperationalRows(client)) > 0 && !options.replace) {
      await rollbackTransaction(client);
      return { loaded: false, counts: {}, seconds: (Date.now() - started) / 1000 };
    }
    await deleteDemoRows(client);
    const sampler = await loadDesaSampler(client);
    const random = createRandom(seed);
    log(`[demo] building ${scale.workplaces} workplaces, ${scale.residents} residents, ${scale.incidents} incidents`);
    const workplaces = buildWorkplaces(random, sampler, scale.workplaces);
    const residents = buildResidents(random, sampler, workplaces, scale.residents, asOf);
    const incidents = buildIncidents(random, sampler, scale.incidents, asOf);
    const workplaceIds = await insertWorkplaces(client, workplaces, asOf.toISOString().slice(0, 10));
    await insertResidents(client, residents, workplaceIds);
    await insertIncidents(client, incidents);
    await insertDemoOutcomes(client, asOf.toISOString().slice(0, 10));
    await insertDesaBinaanAndTeams(client, seed, asOf);
    const counts = await countDemoRows(client);
    await recordDemoVintage(client, {
      version: `synthetic ${options.scale ?? 'demo'} (seed ${seed})`,
      checksum: `${seed}:${asOf.toISOString().slice(0, 10)}`,
      stats: counts,
    });
    await commitTransaction(client);
    await analyseOperationalTables(client);
    return { loaded: true, counts, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await rollbackTransaction(client).catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
