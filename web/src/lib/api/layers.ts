// The operational layer endpoints (issue #4). Every call takes the filters as a typed query (see
// lib/state/filters.svelte.ts) and an AbortSignal, because the map cancels a request as soon as the view moves on.
import { api, queryString } from './client';
import type { ApiQuery } from './contract';
import type {
  CreatedIncident,
  OwnReports,
  DesaBinaanResponse,
  IncidentSummaryResponse,
  LayerFilterQuery,
  NewIncident,
  RecordDetails,
  ResidentSummaryResponse,
  SummaryLevel,
  TimporaTeamsResponse,
  ViewSummaryResponse,
  WorkplacesResponse,
} from './types';

/** The query of a layer request: the map's filters, with the level where the endpoint takes one. */
export type LayerParams = LayerFilterQuery & { level?: SummaryLevel };

/** The query string of a request, to tell whether two requests would be the same. */
export function paramsKey(params: LayerParams): string {
  return queryString(params);
}

export function getResidentSummary(
  level: SummaryLevel,
  filters: LayerFilterQuery,
  signal: AbortSignal,
): Promise<ResidentSummaryResponse> {
  return api('get', '/api/layers/residents/summary', { query: { ...filters, level }, signal });
}

export function getIncidentSummary(
  level: SummaryLevel,
  filters: LayerFilterQuery,
  signal: AbortSignal,
): Promise<IncidentSummaryResponse> {
  return api('get', '/api/layers/incidents/summary', { query: { ...filters, level }, signal });
}

/** The point layers the map draws from vector tiles (the JSON lists serve the details drawer and exports). */
export type PointTileLayer = 'incidents' | 'residents';

/**
 * A point layer's tile address for maplibre, `{z}/{x}/{y}` left for it to fill, with the filters (typed by the
 * contract of `/tiles/<layer>/{z}/{x}/{y}.mvt`). Absolute: maplibre's worker fetches it.
 */
export function pointTilesUrl(layer: PointTileLayer, filters: TileQuery<PointTileLayer>): string {
  return `${location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt?${queryString(filters)}`;
}

type TileQuery<L extends PointTileLayer> = ApiQuery<'get', `/tiles/${L}/{z}/{x}/{y}.mvt`>;

export function getWorkplaces(filters: LayerFilterQuery, signal: AbortSignal): Promise<WorkplacesResponse> {
  return api('get', '/api/layers/workplaces', { query: filters, signal });
}

export function getDesaBinaan(signal: AbortSignal): Promise<DesaBinaanResponse> {
  return api('get', '/api/layers/desa-binaan', { signal });
}

export function getTimporaTeams(signal: AbortSignal): Promise<TimporaTeamsResponse> {
  return api('get', '/api/layers/timpora-teams', { signal });
}

/** Totals for the summary strip: the view's bbox with the filters (and, for roles that may not see people, the level). */
export function getViewSummary(params: LayerParams, signal: AbortSignal): Promise<ViewSummaryResponse> {
  return api('get', '/api/layers/summary', { query: params, signal });
}

export type RecordKind = 'resident' | 'incident';

/** One resident or incident, with the fields the role may see; 404 outside the account's area. */
export function getRecord(kind: RecordKind, id: number, signal: AbortSignal): Promise<RecordDetails> {
  if (kind === 'resident') return api('get', '/api/residents/{id}', { path: { id }, signal });
  return api('get', '/api/incidents/{id}', { path: { id }, signal });
}

/**
 * Files one report. `key` is made once per report and sent again on every retry of it, so a lost answer or a second
 * tap never files it twice. Rejects with 403 OUTSIDE_AREA, 400 OUTSIDE_COVERAGE, 400 INVALID_REQUEST or 409
 * IDEMPOTENCY_KEY_REUSED.
 */
export function fileIncident(incident: NewIncident, key: string): Promise<CreatedIncident> {
  return api('post', '/api/incidents', { body: incident, headers: { 'idempotency-key': key } });
}

/** The reports the caller filed itself, with their follow-up. */
export function getOwnReports(signal?: AbortSignal): Promise<OwnReports> {
  return api('get', '/api/incidents/mine', { signal });
}
