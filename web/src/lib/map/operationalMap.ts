// Puts the operational layers on the map: one module per layer, a debounced refresh when the view or the filters
// change, one deck.gl overlay for the points drawn with it (loaded on first need), and picking for tooltips and the
// details drawer.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Lang } from '$lib/i18n/translate';
import { layerIds, type LayerId, type LayerStatus } from '$lib/state/layers.svelte';
import type { DrawState, LayerContext, LayerHost, OperationalLayer, Picked, ViewState } from './layers/common';
import { drawOrder, pickOrder } from './layers/registry';
import type { DeckOverlay } from './deckOverlay';

export type { Picked };

/** Changes within this time make one refresh. */
export const refreshDebounceMs = 200;

export class OperationalMap implements LayerHost {
  #deck: DeckOverlay | null = null;
  /** The deck.gl import and the points last handed to it; resolves once they are drawn or there are none. */
  #deckReady: Promise<void> = Promise.resolve();
  readonly #layers: Record<LayerId, OperationalLayer>;
  #context: Omit<LayerContext, 'view'>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #destroyed = false;

  constructor(
    readonly map: MapLibreMap,
    readonly status: LayerStatus,
    context: Omit<LayerContext, 'view'>,
  ) {
    this.#context = context;
    // Created (and so installed) bottom to top.
    this.#layers = Object.fromEntries(drawOrder.map((module) => [module.id, module.create(this)])) as Record<
      LayerId,
      OperationalLayer
    >;
    map.on('styledata', this.#install);
    map.on('moveend', this.#onMoveEnd);
    this.#install();
    this.status.view = this.view();
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    for (const id of layerIds) this.#layers[id].setVisible(false);
    this.map.off('styledata', this.#install);
    this.map.off('moveend', this.#onMoveEnd);
    // The overlay is the map's (the analysis may still draw with it): only the points go.
    this.#deck?.setLayers([]);
    this.#deck = null;
  }

  view(): ViewState {
    const bounds = this.map.getBounds();
    return {
      zoom: this.map.getZoom(),
      bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
      bearing: this.map.getBearing(),
    };
  }

  /** New filters or settings: refresh after the debounce. */
  setContext(context: Omit<LayerContext, 'view'>): void {
    this.#context = context;
    this.schedule();
  }

  /** Fetches a layer again although nothing changed (a record was just added). */
  reload(id: LayerId): void {
    this.#layers[id].invalidate();
    this.schedule();
  }

  setVisible(id: LayerId, visible: boolean): void {
    if (this.#layers[id].setVisible(visible) && visible) this.schedule();
  }

  setOpacity(id: LayerId, opacity: number): void {
    this.#layers[id].setOpacity(opacity);
  }

  schedule(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    for (const id of layerIds) this.#layers[id].markPending();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#destroyed) return;
      const context = { ...this.#context, view: this.view() };
      for (const id of layerIds) this.#layers[id].sync(context);
    }, refreshDebounceMs);
  }

  redraw(): void {
    if (this.#destroyed) return;
    // deck.gl draws inside maplibre's stack: each layer's points go below the point layers of those drawn above it.
    const specs = drawOrder.flatMap((module, index) => {
      const above = drawOrder.slice(index + 1).flatMap((later) => this.#layers[later.id].pointStyleLayers());
      const beforeId = above.find((id) => this.map.getLayer(id));
      return this.#layers[module.id].pointLayers().map((spec) => ({ ...spec, beforeId }));
    });
    if (this.#deck) {
      this.#deck.setLayers(specs);
    } else if (specs.length > 0) {
      // The first points: load deck.gl, then draw whatever the layers hold by then.
      this.#deckReady = this.#deckReady.then(() => this.#loadDeck());
    }
  }

  settled(): Promise<void> {
    return this.#deckReady;
  }

  async #loadDeck(): Promise<void> {
    if (this.#deck || this.#destroyed) return;
    try {
      const { deckOverlayOf } = await import('./deckOverlay');
      if (this.#destroyed) return;
      this.#deck = deckOverlayOf(this.map);
      this.redraw();
    } catch (error) {
      // The chunk did not arrive (network gone): the areas still work; the next redraw tries again.
      console.error('[map] deck.gl', error);
    }
  }

  mark(id: LayerId, state: DrawState): void {
    const name = `data-layer-${id}`;
    const container = this.map.getContainer();
    if (state === null) container.removeAttribute(name);
    else container.setAttribute(name, state);
  }

  /**
   * The topmost operational feature at a pixel of the map, or null. Points first — those drawn as style layers (incident
   * and resident tiles, above everything), then deck.gl's (workplaces) —, then areas and markers in the registry's pick
   * order. A region's tooltip gathers what every layer says about that region.
   */
  pick(point: { x: number; y: number }): Picked | null {
    const layers = pickOrder.flatMap((module) => this.#layers[module.id].pickableStyleLayers());
    const shown = layers.filter((id) => !!this.map.getLayer(id));
    const features = shown.length > 0 ? this.map.queryRenderedFeatures([point.x, point.y], { layers: shown }) : [];
    const picks = pickOrder
      .map((module) => this.#layers[module.id].pickFeatures(features))
      .filter((picked): picked is Picked => picked !== null);
    const styledPoint = picks.find((picked) => picked.point);
    if (styledPoint) return styledPoint;
    const deckPick = this.#deck?.pick(point.x, point.y);
    if (deckPick) {
      for (const module of pickOrder) {
        const picked = this.#layers[module.id].pickPoint(deckPick.layerId, deckPick.object);
        if (picked) return picked;
      }
    }
    const [top, ...others] = picks;
    if (!top?.region) return top ?? null;
    const { level, code } = top.region;
    const same = others.filter((picked) => picked.region?.level === level && picked.region.code === code);
    if (same.length === 0) return top;
    return {
      ...top,
      describe: (lang: Lang) => {
        const content = top.describe(lang);
        return { ...content, lines: [...content.lines, ...same.flatMap((picked) => picked.describe(lang).lines)] };
      },
    };
  }

  /** (Re)installs every layer's style layers: at start, and after a language switch replaced the style. */
  #install = (): void => {
    // Before the style has its boundary sources there is nothing to attach to; styledata fires again later.
    if (this.#destroyed || !this.map.getSource('kecamatan')) return;
    for (const module of drawOrder) this.#layers[module.id].install();
  };

  #onMoveEnd = (): void => {
    this.status.view = this.view();
    this.schedule();
  };
}
