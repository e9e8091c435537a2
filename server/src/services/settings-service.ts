/** Settings an admin may change; each change is audited with its before and after. */
import type { Actor } from '../domain/actor.ts';
import type { AccountRepository } from '../repositories/account-repository.ts';
import { AppError } from '../errors.ts';
import { SMALL_COUNT_THRESHOLD_RANGE, type Settings } from '../schemas/accounts.ts';
import type { AccountService } from './account-service.ts';
import type { AuditService } from './audit.ts';
import { DEFAULT_SMALL_COUNT_THRESHOLD } from './redaction-policy.ts';

const isThreshold = (value: unknown): value is number =>
  Number.isInteger(value) &&
  (value as number) >= SMALL_COUNT_THRESHOLD_RANGE.minimum &&
  (value as number) <= SMALL_COUNT_THRESHOLD_RANGE.maximum;

const invalidThreshold = () => {
  const { minimum, maximum } = SMALL_COUNT_THRESHOLD_RANGE;
  return new AppError(400, 'INVALID_SETTING', {
    id: `Ambang jumlah kecil harus bilangan bulat dari ${minimum} sampai ${maximum}.`,
    en: `The small-count threshold must be a whole number from ${minimum} to ${maximum}.`,
  });
};

export function createSettingsService(accounts: AccountRepository, audit: AuditService, accountAdmin: AccountService) {
  async function read(): Promise<Settings> {
    const threshold = await accounts.findSetting('smallCountThreshold');
    // A value stored before the range was enforced (null, Infinity, 0) must not switch the protection off.
    return { smallCountThreshold: isThreshold(threshold) ? threshold : DEFAULT_SMALL_COUNT_THRESHOLD };
  }
  return {
    read,
    async update(actor: Actor, next: Settings): Promise<Settings> {
      // The route's schema checks this too; scripts and other callers reach the service without it.
      if (!isThreshold(next.smallCountThreshold)) throw invalidThreshold();
      const before = await read();
      await accountAdmin.inTransaction(async (client) => {
        await accounts.upsertSetting(client, 'smallCountThreshold', next.smallCountThreshold);
        await audit.record(actor, { action: 'settings.update', targetType: 'settings', before, after: next }, client);
      });
      return read();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
