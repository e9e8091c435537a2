/**
 * The boundary import: upstream polygons, the official list and the country outlines into PostGIS, in one
 * transaction. A failure anywhere rolls everything back, so a failed import changes nothing; a second run with the
 * same inputs is skipped (or, forced, produces the same rows).
 */
import path from 'node:path';
import type pg from 'pg';
import { TILE_LAYERS, bandsForLayer, toleranceForBand, type TileLayerName } from '../domain/tile-layers.ts';
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
    const batch: { code: string[]; name: string[]; geometry: string[] } = { code: [], name: [], geometry: [] };
    for await (const record of readWilayahFile(path.join(root, file))) {
      batch.code.push(record.code);
      batch.name.push(record.name);
      batch.geometry.push(record.geometryJson);
    }
    await client.query(
      `INSERT INTO stage_boundary (level, code, name, geometry_json)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
      [level, batch.code, batch.name, batch.geometry],
    );
    count += batch.code.length;
  }
  return count;
}

async function stageOfficialNames(client: pg.PoolClient, official: OfficialList): Promise<void> {
  const rows = [
    ...official.regencies.map((region) => ['kabupaten', region.code, region.name]),
    ...official.districts.map((region) => ['kecamatan', region.code, region.name]),
    ...official.villages.map((region) => ['desa', region.code, region.name]),
    ...official.provinces.map((region) => ['provinsi', region.code, region.name]),
  ];
  await client.query(
    `INSERT INTO stage_official (level, code, name)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
    [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])],
  );
}

/** Valid, polygonal, multi: the shape every boundary table expects. */
const CLEAN = (column: string) => `ST_Multi(ST_CollectionExtract(ST_MakeValid(${column}), 3))`;

async function loadRegions(client: pg.PoolClient): Promise<void> {
  await client.query(`
    INSERT INTO provinsi (code, name, geom)
    SELECT s.code, COALESCE(o.name, s.name), ${CLEAN('ST_GeomFromGeoJSON(s.geometry_json)')}
    FROM stage_boundary s LEFT JOIN stage_official o ON o.level = 'provinsi' AND o.code = s.code
    WHERE s.level = 'provinsi'`);
  await client.query(`
    INSERT INTO kabupaten (code, provinsi_code, name, geom)
    SELECT s.code, left(s.code, 2), COALESCE(o.name, s.name), ${CLEAN('ST_GeomFromGeoJSON(s.geometry_json)')}
    FROM stage_boundary s LEFT JOIN stage_official o ON o.level = 'kabupaten' AND o.code = s.code
    WHERE s.level = 'kabupaten'`);
  await client.query(`
    CREATE TEMP TABLE stage_desa ON COMMIT DROP AS
    SELECT s.code, COALESCE(o.name, s.name) AS name, ${CLEAN('ST_GeomFromGeoJSON(s.geometry_json)')} AS geom
    FROM stage_boundary s LEFT JOIN stage_official o ON o.level = 'desa' AND o.code = s.code
    WHERE s.level = 'desa'`);
  await client.query(`DELETE FROM stage_desa WHERE ST_IsEmpty(geom)`);
  // Dissolving the desa gives kecamatan that agree with the desa layer and have no gaps (upstream's kecamatan
  // files are more generalised: a median 3.5% of area off).
  await client.query(`
    INSERT INTO kecamatan (code, kabupaten_code, name, geom)
    SELECT d.kecamatan_code, left(d.kecamatan_code, 5), COALESCE(min(o.name), 'Kecamatan ' || d.kecamatan_code),
           ${CLEAN('ST_Union(d.geom)')}
    FROM (SELECT left(code, 8) AS kecamatan_code, geom FROM stage_desa) d
    LEFT JOIN stage_official o ON o.level = 'kecamatan' AND o.code = d.kecamatan_code
    GROUP BY d.kecamatan_code`);
  await client.query(`
    INSERT INTO desa (code, kecamatan_code, name, kind, geom)
    SELECT code, left(code, 8), name, CASE WHEN substr(code, 10, 1) = '1' THEN 'kelurahan' ELSE 'desa' END, geom
    FROM stage_desa`);
}

async function loadCountriesAndBorders(client: pg.PoolClient, log: Log): Promise<void> {
  const iso3s = COUNTRIES.map((country) => country.iso3);
  const land = await readCountryOutlines('land', iso3s);
  const maritime = await readCountryOutlines('maritime', iso3s);
  for (const country of COUNTRIES) {
    const landJson = land.find((outline) => outline.iso3 === country.iso3)?.geometryJson;
    const seaJson = maritime.find((outline) => outline.iso3 === country.iso3)?.geometryJson ?? null;
    await client.query(
      `WITH shapes AS (SELECT ${CLEAN('ST_GeomFromGeoJSON($4)')} AS land,
                              ${CLEAN('ST_GeomFromGeoJSON($5)')} AS maritime)
       INSERT INTO country (iso3, name_id, name_en, land, maritime, label_point)
       SELECT $1, $2, $3, land, maritime,
              (SELECT ST_PointOnSurface(part.geom) FROM ST_Dump(land) part ORDER BY ST_Area(part.geom) DESC LIMIT 1)
       FROM shapes`,
      [country.iso3, country.nameId, country.nameEn, landJson, seaJson],
    );
  }
  log('[import] deriving border lines from the shared edges of the country outlines');
  // Land: the OSM outlines of Indonesia and its neighbour share their border vertices exactly.
  await client.query(
    `INSERT INTO border_line (kind, neighbour_iso3, geom, length_km)
     SELECT 'land', n.iso3, line, ST_Length(line::geography) / 1000
     FROM country i, country n,
          LATERAL (SELECT ST_Multi(ST_LineMerge(ST_CollectionExtract(ST_Intersection(ST_Boundary(i.land), ST_Boundary(n.land)), 2))) AS line) l
     WHERE i.iso3 = 'IDN' AND n.iso3 = ANY($1)`,
    [LAND_BORDER_NEIGHBOURS],
  );
  // Sea: the shared edge of the territorial-sea outlines, less the stretch that runs over land.
  await client.query(
    `INSERT INTO border_line (kind, neighbour_iso3, geom, length_km)
     SELECT 'sea', n.iso3, line, ST_Length(line::geography) / 1000
     FROM country i, country n,
          LATERAL (SELECT ST_Multi(ST_LineMerge(ST_CollectionExtract(ST_Difference(
                     ST_CollectionExtract(ST_Intersection(ST_Boundary(i.maritime), ST_Boundary(n.maritime)), 2),
                     ST_Buffer(n.land, 0.0005)), 2))) AS line) l
     WHERE i.iso3 = 'IDN' AND n.iso3 = ANY($1)`,
    [SEA_BORDER_NEIGHBOURS],
  );
}

/**
 * Distance on the spheroid from each desa outline to the nearest border line. The lines are cut into short pieces
 * so a nearest-neighbour index search can offer a few candidates and only those are measured exactly.
 */
async function computeBorderDistances(client: pg.PoolClient): Promise<void> {
  await client.query(`CREATE TEMP TABLE border_piece ON COMMIT DROP AS
                      SELECT kind, ST_Subdivide(geom, 32) AS geom FROM border_line`);
  await client.query('CREATE INDEX ON border_piece USING gist (geom)');
  await client.query('ANALYZE border_piece');
  for (const kind of ['land', 'sea'] as const) {
    await client.query(
      `UPDATE desa d SET ${kind}_border_km = (
         SELECT min(ST_Distance(d.geom::geography, candidate.geom::geography)) / 1000
         FROM (SELECT p.geom FROM border_piece p WHERE p.kind = $1 ORDER BY p.geom <-> d.geom LIMIT 8) candidate)`,
      [kind],
    );
  }
}

const TILE_SOURCES: Record<TileLayerName, string> = {
  // The basemap draws land without its lakes and river holes: once generalised they turn into stray triangles.
  countries: `SELECT iso3 AS code, name_id AS name, name_en, NULL::text AS kind, NULL::text AS parent_name,
                     NULL::real AS border_km,
                     (SELECT ST_Multi(ST_Collect(ST_MakePolygon(ST_ExteriorRing(part.geom)))) FROM ST_Dump(land) part) AS geom,
                     label_point AS label FROM country`,
  provinsi: `SELECT code, name, NULL, NULL, NULL, NULL::real, geom, ST_PointOnSurface(geom) FROM provinsi`,
  kabupaten: `SELECT code, name, NULL, NULL, NULL, NULL::real, geom, ST_PointOnSurface(geom) FROM kabupaten`,
  kecamatan: `SELECT k.code, k.name, NULL, NULL, kb.name, NULL::real, k.geom, ST_PointOnSurface(k.geom)
              FROM kecamatan k JOIN kabupaten kb ON kb.code = k.kabupaten_code`,
  desa: `SELECT d.code, d.name, NULL, d.kind, k.name, d.border_km::real, d.geom, ST_PointOnSurface(d.geom)
         FROM desa d JOIN kecamatan k ON k.code = d.kecamatan_code`,
  borders: `SELECT b.neighbour_iso3, c.name_id, c.name_en, b.kind, NULL, NULL::real, b.geom, NULL::geometry
            FROM border_line b JOIN country c ON c.iso3 = b.neighbour_iso3`,
};

async function buildTileFeatures(client: pg.PoolClient): Promise<void> {
  for (const layer of Object.values(TILE_LAYERS)) {
    for (const band of bandsForLayer(layer)) {
      const tolerance = toleranceForBand(band);
      await client.query(
        `INSERT INTO tile_feature (layer, min_zoom, max_zoom, code, name, name_en, kind, parent_name, border_km, geom, label)
         SELECT $1, $2, $3, code, name, name_en, kind, parent_name, border_km, shape, ST_Transform(label, 3857)
         FROM (${TILE_SOURCES[layer.name]}) AS source (code, name, name_en, kind, parent_name, border_km, geom, label),
              LATERAL (SELECT ST_Transform(geom, 3857) AS projected) p,
              -- Generalised bands drop polygon parts smaller than a pixel, and ST_Simplify (unlike the
              -- topology-preserving variant) lets rings collapse: the thousands of pinholes a few metres wide
              -- between dissolved desa vanish instead of showing as stray dots.
              LATERAL (SELECT CASE WHEN $4::float8 > 0
                                   THEN ST_Simplify(
                                          (SELECT ST_Collect(part.geom) FROM ST_Dump(projected) part
                                           WHERE GeometryType(part.geom) <> 'POLYGON' OR ST_Area(part.geom) >= $4::float8 * $4::float8),
                                          $4, false)
                                   ELSE projected END AS shape) s
         WHERE shape IS NOT NULL AND NOT ST_IsEmpty(shape)`,
        [layer.name, band.minZoom, band.maxZoom, tolerance],
      );
    }
  }
}

async function currentChecksum(client: pg.PoolClient): Promise<string | null> {
  const result = await client.query<{ checksum: string }>('SELECT checksum FROM data_vintage WHERE dataset = $1', [
    DATASET,
  ]);
  return result.rows[0]?.checksum ?? null;
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
    await client.query('BEGIN');
    // Two imports at once (`npm start` beside `npm test` on a fresh database) queue here instead of colliding.
    await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
    if (!options.force && (await currentChecksum(client)) === checksum) {
      log(`[import] boundaries ${version} already imported; nothing to do`);
      await client.query('ROLLBACK');
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
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query(
      `CREATE TEMP TABLE stage_boundary (level text, code text, name text, geometry_json text) ON COMMIT DROP`,
    );
    await client.query(`CREATE TEMP TABLE stage_official (level text, code text, name text) ON COMMIT DROP`);
    await client.query('DELETE FROM tile_feature; DELETE FROM coverage; DELETE FROM border_line; DELETE FROM country');
    await client.query('DELETE FROM desa; DELETE FROM kecamatan; DELETE FROM kabupaten; DELETE FROM provinsi');
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
    const counts = await client.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM provinsi) AS provinsi, (SELECT count(*) FROM kabupaten) AS kabupaten,
      (SELECT count(*) FROM kecamatan) AS kecamatan, (SELECT count(*) FROM desa) AS desa,
      (SELECT count(*) FROM border_line) AS "borderLines", (SELECT count(*) FROM tile_feature) AS "tileFeatures"`);
    Object.assign(stats, counts.rows[0]);
    await client.query(
      `INSERT INTO data_vintage (dataset, version, checksum, imported_at, stats) VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (dataset) DO UPDATE SET version = $2, checksum = $3, imported_at = now(), stats = $4`,
      [DATASET, version, checksum, JSON.stringify(stats)],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE provinsi, kabupaten, kecamatan, desa, border_line, tile_feature');
    return { skipped: false, version, checksum, stats, coverage, levels, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
