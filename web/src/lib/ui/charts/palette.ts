// Colours of the charts: incident types as on the map; permit types in the Okabe–Ito palette (colour-blind safe).
import { PERMIT_TYPES, type PermitType } from '../../../../../server/src/schemas/vocabulary.ts';

export { incidentColor, incidentTypeColors } from '$lib/map/layers/incidents/style';

export const permitTypeColors: Record<PermitType, string> = {
  ITK: '#e69f00',
  ITAS: '#0072b2',
  ITAP: '#009e73',
  PLB: '#cc79a7',
  DIPLOMATIK: '#56b4e9',
  LAINNYA: '#8c8c8c',
};

export const permitColor = (permit: string): string => permitTypeColors[permit as PermitType] ?? '#8c8c8c';

export { PERMIT_TYPES };

/** One colour for a one-way table (nationalities): the blue of the Okabe–Ito palette. */
export const breakdownColor = '#0072b2';
