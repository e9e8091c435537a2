// Desa binaan imigrasi: a ring per village (colour by status) with its name; synthetic ones get an extra purple outer
// ring and "(contoh)" after the name. Plain maplibre circle and symbol layers: a few dozen points need no deck.gl.
import type { ExpressionSpecification, GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { getDesaBinaan } from '$lib/api/layers';
import type { DesaBinaan } from '$lib/api/types';
import { locale } from '$lib/i18n/locale.svelte';
import { OperationalLayer, type LayerRequest, type Picked } from '../common';
import { desaBinaanColor, desaBinaanColors, syntheticRingColor } from './style';
import { describeDesaBinaan } from './tooltip';

const sourceId = 'op-desa-binaan';
const desaBinaanRingId = 'op-desa-binaan-ring';
const syntheticRingId = 'op-desa-binaan-synthetic';
const labelId = 'op-desa-binaan-label';
const layerIds = [syntheticRingId, desaBinaanRingId, labelId];

const statusColor: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  ...Object.entries(desaBinaanColors).flat(),
  desaBinaanColor('nonaktif'),
] as unknown as ExpressionSpecification;

export class DesaBinaanLayer extends OperationalLayer {
  readonly id = 'desaBinaan' as const;
  #villages: DesaBinaan[] = [];

  override pickableStyleLayers(): string[] {
    return this.visible && this.map.getLayer(desaBinaanRingId) ? [desaBinaanRingId] : [];
  }

  override pickFeatures(features: readonly MapGeoJSONFeature[]): Picked | null {
    const ring = features.find((feature) => feature.layer.id === desaBinaanRingId);
    const village = ring ? this.#villages[Number(ring.properties.index)] : undefined;
    if (!village) return null;
    return { layer: this.id, describe: (lang) => describeDesaBinaan(village, lang) };
  }

  override install(): void {
    if (this.map.getLayer(desaBinaanRingId)) return;
    if (!this.map.getSource(sourceId)) {
      this.map.addSource(sourceId, { type: 'geojson', data: this.#collection() });
    }
    const beforeId = this.map.getLayer('desa-label') ? 'desa-label' : undefined;
    const visibility = this.visible ? 'visible' : 'none';
    this.map.addLayer(
      {
        id: syntheticRingId,
        type: 'circle',
        source: sourceId,
        filter: ['==', ['get', 'synthetic'], true],
        layout: { visibility },
        paint: {
          'circle-radius': 12,
          'circle-opacity': 0,
          'circle-stroke-width': 2,
          'circle-stroke-color': syntheticRingColor,
        },
      },
      beforeId,
    );
    this.map.addLayer(
      {
        id: desaBinaanRingId,
        type: 'circle',
        source: sourceId,
        layout: { visibility },
        paint: {
          'circle-radius': 8,
          'circle-color': '#ffffff',
          'circle-stroke-width': 3.5,
          'circle-stroke-color': statusColor,
        },
      },
      beforeId,
    );
    this.map.addLayer({
      id: labelId,
      type: 'symbol',
      source: sourceId,
      minzoom: 7,
      layout: {
        visibility,
        // The words for "sample" follow the language; a language switch reloads the style and so reinstalls this.
        'text-field': [
          'case',
          ['==', ['get', 'synthetic'], true],
          ['concat', ['get', 'name'], ` ${locale.t('desaBinaan.syntheticMark')}`],
          ['get', 'name'],
        ],
        'text-size': 12,
        'text-anchor': 'top',
        'text-offset': [0, 1.1],
        'text-max-width': 10,
      },
      paint: { 'text-color': '#1b4332', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    });
    this.applyLook();
  }

  protected override requests(): Record<string, LayerRequest> {
    return {
      all: {
        key: 'all',
        load: async (signal) => {
          const answer = await getDesaBinaan(signal);
          return () => {
            this.#villages = answer.desaBinaan;
            if (this.#villages.some((village) => village.synthetic)) this.host.status.synthetic = true;
            this.#setData();
          };
        },
      },
    };
  }

  protected override drop(): void {
    this.#villages = [];
    this.#setData();
  }

  #collection(): GeoJSON.FeatureCollection {
    return {
      type: 'FeatureCollection',
      features: this.#villages.map((village, index) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [village.lon, village.lat] },
        properties: { index, name: village.name, status: village.status, synthetic: village.synthetic },
      })),
    };
  }

  #setData(): void {
    this.map.getSource<GeoJSONSource>(sourceId)?.setData(this.#collection());
  }

  protected override applyLook(): void {
    for (const id of layerIds) {
      if (!this.map.getLayer(id)) continue;
      this.map.setLayoutProperty(id, 'visibility', this.visible ? 'visible' : 'none');
    }
    if (!this.map.getLayer(desaBinaanRingId)) return;
    this.map.setPaintProperty(syntheticRingId, 'circle-stroke-opacity', this.opacity);
    this.map.setPaintProperty(desaBinaanRingId, 'circle-opacity', this.opacity);
    this.map.setPaintProperty(desaBinaanRingId, 'circle-stroke-opacity', this.opacity);
    this.map.setPaintProperty(labelId, 'text-opacity', this.opacity);
  }
}
