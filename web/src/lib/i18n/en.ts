import type { MessageKey } from './id';

// Typed against the Indonesian keys so a missing or misspelled translation fails the type check.
export const en: Record<MessageKey, string> = {
  'app.title': 'Pantau',
  'app.tagline': 'Border area map for TIMPORA',

  'lang.group': 'Display language',
  'lang.switchTo': 'Switch language to Bahasa Indonesia',
  'lang.id.short': 'ID',
  'lang.id.name': 'Bahasa Indonesia',
  'lang.en.short': 'EN',
  'lang.en.name': 'English',

  'map.label': 'Map of administrative regions and borders',
  'map.loading': 'Loading map…',
  'map.styleError':
    'The map could not be loaded from the server. Check that the Pantau server is running, then reload.',
  'map.clickedPoint': 'Selected point',

  'maplibre.map': 'Map',
  'maplibre.marker': 'Map marker',
  'maplibre.zoomIn': 'Zoom in',
  'maplibre.zoomOut': 'Zoom out',
  'maplibre.resetBearing': 'Drag to rotate the map, click to reset north',
  'maplibre.toggleAttribution': 'Show or hide attribution',
  'maplibre.popupClose': 'Close',

  'search.label': 'Search regions',
  'search.placeholder': 'Search village, district, regency…',
  'search.hintMinLength': 'Type at least 2 characters.',
  'search.searching': 'Searching…',
  'search.noResults': 'No region matches “{query}”.',
  'search.clear': 'Clear search',
  'search.results': 'Search results',

  'level.provinsi': 'Province',
  'level.kabupaten': 'Regency/City',
  'level.kecamatan': 'District',
  'level.desa': 'Village',

  'selected.heading': 'Selected region',
  'selected.dismiss': 'Dismiss selected region',

  'panel.heading': 'Location details',
  'panel.close': 'Close panel',
  'panel.loading': 'Looking up the region at this point…',
  'panel.coordinates': 'Coordinates',
  'panel.kind.desa': 'Village (desa)',
  'panel.kind.kelurahan': 'Urban village (kelurahan)',
  'panel.kecamatan': 'District (kecamatan)',
  'panel.kabupaten': 'Regency/City',
  'panel.provinsi': 'Province',
  'panel.code': 'Region code',
  'panel.distanceHeading': 'Distance to the border',
  'panel.distanceNearest': 'Nearest border',
  'panel.distanceLand': 'Land border',
  'panel.distanceSea': 'Sea boundary',
  'panel.distanceUnavailable': 'The distance to the border is not available for this point.',
  'panel.distanceValue': '{value} km',
  'panel.outsideDesa':
    'This point is not inside any village in our data — it may be at sea or outside the area that has been loaded.',
  'panel.nothingHere':
    'Sorry, there is no Indonesian administrative region at this point. Try clicking on land in the border area.',

  'disclaimer.border': 'The border lines on this map are not the legal boundary.',

  'legend.heading': 'Legend',
  'legend.desa': 'Village boundary',
  'legend.kecamatan': 'District boundary',
  'legend.kabupaten': 'Regency/city boundary',
  'legend.provinsi': 'Province boundary',
  'legend.landBorder': 'Land border (approximate)',
  'legend.seaBoundary': 'Sea boundary (approximate)',

  'footer.credits': '© OpenStreetMap contributors · © cahyadsn/wilayah_boundaries · idn-area-data · MapLibre',
  'footer.sources': 'Data sources',
  'footer.dataVintage': 'Boundary data: {vintage}',
  'footer.serverUnavailable': 'Server or database unavailable',

  'sources.heading': 'Data sources',
  'sources.boundaries': 'Boundaries: © cahyadsn/wilayah_boundaries (MIT licence)',
  'sources.codes': 'Region codes and names: idn-area-data (ODbL licence)',
  'sources.osm': 'Country outlines and border lines: © OpenStreetMap contributors (ODbL licence), via @geo-maps',
  'sources.vintage': 'Boundary data version: {vintage}, imported {importedAt}.',
  'sources.close': 'Close',

  'error.network': 'The Pantau server cannot be reached. Check the network or whether the server is running.',
  'error.client': 'Something went wrong on this page. Try reloading it.',
  'error.unexpected': 'The server sent an unexpected response (HTTP {status}).',
};
