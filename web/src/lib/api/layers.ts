// The operational layer endpoints (issue #4). Every call takes the filters as ready-made query parameters (see
// lib/state/filters.svelte.ts) and an AbortSignal, because the map cancels a request as soon as the view moves on.
import { getJson } from './client';
import type {
  DesaBinaanResponse,
  IncidentPointsResponse,
  IncidentSummaryResponse,
  RecordDetails,
  ResidentPointsResponse,
  ResidentSummaryResponse,
  SummaryLevel,
  TimporaTeamsResponse,
  ViewSummaryResponse,
  WorkplacesResponse,
} from './types';

export type LayerParams = Record<string, string>;

/** The query string of a set of parameters, to tell whether two requests would be the same. */
export function paramsKey(params: LayerParams): string {
  return new URLSearchParams(params).toString();
}

export function getResidentSummary(
  level: SummaryLevel,
  params: LayerParams,
  signal: AbortSignal,
): Promise<ResidentSummaryResponse> {
  return getJson('/api/layers/residents/summary', { ...params, level }, signal);
}

export function getIncidentSummary(
  level: SummaryLevel,
  params: LayerParams,
  signal: AbortSignal,
): Promise<IncidentSummaryResponse> {
  return getJson('/api/layers/incidents/summary', { ...params, level }, signal);
}

export function getIncidentPoints(params: LayerParams, signal: AbortSignal): Promise<IncidentPointsResponse> {
  return getJson('/api/layers/incidents/points', params, signal);
}

/** Intel only: any other role gets 403 FORBIDDEN. */
export function getResidentPoints(params: LayerParams, signal: AbortSignal): Promise<ResidentPointsResponse> {
  return getJson('/api/layers/residents/points', params, signal);
}

export function getWorkplaces(params: LayerParams, signal: AbortSignal): Promise<WorkplacesResponse> {
  return getJson('/api/layers/workplaces', params, signal);
}

export function getDesaBinaan(signal: AbortSignal): Promise<DesaBinaanResponse> {
  return getJson('/api/layers/desa-binaan', {}, signal);
}

export function getTimporaTeams(signal: AbortSignal): Promise<TimporaTeamsResponse> {
  return getJson('/api/layers/timpora-teams', {}, signal);
}

/** Totals for the summary strip: pass the view's bbox with the filters. */
export function getViewSummary(params: LayerParams, signal: AbortSignal): Promise<ViewSummaryResponse> {
  return getJson('/api/layers/summary', params, signal);
}

export type RecordKind = 'resident' | 'incident';

/** One resident or incident, with the fields the role may see; 404 outside the account's area. */
export function getRecord(kind: RecordKind, id: number, signal: AbortSignal): Promise<RecordDetails> {
  const path = kind === 'resident' ? '/api/residents/' : '/api/incidents/';
  return getJson(`${path}${encodeURIComponent(id)}`, {}, signal);
}
