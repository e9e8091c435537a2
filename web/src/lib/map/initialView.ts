import type { LngLatLike } from 'maplibre-gl';

/** Opening view when the URL carries none: the Kalimantan–Sarawak border, where most TIMPORA teams work. */
export const initialView: { center: LngLatLike; zoom: number } = {
  center: [110.5, 1.0],
  zoom: 7,
};

/** Name of the URL hash parameter holding the view, e.g. `#peta=9.5/1.0123/110.4567`. */
export const viewHashName = 'peta';

/** Closest zoom when flying to a search result: enough to read desa names without losing context. */
export const searchResultMaxZoom = 13;
