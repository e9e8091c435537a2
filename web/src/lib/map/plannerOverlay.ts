// The planner on the map (issue #12): every candidate desa as a dot shaded by its score, the planned desa numbered,
// the chosen one ringed, and the reach of the working plan (filled, solid) and of the plan it is compared with
// (dashed), drawn by maplibre from two GeoJSON sources the planner's state fills.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { PLAN_COLOURS } from '../../../../server/src/domain/category-colours.ts';

const pointsId = 'planner-points';
const reachId = 'planner-reach';
const layers = {
  reachFill: 'planner-reach-fill',
  reachA: 'planner-reach-a',
  reachB: 'planner-reach-b',
  dots: 'planner-dots',
  planned: 'planner-planned',
  plannedLabel: 'planner-planned-label',
  selected: 'planner-selected',
} as const;

export interface PlannerPoint {
  code: string;
  lon: number;
  lat: number;
  score: number;
  rank: number;
  /** The place in the working plan (1, 2, …), or 0. */
  planned: number;
  rejected: boolean;
}

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export class PlannerOverlay {
  #points = empty();
  #reach = empty();

  constructor(readonly map: MapLibreMap) {
    map.on('styledata', this.#install);
    this.#install();
  }

  destroy(): void {
    this.map.off('styledata', this.#install);
    for (const id of Object.values(layers).reverse()) if (this.map.getLayer(id)) this.map.removeLayer(id);
    for (const id of [pointsId, reachId]) if (this.map.getSource(id)) this.map.removeSource(id);
  }

  show(points: readonly PlannerPoint[], selected: string | null, reach: GeoJSON.Feature[]): void {
    this.#points = {
      type: 'FeatureCollection',
      features: points.map((point) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
        properties: { ...point, selected: point.code === selected },
      })),
    };
    this.#reach = { type: 'FeatureCollection', features: reach };
    this.map.getSource<GeoJSONSource>(pointsId)?.setData(this.#points);
    this.map.getSource<GeoJSONSource>(reachId)?.setData(this.#reach);
  }

  /** The code of the candidate at a pixel, if any. */
  pick(point: { x: number; y: number }): string | null {
    const ids = [layers.planned, layers.dots].filter((id) => this.map.getLayer(id));
    if (ids.length === 0) return null;
    const box: [[number, number], [number, number]] = [
      [point.x - 4, point.y - 4],
      [point.x + 4, point.y + 4],
    ];
    const [feature] = this.map.queryRenderedFeatures(box, { layers: ids });
    return feature ? String(feature.properties.code) : null;
  }

  #install = (): void => {
    if (this.map.getLayer(layers.dots)) return;
    if (!this.map.getSource(reachId)) this.map.addSource(reachId, { type: 'geojson', data: this.#reach });
    if (!this.map.getSource(pointsId)) this.map.addSource(pointsId, { type: 'geojson', data: this.#points });
    this.map.addLayer({
      id: layers.reachFill,
      type: 'fill',
      source: reachId,
      filter: ['==', ['get', 'plan'], 'a'],
      paint: { 'fill-color': PLAN_COLOURS.a, 'fill-opacity': 0.12 },
    });
    this.map.addLayer({
      id: layers.reachA,
      type: 'line',
      source: reachId,
      filter: ['==', ['get', 'plan'], 'a'],
      paint: { 'line-color': PLAN_COLOURS.a, 'line-width': 2 },
    });
    this.map.addLayer({
      id: layers.reachB,
      type: 'line',
      source: reachId,
      filter: ['==', ['get', 'plan'], 'b'],
      paint: { 'line-color': PLAN_COLOURS.b, 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
    });
    this.map.addLayer({
      id: layers.dots,
      type: 'circle',
      source: pointsId,
      filter: ['==', ['get', 'planned'], 0],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['get', 'score'], 0, 2.5, 1, 7],
        'circle-color': ['interpolate', ['linear'], ['get', 'score'], 0, '#ced4da', 1, PLAN_COLOURS.candidate],
        'circle-opacity': ['case', ['get', 'rejected'], 0.35, 0.9],
        'circle-stroke-width': 0.75,
        'circle-stroke-color': '#ffffff',
      },
    });
    this.map.addLayer({
      id: layers.planned,
      type: 'circle',
      source: pointsId,
      filter: ['>', ['get', 'planned'], 0],
      paint: {
        'circle-radius': 10,
        'circle-color': PLAN_COLOURS.a,
        'circle-stroke-width': 2,
        'circle-stroke-color': '#ffffff',
      },
    });
    this.map.addLayer({
      id: layers.plannedLabel,
      type: 'symbol',
      source: pointsId,
      filter: ['>', ['get', 'planned'], 0],
      layout: { 'text-field': ['to-string', ['get', 'planned']], 'text-size': 12, 'text-allow-overlap': true },
      paint: { 'text-color': '#ffffff' },
    });
    this.map.addLayer({
      id: layers.selected,
      type: 'circle',
      source: pointsId,
      filter: ['==', ['get', 'selected'], true],
      paint: {
        'circle-radius': 14,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-width': 3,
        'circle-stroke-color': '#212529',
      },
    });
  };
}
