import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../schemas/common.ts';
import {
  BreakdownResponse,
  ChartQuery,
  IncidentSeriesResponse,
  ProvenanceResponse,
  ResidentSeriesResponse,
} from '../schemas/charts.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema };

/** The charts behind the time slider and in the side panel, and the data line of the map (issue #11). */
export const chartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/charts/incidents',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Incidents per month and type for the view and filters (the period’s months; default the last 12)',
        tags: ['charts'],
        querystring: ChartQuery,
        response: { 200: IncidentSeriesResponse, ...errors },
      },
    },
    async (request) => app.layers.chartIncidents(request.account!, request.query),
  );

  app.get(
    '/api/charts/residents',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Foreign residents on each month’s last day by permit type, for the view and filters',
        tags: ['charts'],
        querystring: ChartQuery,
        response: { 200: ResidentSeriesResponse, ...errors },
      },
    },
    async (request) => app.layers.chartResidents(request.account!, request.query),
  );

  app.get(
    '/api/charts/breakdown',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'Foreign residents on the period’s last day by nationality (groups for roles that may not see people) and permit type',
        tags: ['charts'],
        querystring: ChartQuery,
        response: { 200: BreakdownResponse, ...errors },
      },
    },
    async (request) => app.layers.chartBreakdown(request.account!, request.query),
  );

  app.get(
    '/api/provenance',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'The classification marking the office set, when the data of the caller’s area last changed (to the hour), and whether it is synthetic',
        tags: ['charts'],
        response: { 200: ProvenanceResponse, 401: ErrorSchema },
      },
    },
    async (request) => app.layers.provenance(request.account!),
  );
};
