import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { signedInActorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import { PdfFile } from '../schemas/exports.ts';
import {
  NewPlanBody,
  PlanChangesBody,
  PlanExportQuery,
  PlanListResponse,
  PlannerCandidatesResponse,
  PlannerQuery,
  PlanSchema,
} from '../schemas/planner.ts';
import { SavedItemIdParams } from '../schemas/saved-views.ts';
import { SAVED_VIEW_WRITERS } from '../services/saved-view-service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['planner'];
/**
 * Plans are for the roles that save views, to read and to write: their notes are the planners' words, and the
 * projector's viewer has no use for them (the planner's candidates are for everyone signed in).
 */
const READ = { access: SAVED_VIEW_WRITERS } as const;
const WRITE = { access: SAVED_VIEW_WRITERS } as const;

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

  app.get(
    '/api/planner/plans',
    {
      config: READ,
      schema: {
        summary: "The desa binaan plans of the caller's agency, the last changed first",
        tags,
        response: { 200: PlanListResponse },
      },
    },
    async (request) => ({ plans: await app.plannerPlans.listPlans(signedInActorOf(request).account) }),
  );

  app.get(
    '/api/planner/plans/:id',
    {
      config: READ,
      schema: {
        summary: "One plan of the caller's agency (404 for any other)",
        tags,
        params: SavedItemIdParams,
        response: { 200: PlanSchema, ...errors },
      },
    },
    async (request) => app.plannerPlans.readPlan(signedInActorOf(request).account, request.params.id),
  );

  app.post(
    '/api/planner/plans',
    {
      config: WRITE,
      schema: {
        summary:
          'Save a plan for the agency: weights, reach and the decision on each desa of the caller’s area (audited)',
        tags,
        body: NewPlanBody,
        response: { 201: PlanSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return app.plannerPlans.createPlan(signedInActorOf(request), request.body);
    },
  );

  app.put(
    '/api/planner/plans/:id',
    {
      config: WRITE,
      schema: {
        summary: 'Replace a plan: its author or an admin of the agency, on the current version (audited)',
        tags,
        params: SavedItemIdParams,
        body: PlanChangesBody,
        response: { 200: PlanSchema, ...errors },
      },
    },
    async (request) => app.plannerPlans.updatePlan(signedInActorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/planner/plans/:id',
    {
      config: WRITE,
      schema: {
        summary: 'Delete a plan: its author or an admin of the agency (audited)',
        tags,
        params: SavedItemIdParams,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await app.plannerPlans.deletePlan(signedInActorOf(request), request.params.id);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/api/planner/plans/:id/shortlist.csv',
    {
      config: READ,
      schema: {
        summary:
          'The plan’s shortlist as CSV: its parameters, then the best desa and every desa decided on, with score, contributions and the raw numbers, for the caller’s role (audited)',
        tags,
        params: SavedItemIdParams,
        querystring: PlanExportQuery,
        response: {
          200: { description: 'The shortlist', content: { 'text/csv': { schema: Type.String() } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const file = await app.plannerPlans.exportCsv(
        signedInActorOf(request),
        request.params.id,
        request.query.lang ?? 'id',
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.get(
    '/api/planner/plans/:id/shortlist.pdf',
    {
      config: READ,
      schema: {
        summary:
          'The plan as a PDF page for the meeting: map with the reach of each planned desa, the shortlist and the weights, for the caller’s role (audited)',
        tags,
        params: SavedItemIdParams,
        querystring: PlanExportQuery,
        response: {
          200: { description: 'The plan', content: { 'application/pdf': { schema: PdfFile } } },
          ...errors,
          429: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const file = await app.plannerPlans.exportPdf(
        signedInActorOf(request),
        request.params.id,
        request.query.lang ?? 'id',
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
};
