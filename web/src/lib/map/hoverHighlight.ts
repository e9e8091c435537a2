import type { FeatureIdentifier, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';

/**
 * Fill layers that react to the pointer, finest first. Desa only exist from zoom 9, so below that
 * the kecamatan underneath is highlighted instead. Both sources promote `code` to the feature id.
 */
const hoverLayers = ['desa-fill', 'kecamatan-fill'] as const;

/**
 * Keeps `feature-state: {hover: true}` on exactly one region under the pointer.
 * One map-wide listener (rather than per-layer ones) lets a single query pick the finest region,
 * and keeps working after `setStyle` replaces the layers.
 */
export class HoverHighlight {
  readonly #map: MapLibreMap;
  #hovered: FeatureIdentifier | null = null;

  constructor(map: MapLibreMap) {
    this.#map = map;
    map.on('mousemove', this.#onMouseMove);
    map.on('mouseout', this.#onMouseOut);
  }

  /** Call before the style is replaced: the old feature states belong to sources that are about to disappear. */
  forget(): void {
    this.#clear();
    this.#hovered = null;
  }

  destroy(): void {
    this.#map.off('mousemove', this.#onMouseMove);
    this.#map.off('mouseout', this.#onMouseOut);
    this.forget();
  }

  #onMouseMove = (event: MapMouseEvent): void => {
    // While a new style loads its layers may be missing, and querying a missing layer is an error.
    const layers = hoverLayers.filter((id) => this.#map.getLayer(id) !== undefined);
    const features = layers.length > 0 ? this.#map.queryRenderedFeatures(event.point, { layers }) : [];
    const feature = hoverLayers
      .map((layerId) => features.find((candidate) => candidate.layer.id === layerId))
      .find((candidate) => candidate !== undefined && candidate.id !== undefined);

    this.#map.getCanvas().style.cursor = feature ? 'pointer' : '';
    if (!feature || feature.id === undefined) {
      this.#clear();
      return;
    }
    const next: FeatureIdentifier = { source: feature.source, sourceLayer: feature.sourceLayer, id: feature.id };
    if (this.#isHovered(next)) return;
    this.#clear();
    this.#map.setFeatureState(next, { hover: true });
    this.#hovered = next;
  };

  #onMouseOut = (): void => {
    this.#map.getCanvas().style.cursor = '';
    this.#clear();
  };

  #isHovered(candidate: FeatureIdentifier): boolean {
    const current = this.#hovered;
    return current !== null && current.source === candidate.source && current.id === candidate.id;
  }

  #clear(): void {
    const previous = this.#hovered;
    this.#hovered = null;
    if (previous && this.#map.getSource(previous.source)) this.#map.setFeatureState(previous, { hover: false });
  }
}
