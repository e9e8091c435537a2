// deck.gl, loaded only when something is first drawn with it (import('./deckOverlay')): it is about 220 KB gzipped,
// and the opening view (choropleth, per-region circles and the point tiles, all drawn by maplibre) needs none of it.
// One overlay per map, shared by the operational layers' points (workplaces) and the analysis results deck.gl draws
// (H3 hexagons and the heat map, whose layers are a further chunk: deckAnalysis.ts).
import type { Layer, LayersList } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { exposeTransformForDeck } from './deckCompat';
import type { PointLayerSpec } from './layers/common';

export interface PickedPoint {
  layerId: string;
  object: unknown;
}

/** Who draws with the overlay: the analysis result below, the operational layers' points above it. */
export type DeckGroup = 'analysis' | 'points';

/** The deck.gl overlay, interleaved with maplibre's own layers (one WebGL context, one canvas). */
export class DeckOverlay {
  readonly #overlay = new MapboxOverlay({ interleaved: true, layers: [] });
  readonly #groups: Record<DeckGroup, Layer[]> = { analysis: [], points: [] };

  constructor(map: MapLibreMap) {
    exposeTransformForDeck(map);
    map.addControl(this.#overlay);
  }

  /** Replaces one group's layers, leaving the other's. */
  setGroup(group: DeckGroup, layers: Layer[]): void {
    this.#groups[group] = layers;
    const all: LayersList = [...this.#groups.analysis, ...this.#groups.points];
    this.#overlay.setProps({ layers: all });
  }

  setLayers(specs: readonly PointLayerSpec[]): void {
    this.setGroup('points', specs.map(toScatterplot));
  }

  /** The topmost object of one group within a few pixels. */
  pick(x: number, y: number, group: DeckGroup = 'points'): PickedPoint | null {
    const layerIds = this.#groups[group].map((layer) => layer.id);
    if (layerIds.length === 0) return null;
    const info = this.#overlay.pickObject({ x, y, radius: 4, layerIds });
    if (!info?.object || !info.layer) return null;
    return { layerId: info.layer.id, object: info.object };
  }
}

const overlays = new WeakMap<MapLibreMap, DeckOverlay>();

/** The map's overlay, created on first use; it goes with the map (map.remove() removes its controls). */
export function deckOverlayOf(map: MapLibreMap): DeckOverlay {
  let overlay = overlays.get(map);
  if (!overlay) {
    overlay = new DeckOverlay(map);
    overlays.set(map, overlay);
  }
  return overlay;
}

function toScatterplot(spec: PointLayerSpec): ScatterplotLayer<unknown> {
  return new ScatterplotLayer<unknown>({
    id: spec.id,
    data: spec.data,
    getPosition: spec.position,
    getFillColor: spec.fillColor,
    getLineColor: spec.lineColor,
    radiusUnits: 'pixels',
    getRadius: spec.radius,
    updateTriggers: { getRadius: spec.radiusTrigger },
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: spec.lineWidth,
    opacity: spec.opacity,
    pickable: true,
    ...placement(spec.beforeId),
  });
}

/** Interleaved mode reads `beforeId` (a maplibre layer to draw just below), which deck.gl's layer types leave out. */
export function placement(beforeId: string | undefined): Record<string, unknown> {
  return beforeId === undefined ? {} : { beforeId };
}
