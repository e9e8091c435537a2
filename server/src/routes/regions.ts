import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { searchRegions } from '../services/region-search.ts';
import { errorResponses } from '../schemas/common.ts';
import {
  AreaListResponse,
  RegionSearchQuery,
  RegionSearchResponse,
  RegionsAtQuery,
  RegionsAtResponse,
} from '../schemas/regions.ts';

export const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/regions/at',
    {
      config: { access: 'anyAccount' },
      schema: {
        summary: 'The desa, kecamatan, kabupaten and province containing a point, with its distance to the border',
        tags: ['regions'],
        querystring: RegionsAtQuery,
        response: { 200: RegionsAtResponse, ...errorResponses },
      },
    },
    async (request) => app.boundaries.findRegionsAt(request.query.lon, request.query.lat),
  );

  app.get(
    '/api/regions/search',
    {
      config: { access: 'anyAccount' },
      schema: {
        summary: 'Find regions by name (case- and accent-insensitive, ranked), with their bounding boxes',
        tags: ['regions'],
        querystring: RegionSearchQuery,
        response: { 200: RegionSearchResponse, ...errorResponses },
      },
    },
    async (request) => ({ results: await searchRegions(app.boundaries, request.query.q, request.query.limit) }),
  );

  app.get(
    '/api/regions/areas',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Every province and kabupaten/kota: the units an account’s area is made of',
        tags: ['regions'],
        response: { 200: AreaListResponse },
      },
    },
    async () => ({ areas: await app.boundaries.listAreaUnits() }),
  );
};
