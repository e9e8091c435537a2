import { describeError, isAbortError } from '$lib/api/client';
import { createPlan, deletePlan, getPlannerCandidates, listPlans, updatePlan } from '$lib/api/planner';
import type { Plan, PlanItem, PlannerAnswer } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';
import {
  byCodeOf,
  codeSet,
  coverageModel,
  coverageOf,
  prepare,
  rank,
  ranksOf,
  sensitivity,
  suggestPlan,
  type PlanCoverage,
  type PreparedCandidates,
  type RankedCandidate,
} from '$lib/planner/compute';
import { DEFAULT_WEIGHTS, PLANNER_CRITERIA, type Criterion } from '../../../../server/src/domain/planner-score.ts';

export type Weights = Record<Criterion, number>;
type Decision = PlanItem['decision'];

/** What the planner compares the working plan with: the greedy suggestion, or a saved plan of the office. */
export type Comparison = { kind: 'suggestion' } | { kind: 'plan'; id: number } | { kind: 'none' };

/**
 * The desa binaan planner (issue #12). The server answers once with every candidate's facts (people as the role may
 * see them); the ranking follows every slider move here, with the server's own score function, and the plan's
 * coverage follows every decision. The office's plans are saved on the server.
 */
export class PlannerState {
  open = $state(false);
  /** Whether the account reads and writes the office's plans (the page sets it from the role). */
  maySave = $state(false);
  /** A province, kabupaten or kecamatan code; '' for the whole area. */
  region = $state('');
  /** The area drawn on the map (the API's `within`), or null: the candidates are the desa whose centre is inside. */
  area: string | null = $state(null);
  /** Called when a plan opened brings its own drawn area (the page draws it, which sets `area`). */
  onarea: ((within: string | null) => void) | null = null;
  answer: PlannerAnswer | null = $state.raw(null);
  loading = $state(false);
  error: LocalizedText | null = $state(null);

  weights: Weights = $state({ ...DEFAULT_WEIGHTS });
  /** The ranks before the last weight change, to show how each candidate moved. */
  previousRanks: ReadonlyMap<string, number> = $state.raw(ranksOf([]));
  selected: string | null = $state(null);

  /** Plan size and the reach of a PIMPASA officer. */
  n = $state(5);
  radiusKm = $state(10);
  sameKecamatan = $state(false);

  /** The working plan: a decision and a note per desa, in the order they were made. */
  decisions: { code: string; decision: Decision; note: string }[] = $state([]);
  comparison: Comparison = $state({ kind: 'suggestion' });

  plans: Plan[] = $state.raw([]);
  /** The saved plan being edited, when there is one. */
  current: Plan | null = $state.raw(null);
  title = $state('');
  saving = $state(false);
  saveError: LocalizedText | null = $state(null);

  #controller: AbortController | null = null;

  readonly prepared: PreparedCandidates | null = $derived(this.answer ? prepare(this.answer) : null);
  readonly ranked: RankedCandidate[] = $derived(this.prepared ? rank(this.prepared, this.weights) : []);
  readonly byCode: ReadonlyMap<string, RankedCandidate> = $derived(byCodeOf(this.ranked));
  readonly reach = $derived({ radiusKm: this.radiusKm, sameKecamatan: this.sameKecamatan });
  readonly plannedCodes: string[] = $derived(
    this.decisions.filter((entry) => entry.decision === 'planned').map((entry) => entry.code),
  );
  readonly rejectedCodes: ReadonlySet<string> = $derived(
    codeSet(this.decisions.filter((entry) => entry.decision === 'rejected').map((entry) => entry.code)),
  );
  /** Who reaches whom: rebuilt when the answer or the reach changes, not on a slider move. */
  readonly model = $derived(
    this.prepared && this.answer ? coverageModel(this.prepared, this.answer.binaan, this.reach) : null,
  );
  readonly suggestion: PlanCoverage | null = $derived(
    this.model ? suggestPlan(this.model, this.ranked, this.n, this.rejectedCodes) : null,
  );
  readonly coverage: PlanCoverage | null = $derived(
    this.model ? coverageOf(this.model, this.ranked, this.plannedCodes) : null,
  );
  /** Who reaches whom with the compared plan's own reach: rebuilt when that reach or the answer changes. */
  readonly comparedModel = $derived.by(() => {
    const comparison = this.comparison;
    if (comparison.kind !== 'plan' || !this.prepared || !this.answer) return null;
    const plan = this.plans.find((entry) => entry.id === comparison.id);
    if (!plan) return null;
    if (plan.radiusKm === this.radiusKm && plan.sameKecamatan === this.sameKecamatan) return this.model;
    return coverageModel(this.prepared, this.answer.binaan, {
      radiusKm: plan.radiusKm,
      sameKecamatan: plan.sameKecamatan,
    });
  });

  /** The plan compared with the working one: its desa, its reach and its coverage. */
  readonly compared = $derived.by(() => {
    const answer = this.answer;
    if (!answer || this.comparison.kind === 'none') return null;
    if (this.comparison.kind === 'suggestion') {
      return this.suggestion
        ? { codes: this.suggestion.picks.map((pick) => pick.code), radiusKm: this.radiusKm, coverage: this.suggestion }
        : null;
    }
    const id = this.comparison.id;
    const plan = this.plans.find((entry) => entry.id === id);
    if (!plan) return null;
    const codes = plan.items.filter((item) => item.decision === 'planned').map((item) => item.code);
    const model = this.comparedModel;
    return model ? { codes, radiusKm: plan.radiusKm, coverage: coverageOf(model, this.ranked, codes) } : null;
  });
  readonly selectedCandidate: RankedCandidate | null = $derived(
    this.selected ? (this.byCode.get(this.selected) ?? null) : null,
  );
  /** How the selected candidate's rank moves with each weight at zero and doubled. */
  readonly selectedSensitivity = $derived(
    this.selected && this.prepared && this.byCode.has(this.selected)
      ? sensitivity(this.prepared, this.weights, this.selected)
      : null,
  );

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = null;
    try {
      const region = this.region.trim() || null;
      const [answer, plans] = await Promise.all([
        getPlannerCandidates(region, this.area, controller.signal),
        this.maySave ? listPlans(controller.signal) : Promise.resolve({ plans: [] }),
      ]);
      if (controller.signal.aborted) return;
      this.answer = answer;
      this.plans = plans.plans;
      this.previousRanks = ranksOf([]);
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.error = describeError(error);
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  }

  /** Whether a slider is being moved: the ranks before the move are kept until it ends (`endWeightChange`). */
  #moving = false;

  setWeight(name: Criterion, value: number): void {
    if (!this.#moving) this.previousRanks = ranksOf(this.ranked);
    this.#moving = true;
    this.weights = { ...this.weights, [name]: value };
  }

  /** A slider let go: the next move is measured from here. */
  endWeightChange(): void {
    this.#moving = false;
  }

  resetWeights(): void {
    this.#moving = false;
    this.previousRanks = ranksOf(this.ranked);
    this.weights = { ...DEFAULT_WEIGHTS };
  }

  decisionOf(code: string) {
    return this.decisions.find((entry) => entry.code === code) ?? null;
  }

  /** Marks a desa planned or rejected; the same decision again takes it back. */
  decide(code: string, decision: Decision): void {
    const existing = this.decisionOf(code);
    if (existing?.decision === decision) {
      this.decisions = this.decisions.filter((entry) => entry.code !== code);
    } else if (existing) {
      existing.decision = decision;
    } else {
      this.decisions = [...this.decisions, { code, decision, note: '' }];
    }
  }

  setNote(code: string, note: string): void {
    const existing = this.decisionOf(code);
    if (existing) existing.note = note;
  }

  /** The suggestion becomes the working plan: its desa planned, the rejections kept. */
  takeSuggestion(): void {
    const picks = this.suggestion?.picks.map((pick) => pick.code) ?? [];
    const noteOf = (code: string) => this.decisionOf(code)?.note ?? '';
    this.decisions = [
      ...picks.map((code) => ({ code, decision: 'planned' as const, note: noteOf(code) })),
      ...this.decisions.filter((entry) => entry.decision === 'rejected'),
    ];
  }

  /** Opens a saved plan for editing: its region, weights, reach and decisions. */
  async openPlan(plan: Plan): Promise<void> {
    this.current = plan;
    this.title = plan.title;
    const regionChanged = (plan.region ?? '') !== this.region.trim();
    this.region = plan.region ?? '';
    this.previousRanks = ranksOf(this.ranked);
    this.weights = { ...DEFAULT_WEIGHTS, ...plan.weights };
    this.radiusKm = plan.radiusKm;
    this.sameKecamatan = plan.sameKecamatan;
    this.decisions = plan.items.map((item) => ({ ...item }));
    this.n = Math.max(1, this.plannedCodes.length || this.n);
    if (this.comparison.kind === 'plan' && this.comparison.id === plan.id) this.comparison = { kind: 'suggestion' };
    if (plan.within !== this.area) {
      // The page draws the plan's area (or clears the drawing), which comes back here through `setArea`.
      this.onarea?.(plan.within);
      this.area = plan.within;
      await this.load();
    } else if (regionChanged || !this.answer) await this.load();
  }

  /** The drawn area changed on the map: the candidates follow it while the planner is open. */
  setArea(within: string | null): void {
    if (within === this.area) return;
    this.area = within;
    if (this.open && this.answer) void this.load();
  }

  newPlan(): void {
    this.current = null;
    this.title = '';
    this.decisions = [];
  }

  async save(): Promise<void> {
    this.saving = true;
    this.saveError = null;
    const body = {
      title: this.title,
      region: this.region.trim() || null,
      within: this.area,
      weights: Object.fromEntries(PLANNER_CRITERIA.map((name) => [name, this.weights[name]])) as Weights,
      radiusKm: this.radiusKm,
      sameKecamatan: this.sameKecamatan,
      items: this.decisions.map((entry) => ({ code: entry.code, decision: entry.decision, note: entry.note })),
    };
    try {
      const saved = this.current
        ? await updatePlan(this.current.id, { ...body, version: this.current.version })
        : await createPlan(body);
      this.current = saved;
      this.title = saved.title;
      this.plans = (await listPlans()).plans;
    } catch (error) {
      this.saveError = describeError(error);
    } finally {
      this.saving = false;
    }
  }

  async remove(plan: Plan): Promise<void> {
    this.saveError = null;
    try {
      await deletePlan(plan.id);
      if (this.current?.id === plan.id) this.newPlan();
      if (this.comparison.kind === 'plan' && this.comparison.id === plan.id) this.comparison = { kind: 'suggestion' };
      this.plans = (await listPlans()).plans;
    } catch (error) {
      this.saveError = describeError(error);
    }
  }

  cancel(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.loading = false;
  }
}
