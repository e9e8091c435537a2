// Reported incidents: proportional circles per region below zoom 9, one point per incident from there.
import type { LayerModule } from '../module';
import { IncidentsLayer } from './layer';
import Legend from './Legend.svelte';

export const layer: LayerModule = {
  id: 'incidents',
  shownAtStart: true,
  opacity: 0.85,
  drawOrder: 5,
  pickOrder: 2,
  create: (host) => new IncidentsLayer(host),
  Legend,
  details: {
    kind: 'incident',
    heading: 'details.incident',
    codes: { type: 'incidentType', status: 'incidentStatus', severity: 'severity' },
    historyCodes: 'incidentStatus',
  },
};
