// Immigration offices: a square per office, dark blue at its town's centre as seeded, green where an admin has set
// its exact location, with its name. Plain maplibre layers from one small GeoJSON answer.
import type { GeoJSONSource, MapGeoJSONFeature } from 'maplibre-gl';
import { getImmigrationOffices } from '$lib/api/offices';
import type { ImmigrationOffice } from '$lib/api/types';
import { OperationalLayer, type LayerRequest, type Picked } from '../common';
import { officeColors } from './style';
import { describeOffice } from './tooltip';

const sourceId = 'op-offices';
const markId = 'op-offices-mark';
const labelId = 'op-offices-label';
const layerIds = [markId, labelId];

export class OfficesLayer extends OperationalLayer {
  readonly id = 'offices' as const;
  #offices: ImmigrationOffice[] = [];

  override pickableStyleLayers(): string[] {
    return this.visible && this.map.getLayer(markId) ? [markId] : [];
  }

  override pickFeatures(features: readonly MapGeoJSONFeature[]): Picked | null {
    const mark = features.find((feature) => feature.layer.id === markId);
    const office = mark ? this.#offices[Number(mark.properties.index)] : undefined;
    if (!office) return null;
    return { layer: this.id, describe: (lang) => describeOffice(office, lang) };
  }

  override install(): void {
    if (this.map.getLayer(markId)) return;
    if (!this.map.getSource(sourceId)) this.map.addSource(sourceId, { type: 'geojson', data: this.#collection() });
    const visibility = this.visible ? 'visible' : 'none';
    this.map.addLayer({
      id: markId,
      type: 'circle',
      source: sourceId,
      layout: { visibility },
      paint: {
        'circle-radius': 9,
        'circle-color': ['case', ['==', ['get', 'located'], 'corrected'], officeColors.corrected, officeColors.office],
        'circle-stroke-width': 2.5,
        'circle-stroke-color': '#ffffff',
      },
    });
    this.map.addLayer({
      id: labelId,
      type: 'symbol',
      source: sourceId,
      minzoom: 6,
      layout: {
        visibility,
        'text-field': ['get', 'town'],
        'text-size': 13,
        'text-anchor': 'top',
        'text-offset': [0, 1.1],
      },
      paint: { 'text-color': officeColors.office, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    });
    this.applyLook();
  }

  protected override requests(): Record<string, LayerRequest> {
    return {
      all: {
        key: 'all',
        load: async (signal) => {
          const answer = await getImmigrationOffices(signal);
          return () => {
            this.#offices = answer.offices;
            this.#setData();
          };
        },
      },
    };
  }

  protected override drop(): void {
    this.#offices = [];
    this.#setData();
  }

  #collection(): GeoJSON.FeatureCollection {
    return {
      type: 'FeatureCollection',
      features: this.#offices.map((office, index) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [office.lon, office.lat] },
        properties: { index, town: office.town, located: office.located },
      })),
    };
  }

  #setData(): void {
    this.map.getSource<GeoJSONSource>(sourceId)?.setData(this.#collection());
  }

  protected override applyLook(): void {
    for (const id of layerIds) {
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', this.visible ? 'visible' : 'none');
    }
    if (!this.map.getLayer(markId)) return;
    this.map.setPaintProperty(markId, 'circle-opacity', this.opacity);
    this.map.setPaintProperty(markId, 'circle-stroke-opacity', this.opacity);
    this.map.setPaintProperty(labelId, 'text-opacity', this.opacity);
  }
}
