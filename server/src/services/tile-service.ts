/**
 * Vector tiles: validates the address, reads the tile with one SQL statement, gzips it once and keeps it in an
 * in-process LRU cache keyed by the data vintage, so warm tiles cost a map lookup.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.ts';
import type { BoundaryRepository } from '../repositories/boundary-repository.ts';
import { MAX_REQUEST_ZOOM, MAX_TILE_ZOOM, TILE_LAYERS, type TileLayerName } from '../domain/tile-layers.ts';

export interface EncodedTile {
  /** gzip-compressed MVT; empty when the tile holds no feature. */
  gzipped: Buffer;
  etag: string;
}

export interface TileService {
  getTile(layer: string, z: number, x: number, y: number): Promise<EncodedTile>;
  /** Drops cached tiles when the boundaries were re-imported. */
  setVintage(vintage: string): void;
  /** For the rare client that does not accept gzip. */
  gunzip(tile: EncodedTile): Promise<Buffer>;
  cacheSize(): number;
}

function invalidTile(id: string, en: string): AppError {
  return new AppError(400, 'INVALID_TILE', { id, en });
}

export function checkTileAddress(layer: string, z: number, x: number, y: number): TileLayerName {
  if (!Object.hasOwn(TILE_LAYERS, layer)) {
    throw new AppError(404, 'UNKNOWN_LAYER', {
      id: `Lapisan '${layer}' tidak ada. Lapisan yang tersedia: ${Object.keys(TILE_LAYERS).join(', ')}.`,
      en: `There is no layer '${layer}'. Available layers: ${Object.keys(TILE_LAYERS).join(', ')}.`,
    });
  }
  checkTileCoordinates(z, x, y);
  return layer as TileLayerName;
}

export function checkTileCoordinates(z: number, x: number, y: number): void {
  if (!Number.isInteger(z) || z < 0 || z > MAX_REQUEST_ZOOM) {
    throw invalidTile(
      `Zoom harus bilangan bulat 0–${MAX_REQUEST_ZOOM}.`,
      `Zoom must be a whole number from 0 to ${MAX_REQUEST_ZOOM}.`,
    );
  }
  const size = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= size || y >= size) {
    throw invalidTile(
      `Koordinat petak ${x}/${y} di luar jangkauan untuk zoom ${z} (0–${size - 1}).`,
      `Tile coordinates ${x}/${y} are out of range for zoom ${z} (0–${size - 1}).`,
    );
  }
}

const EMPTY: EncodedTile = { gzipped: Buffer.alloc(0), etag: '"empty"' };

export function createTileService(repository: BoundaryRepository, maxEntries: number): TileService {
  let vintage = '';
  const cache = new LRUCache<string, EncodedTile>({ max: maxEntries });
  const pending = new Map<string, Promise<EncodedTile>>();

  async function render(layer: TileLayerName, z: number, x: number, y: number): Promise<EncodedTile> {
    if (z < TILE_LAYERS[layer].minZoom) return EMPTY;
    const tile = await repository.findTile(layer, z, x, y, Math.min(z, MAX_TILE_ZOOM));
    if (tile.length === 0) return EMPTY;
    const etag = `"${createHash('sha1').update(vintage).update(tile).digest('base64url').slice(0, 22)}"`;
    return { gzipped: gzipSync(tile, { level: 6 }), etag };
  }

  return {
    async getTile(layerName, z, x, y) {
      const layer = checkTileAddress(layerName, z, x, y);
      const key = `${layer}/${z}/${x}/${y}`;
      const cached = cache.get(key);
      if (cached) return cached;
      // Concurrent requests for the same cold tile share one query.
      let inFlight = pending.get(key);
      if (!inFlight) {
        inFlight = render(layer, z, x, y).finally(() => pending.delete(key));
        pending.set(key, inFlight);
      }
      const tile = await inFlight;
      cache.set(key, tile);
      return tile;
    },
    setVintage(next) {
      if (next !== vintage) cache.clear();
      vintage = next;
    },
    cacheSize: () => cache.size,
    gunzip: async (tile) => gunzipSync(tile.gzipped),
  };
}
