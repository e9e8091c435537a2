// Incidents: below zoom 9 one proportional circle per region (at the region's label point, coloured by its most
// frequent type, drawn by maplibre from feature-state); from zoom 9 one point per incident, from our vector tiles.
import type { ExpressionSpecification, MapGeoJSONFeature } from 'maplibre-gl';
import { getIncidentSummary, paramsKey, pointTilesUrl } from '$lib/api/layers';
import type { IncidentRegion, SummaryLevel } from '$lib/api/types';
import {
  FeatureStates,
  levelForZoom,
  levelZooms,
  OperationalLayer,
  type LayerContext,
  type LayerRequest,
  type Picked,
  pickedCluster,
} from '../common';
import { localMinuteIn, timeZoneOf, ZONE_OFFSETS } from '../../../../../../server/src/domain/time-zones.ts';
import { PointTiles } from '../point-tiles';
import { incidentColor, incidentTypeColors } from './style';
import { describeIncident, describeIncidentRegion } from './tooltip';

/** From this zoom incidents are drawn one by one. */
export const incidentPointsMinZoom = 9;

/** The basemap's desa fill (from zoom 9, like the points), whose feature ids are the desa codes. */
const desaFillId = 'desa-fill';

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

const typeColor = [
  'match',
  ['get', 'type'],
  ...Object.entries(incidentTypeColors).flat(),
  incidentTypeColors.other,
] as unknown as ExpressionSpecification;

const severityRadius: ExpressionSpecification = [
  'match',
  ['get', 'severity'],
  'rendah',
  5,
  'sedang',
  6.5,
  'tinggi',
  8,
  6,
];

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
  readonly #points = new PointTiles(this.map, {
    id: 'op-incidents-points',
    sourceLayer: 'incidents',
    minzoom: incidentPointsMinZoom,
    clusterColor: '#495057',
    paint: {
      'circle-color': typeColor,
      'circle-radius': severityRadius,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });

  /** The style layer of the proportional circles now shown, for hover queries. */
  #circleLayerId(): string | null {
    return this.visible && this.#level ? circleId(this.#level) : null;
  }

  override pointStyleLayers(): string[] {
    return this.#points.layerIds;
  }

  override pickableStyleLayers(): string[] {
    const points = this.#points.layerId;
    // The desa under a point tells its time zone (the tile has the instant only).
    return [
      ...this.#points.layerIds,
      points && this.map.getLayer(desaFillId) ? desaFillId : null,
      this.#circleLayerId(),
    ].filter((id) => id !== null);
  }

  override pickFeatures(features: readonly MapGeoJSONFeature[]): Picked | null {
    const cluster = this.#points.findCluster(features);
    if (cluster) {
      return pickedCluster(this.id, cluster, 'cluster.incidents');
    }
    const point = this.#points.find(features);
    if (point) {
      const desa = features.find((feature) => feature.layer.id === desaFillId) ?? this.#desaNear(point);
      const incident = incidentOfTile(point, desa === undefined ? null : String(desa.id));
      return {
        layer: this.id,
        record: { kind: 'incident', id: Number(point.id) },
        point: true,
        describe: (lang) => describeIncident(incident, lang),
      };
    }
    const id = this.#circleLayerId();
    const circle = features.find((feature) => feature.layer.id === id);
    const region = circle ? this.#regions.get(String(circle.id)) : undefined;
    if (!region) return null;
    return { layer: this.id, describe: (lang) => describeIncidentRegion(region, lang) };
  }

  /**
   * The desa drawn around a point when none is right under the pointer: the generalised outlines of the view can miss
   * a point close to a desa's edge by a pixel or two, and the zone only needs the province.
   */
  #desaNear(point: MapGeoJSONFeature): MapGeoJSONFeature | undefined {
    if (!this.map.getLayer(desaFillId) || point.geometry.type !== 'Point') return undefined;
    const { x, y } = this.map.project(point.geometry.coordinates as [number, number]);
    return this.map.queryRenderedFeatures(
      [
        [x - 12, y - 12],
        [x + 12, y + 12],
      ],
      { layers: [desaFillId] },
    )[0];
  }

  override install(): void {
    this.#points.install();
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
      const url = pointTilesUrl('incidents', params);
      return {
        points: {
          key: url,
          load: async (signal) => {
            await this.#points.show(url, signal);
            return () => {};
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
    if (name === null || name === 'points') this.#points.clear();
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
    this.#points.setLook(this.visible, this.opacity);
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
}

/** What the tooltip needs of an incident, from its tile's properties and the code of the desa it lies in. */
function incidentOfTile(feature: MapGeoJSONFeature, desaCode: string | null) {
  const { type, status, severity, occurredAt, peopleCount } = feature.properties;
  return {
    type: String(type),
    status: String(status),
    severity: String(severity),
    occurredAt: localTime(new Date(Number(occurredAt) * 1000), desaCode),
    // Only for roles that may see people; for the others the details drawer shows the published count.
    peopleCount: typeof peopleCount === 'number' ? peopleCount : null,
  };
}

/** An instant as the desa's wall-clock time with its offset ("2026-11-19T15:36:00+07:00"); unknown desa: UTC. */
function localTime(instant: Date, desaCode: string | null): string {
  if (desaCode === null) return instant.toISOString();
  const zone = timeZoneOf(desaCode);
  return `${localMinuteIn(zone, instant)}:00${ZONE_OFFSETS[zone].offset}`;
}
