import { listAgencies } from '$lib/api/admin';
import { describeError, isAbortError } from '$lib/api/client';
import {
  addTargets,
  closeIncident,
  createJointAction,
  getFollowUp,
  listJointActions,
  recordOutcome,
  setLeadAgency,
  triage,
} from '$lib/api/followUp';
import type { Agency, FollowUp, JointAction, NewJointAction, NewOutcome, TriageDecision } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

/** What the outcome form sends, without the incident (the state adds it). */
export type OutcomeForm = Omit<NewOutcome, 'incidentId'>;

/**
 * One incident's follow-up in the details drawer (issue #13): what the server answers, and each step the user takes
 * — triage, lead agency, a joint action, an outcome, closing — sent one at a time; the answer replaces what is shown.
 */
export class FollowUpState {
  data: FollowUp | null = $state.raw(null);
  actions: JointAction[] = $state.raw([]);
  agencies: Agency[] = $state.raw([]);
  busy = $state(false);
  error: LocalizedText | null = $state.raw(null);
  /** A message after a step went through (read out by screen readers). */
  done: LocalizedText | null = $state.raw(null);
  #controller: AbortController | null = null;
  /** The key of the outcome being filled in: a retry of the same form sends it again, a new form gets a new one. */
  outcomeKey = $state(crypto.randomUUID());

  constructor(readonly incidentId: number) {}

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const [data, actions, agencies] = await Promise.all([
        getFollowUp(this.incidentId, controller.signal),
        listJointActions(controller.signal),
        this.agencies.length > 0 ? Promise.resolve({ agencies: this.agencies }) : listAgencies(controller.signal),
      ]);
      if (controller.signal.aborted) return;
      this.data = data;
      this.actions = actions.actions;
      this.agencies = agencies.agencies;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.error = describeError(error);
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  async #step(work: () => Promise<FollowUp | void>, done: LocalizedText): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.done = null;
    try {
      const answer = await work();
      if (answer) this.data = answer;
      else this.data = await getFollowUp(this.incidentId);
      this.done = done;
      return true;
    } catch (error) {
      this.error = describeError(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  triage(decision: TriageDecision, note: string, done: LocalizedText) {
    return this.#step(() => triage(this.incidentId, decision, note.trim() || undefined), done);
  }

  setLead(agency: NewOutcome['agency'], done: LocalizedText) {
    return this.#step(() => setLeadAgency(this.incidentId, agency), done);
  }

  close(done: LocalizedText) {
    return this.#step(() => closeIncident(this.incidentId), done);
  }

  /** Puts the incident on an existing action's target list. */
  link(actionId: number, done: LocalizedText) {
    return this.#step(async () => {
      await addTargets(actionId, [{ kind: 'incident', ref: String(this.incidentId), source: 'manual' }]);
      this.actions = (await listJointActions()).actions;
    }, done);
  }

  /** A new joint action with this incident on its target list. */
  createAction(body: NewJointAction, done: LocalizedText) {
    return this.#step(async () => {
      await createJointAction({
        ...body,
        targets: [...(body.targets ?? []), { kind: 'incident', ref: String(this.incidentId), source: 'manual' }],
      });
      this.actions = (await listJointActions()).actions;
    }, done);
  }

  async record(form: OutcomeForm, done: LocalizedText): Promise<boolean> {
    const ok = await this.#step(async () => {
      await recordOutcome({ ...form, incidentId: this.incidentId }, this.outcomeKey);
    }, done);
    // The next outcome is another one: a new key.
    if (ok) this.outcomeKey = crypto.randomUUID();
    return ok;
  }
}
