// Incidents: below zoom 9 one proportional circle per region (at the region's label point, coloured by its most
// frequent type, drawn by maplibre from feature-state); from zoom 9 one deck.gl point per incident.
import type { ExpressionSpecification, MapGeoJSONFeature } from 'maplibre-gl';
import { getIncidentPoints, getIncidentSummary, paramsKey } from '$lib/api/layers';
import type { IncidentPoint, IncidentRegion, SummaryLevel } from '$lib/api/types';
import {
  FeatureStates,
  levelForZoom,
  levelZooms,
  OperationalLayer,
  paddedBBoxParam,
  rgba,
  type LayerContext,
  type LayerRequest,
  type Picked,
  type PointLayerSpec,
} from '../common';
import { incidentColor } from './style';
import { describeIncident, describeIncidentRegion } from './tooltip';

/** From this zoom incidents are drawn one by one. */
export const incidentPointsMinZoom = 9;

const incidentsDeckLayerId = 'op-incidents-points';

const aggregateLevels: readonly SummaryLevel[] = ['provinsi', 'kabupaten', 'kecamatan'];
const circleId = (level: SummaryLevel) => `op-incidents-${level}`;

/**
 * Circle area proportional to the count on a fixed scale per level (not relative to the largest in view), so stepping
 * through the months shows real growth and decline: radius = 4 px + k·√n, at most 36 px.
 */
const radiusScale: Record<SummaryLevel, number> = { provinsi: 0.9, kabupaten: 1.2, kecamatan: 2, desa: 2.5 };

export function incidentRadius(level: SummaryLevel, incidents: number): number {
  return Math.min(36, 4 + radiusScale[level] * Math.sqrt(Math.max(0, incidents)));
}

const severityRadius: Record<string, number> = { rendah: 5, sedang: 6.5, tinggi: 8 };

/** The most frequent type of a region (the first listed wins a tie, so the colour is stable). */
export function topType(byType: Record<string, number>): string {
  let best = 'other';
  let bestCount = -1;
  for (const [type, count] of Object.entries(byType)) {
    if (count > bestCount) [best, bestCount] = [type, count];
  }
  return best;
}

export class IncidentsLayer extends OperationalLayer {
  readonly id = 'incidents' as const;
  readonly #states = new FeatureStates(this.map, ['incRadius', 'incColor']);
  #level: SummaryLevel | null = null;
  #regions = new Map<string, IncidentRegion>();
  #points: IncidentPoint[] = [];

  /** The style layer of the proportional circles now shown, for hover queries. */
  #circleLayerId(): string | null {
    return this.visible && this.#level ? circleId(this.#level) : null;
  }

  override pickableStyleLayers(): string[] {
    const id = this.#circleLayerId();
    return id ? [id] : [];
  }

  override pickFeatures(features: readonly MapGeoJSONFeature[]): Picked | null {
    const id = this.#circleLayerId();
    const circle = features.find((feature) => feature.layer.id === id);
    const region = circle ? this.#regions.get(String(circle.id)) : undefined;
    if (!region) return null;
    return { layer: this.id, describe: (lang) => describeIncidentRegion(region, lang) };
  }

  override pickPoint(deckLayerId: string, item: unknown): Picked | null {
    if (deckLayerId !== incidentsDeckLayerId) return null;
    const incident = item as IncidentPoint;
    return {
      layer: this.id,
      record: { kind: 'incident', id: incident.id },
      describe: (lang) => describeIncident(incident, lang),
    };
  }

  override install(): void {
    if (this.map.getLayer(circleId('kecamatan'))) return;
    const beforeId = this.map.getLayer('desa-label') ? 'desa-label' : undefined;
    for (const level of aggregateLevels) {
      if (!this.map.getSource(level)) continue;
      const radius: ExpressionSpecification = ['coalesce', ['feature-state', 'incRadius'], 0];
      this.map.addLayer(
        {
          id: circleId(level),
          type: 'circle',
          source: level,
          'source-layer': `${level}_label`,
          ...levelZooms[level],
          paint: {
            'circle-radius': radius,
            'circle-color': ['to-color', ['coalesce', ['feature-state', 'incColor'], '#000000']],
            'circle-opacity': this.opacity,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1.5,
            'circle-stroke-opacity': ['case', ['>', radius, 0], this.opacity, 0],
          },
          layout: { visibility: this.visible ? 'visible' : 'none' },
        },
        beforeId,
      );
    }
    this.#applyStates();
  }

  protected override requests(context: LayerContext): Record<string, LayerRequest> {
    const params = context.filters.incidentParams;
    if (context.view.zoom >= incidentPointsMinZoom) {
      const pointParams = { ...params, bbox: paddedBBoxParam(context.view.bbox) };
      return {
        points: {
          key: paramsKey(pointParams),
          load: async (signal) => {
            const answer = await getIncidentPoints(pointParams, signal);
            return () => {
              // Oldest first, so the newest are drawn on top.
              this.#points = [...answer.points].reverse();
              this.host.status.update(this.id, { truncated: answer.truncated });
            };
          },
        },
      };
    }
    const level = levelForZoom(context.view.zoom);
    return {
      regions: {
        key: `${level}?${paramsKey(params)}`,
        load: async (signal) => {
          const answer = await getIncidentSummary(level, params, signal);
          return () => {
            if (answer.synthetic) this.host.status.synthetic = true;
            this.#level = answer.level;
            this.#regions = new Map(answer.regions.map((region) => [region.code, region]));
            this.#applyStates();
          };
        },
      },
    };
  }

  protected override drop(name: string | null): void {
    if (name === null || name === 'points') {
      this.#points = [];
      this.host.status.update(this.id, { truncated: false });
    }
    if (name === null || name === 'regions') {
      this.#regions = new Map();
      this.#level = null;
      this.#states.clear();
    }
  }

  #applyStates(): void {
    this.#states.clear();
    const level = this.#level;
    if (!level) return;
    for (const region of this.#regions.values()) {
      if (region.incidents <= 0) continue;
      const incRadius = incidentRadius(level, region.incidents);
      this.#states.set(
        { source: level, sourceLayer: `${level}_label`, id: region.code },
        { incRadius, incColor: incidentColor(topType(region.byType)) },
      );
    }
  }

  protected override applyLook(): void {
    for (const level of aggregateLevels) {
      const id = circleId(level);
      if (!this.map.getLayer(id)) continue;
      this.map.setLayoutProperty(id, 'visibility', this.visible ? 'visible' : 'none');
      this.map.setPaintProperty(id, 'circle-opacity', this.opacity);
      this.map.setPaintProperty(id, 'circle-stroke-opacity', [
        'case',
        ['>', ['coalesce', ['feature-state', 'incRadius'], 0], 0],
        this.opacity,
        0,
      ]);
    }
  }

  override pointLayers(): PointLayerSpec[] {
    if (!this.visible || this.#points.length === 0) return [];
    const layer: PointLayerSpec<IncidentPoint> = {
      id: incidentsDeckLayerId,
      data: this.#points,
      position: (point) => [point.lon, point.lat],
      fillColor: (point) => rgba(incidentColor(point.type)),
      radius: (point) => severityRadius[point.severity] ?? 6,
      lineColor: [255, 255, 255, 255],
      lineWidth: 1.5,
      opacity: this.opacity,
    };
    return [layer];
  }
}
