import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../schemas/common.ts';
import {
  IncidentPointsResponse,
  IncidentSummaryResponse,
  LayerFilterQuery,
  ResidentSummaryResponse,
  SummaryByRegionQuery,
  ViewSummaryResponse,
} from '../schemas/layers.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema };

export const layerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Operational data: computed per caller (role and area), never stored by a browser or a proxy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/layers/residents/summary',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Foreign residents per province, kabupaten, kecamatan or desa: people, overstays, permits expiring',
        tags: ['layers'],
        querystring: SummaryByRegionQuery,
        response: { 200: ResidentSummaryResponse, ...errors },
      },
    },
    async (request) => {
      const { level, ...filters } = request.query;
      return app.layers.summariseResidents(request.account!, level, filters);
    },
  );

  app.get(
    '/api/layers/incidents/summary',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Incidents per province, kabupaten, kecamatan or desa, by type',
        tags: ['layers'],
        querystring: SummaryByRegionQuery,
        response: { 200: IncidentSummaryResponse, ...errors },
      },
    },
    async (request) => {
      const { level, ...filters } = request.query;
      return app.layers.summariseIncidents(request.account!, level, filters);
    },
  );

  app.get(
    '/api/layers/incidents/points',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Incident points (newest first, at most 20,000) for the map',
        tags: ['layers'],
        querystring: LayerFilterQuery,
        response: { 200: IncidentPointsResponse, ...errors },
      },
    },
    async (request) => app.layers.findIncidentPoints(request.account!, request.query),
  );

  app.get(
    '/api/layers/summary',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The summary strip for a view: people, overstays, permits expiring within 30 days, incidents by type',
        tags: ['layers'],
        querystring: LayerFilterQuery,
        response: { 200: ViewSummaryResponse, ...errors },
      },
    },
    async (request) => app.layers.summariseView(request.account!, request.query),
  );
};
