// Colours of the operational layers, shared by the map layers and their legends so the two cannot disagree.
import type { IncidentType, PeopleCount } from '$lib/api/types';

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

/** Residents per region, lightest to darkest; the lightest class also stands for a withheld count ("< 3"). */
export const residentClassColors = ['#e0f3db', '#ccebc5', '#a8ddb5', '#7bccc4', '#43a2ca', '#0868ac'] as const;

/** Lower bound of each class above the first: 1–2, 3–9, 10–29, 30–99, 100–299, 300 and more. */
export const residentClassBreaks = [3, 10, 30, 100, 300] as const;

/** The class of a region's count, or null for none (nobody there: the region stays uncoloured). */
export function residentClass(people: PeopleCount): number | null {
  // A string is a withheld small number ("< 3"): the lightest class, never empty.
  if (typeof people === 'string') return 0;
  if (people <= 0) return null;
  const above = residentClassBreaks.findIndex((lower) => people < lower);
  return above === -1 ? residentClassBreaks.length : above;
}

/** Legend text of each class: "< 3", "3–9", …, "≥ 300". */
export function residentClassLabels(format: (value: number) => string): string[] {
  const labels = [`< ${format(residentClassBreaks[0])}`];
  for (let index = 0; index < residentClassBreaks.length - 1; index++) {
    labels.push(`${format(residentClassBreaks[index]!)}–${format(residentClassBreaks[index + 1]! - 1)}`);
  }
  labels.push(`≥ ${format(residentClassBreaks[residentClassBreaks.length - 1]!)}`);
  return labels;
}

/** Residents as points (intel): overstay stands out in red whatever the status. */
export const residentPointColors = {
  active: '#1971c2',
  overstay: '#e03131',
  departed: '#868e96',
  deported: '#5f3dc4',
} as const;
export type ResidentPointClass = keyof typeof residentPointColors;

export function residentPointClass(status: string, overstayDays: number): ResidentPointClass {
  if (overstayDays > 0 && status === 'active') return 'overstay';
  if (status === 'departed' || status === 'deported') return status;
  return 'active';
}

/** Workplaces by sector; unknown sectors are grey like "lainnya". */
export const sectorColors: Record<string, string> = {
  pabrik: '#4263eb',
  konstruksi: '#e8590c',
  kelapa_sawit: '#2b8a3e',
  karet: '#74b816',
  tambang: '#8c5a2b',
  perikanan: '#1098ad',
  lainnya: '#868e96',
};
export const knownSectors = Object.keys(sectorColors);

export function sectorColor(sector: string): string {
  return sectorColors[sector] ?? sectorColors.lainnya!;
}

/** Desa binaan by status. */
export const desaBinaanColors: Record<string, string> = {
  aktif: '#2f9e44',
  rencana: '#1c7ed6',
  nonaktif: '#868e96',
};
export const desaBinaanStatuses = Object.keys(desaBinaanColors);

export function desaBinaanColor(status: string): string {
  return desaBinaanColors[status] ?? desaBinaanColors.nonaktif!;
}

/** TIMPORA team coverage per kecamatan. */
export const teamColors = { formed: '#2f9e44', notFormed: '#f59f00' } as const;

/** `#rrggbb` as deck.gl's [r, g, b, a]. */
export function rgba(hex: string, alpha = 255): [number, number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, alpha];
}
