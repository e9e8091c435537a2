/**
 * The statement of a point tile (incidents, residents), with the points gathered into clusters where they crowd
 * (issue #14): below `CLUSTER_MAX_ZOOM`, the points of a 32-pixel cell of the tile that holds at least `CLUSTER_MIN`
 * of them come as one feature of the tile's `<layer>_clusters` layer — at their mean place, with their `count` — and
 * every other point as itself in `<layer>`, clickable as before. At Batam z11 that is the difference between 20,000
 * homes in one tile and a few hundred features. The counts are of points the caller may see one by one anyway (the
 * same filter, area and generalisation as the points), so they disclose nothing the points do not.
 */

/** From this zoom on (z13, z14 and the over-zoomed levels beyond) every point comes as itself. */
export const CLUSTER_MAX_ZOOM = 12;
/** Cells of 32 pixels of a 512-pixel tile, in the tile's 4096 units. */
export const CLUSTER_CELL = 256;
/** Fewer points than this in a cell stay single: two or three can still be told apart. */
export const CLUSTER_MIN = 4;

export function pointTileSql(options: {
  /** `SELECT … AS box, … AS wide` for the tile. */
  bounds: string;
  /** The tile's points: `merc` (the point in web mercator), `id`, then the feature's properties. */
  features: string;
  /** The MVT layer's name. */
  layer: string;
  /** The properties (quoted as in `features`), besides `merc` and `id`. */
  properties: string[];
  /** The placeholder of the tile's zoom. */
  zoom: string;
  /** ST_AsMVT's order of the single points (the newest drawn on top), if any. */
  orderBy?: string;
}): string {
  const { bounds, features, layer, properties, zoom, orderBy } = options;
  const cells = 4096 / CLUSTER_CELL;
  const clustered = `${zoom} <= ${CLUSTER_MAX_ZOOM}`;
  const inside = `p.cell_x BETWEEN 0 AND ${cells - 1} AND p.cell_y BETWEEN 0 AND ${cells - 1}`;
  // The cell is worked out from the projected point (no ST_AsMVTGeom per point: only the single points and one point
  // per cluster are encoded). At clustered zooms a point of the neighbouring tile (in this tile's buffer) is left to
  // that tile, so no cluster is counted twice.
  return `WITH bounds AS (${bounds}),
     features AS (${features}),
     placed AS (
       SELECT f.*,
              floor((ST_X(f.merc) - ST_XMin(b.box)) / (ST_XMax(b.box) - ST_XMin(b.box)) * ${cells}) AS cell_x,
              floor((ST_YMax(b.box) - ST_Y(f.merc)) / (ST_YMax(b.box) - ST_YMin(b.box)) * ${cells}) AS cell_y
       FROM features f, bounds b),
     crowded AS (
       SELECT p.cell_x, p.cell_y, count(*)::int AS count, avg(ST_X(p.merc)) AS x, avg(ST_Y(p.merc)) AS y
       FROM placed p WHERE ${clustered} AND ${inside}
       GROUP BY p.cell_x, p.cell_y HAVING count(*) >= ${CLUSTER_MIN}),
     singles AS (
       SELECT ST_AsMVTGeom(p.merc, b.box, 4096, 16, true) AS geom, p.id${properties.map((name) => `, p.${name}`).join('')}
       FROM placed p CROSS JOIN bounds b
       WHERE NOT ${clustered}
          OR (${inside} AND NOT EXISTS (SELECT 1 FROM crowded c WHERE c.cell_x = p.cell_x AND c.cell_y = p.cell_y))),
     clusters AS (
       SELECT ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(c.x, c.y), 3857), b.box, 4096, 0, false) AS geom, c.count
       FROM crowded c CROSS JOIN bounds b)
     SELECT COALESCE((SELECT ST_AsMVT(singles, '${layer}', 4096, 'geom', 'id'${orderBy ? ` ORDER BY ${orderBy}` : ''})
                      FROM singles WHERE geom IS NOT NULL), ''::bytea)
            || COALESCE((SELECT ST_AsMVT(clusters, '${layer}_clusters', 4096, 'geom') FROM clusters WHERE geom IS NOT NULL),
                        ''::bytea) AS mvt`;
}
