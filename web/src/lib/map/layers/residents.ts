// Foreign residents: a choropleth of people per region (the level follows the zoom) drawn with feature-state on the
// boundary sources, and for intel, from zoom 11, one point per person.
import type { ExpressionSpecification } from 'maplibre-gl';
import { getResidentPoints, getResidentSummary, paramsKey } from '$lib/api/layers';
import type { ResidentPoint, ResidentRegion, SummaryLevel } from '$lib/api/types';
import { mayUseResidentPoints } from '$lib/state/layers.svelte';
import {
  residentClass,
  residentClassColors,
  residentPointClass,
  residentPointColors,
  rgba,
} from '../operational-palette';
import {
  FeatureStates,
  levelForZoom,
  levelZooms,
  OperationalLayer,
  paddedBBoxParam,
  summaryLevels,
  type LayerContext,
  type LayerRequest,
  type PointLayerSpec,
} from './common';

/** From this zoom intel also sees each person. */
export const residentPointsMinZoom = 11;

export const residentsDeckLayerId = 'op-residents-points';

const fillId = (level: SummaryLevel) => `op-residents-${level}`;

/** Below every boundary line and the hover highlight, above the land. */
export function fillBeforeId(map: { getLayer(id: string): unknown }): string | undefined {
  return ['kecamatan-fill', 'desa-fill', 'desa-line'].find((id) => map.getLayer(id) !== undefined);
}

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
  #points: ResidentPoint[] = [];

  /** The region row behind a hovered feature of the current level. */
  region(code: string): ResidentRegion | undefined {
    return this.#regions.get(code);
  }

  get level(): SummaryLevel | null {
    return this.#level;
  }

  /** The style layer drawing the current level, for hover queries. */
  get fillLayerId(): string | null {
    return this.visible && this.#level ? fillId(this.#level) : null;
  }

  /** Adds the fills when missing (at start, and after a style change dropped them) and colours them again. */
  override install(): void {
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
      const pointParams = { ...context.filters.residentParams, bbox: paddedBBoxParam(context.view.bbox) };
      wanted.points = {
        key: paramsKey(pointParams),
        load: async (signal) => {
          const answer = await getResidentPoints(pointParams, signal);
          return () => {
            this.#points = answer.points;
            this.host.status.update(this.id, { truncated: answer.truncated });
          };
        },
      };
    }
    return wanted;
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
    for (const level of summaryLevels) {
      if (!this.map.getLayer(fillId(level))) continue;
      this.map.setLayoutProperty(fillId(level), 'visibility', this.visible ? 'visible' : 'none');
      this.map.setPaintProperty(fillId(level), 'fill-opacity', this.opacity);
    }
  }

  override pointLayers(): PointLayerSpec[] {
    if (!this.visible || this.#points.length === 0) return [];
    const layer: PointLayerSpec<ResidentPoint> = {
      id: residentsDeckLayerId,
      data: this.#points,
      position: (point) => [point.lon, point.lat],
      fillColor: (point) => rgba(residentPointColors[residentPointClass(point.status, point.overstayDays)]),
      radius: () => 4,
      // A dark rim (incidents have a white one) tells a person from an incident at a glance.
      lineColor: [33, 37, 41, 255],
      lineWidth: 1,
      opacity: this.opacity,
    };
    return [layer];
  }
}
