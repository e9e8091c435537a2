// Colours of the incidents layer, shared by the map, its legend and the summary strip.
import type { IncidentType } from '$lib/api/types';

/**
 * Incident types in the Okabe–Ito palette (safe for the common colour-blindnesses, and distinct on a washed-out
 * projector), vermilion kept for overstay (the offence TIMPORA meets most), grey for the rest.
 */
export const incidentTypeColors: Record<IncidentType, string> = {
  overstay: '#d55e00',
  permit_misuse: '#e69f00',
  illegal_work: '#0072b2',
  tppo: '#cc79a7',
  tppm: '#000000',
  pmi_nonprosedural: '#56b4e9',
  illegal_crossing: '#009e73',
  sham_marriage: '#f0e442',
  other: '#8c8c8c',
};

export function incidentColor(type: string): string {
  return incidentTypeColors[type as IncidentType] ?? incidentTypeColors.other;
}
