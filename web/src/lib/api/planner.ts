// The desa binaan planner (issue #12): the candidates' facts in one answer, and the office's plans.
import { api, apiUrl } from './client';
import type { NewPlan, Plan, PlanChange, PlanList, PlannerAnswer } from './types';

export const getPlannerCandidates = (
  region: string | null,
  within: string | null,
  signal?: AbortSignal,
): Promise<PlannerAnswer> =>
  api('get', '/api/planner/candidates', {
    query: { ...(region ? { region } : {}), ...(within ? { within } : {}) },
    signal,
  });

export const listPlans = (signal?: AbortSignal): Promise<PlanList> => api('get', '/api/planner/plans', { signal });

export const createPlan = (body: NewPlan): Promise<Plan> => api('post', '/api/planner/plans', { body });

export const updatePlan = (id: number, body: PlanChange): Promise<Plan> =>
  api('put', '/api/planner/plans/{id}', { path: { id }, body });

export const deletePlan = (id: number): Promise<unknown> => api('delete', '/api/planner/plans/{id}', { path: { id } });

/** Where the plan's shortlist downloads (the server computes it for the reader's role). */
export const planFileUrl = (id: number, format: 'csv' | 'pdf', lang: 'id' | 'en'): string =>
  format === 'csv'
    ? apiUrl('/api/planner/plans/{id}/shortlist.csv', { path: { id }, query: { lang } })
    : apiUrl('/api/planner/plans/{id}/shortlist.pdf', { path: { id }, query: { lang } });
