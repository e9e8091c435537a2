/** Settings an admin may change; each change is audited with its before and after. */
import type { Actor } from '../domain/actor.ts';
import type { AccountRepository } from '../repositories/account-repository.ts';
import { AppError } from '../errors.ts';
import { SMALL_COUNT_THRESHOLD_RANGE, type Settings, type SettingsChange } from '../schemas/accounts.ts';
import { CLASSIFICATIONS, type Classification } from '../schemas/vocabulary.ts';
import type { AccountService } from './account-service.ts';
import type { AuditService } from './audit.ts';
import { DEFAULT_SMALL_COUNT_THRESHOLD } from './redaction-policy.ts';

const isThreshold = (value: unknown): value is number =>
  Number.isInteger(value) &&
  (value as number) >= SMALL_COUNT_THRESHOLD_RANGE.minimum &&
  (value as number) <= SMALL_COUNT_THRESHOLD_RANGE.maximum;

const isClassification = (value: unknown): value is Classification =>
  (CLASSIFICATIONS as readonly unknown[]).includes(value);

const invalidThreshold = () => {
  const { minimum, maximum } = SMALL_COUNT_THRESHOLD_RANGE;
  return new AppError(400, 'INVALID_SETTING', {
    id: `Ambang jumlah kecil harus bilangan bulat dari ${minimum} sampai ${maximum}.`,
    en: `The small-count threshold must be a whole number from ${minimum} to ${maximum}.`,
  });
};

export function createSettingsService(accounts: AccountRepository, audit: AuditService, accountAdmin: AccountService) {
  async function read(): Promise<Settings> {
    const [threshold, classification] = await Promise.all([
      accounts.findSetting('smallCountThreshold'),
      accounts.findSetting('classification'),
    ]);
    return {
      // A value stored before the range was enforced (null, Infinity, 0) must not switch the protection off.
      smallCountThreshold: isThreshold(threshold) ? threshold : DEFAULT_SMALL_COUNT_THRESHOLD,
      classification: isClassification(classification) ? classification : 'none',
    };
  }
  return {
    read,
    async update(actor: Actor, change: SettingsChange): Promise<Settings> {
      // The route's schema checks this too; scripts and other callers reach the service without it.
      if (change.smallCountThreshold !== undefined && !isThreshold(change.smallCountThreshold))
        throw invalidThreshold();
      if (change.classification !== undefined && !isClassification(change.classification)) {
        throw new AppError(400, 'INVALID_SETTING', {
          id: `Klasifikasi harus salah satu dari: ${CLASSIFICATIONS.join(', ')}.`,
          en: `The classification must be one of: ${CLASSIFICATIONS.join(', ')}.`,
        });
      }
      const before = await read();
      const after = { ...before, ...change };
      await accountAdmin.inTransaction(async (client) => {
        for (const key of ['smallCountThreshold', 'classification'] as const) {
          if (change[key] !== undefined) await accounts.upsertSetting(client, key, change[key]);
        }
        await audit.record(actor, { action: 'settings.update', targetType: 'settings', before, after }, client);
      });
      return read();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
