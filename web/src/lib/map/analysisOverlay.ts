// The result of an analysis on the map, drawn by maplibre from a GeoJSON source (hot-spot desa, hexagons, cluster
// hulls, change per region), and the distance-band layer: kecamatan (zoom 7–9) and desa (from zoom 9) coloured by
// their distance to the land border, the sea boundary or the nearer of the two (carried in the boundary tiles).
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

export const analysisSourceId = 'analysis';
export const analysisFillId = 'analysis-fill';
export const analysisLineId = 'analysis-line';
const analysisSelectedId = 'analysis-selected';
const bandLayerIds = { kecamatan: 'analysis-band-kecamatan', desa: 'analysis-band-desa' } as const;
const bandZooms = { kecamatan: { minzoom: 7, maxzoom: 9 }, desa: { minzoom: 9, maxzoom: 24 } } as const;

export interface AnalysisFeature {
  id: string;
  color: string;
  /** Outlined only (cluster hulls), not filled. */
  outline: boolean;
  geometry: unknown;
}

export interface BandLook {
  kind: 'nearest' | 'land' | 'sea';
  edges: readonly number[];
  colors: readonly string[];
}

const BAND_PROPERTY = { nearest: 'borderKm', land: 'landKm', sea: 'seaKm' } as const;

function emptyCollection() {
  return { type: 'FeatureCollection' as const, features: [] };
}

export class AnalysisOverlay {
  #features: AnalysisFeature[] = [];
  #selected: string | null = null;
  #band: BandLook | null = null;
  #opacity = 0.7;

  constructor(readonly map: MapLibreMap) {
    map.on('styledata', this.#install);
    this.#install();
  }

  destroy(): void {
    this.map.off('styledata', this.#install);
    for (const id of [analysisSelectedId, analysisLineId, analysisFillId, ...Object.values(bandLayerIds)]) {
      if (this.map.getLayer(id)) this.map.removeLayer(id);
    }
    if (this.map.getSource(analysisSourceId)) this.map.removeSource(analysisSourceId);
  }

  show(features: AnalysisFeature[], selected: string | null): void {
    this.#features = features;
    this.#selected = selected;
    this.#update();
  }

  setBand(band: BandLook | null): void {
    this.#band = band;
    this.#applyBand();
  }

  /** The id of the analysis feature at a pixel, if any. */
  pick(point: { x: number; y: number }): string | null {
    if (!this.map.getLayer(analysisFillId)) return null;
    const [feature] = this.map.queryRenderedFeatures([point.x, point.y], { layers: [analysisFillId, analysisLineId] });
    return feature ? String(feature.properties.id) : null;
  }

  #collection() {
    return {
      type: 'FeatureCollection' as const,
      features: this.#features
        .filter((feature) => feature.geometry)
        .map((feature) => ({
          type: 'Feature' as const,
          geometry: feature.geometry as GeoJSON.Geometry,
          properties: {
            id: feature.id,
            color: feature.color,
            fill: feature.outline ? 0.12 : this.#opacity,
            selected: feature.id === this.#selected,
          },
        })),
    };
  }

  #update(): void {
    const source = this.map.getSource<GeoJSONSource>(analysisSourceId);
    source?.setData(this.#collection());
  }

  #applyBand(): void {
    for (const id of Object.values(bandLayerIds)) {
      if (!this.map.getLayer(id)) continue;
      const band = this.#band;
      this.map.setLayoutProperty(id, 'visibility', band ? 'visible' : 'none');
      if (!band) continue;
      const property = BAND_PROPERTY[band.kind];
      const steps = band.edges.slice(1).flatMap((edge, index) => [edge, band.colors[index + 1] ?? band.colors.at(-1)!]);
      const color = [
        'case',
        ['has', property],
        ['step', ['to-number', ['get', property]], band.colors[0]!, ...steps],
        'rgba(0, 0, 0, 0)',
      ] as unknown as ExpressionSpecification;
      this.map.setPaintProperty(id, 'fill-color', color);
    }
  }

  #install = (): void => {
    if (this.map.getSource(analysisSourceId) || !this.map.getSource('kecamatan')) return;
    for (const level of ['kecamatan', 'desa'] as const) {
      if (!this.map.getSource(level)) continue;
      this.map.addLayer(
        {
          id: bandLayerIds[level],
          type: 'fill',
          source: level,
          'source-layer': level,
          ...bandZooms[level],
          paint: { 'fill-color': 'rgba(0, 0, 0, 0)', 'fill-opacity': 0.6 },
          layout: { visibility: 'none' },
        },
        this.map.getLayer('kecamatan-line') ? 'kecamatan-line' : undefined,
      );
    }
    this.map.addSource(analysisSourceId, { type: 'geojson', data: emptyCollection() });
    this.map.addLayer({
      id: analysisFillId,
      type: 'fill',
      source: analysisSourceId,
      paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['get', 'fill'] },
    });
    this.map.addLayer({
      id: analysisLineId,
      type: 'line',
      source: analysisSourceId,
      paint: { 'line-color': ['get', 'color'], 'line-width': 1.5 },
    });
    this.map.addLayer({
      id: analysisSelectedId,
      type: 'line',
      source: analysisSourceId,
      filter: ['==', ['get', 'selected'], true],
      paint: { 'line-color': '#212529', 'line-width': 3.5 },
    });
    this.#update();
    this.#applyBand();
  };
}
