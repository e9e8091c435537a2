/**
 * The boundary import's SQL, one function per step, all on the import's client: the import is one transaction under
 * an advisory lock, and boundaries/boundary-import.ts orders the steps and owns the transaction. The cross-check
 * against the official list is in coverage-queries.ts.
 */
import type pg from 'pg';
import type { TileLayerName, ZoomBand } from '../domain/tile-layers.ts';

/** One upstream file's rows, column by column. */
export interface StagedBoundaries {
  code: string[];
  name: string[];
  geometry: string[];
}

export interface OfficialName {
  level: string;
  code: string;
  name: string;
}

export interface CountryOutline {
  iso3: string;
  nameId: string;
  nameEn: string;
  landJson: string | undefined;
  seaJson: string | null;
}

/** Serialises imports: waits until no other transaction holds the lock, then holds it until this one ends. */
export async function lockBoundaryImports(client: pg.PoolClient, lockKey: number): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
}

export async function findImportedChecksum(client: pg.PoolClient, dataset: string): Promise<string | null> {
  const result = await client.query<{ checksum: string }>('SELECT checksum FROM data_vintage WHERE dataset = $1', [
    dataset,
  ]);
  return result.rows[0]?.checksum ?? null;
}

/** The import takes minutes; the server's statement timeout is for requests. */
export async function liftStatementTimeout(client: pg.PoolClient): Promise<void> {
  await client.query('SET LOCAL statement_timeout = 0');
}

/** Staging for the upstream rows and the official names; dropped at commit. */
export async function createStageTables(client: pg.PoolClient): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE stage_boundary (level text, code text, name text, geometry_json text) ON COMMIT DROP`,
  );
  await client.query(`CREATE TEMP TABLE stage_official (level text, code text, name text) ON COMMIT DROP`);
}

export async function emptyBoundaryTables(client: pg.PoolClient): Promise<void> {
  await client.query('DELETE FROM tile_feature; DELETE FROM coverage; DELETE FROM border_line; DELETE FROM country');
  await client.query('DELETE FROM desa; DELETE FROM kecamatan; DELETE FROM kabupaten; DELETE FROM provinsi');
}

export async function insertStagedBoundaries(
  client: pg.PoolClient,
  level: string,
  batch: StagedBoundaries,
): Promise<void> {
  await client.query(
    `INSERT INTO stage_boundary (level, code, name, geometry_json)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
    [level, batch.code, batch.name, batch.geometry],
  );
}

export async function insertStagedOfficialNames(client: pg.PoolClient, rows: OfficialName[]): Promise<void> {
  await client.query(
    `INSERT INTO stage_official (level, code, name)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
    [rows.map((row) => row.level), rows.map((row) => row.code), rows.map((row) => row.name)],
  );
}

/** Valid, polygonal, multi: the shape every boundary table expects. */
const CLEAN = (column: string) => `ST_Multi(ST_CollectionExtract(ST_MakeValid(${column}), 3))`;

/** `provinsi`, `kabupaten` and `desa` from the staged rows with the official names, and `kecamatan` dissolved. */
export async function loadRegions(client: pg.PoolClient): Promise<void> {
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

export async function insertCountry(client: pg.PoolClient, country: CountryOutline): Promise<void> {
  await client.query(
    `WITH shapes AS (SELECT ${CLEAN('ST_GeomFromGeoJSON($4)')} AS land,
                              ${CLEAN('ST_GeomFromGeoJSON($5)')} AS maritime)
       INSERT INTO country (iso3, name_id, name_en, land, maritime, label_point)
       SELECT $1, $2, $3, land, maritime,
              (SELECT ST_PointOnSurface(part.geom) FROM ST_Dump(land) part ORDER BY ST_Area(part.geom) DESC LIMIT 1)
       FROM shapes`,
    [country.iso3, country.nameId, country.nameEn, country.landJson, country.seaJson],
  );
}

/** Land: the OSM outlines of Indonesia and its neighbour share their border vertices exactly. */
export async function insertLandBorders(client: pg.PoolClient, neighbours: string[]): Promise<void> {
  await client.query(
    `INSERT INTO border_line (kind, neighbour_iso3, geom, length_km)
     SELECT 'land', n.iso3, line, ST_Length(line::geography) / 1000
     FROM country i, country n,
          LATERAL (SELECT ST_Multi(ST_LineMerge(ST_CollectionExtract(ST_Intersection(ST_Boundary(i.land), ST_Boundary(n.land)), 2))) AS line) l
     WHERE i.iso3 = 'IDN' AND n.iso3 = ANY($1)`,
    [neighbours],
  );
}

/** Sea: the shared edge of the territorial-sea outlines, less the stretch that runs over land. */
export async function insertSeaBorders(client: pg.PoolClient, neighbours: string[]): Promise<void> {
  await client.query(
    `INSERT INTO border_line (kind, neighbour_iso3, geom, length_km)
     SELECT 'sea', n.iso3, line, ST_Length(line::geography) / 1000
     FROM country i, country n,
          LATERAL (SELECT ST_Multi(ST_LineMerge(ST_CollectionExtract(ST_Difference(
                     ST_CollectionExtract(ST_Intersection(ST_Boundary(i.maritime), ST_Boundary(n.maritime)), 2),
                     ST_Buffer(n.land, 0.0005)), 2))) AS line) l
     WHERE i.iso3 = 'IDN' AND n.iso3 = ANY($1)`,
    [neighbours],
  );
}

/**
 * Distance on the spheroid from each desa outline to the nearest border line. The lines are cut into short pieces
 * so a nearest-neighbour index search can offer a few candidates and only those are measured exactly.
 */
export async function computeBorderDistances(client: pg.PoolClient): Promise<void> {
  // Kept for the cluster analysis too (migration 0023), refilled with the lines of this import.
  await client.query('DELETE FROM border_piece');
  await client.query('INSERT INTO border_piece (kind, geom) SELECT kind, ST_Subdivide(geom, 32) FROM border_line');
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

/** One layer's features generalised for one zoom band (`tolerance` in web-mercator metres; 0 keeps the source). */
export async function insertTileFeatures(
  client: pg.PoolClient,
  layer: TileLayerName,
  band: ZoomBand,
  tolerance: number,
): Promise<void> {
  await client.query(
    `INSERT INTO tile_feature (layer, min_zoom, max_zoom, code, name, name_en, kind, parent_name, border_km, geom, label)
         SELECT $1, $2, $3, code, name, name_en, kind, parent_name, border_km, shape, ST_Transform(label, 3857)
         FROM (${TILE_SOURCES[layer]}) AS source (code, name, name_en, kind, parent_name, border_km, geom, label),
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
    [layer, band.minZoom, band.maxZoom, tolerance],
  );
}

/** Rows per boundary table, for the import's stats. */
export async function countBoundaryRows(client: pg.PoolClient): Promise<Record<string, number> | undefined> {
  const counts = await client.query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM provinsi) AS provinsi, (SELECT count(*) FROM kabupaten) AS kabupaten,
      (SELECT count(*) FROM kecamatan) AS kecamatan, (SELECT count(*) FROM desa) AS desa,
      (SELECT count(*) FROM border_line) AS "borderLines", (SELECT count(*) FROM tile_feature) AS "tileFeatures"`);
  return counts.rows[0];
}

export async function recordBoundaryVintage(
  client: pg.PoolClient,
  vintage: { dataset: string; version: string; checksum: string; stats: Record<string, number> },
): Promise<void> {
  await client.query(
    `INSERT INTO data_vintage (dataset, version, checksum, imported_at, stats) VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (dataset) DO UPDATE SET version = $2, checksum = $3, imported_at = now(), stats = $4`,
    [vintage.dataset, vintage.version, vintage.checksum, JSON.stringify(vintage.stats)],
  );
}

/** Fresh planner statistics once the new rows are committed. */
export async function analyseBoundaryTables(client: pg.PoolClient): Promise<void> {
  await client.query('ANALYZE provinsi, kabupaten, kecamatan, desa, border_line, tile_feature');
}
