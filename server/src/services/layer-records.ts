/**
 * Single operational records: one person's file, one incident, and filing an incident. Every read and every filing
 * is audited here, with the actor who made it.
 */
import type { Pool } from '../db/pool.ts';
import { withTransaction } from '../db/transaction.ts';
import type { SignedInActor } from '../domain/actor.ts';
import { bodyDigest } from '../domain/canonical-json.ts';
import { cell, publishCount } from '../domain/disclosure-control.ts';
import { AppError, idempotencyKeyReused } from '../errors.ts';
import type { OperationalRepository } from '../repositories/operational-repository.ts';
import type { NewIncidentBody } from '../schemas/layers.ts';
import type { AuditService } from './audit.ts';
import { checkSeesPeople } from './protected-query.ts';
import { generalise, mayReadIncidentText, redactRecord, seesExactIncidentLocations } from './redaction-policy.ts';

/** Told after data is committed (issue #13): the job queue then evaluates the alert rules at once. */
export interface DataArrivals {
  notify(): void;
}

/** The most of its own reports a reporter's list shows (the newest). */
export const OWN_FILINGS_SHOWN = 200;

const keyReused = () => idempotencyKeyReused({ id: 'laporan', en: 'report' });

const recordNotFound = (kind: { id: string; en: string }, id: number) =>
  new AppError(404, 'NOT_FOUND', {
    id: `${kind.id} ${id} tidak ditemukan di wilayah Anda.`,
    en: `${kind.en} ${id} was not found in your area.`,
  });

/** `threshold` reads the small-count threshold in force (a setting an admin may change). */
export function createLayerRecords(
  pool: Pool,
  repository: OperationalRepository,
  audit: AuditService,
  threshold: () => Promise<number>,
  arrivals: DataArrivals = { notify: () => undefined },
) {
  return {
    /** One person's record: for roles that may see people only (the route allows intel alone; this is the backstop). */
    async findResident(actor: SignedInActor, id: number) {
      const { account } = actor;
      checkSeesPeople(account.role);
      const record = await repository.findResident(
        id,
        account.areas.map((area) => area.code),
      );
      if (!record) throw recordNotFound({ id: 'Orang asing', en: 'Foreign resident' }, id);
      await audit.record(actor, { action: 'resident.view', targetType: 'foreign_resident', targetId: String(id) });
      return redactRecord('foreignResident', account.role, record);
    },

    /** One incident inside the caller's area, redacted by role; the read is audited. */
    async findIncident(actor: SignedInActor, id: number) {
      const { account } = actor;
      const record = await repository.findIncident(
        id,
        account.areas.map((area) => area.code),
      );
      if (!record) throw recordNotFound({ id: 'Kejadian', en: 'Incident' }, id);
      const limit = await threshold();
      const { disclosureKey, description, ...rest } = record;
      const redacted = redactRecord('incident', account.role, rest);
      const exact = seesExactIncidentLocations(account.role);
      await audit.record(actor, { action: 'incident.view', targetType: 'incident', targetId: String(id) });
      return {
        ...redacted,
        ...(exact ? {} : { lon: generalise(Number(record.lon)), lat: generalise(Number(record.lat)) }),
        locationGeneralised: !exact,
        description: mayReadIncidentText(account, String(record.reportingAgency)) ? description : null,
        peopleCount: publishCount(account.role, cell(record.peopleCount as number, disclosureKey as number), limit),
      };
    },

    /**
     * Files one incident at a point picked on the map, inside the caller's area; audited with what was filed. It
     * reaches the immigration office of its location. With an idempotency key, a retry of the same filing (a lost
     * answer, a second tap) returns the first one — `replayed` — instead of storing it twice; the same key with
     * another body is refused. Concurrent retries wait on the key's lock, so exactly one is stored.
     */
    async fileIncident(actor: SignedInActor, body: NewIncidentBody, rawKey?: string) {
      const { account } = actor;
      // One key however it is written (the schema takes hex digits of either case).
      const idempotencyKey = rawKey?.toLowerCase();
      const digest = bodyDigest(body);
      const filed = await withTransaction(pool, async (client) => {
        if (idempotencyKey) {
          await repository.lockFiling(client, account.id, idempotencyKey);
          const earlier = await repository.findFiling(client, account.id, idempotencyKey);
          if (earlier) {
            if (earlier.digest !== digest) throw keyReused();
            return { ...earlier.incident, replayed: true };
          }
        }
        const created = await repository.insertIncident(client, {
          ...body,
          description: body.description ?? null,
          reportingAgency: account.agency.code,
          accountId: account.id,
        });
        if (!created) {
          throw new AppError(400, 'OUTSIDE_COVERAGE', {
            id: 'Titik ini tidak berada di desa/kelurahan mana pun yang dimuat Pantau.',
            en: 'This point is not in any desa/kelurahan Pantau holds.',
          });
        }
        if (!account.areas.some((area) => created.desaCode.startsWith(`${area.code}.`))) {
          throw new AppError(403, 'OUTSIDE_AREA', {
            id: `Desa ${created.desa} di luar wilayah akun Anda.`,
            en: `Desa ${created.desa} is outside your account's area.`,
          });
        }
        if (idempotencyKey) await repository.insertFiling(client, account.id, idempotencyKey, digest, created.id);
        await repository.insertArrival(client, created.id);
        await audit.record(
          actor,
          {
            action: 'incident.create',
            targetType: 'incident',
            targetId: String(created.id),
            // Not the free text: the audit trail is read by admins, and the text is for the filing agency (ADR 0007).
            after: {
              type: body.type,
              occurredAt: body.occurredAt,
              desaCode: created.desaCode,
              severity: body.severity,
              office: created.office?.code ?? null,
            },
          },
          client,
        );
        return { ...created, replayed: false };
      });
      // Committed: the alert rules may run now (the event waits in the database if this kick is lost).
      if (!filed.replayed) arrivals.notify();
      return filed;
    },

    /** The incidents the caller filed itself, with their status over time: what a reporter follows. */
    async listOwnFilings(actor: SignedInActor) {
      return { reports: await repository.findOwnFilings(actor.account.id, OWN_FILINGS_SHOWN) };
    },
  };
}
