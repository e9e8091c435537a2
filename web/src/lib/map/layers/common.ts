// What every operational layer module shares: the map it draws on, how it fetches (one request per purpose, the
// previous one aborted when the view or the filters change), and when it counts as drawn.
import type { FeatureIdentifier, MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import { describeError, isAbortError } from '$lib/api/client';
import type { RecordKind } from '$lib/api/layers';
import type { BBox, Role, SummaryLevel } from '$lib/api/types';
import { translate, type Lang } from '$lib/i18n/translate';
import type { LayerFilters } from '$lib/state/filters.svelte';
import type { LayerId, LayerStatus, ViewState } from '$lib/state/layers.svelte';

export type { ViewState };

/** Everything a layer's requests depend on, read when the (debounced) refresh runs. */
export interface LayerContext {
  view: ViewState;
  filters: LayerFilters;
  role: Role;
  /** Intel chose to see residents as points from zoom 11. */
  residentPoints: boolean;
}

export type Rgba = [number, number, number, number];

/** `#rrggbb` as deck.gl's [r, g, b, a]. */
export function rgba(hex: string, alpha = 255): Rgba {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, alpha];
}

/** What the tooltip says about a picked feature. */
export interface TooltipContent {
  title: string;
  /** A small colour swatch before the title (incident type). */
  color?: string;
  lines: string[];
  /** Clicking opens the details drawer. */
  clickable: boolean;
}

/** What a layer found under the pointer. */
export interface Picked {
  layer: LayerId;
  /**
   * The region the pick is about. When the topmost pick is a region, the picks of other layers about the same region
   * add their lines to its tooltip (residents and TIMPORA teams of one kecamatan).
   */
  region?: { level: SummaryLevel; code: string };
  /** A record a click opens in the details drawer. */
  record?: { kind: RecordKind; id: number };
  /** One drawn point (an incident, a person, a workplace): points are picked before areas and markers. */
  point?: boolean;
  /** A cluster of points (issue #14): a click zooms in on it, where they come apart. */
  zoomTo?: [number, number];
  describe(lang: Lang): TooltipContent;
}

/** A cluster of a point layer's tiles, as the tooltip and a click see it: "12 kejadian di sini", zoom in to see them. */
export function pickedCluster(
  layer: LayerId,
  cluster: { count: number; lon: number; lat: number },
  what: 'cluster.incidents' | 'cluster.residents',
): Picked {
  return {
    layer,
    point: true,
    zoomTo: [cluster.lon, cluster.lat],
    // Not "click for details": the hint line says what a click does.
    describe: (lang) => ({
      title: translate(lang, what, { count: cluster.count }),
      lines: [translate(lang, 'cluster.zoomIn')],
      clickable: false,
    }),
  };
}

/**
 * Points for deck.gl's ScatterplotLayer, described without importing deck.gl (which loads only once some layer has
 * points: see deckOverlay.ts). Accessors are methods so a spec of any item type fits the overlay's list.
 */
export interface PointLayerSpec<T = unknown> {
  id: string;
  data: readonly T[];
  position(item: T): [number, number];
  fillColor(item: T): Rgba;
  radius(item: T): number;
  /** Changes when the radii must be recomputed although the data did not change. */
  radiusTrigger?: number;
  lineColor: Rgba;
  lineWidth: number;
  opacity: number;
  /** The maplibre layer to draw below (deck.gl is interleaved with maplibre's layers); none: on top. */
  beforeId?: string;
}

export type DrawState = 'loading' | 'drawn' | 'error' | null;

export interface LayerHost {
  readonly map: MapLibreMap;
  readonly status: LayerStatus;
  /** The points changed: collect them again. */
  redraw(): void;
  /** Resolves once the points handed over so far are on the map (deck.gl may still be loading). */
  settled(): Promise<void>;
  /** Sets `data-layer-<id>` on the map container ("loading", "drawn", "error"), or removes it (null). */
  mark(id: LayerId, state: DrawState): void;
}

/** One fetch: `key` says whether it is still the one needed; `load` fetches and returns how to apply the answer. */
export interface LayerRequest {
  key: string;
  load(signal: AbortSignal): Promise<() => void>;
}

/** The level of the regions a per-region summary is shown for, following the zoom. */
export function levelForZoom(zoom: number): SummaryLevel {
  if (zoom < 5) return 'provinsi';
  if (zoom < 7) return 'kabupaten';
  if (zoom < 9) return 'kecamatan';
  return 'desa';
}

/** The zoom range in which each level is drawn (maxzoom exclusive), matching levelForZoom. */
export const levelZooms: Record<SummaryLevel, { minzoom: number; maxzoom: number }> = {
  provinsi: { minzoom: 0, maxzoom: 5 },
  kabupaten: { minzoom: 5, maxzoom: 7 },
  kecamatan: { minzoom: 7, maxzoom: 9 },
  desa: { minzoom: 9, maxzoom: 24 },
};

/** Below every boundary line and the hover highlight, above the land. */
export function fillBeforeId(map: { getLayer(id: string): unknown }): string | undefined {
  return ['kecamatan-fill', 'desa-fill', 'desa-line'].find((id) => map.getLayer(id) !== undefined);
}

export const summaryLevels: readonly SummaryLevel[] = ['provinsi', 'kabupaten', 'kecamatan', 'desa'];

/** `west,south,east,north` for the summary strip: exactly the view, to four decimals (about 10 m). */
export function viewBBoxParam([west, south, east, north]: BBox): string {
  const clampLat = (value: number) => Math.max(-85, Math.min(85, value));
  const clampLon = (value: number) => Math.max(-180, Math.min(180, value));
  return [clampLon(west), clampLat(south), clampLon(east), clampLat(north)].map((value) => value.toFixed(4)).join(',');
}

/**
 * The bbox to fetch points for: the view plus a margin, snapped outward to a grid a quarter of the view wide, so
 * small pans reuse what was fetched instead of asking again.
 */
export function paddedBBoxParam([west, south, east, north]: BBox): string {
  const size = Math.max(east - west, north - south, 1e-4);
  const step = 2 ** Math.round(Math.log2(size / 4));
  const floor = (value: number) => Math.floor(value / step) * step;
  const ceil = (value: number) => Math.ceil(value / step) * step;
  const margin = size / 4;
  return viewBBoxParam([floor(west - margin), floor(south - margin), ceil(east + margin), ceil(north + margin)]);
}

/** Feature states this layer set, so it can take back exactly its own keys (others use the same features). */
export class FeatureStates {
  #targets = new Map<string, FeatureIdentifier>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly keys: readonly string[],
  ) {}

  set(target: FeatureIdentifier, state: Record<string, unknown>): void {
    if (!this.map.getSource(target.source)) return;
    this.map.setFeatureState(target, state);
    this.#targets.set(`${target.source}/${target.sourceLayer ?? ''}/${String(target.id)}`, target);
  }

  clear(): void {
    for (const target of this.#targets.values()) {
      if (!this.map.getSource(target.source)) continue;
      for (const key of this.keys) this.map.removeFeatureState(target, key);
    }
    this.#targets.clear();
  }
}

/**
 * A layer of the map: its maplibre style layers and/or deck.gl layers, and the requests feeding them. Subclasses say
 * which requests the context needs; this class runs them, aborts the outdated ones and reports progress.
 */
export abstract class OperationalLayer {
  abstract readonly id: LayerId;
  protected visible = false;
  protected opacity = 1;
  #running = new Map<string, { key: string; controller: AbortController; done: boolean }>();
  #drawToken = 0;

  constructor(protected readonly host: LayerHost) {}

  get map(): MapLibreMap {
    return this.host.map;
  }

  /** Adds the layer's own sources and style layers when missing (again after a style change) and re-applies data. */
  install(): void {}

  /** The requests the context needs now, by name; an empty object when none (the data stays as it is). */
  protected abstract requests(context: LayerContext): Record<string, LayerRequest>;

  /** Forget what a request brought when it is no longer wanted (e.g. points below their zoom); `null`: all of it. */
  protected abstract drop(name: string | null): void;

  /** Shows or hides the style layers and applies the opacity. */
  protected abstract applyLook(): void;

  /** Points to draw with deck.gl; none by default. */
  pointLayers(): PointLayerSpec[] {
    return [];
  }

  /** The style layers of this layer's points now on the map (deck.gl's points of the layers below go under them). */
  pointStyleLayers(): string[] {
    return [];
  }

  /** The item of one of this layer's deck.gl layers under the pointer, or null when the layer is not this one's. */
  pickPoint(_deckLayerId: string, _item: unknown): Picked | null {
    return null;
  }

  /** The style layers to look under the pointer in, while they are shown. */
  pickableStyleLayers(): string[] {
    return [];
  }

  /** What this layer has among the rendered features under the pointer, or null. */
  pickFeatures(_features: readonly MapGeoJSONFeature[]): Picked | null {
    return null;
  }

  /** True when this changed anything. */
  setVisible(visible: boolean): boolean {
    if (visible === this.visible) return false;
    this.visible = visible;
    if (!visible) {
      for (const running of this.#running.values()) running.controller.abort();
      this.#running.clear();
      this.drop(null);
      this.#drawToken++;
      this.host.mark(this.id, null);
      this.host.status.update(this.id, { loading: false, error: null });
    }
    this.applyLook();
    this.host.redraw();
    return true;
  }

  setOpacity(opacity: number): void {
    if (opacity === this.opacity) return;
    this.opacity = opacity;
    this.applyLook();
    this.host.redraw();
  }

  /** A refresh is due (view or filters changed): not "drawn" again until it has run and the map has rendered. */
  markPending(): void {
    if (!this.visible) return;
    this.#drawToken++;
    this.host.mark(this.id, 'loading');
  }

  /** Forgets which requests ran, so the next sync asks the server again (after a record was added); data stays drawn. */
  invalidate(): void {
    for (const running of this.#running.values()) running.controller.abort();
    this.#running.clear();
  }

  /** Starts the requests the context needs that are not already running or done. */
  sync(context: LayerContext): void {
    if (!this.visible) return;
    const wanted = this.requests(context);
    for (const [name, running] of this.#running) {
      if (name in wanted) continue;
      running.controller.abort();
      this.#running.delete(name);
      this.drop(name);
      this.host.redraw();
    }
    for (const [name, request] of Object.entries(wanted)) {
      const current = this.#running.get(name);
      if (current?.key === request.key) continue;
      current?.controller.abort();
      void this.#run(name, request);
    }
    this.#report();
  }

  async #run(name: string, request: LayerRequest): Promise<void> {
    const running = { key: request.key, controller: new AbortController(), done: false };
    this.#running.set(name, running);
    this.#drawToken++;
    this.host.mark(this.id, 'loading');
    this.#report();
    const { signal } = running.controller;
    try {
      const apply = await request.load(signal);
      if (signal.aborted) return;
      apply();
      running.done = true;
      this.host.status.update(this.id, { error: null });
      this.host.redraw();
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      // Forgotten, so the next change of view or filters tries again.
      this.#running.delete(name);
      this.host.status.update(this.id, { error: describeError(error) });
      this.host.mark(this.id, 'error');
    }
    this.#report();
  }

  /** Loading while any request runs; drawn once they all succeeded and the map has rendered them. */
  #report(): void {
    const all = [...this.#running.values()];
    const loading = all.some((running) => !running.done);
    this.host.status.update(this.id, { loading });
    if (loading || !this.visible || this.host.status.progress[this.id].error) return;
    const token = ++this.#drawToken;
    void this.host.settled().then(() => {
      if (token !== this.#drawToken) return;
      this.map.once('idle', () => {
        if (token === this.#drawToken && this.visible) this.host.mark(this.id, 'drawn');
      });
      this.map.triggerRepaint();
    });
  }
}
