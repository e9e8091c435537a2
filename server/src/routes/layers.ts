import { markKeptOwner } from '../plugins/kept-owner.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ROLES_FILING } from '../domain/who-sees-people.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { signedInActorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import {
  DesaBinaanListResponse,
  CreatedIncidentResponse,
  FilingHeaders,
  OwnReportsResponse,
  NewIncidentBody,
  RecordIdParams,
  RecordResponse,
  ResidentPointsResponse,
  TimporaTeamsResponse,
  WorkplaceListResponse,
  IncidentPointsResponse,
  OperationalTileParams,
  IncidentSummaryResponse,
  ResidentSummaryResponse,
  SummaryByRegionQuery,
  ViewSummaryQuery,
  ViewSummaryResponse,
} from '../schemas/layers.ts';
import { LayerFilterQuery } from '../schemas/layer-filters.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema };

/** Routes whose answers name no person: counts per region (published by ADR 0007 for roles that may not see people). */
const KEPT_OFFLINE: ReadonlySet<string> = new Set([
  '/api/layers/residents/summary',
  '/api/layers/incidents/summary',
  '/api/layers/summary',
  '/api/layers/workplaces',
  '/api/layers/desa-binaan',
  '/api/layers/timpora-teams',
]);

export const layerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Operational data is computed per caller (role and area) and never stored by a proxy. Answers of people (records,
  // points) are not stored anywhere; the roll-ups and the layers without people may be kept by the caller's own
  // browser, checked with us before each use, so the service worker can open the last view offline (ADR 0014).
  app.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('cache-control')) return;
    const kept = KEPT_OFFLINE.has(request.routeOptions.url ?? '');
    reply.header('cache-control', kept ? 'private, no-cache' : 'no-store');
    if (kept) markKeptOwner(request, reply);
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
        querystring: ViewSummaryQuery,
        response: { 200: ViewSummaryResponse, ...errors },
      },
    },
    async (request) => app.layers.summariseView(request.account!, request.query),
  );

  app.get(
    '/api/layers/workplaces',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Workplaces (plantations, mines, factories) with their foreign workers by nationality',
        tags: ['layers'],
        querystring: LayerFilterQuery,
        response: { 200: WorkplaceListResponse, ...errors },
      },
    },
    async (request) => app.layers.findWorkplaces(request.account!, request.query),
  );

  app.get(
    '/api/layers/desa-binaan',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Desa binaan imigrasi in the caller’s area',
        tags: ['layers'],
        querystring: LayerFilterQuery,
        response: { 200: DesaBinaanListResponse, ...errors },
      },
    },
    async (request) => app.layers.findDesaBinaan(request.account!, request.query),
  );

  app.get(
    '/api/layers/timpora-teams',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'TIMPORA teams per kecamatan and each province’s target number of kecamatan teams',
        tags: ['layers'],
        response: { 200: TimporaTeamsResponse, ...errors },
      },
    },
    async (request) => app.layers.findTimporaTeams(request.account!),
  );

  app.get(
    '/api/layers/residents/points',
    {
      config: { access: ['intel'] },
      schema: {
        summary: 'Foreign residents at their home points (personal data: intel only)',
        tags: ['layers'],
        querystring: LayerFilterQuery,
        response: { 200: ResidentPointsResponse, ...errors, 403: ErrorSchema },
      },
    },
    async (request) => app.layers.findResidentPoints(request.account!, request.query),
  );

  app.get(
    '/api/residents/:id',
    {
      config: { access: ['intel'] },
      schema: {
        summary: 'One foreign resident (personal data: intel only); every read is audited',
        tags: ['layers'],
        params: RecordIdParams,
        response: { 200: RecordResponse, 403: ErrorSchema, 404: ErrorSchema, ...errors },
      },
    },
    async (request) => app.layers.findResident(signedInActorOf(request), request.params.id),
  );

  app.get(
    '/api/incidents/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'One incident with its status history, redacted by role; every read is audited',
        tags: ['layers'],
        params: RecordIdParams,
        response: { 200: RecordResponse, 404: ErrorSchema, ...errors },
      },
    },
    async (request) => app.layers.findIncident(signedInActorOf(request), request.params.id),
  );

  app.post(
    '/api/incidents',
    {
      // A report is an alert to the office: a few a minute from one place, never a flood.
      config: { access: ROLES_FILING, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary:
          'File one incident (a report) at a point picked on the map, inside the caller’s area (reporting agency: the caller’s agency); it reaches the immigration office of its location. With an Idempotency-Key, a retry answers 200 with the report filed the first time',
        tags: ['layers'],
        headers: FilingHeaders,
        body: NewIncidentBody,
        response: { 200: CreatedIncidentResponse, 201: CreatedIncidentResponse, 403: ErrorSchema, ...errors },
      },
    },
    async (request, reply) => {
      const filed = await app.layers.fileIncident(
        signedInActorOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      reply.code(filed.replayed ? 200 : 201);
      return filed;
    },
  );

  app.get(
    '/api/incidents/mine',
    {
      config: { access: ROLES_FILING },
      schema: {
        summary:
          'The reports the caller filed itself, newest first, with each step of their follow-up (what a reporter sees)',
        tags: ['layers'],
        response: { 200: OwnReportsResponse, ...errors },
      },
    },
    async (request) => app.layers.listOwnFilings(signedInActorOf(request)),
  );

  /**
   * Per caller and per filter. An incident tile may be kept by the browser but must be checked with us before each use
   * (`no-cache` with an ETag: a 304 costs nothing), so the next account on the same browser — the projector after an
   * intel officer — never sees the previous one's tile, and a just-filed incident shows at once. Tiles of people's homes
   * are personal data and are not stored anywhere, not even in the browser's cache.
   */
  const sendTile = (request: FastifyRequest, reply: FastifyReply, tile: Buffer, personal = false) => {
    if (personal) reply.header('cache-control', 'no-store');
    else {
      const etag = `"${createHash('sha1').update(tile).digest('base64url')}"`;
      reply.header('cache-control', 'private, no-cache').header('etag', etag);
      markKeptOwner(request, reply);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
    }
    if (tile.length === 0) return reply.code(204).send(null);
    return reply.type('application/vnd.mapbox-vector-tile').header('content-encoding', 'gzip').send(tile);
  };

  app.get(
    '/tiles/incidents/:z/:x/:y.mvt',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'Incidents as a vector tile (layer incidents: id, type, status, severity, occurredAt as epoch seconds; peopleCount for roles that may see people)',
        tags: ['layers'],
        params: OperationalTileParams,
        querystring: LayerFilterQuery,
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      return sendTile(request, reply, await app.layers.findIncidentTile(request.account!, request.query, z, x, y));
    },
  );

  app.get(
    '/tiles/residents/:z/:x/:y.mvt',
    {
      config: { access: ['intel'] },
      schema: {
        summary: 'Foreign residents at their home points as a vector tile (personal data: intel only)',
        tags: ['layers'],
        params: OperationalTileParams,
        querystring: LayerFilterQuery,
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      return sendTile(
        request,
        reply,
        await app.layers.findResidentTile(request.account!, request.query, z, x, y),
        true,
      );
    },
  );
};
