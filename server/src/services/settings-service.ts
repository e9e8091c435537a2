/** Settings an admin may change; each change is audited with its before and after. */
import type { FastifyRequest } from 'fastify';
import type { AccountRepository } from '../repositories/account-repository.ts';
import type { Settings } from '../schemas/accounts.ts';
import type { AccountService } from './account-service.ts';
import type { AuditService } from './audit.ts';
import { DEFAULT_SMALL_COUNT_THRESHOLD } from './redaction-policy.ts';

export function createSettingsService(accounts: AccountRepository, audit: AuditService, accountAdmin: AccountService) {
  async function read(): Promise<Settings> {
    const threshold = await accounts.findSetting('smallCountThreshold');
    return { smallCountThreshold: typeof threshold === 'number' ? threshold : DEFAULT_SMALL_COUNT_THRESHOLD };
  }
  return {
    read,
    async update(request: FastifyRequest, next: Settings): Promise<Settings> {
      const before = await read();
      await accountAdmin.inTransaction(async (client) => {
        await accounts.upsertSetting(client, 'smallCountThreshold', next.smallCountThreshold);
        await audit.record(request, { action: 'settings.update', targetType: 'settings', before, after: next }, client);
      });
      return read();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
