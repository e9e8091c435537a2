// Colours of the incidents layer, shared by the map, its legend and the summary strip.
import type { IncidentType } from '$lib/api/types';

/** Incident types: distinct hues, with red kept for overstay (the offence TIMPORA meets most). */
export const incidentTypeColors: Record<IncidentType, string> = {
  overstay: '#e03131',
  permit_misuse: '#f08c00',
  illegal_work: '#1971c2',
  tppo: '#862e9c',
  tppm: '#c2255c',
  pmi_nonprosedural: '#0c8599',
  illegal_crossing: '#2b8a3e',
  sham_marriage: '#a17a00',
  other: '#495057',
};

export function incidentColor(type: string): string {
  return incidentTypeColors[type as IncidentType] ?? incidentTypeColors.other;
}
