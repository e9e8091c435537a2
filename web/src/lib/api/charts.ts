// The charts' endpoints (issue #11): the same filters as the layers, with the view's level for roles that may not
// see people; the server publishes every count as the role may see it.
import { api } from './client';
import type { LayerParams } from './layers';
import type { IncidentSeries, Provenance, ResidentBreakdown, ResidentSeries } from './types';

export function getIncidentSeries(params: LayerParams, signal: AbortSignal): Promise<IncidentSeries> {
  return api('get', '/api/charts/incidents', { query: params, signal });
}

export function getResidentSeries(params: LayerParams, signal: AbortSignal): Promise<ResidentSeries> {
  return api('get', '/api/charts/residents', { query: params, signal });
}

export function getResidentBreakdown(params: LayerParams, signal: AbortSignal): Promise<ResidentBreakdown> {
  return api('get', '/api/charts/breakdown', { query: params, signal });
}

export function getProvenance(signal?: AbortSignal): Promise<Provenance> {
  return api('get', '/api/provenance', { signal });
}
