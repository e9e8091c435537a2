// Shapes of the Pantau HTTP API as documented for the web client; the server is the source of truth.

/** A point in WGS 84 degrees, named as the API names its query parameters. */
export interface GeoPoint {
  lon: number;
  lat: number;
}

export interface NamedRegion {
  code: string;
  name: string;
}

export interface DesaRegion extends NamedRegion {
  kind: 'desa' | 'kelurahan';
}

/** GET /api/regions/at */
export interface RegionsAtPoint {
  desa: DesaRegion | null;
  kecamatan: NamedRegion | null;
  kabupaten: NamedRegion | null;
  provinsi: NamedRegion | null;
  borderDistanceKm: number | null;
  landBorderDistanceKm: number | null;
  seaBorderDistanceKm: number | null;
}

export type RegionLevel = 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

export interface RegionSearchResult {
  level: RegionLevel;
  code: string;
  name: string;
  /** Parent regions, e.g. "Kec. Entikong, Kab. Sanggau, Kalimantan Barat". */
  context: string;
  bbox: BBox;
}

/** GET /api/regions/search */
export interface RegionSearchResponse {
  results: RegionSearchResult[];
}

/** GET /api/health */
export interface Health {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean; postgisVersion: string | null };
  data: { boundaries: { vintage: string; importedAt: string } | null };
}

/** Body of every 4xx/5xx answer. */
export interface ApiErrorBody {
  code: string;
  message: { id: string; en: string };
}
