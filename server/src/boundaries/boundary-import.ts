/**
 * The boundary import: upstream polygons, the official list and the country outlines into PostGIS, in one
 * transaction. A failure anywhere rolls everything back, so a failed import changes nothing; a second run with the
 * same inputs is skipped (or, forced, produces the same rows).
 */
import path from 'node:path';
import type pg from 'pg';
import { TILE_LAYERS, bandsForLayer, toleranceForBand } from '../domain/tile-layers.ts';
import {
  analyseBoundaryTables,
  computeBorderDistances,
  countBoundaryRows,
  createStageTables,
  emptyBoundaryTables,
  findImportedChecksum,
  insertCountry,
  insertLandBorders,
  insertSeaBorders,
  insertStagedBoundaries,
  insertStagedOfficialNames,
  insertTileFeatures,
  liftStatementTimeout,
  loadRegions,
  lockBoundaryImports,
  recordBoundaryVintage,
  type StagedBoundaries,
} from '../repositories/boundary-import-repository.ts';
import { beginTransaction, commitTransaction, rollbackTransaction } from '../db/client-transaction.ts';
import { locateBoundaryFiles, readSources } from './boundary-files.ts';
import { buildCoverage, checkLevels, type CoverageRow, type LevelCheck } from './coverage.ts';
import { readCountryOutlines } from './country-outlines.ts';
import { readOfficialList, type OfficialList } from './official-list.ts';
import { readWilayahFile } from './wilayah-sql.ts';

/** Bump when the import's logic changes, so existing databases are re-imported. */
export const IMPORTER_VERSION = 6;
const DATASET = 'boundaries';
/** Arbitrary, fixed: the advisory lock that serialises boundary imports. */
const IMPORT_LOCK_KEY = 7_261_001;

export const COUNTRIES = [
  { iso3: 'IDN', nameId: 'Indonesia', nameEn: 'Indonesia' },
  { iso3: 'MYS', nameId: 'Malaysia', nameEn: 'Malaysia' },
  { iso3: 'SGP', nameId: 'Singapura', nameEn: 'Singapore' },
  { iso3: 'BRN', nameId: 'Brunei Darussalam', nameEn: 'Brunei' },
  { iso3: 'TLS', nameId: 'Timor-Leste', nameEn: 'Timor-Leste' },
  { iso3: 'PHL', nameId: 'Filipina', nameEn: 'Philippines' },
  { iso3: 'PNG', nameId: 'Papua Nugini', nameEn: 'Papua New Guinea' },
] as const;
const LAND_BORDER_NEIGHBOURS = ['MYS', 'TLS'];
const SEA_BORDER_NEIGHBOURS = ['MYS', 'SGP'];

export interface ImportResult {
  skipped: boolean;
  version: string;
  checksum: string;
  stats: Record<string, number>;
  coverage: CoverageRow[];
  levels: LevelCheck[];
  seconds: number;
}

type Log = (message: string) => void;

async function stageFiles(client: pg.PoolClient, level: string, root: string, files: string[]): Promise<number> {
  let count = 0;
  for (const file of files) {
    const batch: StagedBoundaries = { code: [], name: [], geometry: [] };
    for await (const record of readWilayahFile(path.join(root, file))) {
      batch.code.push(record.code);
      batch.name.push(record.name);
      batch.geometry.push(record.geometryJson);
    }
    await insertStagedBoundaries(client, level, batch);
    count += batch.code.length;
  }
  return count;
}

async function stageOfficialNames(client: pg.PoolClient, official: OfficialList): Promise<void> {
  const named = (level: string) => (region: { code: string; name: string }) => ({
    level,
    code: region.code,
    name: region.name,
  });
  await insertStagedOfficialNames(client, [
    ...official.regencies.map(named('kabupaten')),
    ...official.districts.map(named('kecamatan')),
    ...official.villages.map(named('desa')),
    ...official.provinces.map(named('provinsi')),
  ]);
}

async function loadCountriesAndBorders(client: pg.PoolClient, log: Log): Promise<void> {
  const iso3s = COUNTRIES.map((country) => country.iso3);
  const land = await readCountryOutlines('land', iso3s);
  const maritime = await readCountryOutlines('maritime', iso3s);
  for (const country of COUNTRIES) {
    await insertCountry(client, {
      ...country,
      landJson: land.find((outline) => outline.iso3 === country.iso3)?.geometryJson,
      seaJson: maritime.find((outline) => outline.iso3 === country.iso3)?.geometryJson ?? null,
    });
  }
  log('[import] deriving border lines from the shared edges of the country outlines');
  await insertLandBorders(client, LAND_BORDER_NEIGHBOURS);
  await insertSeaBorders(client, SEA_BORDER_NEIGHBOURS);
}

/** One generalised copy of every layer per zoom band. */
async function buildTileFeatures(client: pg.PoolClient): Promise<void> {
  for (const layer of Object.values(TILE_LAYERS)) {
    for (const band of bandsForLayer(layer)) {
      await insertTileFeatures(client, layer.name, band, toleranceForBand(band));
    }
  }
}

export async function importBoundaries(
  pool: pg.Pool,
  options: { mirrorDir: string | null; force?: boolean; log?: Log },
): Promise<ImportResult> {
  const started = Date.now();
  const log = (message: string) =>
    (options.log ?? console.log)(`${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const official = readOfficialList();
  const files = await locateBoundaryFiles(options.mirrorDir, official);
  const sources = readSources();
  const version = `wilayah_boundaries@${sources.wilayahBoundaries.commit.slice(0, 7)}`;
  const checksum = `${files.checksum}:importer-${IMPORTER_VERSION}`;
  const client = await pool.connect();
  try {
    await beginTransaction(client);
    // Two imports at once (`npm start` beside `npm test` on a fresh database) queue here instead of colliding.
    await lockBoundaryImports(client, IMPORT_LOCK_KEY);
    if (!options.force && (await findImportedChecksum(client, DATASET)) === checksum) {
      log(`[import] boundaries ${version} already imported; nothing to do`);
      await rollbackTransaction(client);
      return {
        skipped: true,
        version,
        checksum,
        stats: {},
        coverage: [],
        levels: [],
        seconds: (Date.now() - started) / 1000,
      };
    }
    await liftStatementTimeout(client);
    await createStageTables(client);
    await emptyBoundaryTables(client);
    log(`[import] reading boundary files from ${files.root}`);
    const stats: Record<string, number> = {
      provinsiRows: await stageFiles(client, 'provinsi', files.root, files.provinsi),
      kabupatenRows: await stageFiles(client, 'kabupaten', files.root, files.kabupaten),
      desaRows: await stageFiles(client, 'desa', files.root, files.desa),
    };
    await stageOfficialNames(client, official);
    log('[import] building provinsi, kabupaten, desa and dissolving kecamatan');
    await loadRegions(client);
    await loadCountriesAndBorders(client, log);
    log('[import] measuring every desa’s distance to the land and sea borders');
    await computeBorderDistances(client);
    log('[import] generalising boundaries per zoom band for the tiles');
    await buildTileFeatures(client);
    const coverage = await buildCoverage(client, official, sources.wilayahBoundaries.desaProvinces);
    const levels = await checkLevels(client, official, sources.wilayahBoundaries.desaProvinces);
    Object.assign(stats, await countBoundaryRows(client));
    await recordBoundaryVintage(client, { dataset: DATASET, version, checksum, stats });
    await commitTransaction(client);
    await analyseBoundaryTables(client);
    return { skipped: false, version, checksum, stats, coverage, levels, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await rollbackTransaction(client).catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
