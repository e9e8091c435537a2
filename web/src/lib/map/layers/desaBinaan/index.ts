// Desa binaan imigrasi: a ring per village, coloured by status, with its name.
import type { LayerModule } from '../module';
import { DesaBinaanLayer } from './layer';
import Legend from './Legend.svelte';

export const layer: LayerModule = {
  id: 'desaBinaan',
  shownAtStart: false,
  opacity: 0.95,
  drawOrder: 4,
  pickOrder: 1,
  create: (host) => new DesaBinaanLayer(host),
  Legend,
};
