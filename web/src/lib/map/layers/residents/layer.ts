// Foreign residents: a choropleth of people per region (the level follows the zoom) drawn with feature-state on the
// boundary sources, and for intel, from zoom 11, one point per person from our vector tiles.
import type { ExpressionSpecification, MapGeoJSONFeature } from 'maplibre-gl';
import { maySeePeople } from '$lib/api/rules';
import { getResidentSummary, paramsKey, pointTilesUrl } from '$lib/api/layers';
import type { ResidentRegion, Role, SummaryLevel } from '$lib/api/types';
import {
  FeatureStates,
  fillBeforeId,
  levelForZoom,
  levelZooms,
  OperationalLayer,
  paddedBBoxParam,
  summaryLevels,
  type LayerContext,
  type LayerRequest,
  type Picked,
  pickedCluster,
} from '../common';
import { PointTiles } from '../point-tiles';
import { residentClass, residentClassColors, residentPointColor } from './style';
import { describeRegion, describeResident } from './tooltip';

/** Residents one by one (name, passport) are personal data: only Inteldakim may see them (the server enforces it). */
export function mayUseResidentPoints(role: Role): boolean {
  return maySeePeople(role);
}

/** From this zoom intel also sees each person. */
export const residentPointsMinZoom = 11;

const fillId = (level: SummaryLevel) => `op-residents-${level}`;

const classColor: ExpressionSpecification = [
  'match',
  ['coalesce', ['feature-state', 'resClass'], -1],
  ...residentClassColors.flatMap((color, index) => [index, color]),
  'rgba(0, 0, 0, 0)',
] as unknown as ExpressionSpecification;

export class ResidentsLayer extends OperationalLayer {
  readonly id = 'residents' as const;
  readonly #states = new FeatureStates(this.map, ['resClass']);
  #level: SummaryLevel | null = null;
  #regions = new Map<string, ResidentRegion>();
  readonly #points = new PointTiles(this.map, {
    id: 'op-residents-points',
    sourceLayer: 'residents',
    minzoom: residentPointsMinZoom,
    clusterColor: '#1864ab',
    paint: {
      'circle-color': residentPointColor,
      'circle-radius': 4,
      // A dark rim (incidents have a white one) tells a person from an incident at a glance.
      'circle-stroke-color': '#212529',
      'circle-stroke-width': 1,
    },
  });

  /** The style layer drawing the current level, for hover queries. */
  #fillLayerId(): string | null {
    return this.visible && this.#level ? fillId(this.#level) : null;
  }

  override pointStyleLayers(): string[] {
    return this.#points.layerIds;
  }

  override pickableStyleLayers(): string[] {
    return [...this.#points.layerIds, this.#fillLayerId()].filter((id) => id !== null);
  }

  override pickFeatures(features: readonly MapGeoJSONFeature[]): Picked | null {
    const cluster = this.#points.findCluster(features);
    if (cluster) {
      return pickedCluster(this.id, cluster, 'cluster.residents');
    }
    const point = this.#points.find(features);
    if (point) {
      const { nationality, permitType, status, overstayDays } = point.properties;
      const resident = {
        nationality: String(nationality),
        permitType: String(permitType),
        status: String(status),
        overstayDays: Number(overstayDays ?? 0),
      };
      return {
        layer: this.id,
        record: { kind: 'resident', id: Number(point.id) },
        point: true,
        describe: (lang) => describeResident(resident, lang),
      };
    }
    const id = this.#fillLayerId();
    const level = this.#level;
    const area = features.find((feature) => feature.layer.id === id);
    if (!area || !level) return null;
    const code = String(area.id);
    const residents = this.#regions.get(code) ?? null;
    const name = residents?.name ?? String(area.properties.name ?? code);
    return { layer: this.id, region: { level, code }, describe: (lang) => describeRegion(name, residents, lang) };
  }

  /** Adds the fills when missing (at start, and after a style change dropped them) and colours them again. */
  override install(): void {
    this.#points.install();
    if (this.map.getLayer(fillId('desa'))) return;
    const beforeId = fillBeforeId(this.map);
    for (const level of summaryLevels) {
      if (!this.map.getSource(level)) continue;
      this.map.addLayer(
        {
          id: fillId(level),
          type: 'fill',
          source: level,
          'source-layer': level,
          ...levelZooms[level],
          paint: { 'fill-color': classColor, 'fill-opacity': this.opacity },
          layout: { visibility: this.visible ? 'visible' : 'none' },
        },
        beforeId,
      );
    }
    this.#applyStates();
  }

  protected override requests(context: LayerContext): Record<string, LayerRequest> {
    const level = levelForZoom(context.view.zoom);
    const params = context.filters.residentParams;
    // Desa are many: ask only for those around the view.
    if (level === 'desa') params.bbox = paddedBBoxParam(context.view.bbox);
    const wanted: Record<string, LayerRequest> = {
      regions: {
        key: `${level}?${paramsKey(params)}`,
        load: async (signal) => {
          const answer = await getResidentSummary(level, params, signal);
          return () => {
            if (answer.synthetic) this.host.status.synthetic = true;
            this.#level = answer.level;
            this.#regions = new Map(answer.regions.map((region) => [region.code, region]));
            this.#applyStates();
          };
        },
      },
    };
    if (mayUseResidentPoints(context.role) && context.residentPoints && context.view.zoom >= residentPointsMinZoom) {
      const url = pointTilesUrl('residents', context.filters.residentParams);
      wanted.points = {
        key: url,
        load: async (signal) => {
          await this.#points.show(url, signal);
          return () => {};
        },
      };
    }
    return wanted;
  }

  protected override drop(name: string | null): void {
    if (name === null || name === 'points') this.#points.clear();
    if (name === null || name === 'regions') {
      this.#regions = new Map();
      this.#level = null;
      this.#states.clear();
    }
  }

  /** Colours the regions of the current level; the other levels are cleared so no stale colour survives a zoom. */
  #applyStates(): void {
    this.#states.clear();
    const level = this.#level;
    if (!level) return;
    for (const region of this.#regions.values()) {
      const resClass = residentClass(region.people);
      if (resClass === null) continue;
      this.#states.set({ source: level, sourceLayer: level, id: region.code }, { resClass });
    }
  }

  protected override applyLook(): void {
    this.#points.setLook(this.visible, this.opacity);
    for (const level of summaryLevels) {
      if (!this.map.getLayer(fillId(level))) continue;
      this.map.setLayoutProperty(fillId(level), 'visibility', this.visible ? 'visible' : 'none');
      this.map.setPaintProperty(fillId(level), 'fill-opacity', this.opacity);
    }
  }
}
