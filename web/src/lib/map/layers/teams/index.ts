// TIMPORA teams: which kecamatan have formed their team, and each province against its target.
import type { LayerModule } from '../module';
import { TeamsLayer } from './layer';
import Legend from './Legend.svelte';

export const layer: LayerModule = {
  id: 'teams',
  shownAtStart: false,
  opacity: 0.6,
  // Above the residents' choropleth, inserted at the same place.
  drawOrder: 3,
  // After the residents: at desa zoom a desa's residents tell more than its kecamatan's team.
  pickOrder: 4,
  create: (host) => new TeamsLayer(host),
  Legend,
};
