// Immigration offices (issue #12): a square per Kanim at its location, with its name.
import type { LayerModule } from '../module';
import { OfficesLayer } from './layer';
import Legend from './Legend.svelte';

export const layer: LayerModule = {
  id: 'offices',
  shownAtStart: false,
  opacity: 1,
  drawOrder: 5,
  pickOrder: 1,
  create: (host) => new OfficesLayer(host),
  Legend,
};
