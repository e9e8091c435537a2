import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RETRY_AFTER_SECONDS } from '../errors.ts';
import { HealthResponse } from '../schemas/health.ts';

/** Is the database reachable, which PostGIS, which data vintage. 503 while the database is away. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        summary: 'Service health: database, PostGIS version and data vintage',
        tags: ['system'],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        const [postgisVersion, vintage] = await Promise.all([
          app.boundaries.findPostgisVersion(),
          app.boundaries.findVintage(),
        ]);
        return {
          status: 'ok' as const,
          database: { reachable: true, postgisVersion },
          data: { boundaries: vintage ? { vintage: vintage.version, importedAt: vintage.importedAt } : null },
        };
      } catch (error) {
        app.log.warn({ err: error }, 'health check: database unreachable');
        reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS));
        return {
          status: 'unavailable' as const,
          database: { reachable: false, postgisVersion: null },
          data: { boundaries: null },
        };
      }
    },
  );
};
