// Workplaces with foreign workers: circles sized by workers, coloured by sector.
import type { LayerModule } from '../module';
import { WorkplacesLayer } from './layer';
import Legend from './Legend.svelte';

export const layer: LayerModule = {
  id: 'workplaces',
  shownAtStart: false,
  opacity: 0.85,
  // Big circles at the bottom of the points, under residents and incidents.
  drawOrder: 1,
  pickOrder: 5,
  create: (host) => new WorkplacesLayer(host),
  Legend,
};
