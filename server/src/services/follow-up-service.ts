/**
 * The follow-up from report to outcome (issue #13). An incident inside the caller's area is triaged (verified or not
 * substantiated), given a lead agency, taken up in joint actions, and gets outcomes; each step is one transaction with
 * the incident locked, is kept for the timeline and is audited. What leaves the server follows the redaction policy:
 * a person's name and id only for roles that may see people, notes only for them and the agency that wrote them, and
 * numbers of people through the disclosure rule (ADR 0007) for the others.
 */
import type { Pool } from '../db/pool.ts';
import { withTransaction } from '../db/transaction.ts';
import { insideArea, type Account, type SignedInActor } from '../domain/actor.ts';
import { bodyDigest } from '../domain/canonical-json.ts';
import { accountToday } from '../domain/time-zones.ts';
import {
  addCells,
  cell,
  EMPTY_CELL,
  MAX_PERTURBATION,
  publishCount,
  publishedNumber,
  type Cell,
} from '../domain/disclosure-control.ts';
import { mayFollowUp, maySeePeople } from '../domain/who-sees-people.ts';
import { AppError, idempotencyKeyReused, notFound } from '../errors.ts';
import type {
  FollowUpIncident,
  FollowUpRepository,
  StoredJointAction,
  StoredOutcome,
  StoredTarget,
} from '../repositories/follow-up-repository.ts';
import type {
  FollowUp,
  JointAction,
  NewJointActionBody,
  NewOutcomeBody,
  Outcome,
  OutcomeStatsQuery,
  TargetInput,
} from '../schemas/follow-up.ts';
import type { IncidentStatus, TriageDecision } from '../schemas/vocabulary.ts';
import type { AuditService } from './audit.ts';
import { generalise, mayReadIncidentText, redactRecord, seesExactIncidentLocations } from './redaction-policy.ts';
import type { SettingsService } from './settings-service.ts';
import { monthsOf } from './layer-charts.ts';

/** The most joint actions a list shows (the newest). */
export const JOINT_ACTIONS_SHOWN = 100;

const areaOf = (account: Account) => account.areas.map((area) => area.code);
/** Today where the account works (WIB, WITA or WIT), for "not in the future" and the default period. */
const todayFor = (account: Account) => accountToday(account.areas.map((area) => area.code));

const incidentNotFound = (id: number) =>
  notFound({ id: `Kejadian ${id} tidak ditemukan di wilayah Anda.`, en: `Incident ${id} was not found in your area.` });
const actionNotFound = (id: number) =>
  notFound({
    id: `Aksi bersama ${id} tidak ditemukan di wilayah Anda.`,
    en: `Joint action ${id} was not found in your area.`,
  });

const notAllowed = () =>
  new AppError(403, 'FORBIDDEN', {
    id: 'Peran Anda tidak menindaklanjuti kejadian.',
    en: 'Your role does not follow incidents up.',
  });

const wrongStep = (status: string, step: { id: string; en: string }) =>
  new AppError(409, 'INVALID_TRANSITION', {
    id: `Kejadian berstatus ${status}: ${step.id}`,
    en: `The incident is ${status}: ${step.en}`,
  });

const keyReused = () => idempotencyKeyReused({ id: 'catatan', en: 'record' });

const REGION_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const RECORD_ID = /^[1-9]\d{0,14}$/;

/** What each triage decision may follow: a report, or a triage changed before anything was done. */
const TRIAGE_FROM: readonly IncidentStatus[] = ['reported', 'verified', 'not_substantiated'];
/** What closing may follow: a report acted on, or one found not substantiated. */
const CLOSE_FROM: readonly IncidentStatus[] = ['acted_on', 'not_substantiated'];

export function createFollowUpService(
  pool: Pool,
  repository: FollowUpRepository,
  audit: AuditService,
  settings: SettingsService,
) {
  const threshold = async () => (await settings.read()).smallCountThreshold;

  const checkMayFollowUp = (account: Account) => {
    if (!mayFollowUp(account.role)) throw notAllowed();
  };

  /** One step on a locked incident inside the caller's area. */
  async function onIncident<T>(
    actor: SignedInActor,
    id: number,
    work: (client: Parameters<Parameters<typeof withTransaction>[1]>[0], incident: FollowUpIncident) => Promise<T>,
  ): Promise<T> {
    checkMayFollowUp(actor.account);
    return withTransaction(pool, async (client) => {
      const incident = await repository.lockIncident(client, id, areaOf(actor.account));
      if (!incident) throw incidentNotFound(id);
      return work(client, incident);
    });
  }

  const by = (account: Account) => ({ accountId: account.id, agency: account.agency.code });

  function redactOutcome(account: Account, outcome: StoredOutcome, limit: number): Outcome {
    return redactRecord('outcome', account.role, {
      id: outcome.id,
      incidentId: outcome.incidentId,
      residentId: outcome.residentId,
      residentName: outcome.residentName,
      jointActionId: outcome.jointActionId,
      kind: outcome.kind as Outcome['kind'],
      measure: outcome.measure as Outcome['measure'],
      people: publishCount(account.role, cell(outcome.people, outcome.disclosureKey), limit),
      decidedOn: outcome.decidedOn,
      agency: outcome.agency,
      desaCode: outcome.desaCode,
      note: mayReadIncidentText(account, outcome.recordedByAgency) ? outcome.note : null,
      createdAt: outcome.createdAt,
    }) as Outcome;
  }

  /**
   * A joint action as the reader may see it: only the targets inside the reader's area, people only for roles that
   * may see them, coordinates on the viewer's grid; what is left out, and the people of its outcomes, as counts the
   * disclosure rule publishes for roles that may not see people.
   */
  function redactAction(
    account: Account,
    action: StoredJointAction,
    targets: StoredTarget[],
    limit: number,
  ): JointAction {
    const people = maySeePeople(account.role);
    const exact = seesExactIncidentLocations(account.role);
    const own = targets.filter((target) => target.actionId === action.id);
    const shown = own.filter(
      (target) => target.place !== null && insideArea(account, target.place) && (people || target.kind !== 'resident'),
    );
    const withheld = own.filter((target) => !shown.includes(target));
    const withheldCell = withheld.reduce((sum, target) => addCells(sum, cell(1, target.key)), EMPTY_CELL);
    return {
      ...action,
      kind: action.kind as JointAction['kind'],
      notes: mayReadIncidentText(account, action.agency) ? action.notes : null,
      targets: shown.map(({ actionId: _, place: __, key: ___, ...target }) =>
        exact
          ? target
          : {
              ...target,
              lon: target.lon === null ? null : generalise(target.lon),
              lat: target.lat === null ? null : generalise(target.lat),
            },
      ),
      targetsWithheld: withheld.length === 0 ? 0 : publishCount(account.role, withheldCell, limit),
      outcomes: action.outcomes.count === 0 ? 0 : publishCount(account.role, action.outcomes, limit),
    };
  }

  /** Checks that each target exists inside the caller's area and that the caller may name it. */
  async function checkTargets(account: Account, targets: TargetInput[]) {
    if (!maySeePeople(account.role) && targets.some((target) => target.kind === 'resident')) {
      throw new AppError(403, 'FORBIDDEN', {
        id: 'Sasaran berupa orang hanya untuk peran yang boleh melihat data orang.',
        en: 'Targets that are people are only for roles that may see people.',
      });
    }
    // A region is named by its code, a record by its id: anything else names nothing.
    const wellFormed = targets.filter((target) =>
      target.kind === 'region' ? REGION_CODE.test(target.ref) : RECORD_ID.test(target.ref),
    );
    const found = await repository.targetsInside(pool, wellFormed, areaOf(account));
    const missing = targets.filter((target) => !found.has(`${target.kind}:${target.ref}`));
    if (missing.length > 0) {
      throw new AppError(
        400,
        'INVALID_TARGETS',
        {
          id: `${missing.length} sasaran tidak ada di wilayah Anda.`,
          en: `${missing.length} targets are not in your area.`,
        },
        { targets: missing.slice(0, 20).map((target) => `${target.kind}:${target.ref}`) },
      );
    }
  }

  /** Adds targets to an action; each new incident gets a step on its timeline. */
  async function addTargets(
    client: Parameters<Parameters<typeof withTransaction>[1]>[0],
    account: Account,
    action: { id: number; title: string },
    targets: TargetInput[],
  ) {
    const unique = [...new Map(targets.map((target) => [`${target.kind}:${target.ref}`, target])).values()];
    const added = await repository.insertTargets(
      client,
      action.id,
      unique.map((target) => ({ ...target, source: target.source ?? 'manual' })),
      account.id,
    );
    for (const target of added.filter((entry) => entry.kind === 'incident')) {
      await repository.insertStep(client, {
        incidentId: Number(target.ref),
        kind: 'joint_action',
        details: { jointActionId: action.id, title: action.title },
        note: null,
        ...by(account),
      });
    }
    return added;
  }

  async function readAction(account: Account, id: number): Promise<JointAction> {
    const action = await repository.findJointAction(pool, id, areaOf(account));
    if (!action) throw actionNotFound(id);
    return redactAction(account, action, await repository.findTargets([id]), await threshold());
  }

  /** The follow-up of one incident inside the caller's area: status, lead, actions, outcomes and the timeline. */
  async function read(actor: SignedInActor, id: number): Promise<FollowUp> {
    const { account } = actor;
    const incident = await repository.findIncident(id, areaOf(account));
    if (!incident) throw incidentNotFound(id);
    const seesPeople = maySeePeople(account.role);
    const [actions, outcomes, steps, limit] = await Promise.all([
      repository.actionsOfIncident(id),
      repository.outcomesOfIncident(id),
      repository.timeline(id),
      threshold(),
    ]);
    return {
      incidentId: id,
      status: incident.status as IncidentStatus,
      leadAgency: incident.leadAgency,
      jointActions: actions.map((action) => ({ ...action, kind: action.kind as JointAction['kind'] })),
      // What came of one person is for roles that may see people: for the others even the row would count heads.
      outcomes: outcomes
        .filter((outcome) => seesPeople || outcome.residentId === null)
        .map((outcome) => redactOutcome(account, outcome, limit)),
      timeline: steps
        .filter((step) => seesPeople || step.kind !== 'outcome' || !step.details.person)
        .map((step) => ({
          at: step.at,
          kind: step.kind === 'filed' ? 'status' : step.kind,
          status: (step.status as IncidentStatus | null) ?? null,
          agency: step.agency,
          leadAgency: step.kind === 'lead_agency' ? String(step.details.agency) : null,
          jointAction:
            step.kind === 'joint_action'
              ? { id: Number(step.details.jointActionId), title: String(step.details.title) }
              : null,
          outcome:
            step.kind === 'outcome'
              ? {
                  id: Number(step.details.outcomeId),
                  kind: step.details.kind as Outcome['kind'],
                  measure: (step.details.measure as Outcome['measure']) ?? null,
                }
              : null,
          note: step.agency && mayReadIncidentText(account, step.agency) ? step.note : null,
        })),
      mayFollowUp: mayFollowUp(account.role),
    };
  }

  return {
    read,

    /** Verified or not substantiated; the same decision again changes nothing (a retry). */
    async triage(actor: SignedInActor, id: number, body: { decision: TriageDecision; note?: string }) {
      await onIncident(actor, id, async (client, incident) => {
        if (incident.status === body.decision) return;
        if (!TRIAGE_FROM.includes(incident.status as IncidentStatus)) {
          throw wrongStep(incident.status, {
            id: 'penelaahan hanya sebelum ada tindakan.',
            en: 'triage comes before any action.',
          });
        }
        await repository.setStatus(client, id, body.decision, by(actor.account), body.note ?? null);
        await audit.record(
          actor,
          {
            action: 'incident.triage',
            targetType: 'incident',
            targetId: String(id),
            details: { decision: body.decision },
          },
          client,
        );
      });
      return read(actor, id);
    },

    async setLeadAgency(actor: SignedInActor, id: number, body: { agency: string; note?: string }) {
      await onIncident(actor, id, async (client, incident) => {
        if (incident.leadAgency === body.agency) return;
        if (incident.status === 'closed') {
          throw wrongStep(incident.status, { id: 'kejadian sudah ditutup.', en: 'it is closed.' });
        }
        await repository.setLeadAgency(client, id, body.agency);
        await repository.insertStep(client, {
          incidentId: id,
          kind: 'lead_agency',
          details: { agency: body.agency },
          note: body.note ?? null,
          ...by(actor.account),
        });
        await audit.record(
          actor,
          { action: 'incident.assign', targetType: 'incident', targetId: String(id), details: { agency: body.agency } },
          client,
        );
      });
      return read(actor, id);
    },

    async close(actor: SignedInActor, id: number, body: { note?: string }) {
      await onIncident(actor, id, async (client, incident) => {
        if (incident.status === 'closed') return;
        if (!CLOSE_FROM.includes(incident.status as IncidentStatus)) {
          throw wrongStep(incident.status, {
            id: 'tutup setelah ada hasil atau setelah dinyatakan tidak terbukti.',
            en: 'close it once it has an outcome or was found not substantiated.',
          });
        }
        await repository.setStatus(client, id, 'closed', by(actor.account), body.note ?? null);
        await audit.record(actor, { action: 'incident.close', targetType: 'incident', targetId: String(id) }, client);
      });
      return read(actor, id);
    },

    async listJointActions(actor: SignedInActor) {
      const { account } = actor;
      const actions = await repository.listJointActions(areaOf(account), JOINT_ACTIONS_SHOWN);
      const [targets, limit] = await Promise.all([
        repository.findTargets(actions.map((action) => action.id)),
        threshold(),
      ]);
      return { actions: actions.map((action) => redactAction(account, action, targets, limit)) };
    },

    readJointAction: (actor: SignedInActor, id: number) => readAction(actor.account, id),

    /** A joint action inside the caller's area, with its first targets; audited. */
    async createJointAction(actor: SignedInActor, body: NewJointActionBody): Promise<JointAction> {
      const { account } = actor;
      checkMayFollowUp(account);
      if (body.endsOn < body.startsOn) {
        throw new AppError(400, 'INVALID_PERIOD', {
          id: 'Hari terakhir harus sama dengan atau sesudah hari pertama.',
          en: 'The last day must be on or after the first.',
        });
      }
      const outside = body.areaCodes.filter((code) => !insideArea(account, code));
      const existing = await repository.existingAreaCodes(pool, body.areaCodes);
      const unknown = body.areaCodes.filter((code) => !existing.has(code) || outside.includes(code));
      if (unknown.length > 0) {
        throw new AppError(
          400,
          'INVALID_AREA_CODES',
          {
            id: `${unknown.length} kode wilayah bukan kecamatan atau desa di wilayah Anda.`,
            en: `${unknown.length} area codes are not a kecamatan or desa of your area.`,
          },
          { codes: unknown.slice(0, 20) },
        );
      }
      const targets = body.targets ?? [];
      if (targets.length > 0) await checkTargets(account, targets);
      const id = await withTransaction(pool, async (client) => {
        const actionId = await repository.insertJointAction(client, {
          kind: body.kind,
          title: body.title.trim() || body.title,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          agencies: body.agencies,
          areaCodes: body.areaCodes,
          notes: body.notes ?? null,
          accountId: account.id,
          agency: account.agency.code,
        });
        await addTargets(client, account, { id: actionId, title: body.title }, targets);
        await audit.record(
          actor,
          {
            action: 'joint_action.create',
            targetType: 'joint_action',
            targetId: String(actionId),
            details: { kind: body.kind, areas: body.areaCodes.length, targets: targets.length },
          },
          client,
        );
        return actionId;
      });
      return readAction(account, id);
    },

    /** Adds targets (a hot spot's desa, a cluster's incidents, one incident); those already listed stay once. */
    async addTargets(actor: SignedInActor, id: number, targets: TargetInput[]): Promise<JointAction> {
      const { account } = actor;
      checkMayFollowUp(account);
      const action = await repository.findJointAction(pool, id, areaOf(account));
      if (!action) throw actionNotFound(id);
      await checkTargets(account, targets);
      await withTransaction(pool, async (client) => {
        const added = await addTargets(client, account, action, targets);
        await audit.record(
          actor,
          {
            action: 'joint_action.target',
            targetType: 'joint_action',
            targetId: String(id),
            details: { added: added.length },
          },
          client,
        );
      });
      return readAction(account, id);
    },

    /**
     * Records what came of an incident or of one person; with an idempotency key a retry answers the first
     * recording. A deportation of a registered resident marks the person deported on that day.
     */
    async recordOutcome(actor: SignedInActor, body: NewOutcomeBody, rawKey?: string): Promise<Outcome> {
      const { account } = actor;
      checkMayFollowUp(account);
      if (body.residentId !== undefined && !maySeePeople(account.role)) {
        throw new AppError(403, 'FORBIDDEN', {
          id: 'Hasil untuk satu orang hanya dicatat oleh peran yang boleh melihat data orang.',
          en: 'Outcomes for one person are recorded only by roles that may see people.',
        });
      }
      if (body.incidentId === undefined && body.residentId === undefined) {
        throw new AppError(400, 'OUTCOME_SUBJECT_REQUIRED', {
          id: 'Sebutkan kejadian atau orang asing yang dimaksud.',
          en: 'Name the incident or the foreign resident it is for.',
        });
      }
      if ((body.kind === 'administrative_measure') !== (body.measure !== undefined)) {
        throw new AppError(400, 'INVALID_MEASURE', {
          id: 'Tindakan administratif lain memerlukan jenis tindakannya; hasil lain tidak.',
          en: 'Another administrative measure needs its kind of measure; other outcomes take none.',
        });
      }
      if (body.residentId !== undefined && body.people !== 1) {
        throw new AppError(400, 'INVALID_PEOPLE', {
          id: 'Hasil untuk satu orang berlaku untuk 1 orang.',
          en: 'An outcome for one person applies to 1 person.',
        });
      }
      if (body.decidedOn > todayFor(account)) {
        throw new AppError(400, 'DATE_IN_FUTURE', {
          id: 'Tanggal keputusan tidak boleh di masa depan.',
          en: 'The day of the decision cannot be in the future.',
        });
      }
      const key = rawKey?.toLowerCase() ?? null;
      const digest = bodyDigest(body);
      const area = areaOf(account);
      const limit = await threshold();
      return withTransaction(pool, async (client) => {
        if (key) {
          await repository.lockKey(client, `outcome:${account.id}:${key}`);
          const earlier = await repository.findOutcomeByKey(client, account.id, key);
          if (earlier) {
            if (earlier.digest !== digest) throw keyReused();
            return { ...redactOutcome(account, earlier.outcome, limit), replayed: true };
          }
        }
        const incident =
          body.incidentId === undefined ? null : await repository.lockIncident(client, body.incidentId, area);
        if (body.incidentId !== undefined && !incident) throw incidentNotFound(body.incidentId);
        const resident =
          body.residentId === undefined ? null : await repository.lockResident(client, body.residentId, area);
        if (body.residentId !== undefined && !resident) {
          throw notFound({
            id: `Orang asing ${body.residentId} tidak ditemukan di wilayah Anda.`,
            en: `Foreign resident ${body.residentId} was not found in your area.`,
          });
        }
        if (body.jointActionId !== undefined && !(await repository.findJointAction(client, body.jointActionId, area))) {
          throw actionNotFound(body.jointActionId);
        }
        if (incident) {
          if (incident.status === 'closed') {
            throw wrongStep(incident.status, { id: 'kejadian sudah ditutup.', en: 'it is closed.' });
          }
          const substantiated = body.kind !== 'not_substantiated';
          if (substantiated && !['verified', 'acted_on'].includes(incident.status)) {
            throw wrongStep(incident.status, {
              id: 'verifikasi kejadian sebelum mencatat hasil.',
              en: 'verify the incident before recording an outcome.',
            });
          }
          // Against what the caller may know: the exact number for roles that may see people; for the others the
          // published count and the most the disclosure rule may have taken off it (asking reveals nothing more).
          const published = publishCount(account.role, cell(incident.peopleCount, incident.disclosureKey), limit);
          const most = maySeePeople(account.role)
            ? incident.peopleCount
            : (typeof published === 'number' ? published : limit - 1) + MAX_PERTURBATION;
          if ((!maySeePeople(account.role) || incident.peopleCount > 0) && body.people > most) {
            throw new AppError(400, 'INVALID_PEOPLE', {
              id: `Untuk kejadian ini paling banyak ${most} orang.`,
              en: `At most ${most} people for this incident.`,
            });
          }
        }
        const outcome = await repository.insertOutcome(client, {
          incidentId: body.incidentId ?? null,
          residentId: body.residentId ?? null,
          jointActionId: body.jointActionId ?? null,
          kind: body.kind,
          measure: body.measure ?? null,
          people: body.people,
          decidedOn: body.decidedOn,
          agency: body.agency,
          desaCode: (incident?.desaCode ?? resident?.desaCode)!,
          note: body.note ?? null,
          accountId: account.id,
          accountAgency: account.agency.code,
          idempotencyKey: key,
          digest,
        });
        if (incident) {
          await repository.insertStep(client, {
            incidentId: incident.id,
            kind: 'outcome',
            details: {
              outcomeId: outcome.id,
              kind: body.kind,
              measure: body.measure ?? null,
              ...(resident ? { person: true } : {}),
            },
            note: body.note ?? null,
            ...by(account),
          });
          const next =
            body.kind === 'not_substantiated'
              ? incident.status === 'reported' || incident.status === 'verified'
                ? 'not_substantiated'
                : null
              : incident.status === 'verified'
                ? 'acted_on'
                : null;
          if (next) await repository.setStatus(client, incident.id, next, by(account), null);
        }
        if (resident && body.kind === 'deportation') {
          await repository.markDeported(client, body.residentId!, body.decidedOn);
        }
        await audit.record(
          actor,
          {
            action: 'outcome.record',
            targetType: 'follow_up_outcome',
            targetId: String(outcome.id),
            details: {
              kind: body.kind,
              ...(body.incidentId ? { incident: body.incidentId } : {}),
              ...(body.residentId ? { resident: body.residentId } : {}),
            },
          },
          client,
        );
        return redactOutcome(account, outcome, limit);
      });
    },

    /**
     * People per outcome kind and month, inside the caller's area (and a region of it). For roles that may not see
     * people each number is the sum of the kabupaten's published cells (perturbed, small ones suppressed), so totals
     * minus months or regions reveal nothing the cells do not.
     */
    async stats(actor: SignedInActor, query: OutcomeStatsQuery) {
      const { account } = actor;
      if (
        query.region &&
        !insideArea(account, query.region) &&
        !account.areas.some((area) => area.code.startsWith(`${query.region}.`))
      ) {
        throw notFound({
          id: `Wilayah ${query.region} di luar wilayah Anda.`,
          en: `Region ${query.region} is outside your area.`,
        });
      }
      const { from, to, slices } = monthsOf(query, todayFor(account));
      const region = query.region ?? null;
      const [rows, reports, limit] = await Promise.all([
        repository.countOutcomes(areaOf(account), region, from, to),
        repository.countReports(areaOf(account), region, from, to),
        threshold(),
      ]);
      const cells = new Map<string, Cell>();
      for (const row of rows) {
        const key = `${row.month}|${row.kind}|${row.kabupaten}`;
        cells.set(key, addCells(cells.get(key) ?? EMPTY_CELL, row.people));
      }
      const series: { month: string; byKind: Record<string, number> }[] = slices.map((slice) => ({
        month: slice.first.slice(0, 7),
        byKind: {},
      }));
      const byMonth = new Map(series.map((entry) => [entry.month, entry]));
      const totals: Record<string, number> = {};
      for (const [key, value] of cells) {
        const [month, kind] = key.split('|') as [string, string];
        const entry = byMonth.get(month);
        if (!entry) continue;
        const published = publishedNumber(publishCount(account.role, value, limit));
        if (published === 0) continue;
        entry.byKind[kind] = (entry.byKind[kind] ?? 0) + published;
        totals[kind] = (totals[kind] ?? 0) + published;
      }
      return { disclosureControl: !maySeePeople(account.role), from, to, months: series, totals, reports };
    },
  };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
