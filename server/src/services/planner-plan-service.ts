/**
 * Plans of the desa binaan planner (issue #12), shared within an office as saved views are: every signed-in account
 * of the author's agency reads them, other agencies get a 404. The roles that save views write plans; only the author
 * or an admin of the agency changes or deletes one; each change is one transaction with its audit entry, and
 * `version` refuses a change made on a stale copy. Every desa a plan decides on must lie in the writer's area.
 *
 * The shortlist is exported as CSV and as a PDF page for the meeting. Both are computed here from the reader's own
 * planner answer (counts as the reader's role may see them) with the plan's weights and the shared functions the
 * browser runs (domain/planner-plan.ts), so the file says what the planner saw.
 */
import type { PoolClient } from 'pg';
import { withTransaction } from '../db/transaction.ts';
import type { Pool } from '../db/pool.ts';
import { insideArea, type Account, type SignedInActor } from '../domain/actor.ts';
import { maySaveViews } from '../domain/who-sees-people.ts';
import { planCoverage, rankCandidates, withNearby, type RankedCandidate } from '../domain/planner-plan.ts';
import { PLANNER_CRITERIA } from '../domain/planner-score.ts';
import { AppError, notFound } from '../errors.ts';
import {
  PLAN_MAP_BOX,
  planBox,
  renderPlan,
  type PlanMap,
  type PlanContent as PrintedPlan,
} from '../exports/plan-document.ts';
import { simplificationTolerance } from '../exports/pdf-map.ts';
import type { PrintLanguage } from '../exports/pdf-format.ts';
import type { PlanContent, PlannerPlanRepository, StoredPlan } from '../repositories/planner-plan-repository.ts';
import type { BriefGeometryQueries } from '../repositories/brief-geometry-queries.ts';
import type { NewPlanBody, Plan, PlanChangesBody, PlanItem } from '../schemas/planner.ts';
import { CRITERION_LABELS, PLAN_DECISION_LABELS } from '../schemas/planner-labels.ts';
import { toCsv } from './analysis-export.ts';
import { drawnArea } from './operational-filter.ts';
import type { AuditService } from './audit.ts';
import { boundaryAttribution } from './basemap-style.ts';
import type { PlannerService } from './planner-service.ts';
import { staleVersion, titleOf } from './saved-view-service.ts';
import type { SettingsService } from './settings-service.ts';

/** The shortlist of an export: the best this many, and every desa the plan decided on. */
export const SHORTLIST_LENGTH = 30;

const notVisible = (id: number) => notFound({ id: `Rencana ${id} tidak ditemukan.`, en: `Plan ${id} was not found.` });

const mayNotWrite = () =>
  new AppError(403, 'FORBIDDEN', {
    id: 'Peran akun Anda tidak diizinkan menyimpan rencana.',
    en: 'Your account’s role is not allowed to save plans.',
  });

const notAuthor = () =>
  new AppError(403, 'NOT_AUTHOR', {
    id: 'Hanya pembuat rencana ini atau admin instansi yang boleh mengubah atau menghapusnya.',
    en: 'Only the author of this plan or an admin of the agency may change or delete it.',
  });

const outsideArea = (codes: string[]) =>
  new AppError(
    400,
    'OUTSIDE_AREA',
    {
      id: `Desa atau wilayah di luar wilayah kerja akun Anda, atau tidak dikenal: ${codes.join(', ')}.`,
      en: `Desa or regions outside your account’s area, or unknown: ${codes.join(', ')}.`,
    },
    { codes },
  );

const repeatedDesa = (codes: string[]) =>
  new AppError(
    400,
    'REPEATED_DESA',
    {
      id: `Setiap desa hanya boleh sekali dalam rencana: ${codes.join(', ')}.`,
      en: `Each desa may appear only once in a plan: ${codes.join(', ')}.`,
    },
    { codes },
  );

const publicPlan = ({ authorId: _author, ...plan }: StoredPlan): Plan => plan;

/** What the audit trail keeps of a plan: the choices, not the notes (which may name people). */
const planTrace = (plan: PlanContent) => ({
  title: plan.title,
  region: plan.region,
  within: plan.within !== null,
  weights: plan.weights,
  radiusKm: plan.radiusKm,
  sameKecamatan: plan.sameKecamatan,
  planned: plan.items.filter((item) => item.decision === 'planned').map((item) => item.code),
  rejected: plan.items.filter((item) => item.decision === 'rejected').map((item) => item.code),
});

const mayWrite = (account: Account) => !account.presenting && maySaveViews(account.role);

export interface PlanFile<Body extends Buffer | string> {
  fileName: string;
  body: Body;
}

export function createPlannerPlanService(
  pool: Pool,
  repository: PlannerPlanRepository,
  planner: PlannerService,
  settings: SettingsService,
  geometry: BriefGeometryQueries,
  audit: AuditService,
) {
  function visible(account: Account, id: number, row: StoredPlan | null): StoredPlan {
    if (!row || row.agencyCode !== account.agency.code) throw notVisible(id);
    return row;
  }

  /** The content as stored: trimmed, each desa once, every code inside the writer's area and known. */
  async function checkedContent(account: Account, input: NewPlanBody, client: PoolClient): Promise<PlanContent> {
    const codes = input.items.map((item) => item.code);
    const repeated = [...new Set(codes.filter((code, index) => codes.indexOf(code) !== index))];
    if (repeated.length > 0) throw repeatedDesa(repeated);
    const known = await repository.findDesaCodes(codes, client);
    const refused = codes.filter((code) => !known.has(code) || !insideArea(account, code));
    if (input.region !== null && !insideArea(account, input.region)) refused.unshift(input.region);
    if (refused.length > 0) throw outsideArea(refused);
    // A drawn area must be one (the same rule as every layer's `within`).
    if (input.within !== null) drawnArea(input.within);
    return {
      title: titleOf(input.title),
      region: input.region,
      within: input.within,
      weights: input.weights,
      radiusKm: Math.round(input.radiusKm * 100) / 100,
      sameKecamatan: input.sameKecamatan,
      items: input.items.map((item) => ({ code: item.code, decision: item.decision, note: item.note.trim() })),
    };
  }

  async function change<T>(actor: SignedInActor, id: number, work: (client: PoolClient) => Promise<T>) {
    if (!mayWrite(actor.account)) throw mayNotWrite();
    try {
      return await withTransaction(pool, work);
    } catch (error) {
      // Refusals are audited after the rollback: another's plan, and desa outside the writer's area.
      if (error instanceof AppError && (error.code === 'NOT_AUTHOR' || error.code === 'OUTSIDE_AREA')) {
        await audit.record(actor, {
          action: 'authorization.denied',
          outcome: 'denied',
          targetType: 'plan',
          targetId: String(id),
          details:
            error.code === 'NOT_AUTHOR'
              ? { reason: 'not_author' }
              : { reason: 'outside_area', codes: (error.details as { codes: string[] }).codes },
        });
      }
      throw error;
    }
  }

  function checkChange(account: Account, row: StoredPlan, version?: number) {
    if (row.authorId !== account.id && account.role !== 'admin') throw notAuthor();
    if (version !== undefined && version !== row.version) throw staleVersion(row.version);
  }

  /** The plan as the reader's role sees it: every candidate ranked with the plan's weights, and its coverage. */
  async function shortlistOf(account: Account, plan: StoredPlan) {
    const answer = await planner.candidates(account, {
      ...(plan.region ? { region: plan.region } : {}),
      ...(plan.within ? { within: plan.within } : {}),
    });
    const ranked = rankCandidates(withNearby(answer), plan.weights);
    const planned = plan.items.filter((item) => item.decision === 'planned').map((item) => item.code);
    const coverage = planCoverage(ranked, answer.binaan, planned, {
      radiusKm: plan.radiusKm,
      sameKecamatan: plan.sameKecamatan,
    });
    const decided = new Map(plan.items.map((item) => [item.code, item]));
    const rows = ranked.filter((candidate) => candidate.rank <= SHORTLIST_LENGTH || decided.has(candidate.code));
    return { answer, ranked, rows, decided, coverage };
  }

  function fileName(plan: StoredPlan, extension: string) {
    const slug = plan.title
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40)
      .toLowerCase();
    return `pantau-rencana-${plan.id}${slug ? `-${slug}` : ''}.${extension}`;
  }

  async function audited(actor: SignedInActor, plan: StoredPlan, format: 'csv' | 'pdf', lang: PrintLanguage) {
    await audit.record(actor, {
      action: format === 'csv' ? 'export.csv' : 'export.pdf',
      targetType: 'plan',
      targetId: String(plan.id),
      details: { kind: 'plan', lang, region: plan.region },
    });
  }

  const rounded = (value: number | null, digits = 4) =>
    value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

  function csvRow(candidate: RankedCandidate, item: PlanItem | undefined, lang: PrintLanguage) {
    return {
      properties: {
        rank: candidate.rank,
        code: candidate.code,
        desa: candidate.name,
        kecamatan: candidate.kecamatan,
        score: rounded(candidate.score),
        decision: item ? PLAN_DECISION_LABELS[item.decision][lang] : '',
        note: item?.note ?? '',
        ...Object.fromEntries(
          PLANNER_CRITERIA.map((name) => [`${name}_contribution`, rounded(candidate.contributions[name])]),
        ),
        foreigners_in_desa: candidate.foreigners,
        foreigners_near: candidate.foreignersNear,
        workers_in_desa: candidate.workers,
        workers_near: candidate.workersNear,
        incidents_weighted: candidate.raw.incidents,
        land_border_km: rounded(candidate.landBorderKm, 2),
        sea_border_km: rounded(candidate.seaBorderKm, 2),
        office_km: rounded(candidate.officeKm, 2),
        binaan_km: rounded(candidate.binaanKm, 2),
        lon: rounded(candidate.lon, 5),
        lat: rounded(candidate.lat, 5),
      },
      geometry: null,
    };
  }

  /** The kecamatan and kabupaten around the candidates, cut to the map's box and simplified for the page. */
  async function mapOf(printed: PrintedPlan): Promise<PlanMap> {
    const points = [...printed.candidates.map((point) => [point.lon, point.lat] as const), ...printed.binaan];
    const bbox = planBox(points, printed.radiusKm);
    const tolerance = simplificationTolerance(bbox, PLAN_MAP_BOX);
    const [kecamatan, kabupaten] = await Promise.all([
      geometry.findAreasInBox('kecamatan', bbox, tolerance),
      geometry.findAreasInBox('kabupaten', bbox, tolerance),
    ]);
    return { bbox, kecamatan, kabupaten };
  }

  return {
    async listPlans(account: Account): Promise<Plan[]> {
      return (await repository.listPlans(account.agency.code)).map(publicPlan);
    },

    async readPlan(account: Account, id: number): Promise<Plan> {
      return publicPlan(visible(account, id, await repository.findPlan(id)));
    },

    async createPlan(actor: SignedInActor, input: NewPlanBody): Promise<Plan> {
      const account = actor.account;
      return change(actor, 0, async (client) => {
        const content = await checkedContent(account, input, client);
        const id = await repository.insertPlan(client, {
          ...content,
          agencyCode: account.agency.code,
          authorId: account.id,
        });
        await audit.record(
          actor,
          { action: 'plan.save', targetType: 'plan', targetId: String(id), before: null, after: planTrace(content) },
          client,
        );
        return publicPlan((await repository.findPlan(id, client))!);
      });
    },

    async updatePlan(actor: SignedInActor, id: number, input: PlanChangesBody): Promise<Plan> {
      const account = actor.account;
      return change(actor, id, async (client) => {
        const before = visible(account, id, await repository.findPlan(id, client, true));
        checkChange(account, before, input.version);
        const content = await checkedContent(account, input, client);
        await repository.updatePlan(client, id, content);
        await audit.record(
          actor,
          {
            action: 'plan.save',
            targetType: 'plan',
            targetId: String(id),
            before: planTrace(before),
            after: planTrace(content),
          },
          client,
        );
        return publicPlan((await repository.findPlan(id, client))!);
      });
    },

    async deletePlan(actor: SignedInActor, id: number): Promise<void> {
      await change(actor, id, async (client) => {
        const before = visible(actor.account, id, await repository.findPlan(id, client, true));
        checkChange(actor.account, before);
        await repository.deletePlan(client, id);
        await audit.record(
          actor,
          { action: 'plan.delete', targetType: 'plan', targetId: String(id), before: planTrace(before) },
          client,
        );
      });
    },

    /** The shortlist as CSV: the plan's parameters in `#` lines, then the ranked desa with their contributions. */
    async exportCsv(actor: SignedInActor, id: number, lang: PrintLanguage): Promise<PlanFile<string>> {
      const plan = visible(actor.account, id, await repository.findPlan(id));
      const { rows, decided, coverage, answer } = await shortlistOf(actor.account, plan);
      const table = {
        analysis: `${lang === 'en' ? 'desa binaan plan' : 'rencana desa binaan'}: ${plan.title}`,
        parameters: {
          region: plan.region ?? (lang === 'en' ? 'the whole area' : 'seluruh wilayah kerja'),
          drawnArea: plan.within ?? (lang === 'en' ? 'none' : 'tidak ada'),
          ...Object.fromEntries(
            PLANNER_CRITERIA.map((name) => [
              `${lang === 'en' ? 'weight' : 'bobot'} ${CRITERION_LABELS[name][lang]}`,
              plan.weights[name],
            ]),
          ),
          radiusKm: plan.radiusKm,
          sameKecamatan: plan.sameKecamatan,
          incidents: `${answer.period.from}..${answer.period.to}`,
          disclosureControl: answer.disclosureControl,
          foreignersCovered: `${coverage.foreignersCovered} / ${coverage.foreignersTotal}`,
          incidentsCovered: `${coverage.incidentsCovered} / ${coverage.incidentsTotal}`,
        },
        columns: [
          'rank',
          'code',
          'desa',
          'kecamatan',
          'score',
          'decision',
          'note',
          ...PLANNER_CRITERIA.map((name) => `${name}_contribution`),
          'foreigners_in_desa',
          'foreigners_near',
          'workers_in_desa',
          'workers_near',
          'incidents_weighted',
          'land_border_km',
          'sea_border_km',
          'office_km',
          'binaan_km',
          'lon',
          'lat',
        ],
        rows: rows.map((candidate) => csvRow(candidate, decided.get(candidate.code), lang)),
      };
      const body = toCsv(table);
      await audited(actor, plan, 'csv', lang);
      return { fileName: fileName(plan, 'csv'), body };
    },

    /** The plan as one PDF page for the meeting: the map with coverage circles, the table and the weights. */
    async exportPdf(actor: SignedInActor, id: number, lang: PrintLanguage): Promise<PlanFile<Buffer>> {
      const plan = visible(actor.account, id, await repository.findPlan(id));
      const [{ classification }, shortlist] = await Promise.all([settings.read(), shortlistOf(actor.account, plan)]);
      const { rows, decided, coverage, answer } = shortlist;
      const printed: PrintedPlan = {
        lang,
        title: plan.title,
        region: plan.region,
        drawn: plan.within !== null,
        generatedAt: new Date(),
        agencyName: actor.account.agency.name[lang],
        classification,
        source: boundaryAttribution(lang),
        synthetic: answer.synthetic,
        weights: plan.weights,
        radiusKm: plan.radiusKm,
        sameKecamatan: plan.sameKecamatan,
        period: answer.period,
        disclosureControl: answer.disclosureControl,
        // The planned desa first, in the plan's order (numbered so on the map, as in the app), then the rest by rank.
        rows: [
          ...plan.items.flatMap((item) => {
            const candidate = item.decision === 'planned' ? rows.find((row) => row.code === item.code) : undefined;
            return candidate ? [{ candidate, item }] : [];
          }),
          ...rows
            .filter((candidate) => decided.get(candidate.code)?.decision !== 'planned')
            .map((candidate) => ({ candidate, item: decided.get(candidate.code) ?? null })),
        ],
        coverage,
        binaan: answer.binaan.map((place) => [place.lon, place.lat] as const),
        candidates: shortlist.ranked.map((candidate) => ({
          lon: candidate.lon,
          lat: candidate.lat,
          score: candidate.score,
        })),
      };
      const body = await renderPlan(printed, await mapOf(printed));
      await audited(actor, plan, 'pdf', lang);
      return { fileName: fileName(plan, 'pdf'), body };
    },
  };
}

export type PlannerPlanService = ReturnType<typeof createPlannerPlanService>;
