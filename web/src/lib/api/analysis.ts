// The analysis endpoints (issue #5): one GET each, JSON for the panel and the map, or the same URL with
// format=csv|geojson as a file to download (the browser sends the session cookie with the link).
import { ANALYSIS_KINDS, type AnalysisKind } from '../../../../server/src/schemas/vocabulary.ts';
import { getJson } from './client';
import type {
  BorderBandResponse,
  ChangeResponse,
  ClusterResponse,
  EmergingResponse,
  HexagonResponse,
  HotSpotResponse,
} from './types';

/** The analyses, as the server's vocabulary lists them. */
export const analysisKinds = ANALYSIS_KINDS;
export type { AnalysisKind };

export interface AnalysisResponses {
  hotspots: HotSpotResponse;
  emerging: EmergingResponse;
  clusters: ClusterResponse;
  hexagons: HexagonResponse;
  change: ChangeResponse;
  bands: BorderBandResponse;
}

const PATHS: Record<AnalysisKind, string> = {
  hotspots: '/api/analysis/hotspots',
  emerging: '/api/analysis/emerging-hotspots',
  clusters: '/api/analysis/clusters',
  hexagons: '/api/analysis/hexagons',
  change: '/api/analysis/change',
  bands: '/api/analysis/border-bands',
};

export function getAnalysis<K extends AnalysisKind>(
  kind: K,
  params: Record<string, string>,
  signal: AbortSignal,
): Promise<AnalysisResponses[K]> {
  return getJson(PATHS[kind], params, signal);
}

/** A link that downloads the result as CSV or GeoJSON, with the parameters written into the file. */
export function analysisExportUrl(
  kind: AnalysisKind,
  params: Record<string, string>,
  format: 'csv' | 'geojson',
): string {
  return `${PATHS[kind]}?${new URLSearchParams({ ...params, format }).toString()}`;
}
