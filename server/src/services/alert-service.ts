/**
 * Early warning (issue #13): the rules, evaluated on the events data leaves when it arrives. Events are claimed with
 * `FOR UPDATE SKIP LOCKED` and notifications are unique per account, rule and subject, so however many server
 * processes run and however often a job is retried, each alert reaches each account once. Each alert sent is in the
 * audit trail; its words name no person, for any role (type, place, distance, who reported, which office).
 */
import { withTransaction } from '../db/transaction.ts';
import type { Pool } from '../db/pool.ts';
import { systemActor, type Account, type SignedInActor } from '../domain/actor.ts';
import {
  clusterGrew,
  isBurst,
  isoWeek,
  RULE_DEFAULTS,
  settingOf,
  weekStart,
  type RuleParams,
  type RuleSetting,
} from '../domain/alert-rules.ts';
import { addCells, EMPTY_CELL, publishCount, type Cell } from '../domain/disclosure-control.ts';
import { maySeePeople, ROLES_ALERTED } from '../domain/who-sees-people.ts';
import { AppError, notFound } from '../errors.ts';
import type { PoolClient } from 'pg';
import type { AlertEvent, AlertIncident, AlertRepository } from '../repositories/alert-repository.ts';
import { BRIEF_LABELS } from '../exports/brief-labels.ts';
import { ALERT_RULES, type AlertRule, type IncidentType, type Role } from '../schemas/vocabulary.ts';
import type { AuditService } from './audit.ts';
import type { HotSpotService } from './hot-spot-service.ts';
import type { SettingsService } from './settings-service.ts';

/** Who is told: the office and its TIMPORA partners, never the projector's viewer or a reporter. */
export { ROLES_ALERTED };

/** The most notifications an account's list shows (the newest). */
export const NOTIFICATIONS_SHOWN = 100;

type Words = { title: { id: string; en: string }; body: { id: string; en: string } };

const number = (value: number, lang: 'id' | 'en') =>
  value.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
const km = number;

/** The words of a near-border alert: what, where, how near, who reported and whom it reached — nobody's name. */
function nearBorderWords(incident: AlertIncident, border: { kind: 'land' | 'sea'; km: number }): Words {
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
function nearBorder(incident: AlertIncident, withinKm: number): { kind: 'land' | 'sea'; km: number } | null {
  const options = [
    { kind: 'land' as const, km: incident.landBorderKm },
    { kind: 'sea' as const, km: incident.seaBorderKm },
  ].filter((entry): entry is { kind: 'land' | 'sea'; km: number } => entry.km !== null);
  const nearest = options.sort((a, b) => a.km - b.km)[0];
  return nearest && nearest.km <= withinKm ? nearest : null;
}

/** The words of the digests about people: how many, where — the number as the role may see it. */
const digestWords: Record<
  'permit_expiring' | 'overstay' | 'overstay_60_days',
  (count: number, place: { kecamatan: string; kabupaten: string }, days: number) => Words
> = {
  permit_expiring: (count, place, days) => ({
    title: {
      id: `${number(count, 'id')} izin tinggal habis dalam ${days} hari: Kec. ${place.kecamatan}`,
      en: `${number(count, 'en')} stay permits end within ${days} days: Kec. ${place.kecamatan}`,
    },
    body: {
      id: `${place.kabupaten}. Periksa perpanjangan izin atau rencana keberangkatan mereka.`,
      en: `${place.kabupaten}. Check their permit extensions or their plans to leave.`,
    },
  }),
  overstay: (count, place) => ({
    title: {
      id: `${number(count, 'id')} overstay baru minggu ini: Kec. ${place.kecamatan}`,
      en: `${number(count, 'en')} new overstays this week: Kec. ${place.kecamatan}`,
    },
    body: {
      id: `${place.kabupaten}. Izin tinggalnya habis minggu ini dan mereka belum tercatat keluar.`,
      en: `${place.kabupaten}. Their stay permits ended this week and they are not recorded as gone.`,
    },
  }),
  overstay_60_days: (count, place, days) => ({
    title: {
      id: `${number(count, 'id')} overstay mencapai ${days} hari minggu ini: Kec. ${place.kecamatan}`,
      en: `${number(count, 'en')} overstays reach ${days} days this week: Kec. ${place.kecamatan}`,
    },
    body: {
      id: `${place.kabupaten}. Lewat 60 hari berlaku deportasi dan penangkalan (UU 6/2011 Ps. 78 ayat 3).`,
      en: `${place.kabupaten}. Past 60 days deportation and an entry ban apply (Law 6/2011 Art. 78(3)).`,
    },
  }),
};

function burstWords(place: string, count: number, expected: number, days: number): Words {
  return {
    title: {
      id: `Lonjakan kejadian: ${count} dalam ${days} hari di Kec. ${place}`,
      en: `A burst of incidents: ${count} in ${days} days in Kec. ${place}`,
    },
    body: {
      id: `Biasanya sekitar ${number(expected, 'id')} dalam ${days} hari. Lihat analisis titik panas baru untuk polanya.`,
      en: `Usually about ${number(expected, 'en')} in ${days} days. See the emerging hot spot analysis for the pattern.`,
    },
  };
}

function emergingWords(
  desa: string,
  kecamatan: string | null,
  category: 'new' | 'intensifying',
  months: number,
): Words {
  const place = kecamatan ? `Desa ${desa}, Kec. ${kecamatan}` : `Desa ${desa}`;
  return category === 'new'
    ? {
        title: { id: `Titik panas baru kejadian: ${place}`, en: `A new hot spot of incidents: ${place}` },
        body: {
          id: `Baru signifikan pada bulan terakhir dari ${months} bulan (Gi*, analisis titik panas baru).`,
          en: `Newly significant in the last of ${months} months (Gi*, emerging hot spot analysis).`,
        },
      }
    : {
        title: {
          id: `Titik panas kejadian menguat: ${place}`,
          en: `A hot spot of incidents is intensifying: ${place}`,
        },
        body: {
          id: `Signifikan hampir setiap bulan dari ${months} bulan dan terus naik (Mann-Kendall).`,
          en: `Significant in most of ${months} months and still rising (Mann-Kendall).`,
        },
      };
}

function clusterWords(kecamatan: string, recent: number, before: number, days: number): Words {
  return {
    title: {
      id: `Klaster kejadian membesar: ${recent} dalam ${days} hari di Kec. ${kecamatan}`,
      en: `A cluster of incidents grew: ${recent} in ${days} days in Kec. ${kecamatan}`,
    },
    body: {
      id: `${before} dalam ${days} hari sebelumnya. Lihat analisis klaster untuk batasnya.`,
      en: `${before} in the ${days} days before. See the cluster analysis for its outline.`,
    },
  };
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const todayUtc = () => new Date().toISOString().slice(0, 10);
const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
function addMonths(day: string, months: number): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** The account the schedule runs an analysis as: a province's intel view (incidents only; nothing is sent as is). */
const analysisAccount = (provinsi: string): Account => ({
  id: 0,
  username: 'system',
  displayName: 'Pantau',
  role: 'intel',
  agency: { code: 'IMIGRASI', name: { id: 'Imigrasi', en: 'Immigration' } },
  areas: [{ code: provinsi, level: 'provinsi', name: provinsi }],
  active: true,
  createdAt: new Date(0).toISOString(),
  lastSignInAt: null,
});

/** Problems with an office's parameters for a rule (empty: fine). */
export function ruleParamProblems(rule: AlertRule, params: Record<string, unknown>): string[] {
  const defaults = RULE_DEFAULTS[rule].params as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(params)) if (!Object.hasOwn(defaults, key)) problems.push(`${key}: unknown`);
  const between = (key: string, min: number, max: number, integer = true) => {
    if (!Object.hasOwn(params, key)) return;
    const value = params[key];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (integer && !Number.isInteger(value))
    )
      problems.push(`${key}: ${min}–${max}`);
  };
  switch (rule) {
    case 'incident_near_border':
      between('withinKm', 1, 100, false);
      if (Object.hasOwn(params, 'types')) {
        const types = params.types;
        const known = Object.keys(BRIEF_LABELS.id.incidentType);
        if (!Array.isArray(types) || types.length === 0 || types.some((type) => !known.includes(String(type))))
          problems.push('types: incident types');
      }
      break;
    case 'permit_expiring':
      between('days', 1, 180);
      break;
    case 'overstay_60_days':
      between('days', 1, 365);
      break;
    case 'emerging_hotspot':
      between('months', 5, 36);
      break;
    case 'cluster_grew':
      between('days', 7, 180);
      between('distanceM', 100, 20_000);
      between('minPoints', 2, 100);
      between('growth', 1, 10, false);
      break;
    case 'incident_burst':
      between('days', 1, 90);
      between('baselineDays', 28, 1095);
      between('minIncidents', 1, 1000);
      between('pValue', 0.000001, 0.2, false);
      break;
    default:
      break;
  }
  return problems;
}

/** How often an event is tried before it is set aside with its error. */
export const MAX_ATTEMPTS = 5;

export function createAlertService(
  pool: Pool,
  repository: AlertRepository,
  audit: AuditService,
  log: { warn: (object: object, message: string) => void } = { warn: () => undefined },
  settings?: SettingsService,
  hotSpots?: Pick<HotSpotService, 'findEmergingHotSpots'>,
) {
  const threshold = async () => (settings ? (await settings.read()).smallCountThreshold : 3);

  /** Each office's setting of each rule, over the defaults; and a function from a kabupaten to its setting. */
  async function settingsFor(client: PoolClient | Pool, kabupaten: string[]) {
    const stored = await repository.ruleSettings(client);
    const offices = await repository.officesOfKabupaten(client, kabupaten);
    return <R extends AlertRule>(rule: R, kabupatenCode: string): RuleSetting<R> => {
      const office = offices.get(kabupatenCode);
      const row = stored.find((entry) => entry.office === office && entry.rule === rule);
      return settingOf(rule, row as { enabled: boolean; params: Partial<RuleParams[R]> } | undefined);
    };
  }

  /**
   * Tells the accounts covering a region, once per account, rule and subject; words per account (a count of people
   * as the role may see it: `wordsFor` answers null when the role may not be told). Audited; e-mails queued for
   * those who asked. Answers how many were newly told.
   */
  async function tell(
    client: PoolClient,
    rule: AlertRule,
    region: string,
    subject: string,
    wordsFor: (role: Role) => Words | null,
    where: { incidentId: number | null; lon: number | null; lat: number | null },
  ): Promise<number> {
    const accounts = await repository.findAccountsCovering(client, region, ROLES_ALERTED, rule);
    const rows = accounts.flatMap((account) => {
      const words = wordsFor(account.role as Role);
      // An account that asked for this rule by e-mail only gets its notification as read (no badge), with the mail.
      return words ? [{ accountId: account.id, rule, subject, ...where, ...words, read: !account.inApp }] : [];
    });
    const stored = await repository.insertNotifications(client, rows);
    for (const entry of stored) {
      await audit.record(
        systemActor,
        {
          action: 'alert.send',
          targetType: 'notification',
          targetId: String(entry.id),
          details: {
            rule,
            subject,
            ...(where.incidentId === null ? {} : { incident: where.incidentId }),
            accountId: entry.accountId,
          },
        },
        client,
      );
    }
    const addresses = new Map(accounts.map((account) => [account.id, account.email]));
    await repository.queueEmails(
      client,
      stored.flatMap((entry) => {
        const address = addresses.get(entry.accountId);
        return address ? [{ notificationId: entry.id, address }] : [];
      }),
    );
    await repository.announce(
      client,
      stored.map((entry) => entry.accountId),
    );
    return stored.length;
  }

  /** A new incident of the chosen types near the border, as the office serving its kabupaten set the rule. */
  async function nearBorderRule(client: PoolClient, incident: AlertIncident): Promise<number> {
    const setting = (await settingsFor(client, [incident.desaCode.slice(0, 5)]))(
      'incident_near_border',
      incident.desaCode.slice(0, 5),
    );
    if (!setting.enabled || !setting.params.types.includes(incident.type as IncidentType)) return 0;
    const border = nearBorder(incident, setting.params.withinKm);
    if (!border) return 0;
    const words = nearBorderWords(incident, border);
    return tell(client, 'incident_near_border', incident.desaCode, `incident:${incident.id}`, () => words, {
      incidentId: incident.id,
      lon: incident.lon,
      lat: incident.lat,
    });
  }

  /** Kecamatan well above their own baseline of incidents (all, or the one named), once a week each. */
  async function burstRule(client: PoolClient, asOf: string, kecamatan: string | null): Promise<number> {
    // The windows differ by office: one query per distinct setting (offices rarely differ).
    const stored = await repository.ruleSettings(client);
    const variants = [
      RULE_DEFAULTS.incident_burst.params,
      ...stored
        .filter((row) => row.rule === 'incident_burst')
        .map((row) => settingOf('incident_burst', row as never).params),
    ];
    const seen = new Set<string>();
    let told = 0;
    for (const params of variants) {
      const key = `${params.days}/${params.baselineDays}/${params.minIncidents}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const rows = await repository.incidentCounts(
        client,
        asOf,
        { days: params.days, baselineDays: params.baselineDays, minimum: params.minIncidents },
        kecamatan,
      );
      const settingOfKabupaten = await settingsFor(
        client,
        rows.map((row) => row.code.slice(0, 5)),
      );
      for (const row of rows) {
        const setting = settingOfKabupaten('incident_burst', row.code.slice(0, 5));
        const own = setting.params;
        if (!setting.enabled || `${own.days}/${own.baselineDays}/${own.minIncidents}` !== key) continue;
        const test = isBurst(row.recent, row.baseline, own);
        if (!test.burst) continue;
        // Incidents are not people: every role told reads the same count.
        const words = burstWords(row.name, row.recent, test.expected, own.days);
        told += await tell(
          client,
          'incident_burst',
          row.code,
          `incident_burst:${row.code}:${isoWeek(asOf)}`,
          () => words,
          {
            incidentId: null,
            lon: null,
            lat: null,
          },
        );
      }
    }
    return told;
  }

  /**
   * The weekly digests about people, per kecamatan: permits ending soon, new overstays, overstays reaching the 60-day
   * line. For roles that may not see people the count is published by the disclosure rule, and a suppressed one is
   * not sent at all.
   */
  async function residentDigests(client: PoolClient, asOf: string): Promise<number> {
    const monday = weekStart(asOf);
    const week = isoWeek(asOf);
    const stored = await repository.ruleSettings(client);
    const longest = (rule: 'permit_expiring' | 'overstay_60_days') =>
      Math.max(
        RULE_DEFAULTS[rule].params.days,
        ...stored.filter((row) => row.rule === rule).map((row) => settingOf(rule, row as never).params.days),
      );
    // Permits ending from the earliest a 60-day line can be crossed this week to the longest warning ahead.
    const rows = await repository.residentsByPermitEnd(
      client,
      addDays(monday, -longest('overstay_60_days') - 1),
      addDays(asOf, longest('permit_expiring')),
    );
    const settingOfKabupaten = await settingsFor(
      client,
      rows.map((row) => row.kecamatan.slice(0, 5)),
    );
    const limit = await threshold();
    const places = new Map(rows.map((row) => [row.kecamatan, { kecamatan: row.name, kabupaten: row.kabupaten }]));
    let told = 0;
    for (const rule of ['permit_expiring', 'overstay', 'overstay_60_days'] as const) {
      const cells = new Map<string, Cell>();
      const days = new Map<string, number>();
      for (const row of rows) {
        const setting = settingOfKabupaten(rule, row.kecamatan.slice(0, 5));
        if (!setting.enabled) continue;
        const params = setting.params as { days?: number };
        const counted =
          rule === 'permit_expiring'
            ? row.endsOn >= asOf && row.endsOn <= addDays(asOf, params.days!)
            : rule === 'overstay'
              ? // The first day of overstay falls this week, up to today.
                addDays(row.endsOn, 1) >= monday && addDays(row.endsOn, 1) <= asOf
              : addDays(row.endsOn, params.days!) >= monday && addDays(row.endsOn, params.days!) <= asOf;
        if (!counted) continue;
        cells.set(row.kecamatan, addCells(cells.get(row.kecamatan) ?? EMPTY_CELL, row.people));
        days.set(row.kecamatan, params.days ?? 0);
      }
      for (const [kecamatan, value] of cells) {
        const place = places.get(kecamatan)!;
        told += await tell(
          client,
          rule,
          kecamatan,
          `${rule}:${kecamatan}:${week}`,
          (role) => {
            const published = publishCount(role, value, limit);
            if (typeof published === 'string' || published === 0) return null;
            return digestWords[rule](maySeePeople(role) ? value.count : published, place, days.get(kecamatan)!);
          },
          { incidentId: null, lon: null, lat: null },
        );
      }
    }
    return told;
  }

  /**
   * New and intensifying emerging hot spots of incidents, province by province (the analysis panel's own function,
   * monthly slices), as each office set the rule. Run before the alert transaction opens: the analysis takes its own
   * connections and seconds, and holds no event or lock meanwhile.
   */
  async function findEmerging(asOf: string) {
    if (!hotSpots) return [];
    const provinces = await repository.provincesWithIncidents(pool, asOf);
    const settingOfKabupaten = await settingsFor(
      pool,
      provinces.flatMap((entry) => entry.kabupaten),
    );
    const months = [
      ...new Set(
        provinces
          .flatMap((entry) =>
            entry.kabupaten.map((code) => settingOfKabupaten('emerging_hotspot', code)).filter((s) => s.enabled),
          )
          .map((setting) => setting.params.months),
      ),
    ];
    const found: {
      id: string;
      name: string;
      parentName: string | null;
      category: 'new' | 'intensifying';
      months: number;
      lon: number;
      lat: number;
    }[] = [];
    for (const province of provinces) {
      for (const span of months) {
        const result = await hotSpots.findEmergingHotSpots(
          analysisAccount(province.code),
          'incidents',
          { slice: 'month', neighbours: 'knn', k: 8, distanceKm: 10, fdr: true, scope: 'significant', outlines: false },
          { from: firstOfMonth(addMonths(asOf, 1 - span)), to: asOf },
        );
        for (const feature of result.features) {
          if (feature.direction !== 'hot' || (feature.category !== 'new' && feature.category !== 'intensifying'))
            continue;
          const setting = settingOfKabupaten('emerging_hotspot', feature.id.slice(0, 5));
          if (!setting.enabled || setting.params.months !== span) continue;
          found.push({ ...feature, category: feature.category, months: span });
        }
      }
    }
    return found;
  }

  /** Tells each emerging hot spot found, once a week per desa. Incidents are not people: the same words for all. */
  async function emergingRule(client: PoolClient, asOf: string, found: Awaited<ReturnType<typeof findEmerging>>) {
    let told = 0;
    for (const feature of found) {
      const words = emergingWords(feature.name, feature.parentName, feature.category, feature.months);
      told += await tell(
        client,
        'emerging_hotspot',
        feature.id,
        `emerging_hotspot:${feature.id}:${isoWeek(asOf)}`,
        () => words,
        {
          incidentId: null,
          lon: feature.lon,
          lat: feature.lat,
        },
      );
    }
    return told;
  }

  /** Clusters of incidents that grew (or appeared) in the last window, once a week per kecamatan. */
  async function clusterRule(client: PoolClient, asOf: string): Promise<number> {
    const stored = await repository.ruleSettings(client);
    const variants = [
      RULE_DEFAULTS.cluster_grew.params,
      ...stored
        .filter((row) => row.rule === 'cluster_grew')
        .map((row) => settingOf('cluster_grew', row as never).params),
    ];
    const seen = new Set<string>();
    let told = 0;
    for (const params of variants) {
      const key = `${params.days}/${params.distanceM}/${params.minPoints}/${params.growth}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const clusters = await repository.incidentClusters(client, asOf, params);
      const settingOfKabupaten = await settingsFor(
        client,
        clusters.map((entry) => entry.kecamatan.slice(0, 5)),
      );
      for (const cluster of clusters) {
        const setting = settingOfKabupaten('cluster_grew', cluster.kecamatan.slice(0, 5));
        const own = setting.params;
        if (!setting.enabled || `${own.days}/${own.distanceM}/${own.minPoints}/${own.growth}` !== key) continue;
        if (!clusterGrew(cluster.recent, cluster.before, own)) continue;
        const words = clusterWords(cluster.name, cluster.recent, cluster.before, own.days);
        told += await tell(
          client,
          'cluster_grew',
          cluster.kecamatan,
          `cluster_grew:${cluster.kecamatan}:${isoWeek(asOf)}`,
          () => words,
          { incidentId: null, lon: cluster.lon, lat: cluster.lat },
        );
      }
    }
    return told;
  }

  /**
   * The rules of the schedule and of an import: digests, bursts, growing clusters — and the emerging hot spots found
   * beforehand (the hourly run; an import leaves them to it).
   */
  async function scheduledRules(
    client: PoolClient,
    asOf: string,
    emerging: Awaited<ReturnType<typeof findEmerging>> = [],
  ): Promise<number> {
    return (
      (await residentDigests(client, asOf)) +
      (await burstRule(client, asOf, null)) +
      (await emergingRule(client, asOf, emerging)) +
      (await clusterRule(client, asOf))
    );
  }

  /** The rules for one event; answers how many accounts were newly told. */
  async function evaluate(client: PoolClient, event: AlertEvent): Promise<number> {
    if (event.kind === 'import.committed') return scheduledRules(client, todayUtc());
    if (event.incidentId === null) return 0;
    const incident = await repository.findIncident(client, event.incidentId);
    if (!incident) return 0;
    const kecamatan = await repository.kecamatanOf(client, incident.desaCode);
    return (await nearBorderRule(client, incident)) + (await burstRule(client, todayUtc(), kecamatan));
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

    /** Snoozes that ran out: their accounts' counts go up again, live (run by the sweep every minute). */
    async wakeSnoozed(): Promise<number[]> {
      return withTransaction(pool, async (client) => {
        const accounts = await repository.wakeSnoozed(client);
        await repository.announce(client, accounts);
        return accounts;
      });
    },

    /** The schedule's run (and a test's, on a day of its choosing): the digests and bursts of `asOf`. */
    async evaluateScheduled(asOf = todayUtc()): Promise<number> {
      const emerging = await findEmerging(asOf);
      return withTransaction(pool, (client) => scheduledRules(client, asOf, emerging));
    },

    /** Every rule of an office as it applies (stored over the defaults). */
    async officeRules(office: string) {
      if (!(await repository.officeExists(pool, office))) {
        throw notFound({ id: `Kantor ${office} tidak ditemukan.`, en: `Office ${office} was not found.` });
      }
      const stored = (await repository.ruleSettings(pool)).filter((row) => row.office === office);
      return {
        office,
        rules: ALERT_RULES.map((rule) => {
          const row = stored.find((entry) => entry.rule === rule);
          const setting = settingOf(rule, row as never);
          return { rule, enabled: setting.enabled, params: setting.params, adjusted: !!row };
        }),
      };
    },

    /** An admin adjusts one rule for an office (audited); parameters outside their ranges are refused. */
    async saveOfficeRule(
      actor: SignedInActor,
      office: string,
      rule: AlertRule,
      change: { enabled: boolean; params: Record<string, unknown> },
    ) {
      const problems = ruleParamProblems(rule, change.params);
      if (problems.length > 0) {
        throw new AppError(
          400,
          'INVALID_RULE_PARAMS',
          {
            id: `Parameter aturan tidak sah: ${problems.join('; ')}`,
            en: `Invalid rule parameters: ${problems.join('; ')}`,
          },
          { problems },
        );
      }
      await withTransaction(pool, async (client) => {
        const known = await repository.officeExists(client, office);
        if (!known) throw notFound({ id: `Kantor ${office} tidak ditemukan.`, en: `Office ${office} was not found.` });
        await repository.saveRuleSetting(client, office, rule, change, actor.account.id);
        await audit.record(
          actor,
          {
            action: 'alert.rules_update',
            targetType: 'immigration_office',
            targetId: office,
            details: { rule, ...change },
          },
          client,
        );
      });
      return this.officeRules(office);
    },

    /** The caller's subscriptions: every rule, in the app and by e-mail, and the address. */
    async subscriptions(actor: SignedInActor) {
      const stored = await repository.subscriptions(actor.account.id);
      return {
        email: stored.email,
        rules: ALERT_RULES.map((rule) => {
          const row = stored.rules.find((entry) => entry.rule === rule);
          return { rule, inApp: row?.inApp ?? true, email: row?.email ?? false };
        }),
      };
    },

    async saveSubscriptions(
      actor: SignedInActor,
      change: { email: string | null; rules: { rule: AlertRule; inApp: boolean; email: boolean }[] },
    ) {
      if (new Set(change.rules.map((rule) => rule.rule)).size !== change.rules.length) {
        throw new AppError(400, 'DUPLICATE_RULES', {
          id: 'Setiap aturan hanya boleh disebut sekali.',
          en: 'Each rule may be named once only.',
        });
      }
      if (change.email === null && change.rules.some((rule) => rule.email)) {
        throw new AppError(400, 'EMAIL_REQUIRED', {
          id: 'Isi alamat e-mail untuk menerima peringatan lewat e-mail.',
          en: 'Give an e-mail address to receive alerts by e-mail.',
        });
      }
      await withTransaction(pool, async (client) => {
        await repository.saveSubscriptions(client, actor.account.id, change.email, change.rules);
        await audit.record(
          actor,
          {
            action: 'alert.subscribe',
            targetType: 'account',
            targetId: String(actor.account.id),
            details: { rules: change.rules.filter((rule) => !rule.inApp || rule.email).map((rule) => rule.rule) },
          },
          client,
        );
      });
      return this.subscriptions(actor);
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
