/** Writes audit entries with who, from where and which request, taken from the request itself. */
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { AuditEntryInput, AuditRepository } from '../repositories/audit-repository.ts';

export type AuditEvent = Omit<AuditEntryInput, 'accountId' | 'username' | 'role' | 'ip' | 'requestId'> &
  Partial<Pick<AuditEntryInput, 'accountId' | 'username' | 'role'>>;

export function createAuditService(repository: AuditRepository) {
  return {
    /**
     * Records an event on behalf of the request's account (or the identity given in the event). Without a request
     * (the `npm run user` command on the server itself), the entry says so.
     */
    async record(request: FastifyRequest | null, event: AuditEvent, db?: pg.PoolClient): Promise<void> {
      const account = request?.account ?? null;
      await repository.insertEntry(
        {
          accountId: event.accountId ?? account?.id ?? null,
          username: event.username ?? account?.username ?? (request ? null : 'system'),
          role: event.role ?? account?.role ?? null,
          ip: request?.ip ?? 'server console',
          requestId: request?.id ?? null,
          ...event,
        },
        db,
      );
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
