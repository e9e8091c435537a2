/**
 * Immigration offices (issue #12): public facts every signed-in role reads (the planner's distance to the nearest
 * office); only an admin corrects one, on the version it read, and every correction is audited with before and after.
 */
import type { SignedInActor } from '../domain/actor.ts';
import type { Pool } from '../db/pool.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { ImmigrationOfficeRepository } from '../repositories/immigration-office-repository.ts';
import type { ImmigrationOffice, OfficeChangeBody } from '../schemas/immigration-offices.ts';
import type { AuditService } from './audit.ts';

const notFound = () =>
  new AppError(404, 'OFFICE_NOT_FOUND', {
    id: 'Kantor imigrasi itu tidak ada.',
    en: 'There is no such immigration office.',
  });

const trace = (office: ImmigrationOffice) => ({
  lon: office.lon,
  lat: office.lat,
  town: office.town,
  areas: office.areas,
});

export function createImmigrationOfficeService(
  pool: Pool,
  repository: ImmigrationOfficeRepository,
  audit: AuditService,
) {
  return {
    listOffices: () => repository.listOffices(),

    async updateOffice(actor: SignedInActor, code: string, change: OfficeChangeBody): Promise<ImmigrationOffice> {
      return withTransaction(pool, async (client) => {
        const before = await repository.findOffice(client, code, true);
        if (!before) throw notFound();
        if (before.version !== change.version) {
          throw new AppError(
            409,
            'STALE_VERSION',
            {
              id: 'Kantor ini baru saja diubah orang lain. Muat ulang lalu ubah lagi.',
              en: 'Someone else has just changed this office. Reload it and make the change again.',
            },
            { version: before.version },
          );
        }
        const after = await repository.updateOffice(client, code, {
          lon: change.lon,
          lat: change.lat,
          town: change.town ?? before.town,
          areas: change.areas ?? before.areas,
        });
        await audit.record(
          actor,
          {
            action: 'office.update',
            targetType: 'immigration_office',
            targetId: code,
            before: trace(before),
            after: trace(after),
          },
          client,
        );
        return after;
      });
    },
  };
}

export type ImmigrationOfficeService = ReturnType<typeof createImmigrationOfficeService>;
