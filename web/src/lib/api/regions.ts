// Regions: what contains a point, and search by name (any signed-in account).
import { api } from './client';
import type { RegionSearchResponse, RegionsAtPoint } from './types';

/** Search limits enforced by the server; checking them here avoids a round trip that can only fail. */
export const searchQueryLength = { min: 2, max: 100 } as const;

/**
 * Which desa, kecamatan, kabupaten and provinsi contain the point, and how far it is from the border.
 * Six decimals (about 10 cm) is far finer than any boundary and keeps repeated clicks cache-friendly.
 */
export function findRegionAt(lon: number, lat: number, signal: AbortSignal): Promise<RegionsAtPoint> {
  return api('get', '/api/regions/at', { query: { lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) }, signal });
}

/** Regions whose name matches `query`, best match first. */
export function searchRegions(query: string, limit: number, signal: AbortSignal): Promise<RegionSearchResponse> {
  const q = query.trim().slice(0, searchQueryLength.max);
  const clampedLimit = Math.min(20, Math.max(1, Math.round(limit)));
  return api('get', '/api/regions/search', { query: { q, limit: clampedLimit }, signal });
}
