// The follow-up from report to outcome (issue #13): an incident's triage, lead agency, joint actions and outcomes,
// and the outcome statistics for the meeting. Shapes from the generated contract (types.ts).
import { api } from './client';
import type {
  FollowUp,
  JointAction,
  JointActionList,
  NewJointAction,
  NewOutcome,
  Outcome,
  OutcomeStats,
  OutcomeStatsQuery,
  TargetInput,
  TriageDecision,
} from './types';

export const getFollowUp = (id: number, signal?: AbortSignal): Promise<FollowUp> =>
  api('get', '/api/incidents/{id}/follow-up', { path: { id }, signal });

export const triage = (id: number, decision: TriageDecision, note?: string): Promise<FollowUp> =>
  api('post', '/api/incidents/{id}/triage', { path: { id }, body: { decision, ...(note ? { note } : {}) } });

export const setLeadAgency = (id: number, agency: NewOutcome['agency']): Promise<FollowUp> =>
  api('put', '/api/incidents/{id}/lead-agency', { path: { id }, body: { agency } });

export const closeIncident = (id: number, note?: string): Promise<FollowUp> =>
  api('post', '/api/incidents/{id}/close', { path: { id }, body: note ? { note } : {} });

export const listJointActions = (signal?: AbortSignal): Promise<JointActionList> =>
  api('get', '/api/joint-actions', { signal });

export const createJointAction = (body: NewJointAction): Promise<JointAction> =>
  api('post', '/api/joint-actions', { body });

export const addTargets = (id: number, targets: TargetInput[]): Promise<JointAction> =>
  api('post', '/api/joint-actions/{id}/targets', { path: { id }, body: { targets } });

/** One key per outcome form: a retry (a lost answer, a second click) records it once. */
export const recordOutcome = (body: NewOutcome, key: string): Promise<Outcome> =>
  api('post', '/api/outcomes', { body, headers: { 'idempotency-key': key } });

export const getOutcomeStats = (query: OutcomeStatsQuery, signal?: AbortSignal): Promise<OutcomeStats> =>
  api('get', '/api/outcomes/stats', { query, signal });
