// One point layer drawn from our vector tiles (/tiles/incidents, /tiles/residents): a vector source and a circle layer
// on top of the map, pointed at new tiles when the filters change. The server filters, limits to the area and
// generalises each tile for the caller's role, as for every other answer; the map only draws what arrives.
import type {
  CircleLayerSpecification,
  ErrorEvent,
  MapGeoJSONFeature,
  Map as MapLibreMap,
  VectorTileSource,
} from 'maplibre-gl';

/** The server cuts point tiles up to this zoom; maplibre over-zooms them beyond it. */
const maxTileZoom = 14;

/** The style layers of the clusters the server makes where points crowd (below z13; point-tile-sql.ts). */
const clusterCircleId = (id: string) => `${id}-clusters`;
const clusterCountId = (id: string) => `${id}-clusters-count`;

export interface PointTilesSpec {
  /** The source and its circle layer are named after it; the tiles' layer is `sourceLayer`. */
  id: string;
  sourceLayer: string;
  minzoom: number;
  /** The circles' colours, radius and rim; their opacity follows the layer's slider (set here). */
  paint: NonNullable<CircleLayerSpecification['paint']>;
  /** The colour of the clusters where points crowd. */
  clusterColor: string;
}

/**
 * The point layers of each map in the order they were created: the map creates its layers bottom to top (their
 * `drawOrder`), so a point layer added later still goes below those meant to be above it.
 */
const stacks = new WeakMap<MapLibreMap, string[]>();

export class PointTiles {
  /** The tile address drawn now (with the filters), or null while nothing is. */
  #url: string | null = null;
  #visible = false;
  #opacity = 1;

  constructor(
    private readonly map: MapLibreMap,
    private readonly spec: PointTilesSpec,
  ) {
    const stack = stacks.get(map) ?? [];
    stack.push(spec.id);
    stacks.set(map, stack);
  }

  /** The circle layer, while it is drawn. */
  get layerId(): string | null {
    return this.#url !== null && this.#visible && this.map.getLayer(this.spec.id) ? this.spec.id : null;
  }

  /** The circle layer and its clusters (empty while nothing is drawn), for the map's stacking and picking. */
  get layerIds(): string[] {
    if (this.layerId === null) return [];
    return [this.layerId, clusterCircleId(this.spec.id), clusterCountId(this.spec.id)].filter(
      (id) => !!this.map.getLayer(id),
    );
  }

  /** The cluster under the pointer, if any: how many points it gathers and where. */
  findCluster(features: readonly MapGeoJSONFeature[]): { count: number; lon: number; lat: number } | undefined {
    if (this.layerId === null) return undefined;
    const ids = [clusterCircleId(this.spec.id), clusterCountId(this.spec.id)];
    const cluster = features.find((feature) => ids.includes(feature.layer.id));
    if (!cluster || cluster.geometry.type !== 'Point') return undefined;
    const [lon, lat] = cluster.geometry.coordinates as [number, number];
    return { count: Number(cluster.properties.count), lon, lat };
  }

  /** After a style change dropped the source: add it again with the tiles drawn before. */
  install(): void {
    if (this.#url !== null && !this.map.getSource(this.spec.id)) this.#add(this.#url);
  }

  /**
   * Draws these tiles, fetched again even when the address is the same (the layer asks again only when the data may
   * have changed: a record was filed, or the last try failed); resolves once the map has loaded them, rejects when a
   * tile failed.
   */
  show(url: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new DOMException('The tiles are no longer wanted', 'AbortError'));
    this.#url = url;
    return new Promise((resolve, reject) => {
      let failure: unknown = null;
      const onError = (event: ErrorEvent & { sourceId?: string }) => {
        if (event.sourceId === this.spec.id) failure = event.error;
      };
      const onIdle = () => {
        stop();
        if (failure) reject(failure);
        else resolve();
      };
      const onAbort = () => {
        stop();
        reject(new DOMException('The tiles are no longer wanted', 'AbortError'));
      };
      const stop = () => {
        this.map.off('error', onError);
        this.map.off('idle', onIdle);
        signal.removeEventListener('abort', onAbort);
      };
      this.map.on('error', onError);
      this.map.on('idle', onIdle);
      signal.addEventListener('abort', onAbort);
      this.#attach(url, signal, (error) => (stop(), reject(error)));
    });
  }

  /** Draws nothing and fetches nothing (below the layer's zoom, or the layer turned off). */
  clear(): void {
    this.#url = null;
    for (const id of [clusterCountId(this.spec.id), clusterCircleId(this.spec.id)]) {
      if (this.map.getLayer(id)) this.map.removeLayer(id);
    }
    if (this.map.getLayer(this.spec.id)) this.map.removeLayer(this.spec.id);
    if (this.map.getSource(this.spec.id)) this.map.removeSource(this.spec.id);
  }

  setLook(visible: boolean, opacity: number): void {
    this.#visible = visible;
    this.#opacity = opacity;
    if (!this.map.getLayer(this.spec.id)) return;
    const visibility = visible ? 'visible' : 'none';
    this.map.setLayoutProperty(this.spec.id, 'visibility', visibility);
    this.map.setPaintProperty(this.spec.id, 'circle-opacity', opacity);
    this.map.setPaintProperty(this.spec.id, 'circle-stroke-opacity', opacity);
    const circles = clusterCircleId(this.spec.id);
    const counts = clusterCountId(this.spec.id);
    if (this.map.getLayer(circles)) {
      this.map.setLayoutProperty(circles, 'visibility', visibility);
      this.map.setPaintProperty(circles, 'circle-opacity', opacity);
      this.map.setPaintProperty(circles, 'circle-stroke-opacity', opacity);
    }
    if (this.map.getLayer(counts)) {
      this.map.setLayoutProperty(counts, 'visibility', visibility);
      this.map.setPaintProperty(counts, 'text-opacity', opacity);
    }
  }

  /** The topmost of this layer's points among the rendered features under the pointer. */
  find(features: readonly MapGeoJSONFeature[]): MapGeoJSONFeature | undefined {
    const id = this.layerId;
    return id === null ? undefined : features.find((feature) => feature.layer.id === id);
  }

  /**
   * Points the source at `url`, adding it first if need be. On a slow link the layer's data can be ready before the
   * style has arrived (or while a language switch reloads it), when maplibre refuses new sources: then it waits for
   * the style, instead of failing the layer for good (found by `bench:page` on an emulated 1.6 Mbps link).
   */
  #attach(url: string, signal: AbortSignal, fail: (error: unknown) => void): void {
    if (signal.aborted || this.#url !== url) return;
    if (!this.map.style?._loaded) {
      this.map.once('styledata', () => this.#attach(url, signal, fail));
      return;
    }
    try {
      const source = this.map.getSource<VectorTileSource>(this.spec.id);
      if (source) source.setTiles([url]);
      else this.#add(url);
    } catch (error) {
      fail(error);
    }
  }

  #add(url: string): void {
    this.map.addSource(this.spec.id, {
      type: 'vector',
      tiles: [url],
      minzoom: this.spec.minzoom,
      maxzoom: maxTileZoom,
    });
    this.map.addLayer(
      {
        id: this.spec.id,
        type: 'circle',
        source: this.spec.id,
        'source-layer': this.spec.sourceLayer,
        minzoom: this.spec.minzoom,
        layout: { visibility: this.#visible ? 'visible' : 'none' },
        paint: { ...this.spec.paint, 'circle-opacity': this.#opacity, 'circle-stroke-opacity': this.#opacity },
      },
      this.#beforeId(),
    );
    // Where points crowd the server sends one cluster with its count: a grey disc that grows with it, the number on it.
    const visibility = this.#visible ? 'visible' : 'none';
    this.map.addLayer(
      {
        id: clusterCircleId(this.spec.id),
        type: 'circle',
        source: this.spec.id,
        'source-layer': `${this.spec.sourceLayer}_clusters`,
        minzoom: this.spec.minzoom,
        layout: { visibility },
        paint: {
          'circle-color': this.spec.clusterColor,
          'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 2, 9, 10, 18, 40, 30],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
          'circle-opacity': this.#opacity,
          'circle-stroke-opacity': this.#opacity,
        },
      },
      this.#beforeId(),
    );
    this.map.addLayer(
      {
        id: clusterCountId(this.spec.id),
        type: 'symbol',
        source: this.spec.id,
        'source-layer': `${this.spec.sourceLayer}_clusters`,
        minzoom: this.spec.minzoom,
        layout: {
          visibility,
          'text-field': ['to-string', ['get', 'count']],
          'text-size': 12,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#ffffff', 'text-opacity': this.#opacity },
      },
      this.#beforeId(),
    );
  }

  /** The first point layer on the map meant to be above this one (none: on top of everything). */
  #beforeId(): string | undefined {
    const stack = stacks.get(this.map) ?? [];
    return stack.slice(stack.indexOf(this.spec.id) + 1).find((id) => this.map.getLayer(id));
  }
}
