/** Parameterised SQL over the boundary tables, and nothing else. Rows come back in camelCase. */
import type { Static } from 'typebox';
import type { Pool } from '../db/pool.ts';
import type { AreaListResponse, RegionSearchResponse, RegionsAtResponse } from '../schemas/regions.ts';
import type { TileLayerName } from '../domain/tile-layers.ts';

export type RegionRef = NonNullable<RegionsAtPoint['kecamatan']>;
export type RegionsAtPoint = Static<typeof RegionsAtResponse>;
export type RegionSearchHit = Static<typeof RegionSearchResponse>['results'][number];
export type AreaUnit = Static<typeof AreaListResponse>['areas'][number];

export interface DataVintage {
  version: string;
  importedAt: string;
}

/** Tile pixels of buffer around each tile, so lines and labels are not cut at its edge. */
const TILE_EXTENT = 4096;
const TILE_BUFFER = 64;

/**
 * One statement per tile: features of the zoom band, filtered by the tile envelope (the GiST index on
 * `tile_feature (layer, min_zoom, max_zoom, geom)` serves the filter), clipped and encoded, plus a second MVT layer
 * of label points.
 */
export const TILE_SQL = `
WITH bounds AS (
  SELECT ST_TileEnvelope($2, $3, $4) AS box,
         ST_TileEnvelope($2, $3, $4, margin => ${TILE_BUFFER}.0 / ${TILE_EXTENT}) AS wide
), shapes AS (
  SELECT ST_AsMVTGeom(f.geom, bounds.box, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom,
         f.code, f.name, f.name_en AS "nameEn", f.kind, f.parent_name AS parent,
         COALESCE(f.border_km, LEAST(k.land, k.sea))::real AS "borderKm",
         COALESCE(d.land_border_km, k.land)::real AS "landKm", COALESCE(d.sea_border_km, k.sea)::real AS "seaKm"
  FROM bounds CROSS JOIN tile_feature f
  -- Distances to the land border and the sea boundary for the distance-band layer (issue #5): a desa its own,
  -- a kecamatan those of its nearest desa.
  LEFT JOIN desa d ON f.layer = 'desa' AND d.code = f.code
  LEFT JOIN LATERAL (SELECT min(x.land_border_km) AS land, min(x.sea_border_km) AS sea FROM desa x
                     WHERE f.layer = 'kecamatan' AND x.kecamatan_code = f.code) k ON f.layer = 'kecamatan'
  WHERE f.layer = $1 AND f.min_zoom <= $5 AND f.max_zoom >= $5 AND f.geom && bounds.wide
), labels AS (
  SELECT ST_AsMVTGeom(f.label, bounds.box, ${TILE_EXTENT}, 0, true) AS geom,
         f.code, f.name, f.name_en AS "nameEn", f.kind
  FROM tile_feature f, bounds
  WHERE f.layer = $1 AND f.min_zoom <= $5 AND f.max_zoom >= $5 AND f.geom && bounds.wide AND f.label && bounds.box
)
SELECT COALESCE((SELECT ST_AsMVT(shapes, $1, ${TILE_EXTENT}, 'geom') FROM shapes WHERE geom IS NOT NULL), ''::bytea)
    || COALESCE((SELECT ST_AsMVT(labels, $1 || '_label', ${TILE_EXTENT}, 'geom') FROM labels WHERE geom IS NOT NULL), ''::bytea)
       AS tile`;

export function createBoundaryRepository(pool: Pool) {
  return {
    /** `bandZoom` is the zoom whose generalisation to read (requests beyond the deepest tile zoom reuse it). */
    async findTile(layer: TileLayerName, z: number, x: number, y: number, bandZoom: number): Promise<Buffer> {
      const result = await pool.query<{ tile: Buffer }>({
        name: 'tile',
        text: TILE_SQL,
        values: [layer, z, x, y, bandZoom],
      });
      return result.rows[0]?.tile ?? Buffer.alloc(0);
    },

    async findRegionsAt(lon: number, lat: number): Promise<RegionsAtPoint> {
      const result = await pool.query(
        `WITH point AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS geom),
         hit_desa AS (
           SELECT d.* FROM desa d, point WHERE ST_Intersects(d.geom, point.geom) ORDER BY d.code LIMIT 1
         ), hit_kabupaten AS (
           SELECT kb.code, kb.name, kb.provinsi_code FROM kabupaten kb, point
           WHERE kb.code = (SELECT left(code, 5) FROM hit_desa)
              OR (NOT EXISTS (SELECT 1 FROM hit_desa) AND ST_Intersects(kb.geom, point.geom))
           ORDER BY kb.code LIMIT 1
         )
         SELECT d.code AS desa_code, d.name AS desa_name, d.kind AS desa_kind,
                k.code AS kecamatan_code, k.name AS kecamatan_name,
                kb.code AS kabupaten_code, kb.name AS kabupaten_name,
                p.code AS provinsi_code, p.name AS provinsi_name,
                d.border_km, d.land_border_km, d.sea_border_km
         FROM (SELECT 1) AS one
         LEFT JOIN hit_desa d ON true
         LEFT JOIN kecamatan k ON k.code = d.kecamatan_code
         LEFT JOIN hit_kabupaten kb ON true
         LEFT JOIN provinsi p ON p.code = COALESCE(kb.provinsi_code,
              (SELECT p2.code FROM provinsi p2, point WHERE ST_Intersects(p2.geom, point.geom) ORDER BY p2.code LIMIT 1))`,
        [lon, lat],
      );
      const row = result.rows[0] ?? {};
      const ref = (code: string | null, name: string | null): RegionRef | null =>
        code && name ? { code, name } : null;
      return {
        desa: row.desa_code ? { code: row.desa_code, name: row.desa_name, kind: row.desa_kind } : null,
        kecamatan: ref(row.kecamatan_code, row.kecamatan_name),
        kabupaten: ref(row.kabupaten_code, row.kabupaten_name),
        provinsi: ref(row.provinsi_code, row.provinsi_name),
        borderDistanceKm: row.border_km ?? null,
        landBorderDistanceKm: row.land_border_km ?? null,
        seaBorderDistanceKm: row.sea_border_km ?? null,
      };
    },

    /**
     * Ranked name search over all four levels: exact name first, then names that start with the query, then
     * trigram similarity; within a rank, larger regions first. "Kabupaten"/"Kota" prefixes do not count, so
     * "sanggau" matches Kabupaten Sanggau exactly. `query` is matched accent- and case-insensitively.
     */
    async searchRegions(query: string, limit: number): Promise<RegionSearchHit[]> {
      const result = await pool.query(
        // LIKE (not strpos) so the trigram indexes serve the substring match; the query's own % _ \ are escaped.
        `WITH q AS (SELECT text, '%' || replace(replace(replace(text, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' AS pattern,
                           replace(replace(replace(text, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' AS prefix
                    FROM (SELECT pantau_search_text($1) AS text) t),
         candidates AS (
           SELECT 'provinsi' AS level, 1 AS level_rank, p.code, p.name, NULL AS kind, p.search_name, p.geom, '' AS context
           FROM provinsi p, q WHERE p.search_name % q.text OR p.search_name LIKE q.pattern
           UNION ALL
           SELECT 'kabupaten', 2, kb.code, kb.name, NULL, regexp_replace(kb.search_name, '^(kabupaten|kota) ', ''),
                  kb.geom, p.name
           FROM kabupaten kb JOIN provinsi p ON p.code = kb.provinsi_code, q
           WHERE kb.search_name % q.text OR kb.search_name LIKE q.pattern
           UNION ALL
           SELECT 'kecamatan', 3, k.code, k.name, NULL, k.search_name, k.geom, concat_ws(', ', kb.name, p.name)
           FROM kecamatan k JOIN kabupaten kb ON kb.code = k.kabupaten_code JOIN provinsi p ON p.code = kb.provinsi_code, q
           WHERE k.search_name % q.text OR k.search_name LIKE q.pattern
           UNION ALL
           SELECT 'desa', 4, d.code, d.name, d.kind, d.search_name, d.geom,
                  concat_ws(', ', 'Kec. ' || k.name, kb.name, p.name)
           FROM desa d JOIN kecamatan k ON k.code = d.kecamatan_code JOIN kabupaten kb ON kb.code = k.kabupaten_code
                JOIN provinsi p ON p.code = kb.provinsi_code, q
           WHERE d.search_name % q.text OR d.search_name LIKE q.pattern
         )
         SELECT c.level, c.code, c.name, c.kind, c.context,
                ST_XMin(box) AS west, ST_YMin(box) AS south, ST_XMax(box) AS east, ST_YMax(box) AS north
         FROM candidates c, q, LATERAL (SELECT ST_Envelope(c.geom) AS box) b
         ORDER BY CASE WHEN c.search_name = q.text THEN 0
                       WHEN c.search_name LIKE q.prefix THEN 1
                       WHEN c.search_name LIKE q.pattern THEN 2 ELSE 3 END,
                  similarity(c.search_name, q.text) DESC, c.level_rank, c.code
         LIMIT $2`,
        [query, limit],
      );
      return result.rows.map((row) => ({
        level: row.level,
        code: row.code,
        name: row.name,
        kind: row.kind,
        context: row.context,
        bbox: [row.west, row.south, row.east, row.north],
      }));
    },

    async listAreaUnits(): Promise<
      { code: string; level: 'provinsi' | 'kabupaten'; name: string; provinsiCode: string }[]
    > {
      const result = await pool.query(
        `SELECT code, 'provinsi' AS level, name, code AS provinsi_code FROM provinsi
         UNION ALL SELECT code, 'kabupaten', name, provinsi_code FROM kabupaten
         ORDER BY 1`,
      );
      return result.rows.map((row) => ({
        code: row.code,
        level: row.level,
        name: row.name,
        provinsiCode: row.provinsi_code,
      }));
    },

    async findVintage(): Promise<DataVintage | null> {
      const result = await pool.query(
        `SELECT version, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS imported_at
         FROM data_vintage WHERE dataset = 'boundaries'`,
      );
      const row = result.rows[0];
      return row ? { version: row.version, importedAt: row.imported_at } : null;
    },

    async findPostgisVersion(): Promise<string> {
      const result = await pool.query<{ version: string }>('SELECT postgis_lib_version() AS version');
      return result.rows[0]?.version ?? 'unknown';
    },
  };
}

export type BoundaryRepository = ReturnType<typeof createBoundaryRepository>;
