// Workplaces with foreign workers: circles sized by the number of workers (area proportional), coloured by sector.
import { getWorkplaces, paramsKey } from '$lib/api/layers';
import type { PeopleCount, Workplace } from '$lib/api/types';
import {
  OperationalLayer,
  rgba,
  type LayerContext,
  type LayerRequest,
  type Picked,
  type PointLayerSpec,
} from '../common';
import { sectorColor } from './style';
import { describeWorkplace } from './tooltip';

const workplacesDeckLayerId = 'op-workplaces';

export const workplaceRadiusPx = { min: 4, max: 18 } as const;

/** Radius for a worker count: square-root scale up to the largest workplace; a withheld count ("< 3") is smallest. */
export function workplaceRadius(workers: PeopleCount, maxWorkers: number): number {
  if (typeof workers !== 'number' || maxWorkers <= 0) return workplaceRadiusPx.min;
  const share = Math.sqrt(Math.max(0, workers) / maxWorkers);
  return workplaceRadiusPx.min + (workplaceRadiusPx.max - workplaceRadiusPx.min) * share;
}

export class WorkplacesLayer extends OperationalLayer {
  readonly id = 'workplaces' as const;
  #workplaces: Workplace[] = [];
  #maxWorkers = 0;

  protected override requests(context: LayerContext): Record<string, LayerRequest> {
    // Few enough (hundreds per area) to fetch once per filter, not per view.
    const params = context.filters.residentParams;
    return {
      all: {
        key: paramsKey(params),
        load: async (signal) => {
          const answer = await getWorkplaces(params, signal);
          return () => {
            if (answer.synthetic) this.host.status.synthetic = true;
            // Largest first, so small ones are drawn on top and stay pickable.
            this.#workplaces = [...answer.workplaces].sort((a, b) => count(b) - count(a));
            this.#maxWorkers = Math.max(0, ...this.#workplaces.map(count));
          };
        },
      },
    };
  }

  protected override drop(): void {
    this.#workplaces = [];
    this.#maxWorkers = 0;
  }

  protected override applyLook(): void {}

  override pickPoint(deckLayerId: string, item: unknown): Picked | null {
    if (deckLayerId !== workplacesDeckLayerId) return null;
    const workplace = item as Workplace;
    return { layer: this.id, point: true, describe: (lang) => describeWorkplace(workplace, lang) };
  }

  override pointLayers(): PointLayerSpec[] {
    if (!this.visible || this.#workplaces.length === 0) return [];
    const max = this.#maxWorkers;
    const layer: PointLayerSpec<Workplace> = {
      id: workplacesDeckLayerId,
      data: this.#workplaces,
      position: (workplace) => [workplace.lon, workplace.lat],
      fillColor: (workplace) => rgba(sectorColor(workplace.sector), 200),
      radius: (workplace) => workplaceRadius(workplace.foreignWorkers, max),
      radiusTrigger: max,
      lineColor: [33, 37, 41, 255],
      lineWidth: 1,
      opacity: this.opacity,
    };
    return [layer];
  }
}

function count(workplace: Workplace): number {
  return typeof workplace.foreignWorkers === 'number' ? workplace.foreignWorkers : 0;
}
