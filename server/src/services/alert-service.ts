/**
 * Early warning (issue #13): the rules, evaluated on the events data leaves when it arrives. Events are claimed with
 * `FOR UPDATE SKIP LOCKED` and notifications are unique per account, rule and subject, so however many server
 * processes run and however often a job is retried, each alert reaches each account once. Each alert sent is in the
 * audit trail; its words name no person, for any role (type, place, distance, who reported, which office).
 */
import { withTransaction } from '../db/transaction.ts';
import type { Pool } from '../db/pool.ts';
import { systemActor, type SignedInActor } from '../domain/actor.ts';
import { ROLES_ALERTED } from '../domain/who-sees-people.ts';
import { notFound } from '../errors.ts';
import type { PoolClient } from 'pg';
import type { AlertEvent, AlertIncident, AlertRepository } from '../repositories/alert-repository.ts';
import { BRIEF_LABELS } from '../exports/brief-labels.ts';
import type { IncidentType } from '../schemas/vocabulary.ts';
import type { AuditService } from './audit.ts';

/** The built-in rule of this step: a new incident of these types within this distance of the border. */
export const NEAR_BORDER_RULE = {
  id: 'incident_near_border',
  types: ['tppo', 'tppm', 'pmi_nonprosedural', 'illegal_crossing'] as readonly IncidentType[],
  withinKm: 15,
} as const;

/** Who is told: the office and its TIMPORA partners, never the projector's viewer or a reporter. */
export { ROLES_ALERTED };

/** The most notifications an account's list shows (the newest). */
export const NOTIFICATIONS_SHOWN = 100;

const km = (value: number, lang: 'id' | 'en') =>
  value.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });

/** The words of a near-border alert: what, where, how near, who reported and whom it reached — nobody's name. */
function nearBorderWords(incident: AlertIncident, border: { kind: 'land' | 'sea'; km: number }) {
  const kind = incident.type as IncidentType;
  const type = { id: BRIEF_LABELS.id.incidentType[kind] ?? kind, en: BRIEF_LABELS.en.incidentType[kind] ?? kind };
  const office = incident.officeName ?? '—';
  return {
    title: {
      id: `${type.id} baru dekat perbatasan: Desa ${incident.desa}`,
      en: `New ${type.en} near the border: Desa ${incident.desa}`,
    },
    body: {
      id: `Kec. ${incident.kecamatan}, ${km(border.km, 'id')} km dari ${border.kind === 'land' ? 'perbatasan darat' : 'batas laut'}. Dilaporkan oleh ${incident.reportingAgency.id}; diteruskan ke ${office}.`,
      en: `Kec. ${incident.kecamatan}, ${km(border.km, 'en')} km from the ${border.kind === 'land' ? 'land border' : 'sea boundary'}. Reported by ${incident.reportingAgency.en}; passed on to ${office}.`,
    },
  };
}

/** The nearer border within the rule's reach, or null when the incident is not near one. */
function nearBorder(incident: AlertIncident): { kind: 'land' | 'sea'; km: number } | null {
  const options = [
    { kind: 'land' as const, km: incident.landBorderKm },
    { kind: 'sea' as const, km: incident.seaBorderKm },
  ].filter((entry): entry is { kind: 'land' | 'sea'; km: number } => entry.km !== null);
  const nearest = options.sort((a, b) => a.km - b.km)[0];
  return nearest && nearest.km <= NEAR_BORDER_RULE.withinKm ? nearest : null;
}

/** How often an event is tried before it is set aside with its error. */
export const MAX_ATTEMPTS = 5;

export function createAlertService(
  pool: Pool,
  repository: AlertRepository,
  audit: AuditService,
  log: { warn: (object: object, message: string) => void } = { warn: () => undefined },
) {
  /** The rules for one event; answers how many accounts were newly told. */
  async function evaluate(client: PoolClient, event: AlertEvent): Promise<number> {
    if (event.kind !== 'incident.filed' || event.incidentId === null) return 0;
    const incident = await repository.findIncident(client, event.incidentId);
    if (!incident || !NEAR_BORDER_RULE.types.includes(incident.type as IncidentType)) return 0;
    const border = nearBorder(incident);
    if (!border) return 0;
    const accounts = await repository.findAccountsCovering(client, incident.desaCode, ROLES_ALERTED);
    const words = nearBorderWords(incident, border);
    const stored = await repository.insertNotifications(
      client,
      accounts.map((account) => ({
        accountId: account.id,
        rule: NEAR_BORDER_RULE.id,
        subject: `incident:${incident.id}`,
        incidentId: incident.id,
        ...words,
        lon: incident.lon,
        lat: incident.lat,
      })),
    );
    for (const entry of stored) {
      await audit.record(
        systemActor,
        {
          action: 'alert.send',
          targetType: 'notification',
          targetId: String(entry.id),
          details: { rule: NEAR_BORDER_RULE.id, incident: incident.id, accountId: entry.accountId },
        },
        client,
      );
    }
    await repository.announce(
      client,
      stored.map((entry) => entry.accountId),
    );
    return stored.length;
  }

  return {
    /**
     * Evaluates every pending event (a batch at a time) and stores the notifications it gives; answers how many
     * events and notifications. Safe to run anywhere, any number of times, at once.
     */
    async processPending(batch = 50): Promise<{ events: number; notifications: number }> {
      let events = 0;
      let notifications = 0;
      for (;;) {
        const done = await withTransaction(pool, async (client) => {
          const claimed = await repository.claimPendingEvents(client, batch);
          if (claimed.length === 0) return null;
          let sent = 0;
          const evaluated: number[] = [];
          for (const event of claimed) {
            // One event's failure is rolled back alone: counted, tried again later, set aside after a few tries.
            await repository.savepoint(client, 'set');
            try {
              sent += await evaluate(client, event);
              await repository.savepoint(client, 'release');
              evaluated.push(event.id);
            } catch (error) {
              await repository.savepoint(client, 'rollback');
              log.warn({ err: error, event: event.id }, 'alert event not evaluated');
              await repository.markFailed(client, event.id, String(error), MAX_ATTEMPTS);
            }
          }
          await repository.markProcessed(client, evaluated);
          return { events: claimed.length, sent, failed: claimed.length - evaluated.length };
        });
        if (!done) return { events, notifications };
        events += done.events;
        notifications += done.sent;
        // Only failures left in this batch: they wait for a later run, not for this loop.
        if (done.failed === done.events) return { events, notifications };
      }
    },

    async list(actor: SignedInActor) {
      const account = actor.account;
      const [notifications, unread] = await Promise.all([
        repository.listNotifications(account.id, NOTIFICATIONS_SHOWN),
        repository.countUnread(account.id),
      ]);
      return { unread, notifications };
    },

    unread: (accountId: number) => repository.countUnread(accountId),

    /** Acknowledges one of the caller's notifications, or snoozes it for `minutes`; audited. */
    async mark(actor: SignedInActor, id: number, change: { read: true } | { snoozeMinutes: number }) {
      const account = actor.account;
      await withTransaction(pool, async (client) => {
        const found = await repository.mark(
          client,
          account.id,
          id,
          'read' in change
            ? { read: true }
            : { snoozeUntil: new Date(Date.now() + change.snoozeMinutes * 60_000).toISOString() },
        );
        if (!found) {
          throw notFound({ id: `Pemberitahuan ${id} tidak ditemukan.`, en: `Notification ${id} was not found.` });
        }
        await audit.record(
          actor,
          {
            action: 'read' in change ? 'alert.acknowledge' : 'alert.snooze',
            targetType: 'notification',
            targetId: String(id),
            ...('read' in change ? {} : { details: { minutes: change.snoozeMinutes } }),
          },
          client,
        );
        await repository.announce(client, [account.id]);
      });
      return { unread: await repository.countUnread(account.id) };
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
