/**
 * Plain geometry as a printed map takes it (issue #11): the boundary queries return it, the PDF drawing helpers
 * (server/src/exports/) draw it. Coordinates are WGS84 degrees.
 */

/** West, south, east, north in WGS84 degrees. */
export type BoundingBox = [number, number, number, number];

/** A ring of [lon, lat] points; a polygon is its outer ring followed by its holes. */
export type Ring = [number, number][];

/** A named area (a desa, a kecamatan, a kabupaten) as polygons. */
export interface MapArea {
  code: string;
  name: string;
  polygons: Ring[][];
}
