import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditListResponse, AuditQuery } from '../schemas/audit.ts';
import { ErrorSchema } from '../schemas/common.ts';
import { ADMIN_ONLY } from '../services/access-policy.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: ADMIN_ONLY },
      schema: {
        summary: 'The audit trail, newest first, filtered',
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: AuditListResponse, 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const limit = request.query.limit ?? 50;
      const entries = await app.auditLog.listEntries({ ...request.query, limit });
      return { entries, nextBefore: entries.length === limit ? entries[entries.length - 1]!.id : null };
    },
  );
};
