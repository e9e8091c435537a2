import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signedInActorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import {
  AgendaChangesBody,
  AgendaListResponse,
  AgendaReadQuery,
  AgendaWithViewsSchema,
  NewAgendaBody,
  NewViewBody,
  SavedItemIdParams,
  SavedViewListResponse,
  SavedViewSchema,
  ViewChangesBody,
} from '../schemas/saved-views.ts';
import { SAVED_VIEW_WRITERS } from '../services/saved-view-service.ts';

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
/** Reading is for everyone signed in (a presenting session included); writing for the roles that save views. */
const READ = { access: 'signedIn' } as const;
const WRITE = { access: SAVED_VIEW_WRITERS } as const;
const tags = ['views'];

/**
 * Speaker notes are the presenter's: they go only where asked for (`notes=include`, the presenter's window), never in
 * a list, so the projector's page never receives them (ADR 0010).
 */
const withoutNotes = <T extends { notes: string }>(view: T): T => ({ ...view, notes: '' });

export const savedViewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Titles and speaker notes of an office's meetings: never kept by a shared cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/views',
    {
      config: READ,
      schema: {
        summary: "The saved views of the caller's agency, the last changed first (without their speaker notes)",
        tags,
        response: { 200: SavedViewListResponse },
      },
    },
    async (request) => ({
      views: (await app.savedViews.listViews(signedInActorOf(request).account)).map(withoutNotes),
    }),
  );

  app.get(
    '/api/views/:id',
    {
      config: READ,
      schema: {
        summary: "One saved view of the caller's agency (404 for any other); its speaker notes with notes=include",
        tags,
        params: SavedItemIdParams,
        querystring: AgendaReadQuery,
        response: { 200: SavedViewSchema, ...errors },
      },
    },
    async (request) => {
      const view = await app.savedViews.readView(signedInActorOf(request).account, request.params.id);
      return request.query.notes === 'include' ? view : withoutNotes(view);
    },
  );

  app.post(
    '/api/views',
    {
      config: WRITE,
      schema: {
        summary: 'Save a view of the map for the agency (audited)',
        tags,
        body: NewViewBody,
        response: { 201: SavedViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return app.savedViews.createView(signedInActorOf(request), request.body);
    },
  );

  app.put(
    '/api/views/:id',
    {
      config: WRITE,
      schema: {
        summary: 'Replace a saved view: its author or an admin of the agency, on the current version (audited)',
        tags,
        params: SavedItemIdParams,
        body: ViewChangesBody,
        response: { 200: SavedViewSchema, ...errors },
      },
    },
    async (request) => app.savedViews.updateView(signedInActorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/views/:id',
    {
      config: WRITE,
      schema: {
        summary: 'Delete a saved view that is in no agenda: its author or an admin of the agency (audited)',
        tags,
        params: SavedItemIdParams,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await app.savedViews.deleteView(signedInActorOf(request), request.params.id);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/api/agendas',
    {
      config: READ,
      schema: {
        summary: "The meeting agendas of the caller's agency, the last changed first",
        tags,
        response: { 200: AgendaListResponse },
      },
    },
    async (request) => ({ agendas: await app.savedViews.listAgendas(signedInActorOf(request).account) }),
  );

  app.get(
    '/api/agendas/:id',
    {
      config: READ,
      schema: {
        summary: "One agenda of the caller's agency with its saved views in order (404 for any other)",
        tags,
        params: SavedItemIdParams,
        querystring: AgendaReadQuery,
        response: { 200: AgendaWithViewsSchema, ...errors },
      },
    },
    async (request) => {
      const agenda = await app.savedViews.readAgenda(signedInActorOf(request).account, request.params.id);
      // Speaker notes go to the presenter's window only, which asks for them; by default they are left out.
      if (request.query.notes === 'include') return agenda;
      return { ...agenda, views: agenda.views.map(withoutNotes) };
    },
  );

  app.post(
    '/api/agendas',
    {
      config: WRITE,
      schema: {
        summary: "Create a meeting agenda from saved views of the caller's agency (audited)",
        tags,
        body: NewAgendaBody,
        response: { 201: AgendaWithViewsSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return app.savedViews.createAgenda(signedInActorOf(request), request.body);
    },
  );

  app.put(
    '/api/agendas/:id',
    {
      config: WRITE,
      schema: {
        summary: 'Replace an agenda: its author or an admin of the agency, on the current version (audited)',
        tags,
        params: SavedItemIdParams,
        body: AgendaChangesBody,
        response: { 200: AgendaWithViewsSchema, ...errors },
      },
    },
    async (request) => app.savedViews.updateAgenda(signedInActorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/agendas/:id',
    {
      config: WRITE,
      schema: {
        summary: 'Delete an agenda (its views stay): its author or an admin of the agency (audited)',
        tags,
        params: SavedItemIdParams,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await app.savedViews.deleteAgenda(signedInActorOf(request), request.params.id);
      reply.code(204);
      return null;
    },
  );
};
