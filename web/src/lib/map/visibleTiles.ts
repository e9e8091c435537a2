// The tile addresses the map shows now, for the service worker to keep (issue #14). maplibre fetches tiles in its
// own web worker, which a service worker that arrived after the page never controls: on that first visit the page
// hands the worker these addresses instead (answered from the browser's HTTP cache, so nothing is downloaded twice).
import type { Map as MapLibreMap } from 'maplibre-gl';

/** At most this many tiles per source and view (a very wide window at a deep zoom). */
const MAX_PER_SOURCE = 64;

function tileX(lon: number, z: number): number {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}

function tileY(lat: number, z: number): number {
  const clamped = Math.max(-85.0511, Math.min(85.0511, lat));
  const radians = (clamped * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * 2 ** z);
}

export function visibleTileUrls(map: MapLibreMap): string[] {
  const bounds = map.getBounds();
  const urls: string[] = [];
  for (const source of Object.values(map.getStyle().sources)) {
    if (source.type !== 'vector' || !source.tiles?.[0]) continue;
    const tileSize = 'tileSize' in source && typeof source.tileSize === 'number' ? source.tileSize : 512;
    // maplibre's covering zoom for a vector source: the map's zoom, floored, scaled by the tile size.
    const ideal = Math.floor(map.getZoom() + Math.log2(512 / tileSize));
    const z = Math.max(source.minzoom ?? 0, Math.min(source.maxzoom ?? 22, ideal));
    if (ideal < (source.minzoom ?? 0)) continue;
    const [west, east] = [tileX(bounds.getWest(), z), tileX(bounds.getEast(), z)];
    const [north, south] = [tileY(bounds.getNorth(), z), tileY(bounds.getSouth(), z)];
    let count = 0;
    for (let x = Math.max(0, west); x <= Math.min(2 ** z - 1, east) && count < MAX_PER_SOURCE; x++) {
      for (let y = Math.max(0, north); y <= Math.min(2 ** z - 1, south) && count < MAX_PER_SOURCE; y++, count++) {
        urls.push(source.tiles[0].replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
      }
    }
  }
  return urls;
}
