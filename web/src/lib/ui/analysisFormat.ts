// How each analysis result is shown: one table (columns and rows), map features with their colours, a legend and a
// summary line. Pure functions of the server's answer and the language, so the panel and the map agree; one module
// per kind of analysis in ./analysis/.
import type { AnalysisResult } from '$lib/api/analysis';
import type { Lang } from '$lib/i18n/translate';
import { bandView } from './analysis/bandView';
import { changeView } from './analysis/changeView';
import { clusterView, heatmapView, hexagonView } from './analysis/countView';
import { emergingView, hotSpotView } from './analysis/hotSpotView';
import type { AnalysisView } from './analysis/viewModel';

export { bandColors, bandLabel } from './analysis/bandView';
export type { AnalysisRow, AnalysisView, LegendEntry } from './analysis/viewModel';

export function analysisView(result: AnalysisResult, lang: Lang): AnalysisView {
  switch (result.kind) {
    case 'hotspots':
      return hotSpotView(result.data, lang);
    case 'emerging':
      return emergingView(result.data, lang);
    case 'clusters':
      return clusterView(result.data, lang);
    case 'hexagons':
      return hexagonView(result.data, lang);
    case 'heatmap':
      return heatmapView(result.data, lang);
    case 'change':
      return changeView(result.data, lang);
    case 'bands':
      return bandView(result.data, lang);
  }
}
