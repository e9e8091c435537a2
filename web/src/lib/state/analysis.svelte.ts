import { analysisExportUrl, getAnalysis, type AnalysisKind, type AnalysisResponses } from '$lib/api/analysis';
import { describeError, isAbortError } from '$lib/api/client';
import type { LocalizedText } from '$lib/i18n/translate';
import type { LayerFilters } from './filters.svelte';
import { currentDate, quarterPeriods, twelveQuartersStart } from './period';

export type AnalysisLayer = 'incidents' | 'residents' | 'workplaces';
export type UnitLevel = 'desa' | 'kecamatan' | 'kabupaten';

/** Which layers each analysis can run on (emerging hot spots and change need records with a time). */
export function layersForAnalysis(kind: AnalysisKind): readonly AnalysisLayer[] {
  if (kind === 'emerging' || kind === 'change') return ['incidents', 'residents'];
  if (kind === 'bands') return [];
  return ['incidents', 'residents', 'workplaces'];
}

export type AnalysisResult = { [K in AnalysisKind]: { kind: K; data: AnalysisResponses[K] } }[AnalysisKind];

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
  unit: 'desa' | 'h3' = $state('desa');
  resolution = $state(6);
  neighbours: 'knn' | 'distance' = $state('knn');
  k = $state(8);
  distanceKm = $state(10);
  fdr = $state(true);
  slice: 'month' | 'quarter' = $state('quarter');
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
  /** The parameters the shown result was computed with (for its export links). */
  resultParams: Record<string, string> = $state.raw({});
  selectedId: string | null = $state(null);
  #controller: AbortController | null = null;

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

  /** The query of the chosen analysis: its own parameters plus the map's filters and distance band. */
  params(filters: LayerFilters): Record<string, string> {
    const who = filters.analysisParams;
    const layer = this.effectiveLayer;
    const period = { from: this.from, to: this.to };
    const neighbours = {
      neighbours: this.neighbours,
      ...(this.neighbours === 'knn' ? { k: String(this.k) } : { distanceKm: String(this.distanceKm) }),
      fdr: String(this.fdr),
    };
    switch (this.kind) {
      case 'hotspots':
        return {
          ...who,
          ...period,
          layer: layer!,
          unit: this.unit,
          ...(this.unit === 'h3' ? { resolution: String(this.resolution) } : {}),
          ...neighbours,
        };
      case 'emerging':
        return { ...who, ...period, layer: layer!, slice: this.slice, ...neighbours };
      case 'clusters':
        return {
          ...who,
          ...period,
          layer: layer!,
          distanceM: String(this.distanceM),
          minPoints: String(this.minPoints),
        };
      case 'hexagons':
        return { ...who, ...period, layer: layer!, resolution: String(this.hexResolution) };
      case 'change':
        return {
          ...who,
          layer: layer!,
          level: this.level,
          from: this.changeFrom,
          to: this.changeTo,
          compareFrom: this.compareFrom,
          compareTo: this.compareTo,
        };
      case 'bands': {
        // The bands are what is counted here: the band filter itself does not apply.
        const rest = Object.fromEntries(Object.entries(who).filter(([key]) => !key.startsWith('borderM')));
        return { ...rest, ...period, borderKind: filters.borderKind, bands: filters.bandEdges.join(',') };
      }
    }
  }

  async run(filters: LayerFilters): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const kind = this.kind;
    const params = this.params(filters);
    this.status = 'loading';
    this.error = null;
    try {
      const data = await getAnalysis(kind, params, controller.signal);
      if (controller.signal.aborted) return;
      this.result = { kind, data } as AnalysisResult;
      this.resultParams = params;
      this.selectedId = null;
      this.status = 'done';
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.error = describeError(error);
      this.status = 'error';
    }
  }

  exportUrl(format: 'csv' | 'geojson'): string | null {
    if (!this.result) return null;
    return analysisExportUrl(this.result.kind, this.resultParams, format);
  }

  clear(): void {
    this.#controller?.abort();
    this.result = null;
    this.selectedId = null;
    this.status = 'idle';
    this.error = null;
  }
}
