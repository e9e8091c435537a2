/**
 * The offline maplibre style: every source is one of our own tile layers, so the page never asks another host for
 * anything. There is no `glyphs` URL: maplibre draws label text locally from the browser's own fonts (TinySDF),
 * which keeps the app free of a glyph server and of any font download.
 */
import { palette } from './basemap-palette.ts';
import { MAX_TILE_ZOOM, TILE_LAYERS, type TileLayerName } from '../domain/tile-layers.ts';

export type Language = 'id' | 'en';

const ATTRIBUTION: Record<Language, { boundaries: string; osm: string }> = {
  id: {
    boundaries: 'Batas wilayah © cahyadsn/wilayah_boundaries (MIT) · kode: idn-area-data (ODbL)',
    osm: '© OpenStreetMap contributors (ODbL) · garis batas negara hanya perkiraan, bukan batas yang sah',
  },
  en: {
    boundaries: 'Boundaries © cahyadsn/wilayah_boundaries (MIT) · codes: idn-area-data (ODbL)',
    osm: '© OpenStreetMap contributors (ODbL) · border lines are approximate, not the legal boundary',
  },
};

/** Where the boundaries come from, as the map states it: also the source line of every printed page (issue #11). */
export const boundaryAttribution = (language: Language): string => ATTRIBUTION[language].boundaries;

const LAND_INDONESIA = '#fbfaf5';
const LAND_NEIGHBOUR = '#e4e1d8';
const SEA = '#c6dcec';
const LABEL_HALO = '#ffffff';

const hoverOpacity = (hovered: number) => ['case', ['boolean', ['feature-state', 'hover'], false], hovered, 0];

function label(
  id: string,
  source: TileLayerName,
  minzoom: number,
  maxzoom: number,
  size: number,
  color: string,
  field: unknown,
) {
  return {
    id,
    type: 'symbol',
    source,
    'source-layer': `${source}_label`,
    minzoom,
    maxzoom,
    layout: { 'text-field': field, 'text-size': size, 'text-max-width': 8, 'text-padding': 4 },
    paint: { 'text-color': color, 'text-halo-color': LABEL_HALO, 'text-halo-width': 1.5 },
  };
}

export function buildBasemapStyle(origin: string, language: Language) {
  const attribution = ATTRIBUTION[language];
  const sources = Object.fromEntries(
    Object.values(TILE_LAYERS).map((layer) => [
      layer.name,
      {
        type: 'vector',
        tiles: [`${origin}/tiles/${layer.name}/{z}/{x}/{y}.mvt`],
        minzoom: layer.minZoom,
        maxzoom: MAX_TILE_ZOOM,
        promoteId: 'code',
        attribution: layer.name === 'countries' || layer.name === 'borders' ? attribution.osm : attribution.boundaries,
      },
    ]),
  );
  const countryName = language === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name'];
  return {
    version: 8,
    name: 'Pantau',
    metadata: { 'pantau:language': language },
    center: [110.5, 1.0],
    zoom: 7,
    sources,
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': SEA } },
      {
        id: 'countries-fill',
        type: 'fill',
        source: 'countries',
        'source-layer': 'countries',
        paint: { 'fill-color': ['match', ['get', 'code'], 'IDN', LAND_INDONESIA, LAND_NEIGHBOUR] },
      },
      {
        id: 'countries-outline',
        type: 'line',
        source: 'countries',
        'source-layer': 'countries',
        paint: { 'line-color': '#9fb7c9', 'line-width': 0.8 },
      },
      {
        id: 'kecamatan-fill',
        type: 'fill',
        source: 'kecamatan',
        'source-layer': 'kecamatan',
        minzoom: TILE_LAYERS.kecamatan.minZoom,
        paint: { 'fill-color': palette.kecamatanLine, 'fill-opacity': hoverOpacity(0.12) },
      },
      {
        id: 'desa-fill',
        type: 'fill',
        source: 'desa',
        'source-layer': 'desa',
        minzoom: TILE_LAYERS.desa.minZoom,
        paint: { 'fill-color': palette.desaLine, 'fill-opacity': hoverOpacity(0.22) },
      },
      {
        id: 'desa-line',
        type: 'line',
        source: 'desa',
        'source-layer': 'desa',
        minzoom: TILE_LAYERS.desa.minZoom,
        paint: { 'line-color': palette.desaLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 13, 1.6] },
      },
      {
        id: 'kecamatan-line',
        type: 'line',
        source: 'kecamatan',
        'source-layer': 'kecamatan',
        minzoom: TILE_LAYERS.kecamatan.minZoom,
        paint: {
          'line-color': palette.kecamatanLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1, 12, 2.2],
        },
      },
      {
        id: 'kabupaten-line',
        type: 'line',
        source: 'kabupaten',
        'source-layer': 'kabupaten',
        minzoom: TILE_LAYERS.kabupaten.minZoom,
        paint: {
          'line-color': palette.kabupatenLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 2.5],
        },
      },
      {
        id: 'provinsi-line',
        type: 'line',
        source: 'provinsi',
        'source-layer': 'provinsi',
        paint: { 'line-color': palette.provinsiLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 1, 10, 3] },
      },
      {
        id: 'border-sea',
        type: 'line',
        source: 'borders',
        'source-layer': 'borders',
        filter: ['==', ['get', 'kind'], 'sea'],
        paint: { 'line-color': palette.seaBoundary, 'line-width': 2.5, 'line-dasharray': [3, 2] },
      },
      {
        id: 'border-land',
        type: 'line',
        source: 'borders',
        'source-layer': 'borders',
        filter: ['==', ['get', 'kind'], 'land'],
        paint: { 'line-color': palette.landBorder, 'line-width': 3, 'line-dasharray': [3, 1.5] },
      },
      label('desa-label', 'desa', 11, 24, 12, '#8a2c07', ['get', 'name']),
      label('kecamatan-label', 'kecamatan', 8.5, 11.5, 13, '#4b2fa8', ['get', 'name']),
      label('kabupaten-label', 'kabupaten', 6, 8.5, 14, '#343a40', ['get', 'name']),
      label('provinsi-label', 'provinsi', 4, 6, 15, '#212529', ['get', 'name']),
      label('country-label', 'countries', 3, 11, 18, '#5c6b77', countryName),
    ],
  };
}
