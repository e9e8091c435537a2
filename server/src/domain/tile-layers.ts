/**
 * The vector-tile layers and how each is generalised per zoom. The import writes one generalised copy of every
 * feature per zoom band into `tile_feature`; the tile route reads the band that covers the requested zoom.
 */
export const TILE_LAYER_NAMES = ['countries', 'provinsi', 'kabupaten', 'kecamatan', 'desa', 'borders'] as const;
export type TileLayerName = (typeof TILE_LAYER_NAMES)[number];

export interface TileLayer {
  name: TileLayerName;
  /** Below this zoom the layer is not served (the map would be unreadable and the tiles too large). */
  minZoom: number;
}

export const TILE_LAYERS: Record<TileLayerName, TileLayer> = {
  countries: { name: 'countries', minZoom: 0 },
  provinsi: { name: 'provinsi', minZoom: 0 },
  kabupaten: { name: 'kabupaten', minZoom: 4 },
  kecamatan: { name: 'kecamatan', minZoom: 7 },
  desa: { name: 'desa', minZoom: 9 },
  borders: { name: 'borders', minZoom: 0 },
};

/** Tiles are served up to this zoom; maplibre over-zooms beyond it. */
export const MAX_TILE_ZOOM = 14;
/** The largest zoom a request may name (beyond MAX_TILE_ZOOM the last band is reused). */
export const MAX_REQUEST_ZOOM = 22;

export interface ZoomBand {
  minZoom: number;
  maxZoom: number;
}

export const ZOOM_BANDS: readonly ZoomBand[] = [
  { minZoom: 0, maxZoom: 3 },
  { minZoom: 4, maxZoom: 5 },
  { minZoom: 6, maxZoom: 7 },
  { minZoom: 8, maxZoom: 9 },
  { minZoom: 10, maxZoom: 11 },
  { minZoom: 12, maxZoom: MAX_REQUEST_ZOOM },
];

const EARTH_CIRCUMFERENCE_M = 40075016.686;

/**
 * Simplification tolerance in web-mercator metres: one pixel of a 512-pixel tile at the band's deepest zoom, so a
 * feature never loses a detail a reader could see. The deepest band keeps the source geometry as it is.
 */
export function toleranceForBand(band: ZoomBand): number {
  if (band.maxZoom >= MAX_REQUEST_ZOOM) return 0;
  return EARTH_CIRCUMFERENCE_M / (512 * 2 ** band.maxZoom);
}

/** The bands a layer is stored in, clipped to the layer's minimum zoom. */
export function bandsForLayer(layer: TileLayer): ZoomBand[] {
  return ZOOM_BANDS.filter((band) => band.maxZoom >= layer.minZoom).map((band) => ({
    minZoom: Math.max(band.minZoom, layer.minZoom),
    maxZoom: band.maxZoom,
  }));
}
