// Shapes of the Pantau HTTP API, derived from the server's TypeBox schemas (the single source of truth), so the
// client cannot drift from what the server validates and documents.
import type { Static } from 'typebox';
import type { HealthResponse } from '../../../../server/src/schemas/health.ts';
import type {
  RegionSearchResponse as RegionSearchResponseSchema,
  RegionsAtResponse,
} from '../../../../server/src/schemas/regions.ts';
import type { ErrorSchema } from '../../../../server/src/schemas/common.ts';

/** A point in WGS 84 degrees, named as the API names its query parameters. */
export interface GeoPoint {
  lon: number;
  lat: number;
}

/** GET /api/regions/at */
export type RegionsAtPoint = Static<typeof RegionsAtResponse>;
export type DesaRegion = NonNullable<RegionsAtPoint['desa']>;
export type NamedRegion = NonNullable<RegionsAtPoint['kecamatan']>;

/** GET /api/regions/search */
export type RegionSearchResponse = Static<typeof RegionSearchResponseSchema>;
export type RegionSearchResult = RegionSearchResponse['results'][number];
export type RegionLevel = RegionSearchResult['level'];

/** [west, south, east, north] in degrees. */
export type BBox = RegionSearchResult['bbox'];

/** GET /api/health */
export type Health = Static<typeof HealthResponse>;

/** Body of every 4xx/5xx answer. */
export type ApiErrorBody = Static<typeof ErrorSchema>;
