// The analysis endpoints (issue #5): one GET each, JSON for the panel and the map, or the same address with
// format=csv|geojson as a file to download (the browser sends the session cookie with the link).
import { ANALYSIS_KINDS, type AnalysisKind } from '../../../../server/src/schemas/vocabulary.ts';
import { api, apiUrl } from './client';
import type { ApiAnswer, ApiQuery } from './contract';

/** The analyses, as the server's vocabulary lists them. */
export const analysisKinds = ANALYSIS_KINDS;
export type { AnalysisKind };

const analysisPaths = {
  hotspots: '/api/analysis/hotspots',
  emerging: '/api/analysis/emerging-hotspots',
  clusters: '/api/analysis/clusters',
  hexagons: '/api/analysis/hexagons',
  // The heat map is drawn from the hexagon counts (centres only): the same cells, the same disclosure rule.
  heatmap: '/api/analysis/hexagons',
  change: '/api/analysis/change',
  bands: '/api/analysis/border-bands',
} as const satisfies Record<AnalysisKind, string>;

type AnalysisPath<K extends AnalysisKind> = (typeof analysisPaths)[K];

/** What each analysis is asked with: the map's filters and its own parameters. */
export type AnalysisQuery<K extends AnalysisKind> = ApiQuery<'get', AnalysisPath<K>>;
/** What each analysis answers as JSON. */
export type AnalysisResponses = { [K in AnalysisKind]: ApiAnswer<'get', AnalysisPath<K>> };

/** One analysis to run: its kind and its query (the server's own defaults written out). */
export type AnalysisRequest = { [K in AnalysisKind]: { kind: K; query: AnalysisQuery<K> } }[AnalysisKind];
/** One analysis's answer, told apart by its kind. */
export type AnalysisResult = { [K in AnalysisKind]: { kind: K; data: AnalysisResponses[K] } }[AnalysisKind];

export async function getAnalysis(request: AnalysisRequest, signal: AbortSignal): Promise<AnalysisResult> {
  switch (request.kind) {
    case 'hotspots':
      return { kind: request.kind, data: await api('get', analysisPaths.hotspots, { query: request.query, signal }) };
    case 'emerging':
      return { kind: request.kind, data: await api('get', analysisPaths.emerging, { query: request.query, signal }) };
    case 'clusters':
      return { kind: request.kind, data: await api('get', analysisPaths.clusters, { query: request.query, signal }) };
    case 'hexagons':
      return { kind: request.kind, data: await api('get', analysisPaths.hexagons, { query: request.query, signal }) };
    case 'heatmap':
      return { kind: request.kind, data: await api('get', analysisPaths.heatmap, { query: request.query, signal }) };
    case 'change':
      return { kind: request.kind, data: await api('get', analysisPaths.change, { query: request.query, signal }) };
    case 'bands':
      return { kind: request.kind, data: await api('get', analysisPaths.bands, { query: request.query, signal }) };
  }
}

/** A link that downloads the result as CSV or GeoJSON, with the parameters written into the file. */
export function analysisExportUrl(request: AnalysisRequest, format: 'csv' | 'geojson'): string {
  return apiUrl(analysisPaths[request.kind], { query: { ...request.query, format } });
}
