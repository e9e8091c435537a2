/** Printed exports (issue #11): the region brief as a PDF, built on the server from the role's own answers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signedInActorOf } from '../plugins/actor.ts';
import { ErrorSchema } from '../schemas/common.ts';
import { BriefQuery, HandoutQuery, ImageExportBody, ImageExportResponse, PdfFile } from '../schemas/exports.ts';
import { SavedItemIdParams } from '../schemas/saved-views.ts';

export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/exports/brief.pdf',
    {
      config: { access: 'signedIn' },
      schema: {
        summary:
          'A PDF brief of a kabupaten or kecamatan of the caller’s area: map of incidents per desa, key numbers, incidents per month and by type, desa binaan and TIMPORA teams (redacted by role; audited)',
        tags: ['exports'],
        querystring: BriefQuery,
        response: {
          200: { description: 'The brief', content: { 'application/pdf': { schema: PdfFile } } },
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          429: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const file = await app.pdfBriefs.exportBrief(signedInActorOf(request), request.query);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.post(
    '/api/exports/image',
    {
      config: { access: 'signedIn' },
      bodyLimit: 8192,
      schema: {
        summary:
          'Records a map image (PNG) the browser is about to save, drawn from the view the caller already sees (audited as export.png)',
        tags: ['exports'],
        body: ImageExportBody,
        response: { 200: ImageExportResponse, 400: ErrorSchema, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.imageExports.recordImageExport(signedInActorOf(request), request.body);
    },
  );

  app.get(
    '/api/agendas/:id/handout.pdf',
    {
      // Whoever may read the agenda (any signed-in account of its agency; a presenting session as the viewer).
      config: { access: 'signedIn' },
      schema: {
        summary:
          'A PDF handout of an agenda of the caller’s agency: a cover listing its views, then each view’s map and key numbers for its filters and period (redacted by role, no speaker notes; audited)',
        tags: ['exports'],
        params: SavedItemIdParams,
        querystring: HandoutQuery,
        response: {
          200: { description: 'The handout', content: { 'application/pdf': { schema: PdfFile } } },
          400: ErrorSchema,
          401: ErrorSchema,
          404: ErrorSchema,
          429: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const file = await app.pdfHandouts.exportHandout(signedInActorOf(request), request.params.id, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};
