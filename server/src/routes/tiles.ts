import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common.ts';
import { StyleQuery, TileParams } from '../schemas/tiles.ts';
import { buildBasemapStyle } from '../services/basemap-style.ts';

export const tileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      config: { access: 'anyAccount' },
      schema: {
        summary: 'A Mapbox Vector Tile of one boundary layer (gzip); 204 when the tile is empty',
        tags: ['tiles'],
        params: TileParams,
        response: {
          200: Type.Unsafe<Buffer>({
            type: 'string',
            format: 'binary',
            description: 'application/vnd.mapbox-vector-tile',
          }),
          204: Type.Null({ description: 'No feature in this tile' }),
          304: Type.Null({ description: 'Not modified (ETag)' }),
          404: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { layer, z, x, y } = request.params;
      const tile = await app.tiles.getTile(layer, z, x, y);
      // Signed-in users only: browsers may keep tiles, shared caches may not.
      reply
        .header('cache-control', 'private, max-age=3600')
        .header('etag', tile.etag)
        .header('vary', 'accept-encoding');
      if (request.headers['if-none-match'] === tile.etag) return reply.code(304).send(null);
      if (tile.gzipped.length === 0) return reply.code(204).send(null);
      reply.type('application/vnd.mapbox-vector-tile');
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        return reply.header('content-encoding', 'gzip').send(tile.gzipped);
      }
      return reply.send(await app.tiles.gunzip(tile));
    },
  );

  app.get(
    '/api/style.json',
    {
      config: { access: 'anyAccount' },
      schema: {
        summary: 'The offline maplibre style: basemap, boundaries and borders, all served by this server',
        tags: ['tiles'],
        querystring: StyleQuery,
      },
    },
    async (request, reply) => {
      const origin = app.config.publicUrl ?? `${request.protocol}://${request.host}`;
      reply.header('cache-control', 'no-cache');
      return buildBasemapStyle(origin, request.query.lang ?? 'id');
    },
  );
};
