/**
 * The boundaries a printed brief draws (issue #11): one kabupaten or kecamatan with its names and extent, and its desa
 * and kecamatan simplified for print (one statement each); for an agenda handout, the areas of a level within a view's
 * box. Boundaries are public data; the caller's area is checked by the service before anything here is asked.
 */
import type { Pool } from '../db/pool.ts';
import type { BoundingBox, MapArea, Ring } from '../domain/map-geometry.ts';

export interface BriefRegion {
  code: string;
  level: 'kabupaten' | 'kecamatan';
  name: string;
  /** The kabupaten's name (the region's own for a kabupaten). */
  kabupatenName: string;
  provinsiName: string;
  bbox: BoundingBox;
}

export interface RegionGeometry {
  bbox: BoundingBox;
  /** The region's own outline. */
  outline: MapArea[];
  /** Its kecamatan (for a kecamatan: itself). */
  kecamatan: MapArea[];
  desa: (MapArea & { kecamatanCode: string })[];
}

type GeoJsonSurface = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

const polygonsOf = (geometry: GeoJsonSurface | null): Ring[][] =>
  !geometry ? [] : geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

/** Simplified, then cut to five decimals (~1 m): far below what a printed map shows. */
const simplified = (column: string, tolerance: string) =>
  `ST_AsGeoJSON(ST_SimplifyPreserveTopology(${column}, ${tolerance}), 5)::json AS geometry`;

/** The tables of the boundary levels (names from this list only, never from a request). */
const LEVEL_TABLES = { provinsi: 'provinsi', kabupaten: 'kabupaten', kecamatan: 'kecamatan', desa: 'desa' } as const;
export type BoundaryLevel = keyof typeof LEVEL_TABLES;

const toArea = (row: { code: string; name: string; geometry: GeoJsonSurface | null }): MapArea => ({
  code: row.code,
  name: row.name,
  polygons: polygonsOf(row.geometry),
});

export function createBriefGeometryQueries(pool: Pool) {
  return {
    /** A kabupaten (NN.NN) or kecamatan (NN.NN.NN) by its code, or null when there is none. */
    async findBriefRegion(code: string): Promise<BriefRegion | null> {
      const result = await pool.query(
        `SELECT r.code, r.level, r.name, kb.name AS kabupaten_name, p.name AS provinsi_name,
                ST_XMin(r.geom) AS west, ST_YMin(r.geom) AS south, ST_XMax(r.geom) AS east, ST_YMax(r.geom) AS north
         FROM (SELECT code, 'kabupaten' AS level, name, code AS kabupaten_code, geom FROM kabupaten WHERE code = $1
               UNION ALL
               SELECT code, 'kecamatan', name, kabupaten_code, geom FROM kecamatan WHERE code = $1) r
         JOIN kabupaten kb ON kb.code = r.kabupaten_code JOIN provinsi p ON p.code = kb.provinsi_code`,
        [code],
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        code: row.code,
        level: row.level,
        name: row.name,
        kabupatenName: row.kabupaten_name,
        provinsiName: row.provinsi_name,
        bbox: [row.west, row.south, row.east, row.north],
      };
    },

    /** The region's outline, kecamatan and desa, simplified with `tolerance` degrees. */
    async findRegionGeometry(region: BriefRegion, tolerance: number): Promise<RegionGeometry> {
      const table = region.level === 'kabupaten' ? 'kabupaten' : 'kecamatan';
      const [outline, kecamatan, desa] = await Promise.all([
        pool.query(`SELECT code, name, ${simplified('geom', '$2')} FROM ${table} WHERE code = $1`, [
          region.code,
          tolerance,
        ]),
        pool.query(
          `SELECT code, name, ${simplified('geom', '$2')} FROM kecamatan
           WHERE code = $1 OR starts_with(code, $1 || '.') ORDER BY code`,
          [region.code, tolerance],
        ),
        pool.query(
          `SELECT code, name, kecamatan_code, ${simplified('geom', '$2')} FROM desa
           WHERE starts_with(code, $1 || '.') ORDER BY code`,
          [region.code, tolerance],
        ),
      ]);
      return {
        bbox: region.bbox,
        outline: outline.rows.map(toArea),
        kecamatan: kecamatan.rows.map(toArea),
        desa: desa.rows.map((row) => ({ ...toArea(row), kecamatanCode: row.kecamatan_code })),
      };
    },

    /**
     * The areas of one level touching a box (an agenda handout's view), cut to the box and simplified with `tolerance`
     * degrees: a kabupaten reaching far beyond a zoomed-in view costs only its part inside (GiST on `geom`). Plain
     * `ST_Simplify` drops the parts that collapse — the thousands of islets smaller than a point of the page.
     */
    async findAreasInBox(level: BoundaryLevel, box: BoundingBox, tolerance: number): Promise<MapArea[]> {
      const clipped = 'ST_CollectionExtract(ST_ClipByBox2D(geom, envelope::box2d), 3)';
      const result = await pool.query(
        `SELECT code, name, ST_AsGeoJSON(ST_Simplify(${clipped}, $5), 5)::json AS geometry
         FROM ${LEVEL_TABLES[level]}, (SELECT ST_MakeEnvelope($1, $2, $3, $4, 4326) AS envelope) box
         WHERE geom && envelope ORDER BY code`,
        [...box, tolerance],
      );
      return result.rows.map(toArea).filter((area) => area.polygons.length > 0);
    },

    /** The extent of provinces and kabupaten by their codes (an account's area), or null when none is known. */
    async findAreaExtent(codes: readonly string[]): Promise<BoundingBox | null> {
      const result = await pool.query(
        `SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
         FROM (SELECT ST_Extent(geom) AS e
               FROM (SELECT geom FROM provinsi WHERE code = ANY($1)
                     UNION ALL SELECT geom FROM kabupaten WHERE code = ANY($1)) areas) extent`,
        [codes],
      );
      const row = result.rows[0];
      return row?.west == null ? null : [row.west, row.south, row.east, row.north];
    },
  };
}

export type BriefGeometryQueries = ReturnType<typeof createBriefGeometryQueries>;
