// deck.gl, loaded only when a layer first has points to draw (import('./deckOverlay')): it is about 220 KB gzipped,
// and the opening view (choropleth and per-region circles, drawn by maplibre) needs none of it.
import { ScatterplotLayer } from '@deck.gl/layers';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { exposeTransformForDeck } from './deckCompat';
import type { PointLayerSpec } from './layers/common';

export interface PickedPoint {
  layerId: string;
  object: unknown;
}

/** The deck.gl overlay, interleaved with maplibre's own layers (one WebGL context, one canvas). */
export class DeckOverlay {
  readonly #map: MapLibreMap;
  readonly #overlay = new MapboxOverlay({ interleaved: true, layers: [] });

  constructor(map: MapLibreMap) {
    this.#map = map;
    exposeTransformForDeck(map);
    map.addControl(this.#overlay);
  }

  setLayers(specs: readonly PointLayerSpec[]): void {
    this.#overlay.setProps({ layers: specs.map(toScatterplot) });
  }

  /** The topmost point within a few pixels. */
  pick(x: number, y: number): PickedPoint | null {
    const info = this.#overlay.pickObject({ x, y, radius: 4 });
    if (!info?.object || !info.layer) return null;
    return { layerId: info.layer.id, object: info.object };
  }

  remove(): void {
    this.#map.removeControl(this.#overlay);
  }
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
    // Interleaved mode reads `beforeId` (a maplibre layer to draw just below), which deck.gl's layer types leave out.
    ...placement(spec.beforeId),
  });
}

function placement(beforeId: string | undefined): Record<string, unknown> {
  return beforeId === undefined ? {} : { beforeId };
}
