/** Writes audit entries with who, from where and which request, taken from the actor (server/src/domain/actor.ts). */
import type pg from 'pg';
import { SYSTEM_USERNAME, type Actor } from '../domain/actor.ts';
import type { AuditEntryInput, AuditRepository } from '../repositories/audit-repository.ts';

export type AuditEvent = Omit<AuditEntryInput, 'accountId' | 'username' | 'role' | 'ip' | 'requestId'> &
  Partial<Pick<AuditEntryInput, 'accountId' | 'username' | 'role'>>;

export function createAuditService(repository: AuditRepository) {
  return {
    /**
     * Records an event on behalf of the actor's account (or the identity given in the event: a sign-in names the
     * account it tried). On the server console (`npm run user`) the entry names the user `system`.
     */
    async record(actor: Actor, event: AuditEvent, db?: pg.PoolClient): Promise<void> {
      const account = actor.account;
      await repository.insertEntry(
        {
          accountId: event.accountId ?? account?.id ?? null,
          username: event.username ?? account?.username ?? (actor.via === 'console' ? SYSTEM_USERNAME : null),
          role: event.role ?? account?.role ?? null,
          ip: actor.ip,
          requestId: actor.requestId,
          ...event,
        },
        db,
      );
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
