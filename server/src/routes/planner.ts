import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../schemas/common.ts';
import { PlannerCandidatesResponse, PlannerQuery } from '../schemas/planner.ts';

/** The desa binaan planner (issue #12): one answer with every candidate's facts; the browser scores and ranks. */
export const plannerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/planner/candidates',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'Every desa of the caller’s area that is not yet binaan, with the facts of its score: people and incidents as the role may see them, distances to the borders, the nearest office and desa binaan',
        tags: ['planner'],
        querystring: PlannerQuery,
        response: { 200: PlannerCandidatesResponse, 400: ErrorSchema, 401: ErrorSchema },
      },
    },
    async (request) => app.planner.candidates(request.account!, request.query),
  );
};
