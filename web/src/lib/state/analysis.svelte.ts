import {
  analysisExportUrl,
  getAnalysis,
  type AnalysisKind,
  type AnalysisQuery,
  type AnalysisRequest,
  type AnalysisResult,
} from '$lib/api/analysis';
import { describeError, isAbortError } from '$lib/api/client';
import type { LocalizedText } from '$lib/i18n/translate';
import { paddedBBoxParam } from '$lib/map/layers/common';
import { heatmapResolution } from '$lib/ui/analysis/heatmapScale';
import type { BBox } from '$lib/api/types';
import type { LayerFilters } from './filters.svelte';
import { currentDate, quarterPeriods, twelveQuartersStart } from './period';

export type { AnalysisResult };
export type AnalysisLayer = AnalysisQuery<'hotspots'>['layer'];
/** The layers with a time: emerging hot spots and change take only these. */
type TimedLayer = AnalysisQuery<'emerging'>['layer'];
export type UnitLevel = AnalysisQuery<'change'>['level'];

/** Which layers each analysis can run on (emerging hot spots and change need records with a time). */
export function layersForAnalysis(kind: AnalysisKind): readonly AnalysisLayer[] {
  if (kind === 'emerging' || kind === 'change') return ['incidents', 'residents'];
  if (kind === 'bands') return [];
  if (kind === 'heatmap') return ['incidents', 'residents'];
  return ['incidents', 'residents', 'workplaces'];
}

/**
 * The analysis panel: what to run (kind, layer, time range, parameters), the last result and the row chosen in its
 * table. The "who" filters and the distance band come from the map's filters, so the analysis and the map agree.
 */
export class AnalysisState {
  open = $state(false);
  kind: AnalysisKind = $state('hotspots');
  layer: AnalysisLayer = $state('incidents');
  from = $state('');
  to = $state('');
  // Hot spots and emerging hot spots
  unit: AnalysisQuery<'hotspots'>['unit'] = $state('desa');
  resolution = $state(6);
  neighbours: AnalysisQuery<'hotspots'>['neighbours'] = $state('knn');
  k = $state(8);
  distanceKm = $state(10);
  fdr = $state(true);
  slice: AnalysisQuery<'emerging'>['slice'] = $state('quarter');
  // Clusters and hexagons
  distanceM = $state(1000);
  minPoints = $state(5);
  hexResolution = $state(7);
  // Change
  level: UnitLevel = $state('kecamatan');
  changeFrom = $state('');
  changeTo = $state('');
  compareFrom = $state('');
  compareTo = $state('');

  status: 'idle' | 'loading' | 'done' | 'error' = $state('idle');
  error: LocalizedText | null = $state(null);
  result: AnalysisResult | null = $state.raw(null);
  /** The request the shown result answers (for its export links). */
  resultRequest: AnalysisRequest | null = $state.raw(null);
  selectedId: string | null = $state(null);
  /** The map's view, which the heat map follows (the other analyses cover the whole area). */
  view: { zoom: number; bbox: BBox } | null = $state.raw(null);
  #controller: AbortController | null = null;
  /** The request last sent (shown, or still on its way): the heat map follows the view from it. */
  #asked: AnalysisRequest | null = null;

  constructor(now: Date = currentDate()) {
    const quarters = quarterPeriods(now);
    this.from = twelveQuartersStart(now);
    this.to = quarters.to;
    this.changeFrom = quarters.from;
    this.changeTo = quarters.to;
    this.compareFrom = quarters.compareFrom;
    this.compareTo = quarters.compareTo;
  }

  /** The layer actually used: the chosen one when the analysis offers it, else its first. */
  get effectiveLayer(): AnalysisLayer | null {
    const offered = layersForAnalysis(this.kind);
    if (offered.length === 0) return null;
    return offered.includes(this.layer) ? this.layer : offered[0]!;
  }

  /** The layer of the analyses that need records with a time (never workplaces). */
  get #timedLayer(): TimedLayer {
    return this.layer === 'residents' ? 'residents' : 'incidents';
  }

  /**
   * The query of the chosen analysis: its own parameters plus the map's filters and distance band. Only the parameters
   * the chosen options use (k with nearest neighbours, the resolution with H3 cells); the server fills in the rest.
   */
  request(filters: LayerFilters): AnalysisRequest {
    const who = filters.analysisParams;
    const period = { from: this.from, to: this.to };
    const neighbours = {
      neighbours: this.neighbours,
      ...(this.neighbours === 'knn' ? { k: this.k } : { distanceKm: this.distanceKm }),
      fdr: this.fdr,
    };
    switch (this.kind) {
      case 'hotspots':
        return {
          kind: 'hotspots',
          query: {
            ...who,
            ...period,
            layer: this.layer,
            unit: this.unit,
            ...(this.unit === 'h3' ? { resolution: this.resolution } : {}),
            ...neighbours,
          },
        };
      case 'emerging':
        return {
          kind: 'emerging',
          query: { ...who, ...period, layer: this.#timedLayer, slice: this.slice, ...neighbours },
        };
      case 'clusters':
        return {
          kind: 'clusters',
          query: { ...who, ...period, layer: this.layer, distanceM: this.distanceM, minPoints: this.minPoints },
        };
      case 'hexagons':
        return {
          kind: 'hexagons',
          query: { ...who, ...period, layer: this.layer, resolution: this.hexResolution },
        };
      case 'heatmap': {
        // The cells of the view (with a margin) at a resolution that suits the zoom, without their polygons.
        const view = this.view;
        return {
          kind: 'heatmap',
          query: {
            ...who,
            ...period,
            layer: this.layer === 'residents' ? 'residents' : 'incidents',
            resolution: heatmapResolution(view?.zoom ?? 7),
            geometry: false,
            ...(view ? { bbox: paddedBBoxParam(view.bbox) } : {}),
          },
        };
      }
      case 'change':
        return {
          kind: 'change',
          query: {
            ...who,
            layer: this.#timedLayer,
            level: this.level,
            from: this.changeFrom,
            to: this.changeTo,
            compareFrom: this.compareFrom,
            compareTo: this.compareTo,
          },
        };
      case 'bands': {
        // The bands are what is counted here: the band filter itself does not apply.
        const { borderMinKm: _min, borderMaxKm: _max, ...rest } = who;
        const bands = filters.bandEdges.join(',');
        return { kind: 'bands', query: { ...rest, ...period, borderKind: filters.borderKind, bands } };
      }
    }
  }

  async run(filters: LayerFilters): Promise<void> {
    await this.#execute(this.request(filters));
  }

  /** Asks for one analysis, the previous request aborted; its answer becomes the result shown. */
  async #execute(request: AnalysisRequest): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#asked = request;
    this.status = 'loading';
    this.error = null;
    try {
      const result = await getAnalysis(request, controller.signal);
      if (controller.signal.aborted) return;
      this.result = result;
      this.resultRequest = request;
      this.selectedId = null;
      this.status = 'done';
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.error = describeError(error);
      this.status = 'error';
    }
  }

  /**
   * The map moved. A heat map on screen asks again — with the query it was asked with, for the new view — when the
   * zoom wants another resolution or the view left the box last asked for (shown or still on its way); its colours
   * mean the same densities either way. Settings edited in the form but not run stay unapplied.
   */
  followView(view: { zoom: number; bbox: BBox }): void {
    this.view = view;
    const asked = this.#asked;
    if (!this.open || this.result?.kind !== 'heatmap' || asked?.kind !== 'heatmap') return;
    const resolution = heatmapResolution(view.zoom);
    const box = asked.query.bbox?.split(',').map(Number);
    const inside =
      box?.length === 4 &&
      view.bbox[0] >= box[0]! &&
      view.bbox[1] >= box[1]! &&
      view.bbox[2] <= box[2]! &&
      view.bbox[3] <= box[3]!;
    if (inside && asked.query.resolution === resolution) return;
    void this.#execute({
      kind: 'heatmap',
      query: { ...asked.query, resolution, bbox: paddedBBoxParam(view.bbox) },
    });
  }

  exportUrl(format: 'csv' | 'geojson'): string | null {
    if (!this.result || !this.resultRequest) return null;
    return analysisExportUrl(this.resultRequest, format);
  }

  clear(): void {
    this.#controller?.abort();
    this.result = null;
    this.selectedId = null;
    this.status = 'idle';
    this.error = null;
  }
}
