// Foreign residents: a choropleth per region, and for intel each person as a point from zoom 11.
import type { LayerModule } from '../module';
import { ResidentsLayer } from './layer';
import Legend from './Legend.svelte';

export const layer: LayerModule = {
  id: 'residents',
  shownAtStart: true,
  opacity: 0.7,
  drawOrder: 2,
  pickOrder: 3,
  create: (host) => new ResidentsLayer(host),
  Legend,
  details: {
    kind: 'resident',
    heading: 'details.resident',
    codes: { status: 'residentStatus', permitType: 'permitType', sex: 'sex' },
  },
};
