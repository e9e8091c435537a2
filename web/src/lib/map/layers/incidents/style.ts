// Colours of the incidents layer, shared by the map, its legend and the summary strip.
import type { IncidentType } from '$lib/api/types';
import { INCIDENT_TYPE_COLOURS } from '../../../../../../server/src/domain/category-colours.ts';

/** Incident types: the one palette of the server's (server/src/domain/category-colours.ts), shared with the PDFs. */
export const incidentTypeColors: Record<IncidentType, string> = INCIDENT_TYPE_COLOURS;

export function incidentColor(type: string): string {
  return incidentTypeColors[type as IncidentType] ?? incidentTypeColors.other;
}
