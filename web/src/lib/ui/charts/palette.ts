// Colours of the charts: incident types as on the map; permit types in the Okabe–Ito palette (colour-blind safe).
import { OUTCOME_COLOURS, PERMIT_TYPE_COLOURS } from '../../../../../server/src/domain/category-colours.ts';

export { OUTCOME_COLOURS };
import { PERMIT_TYPES, type PermitType } from '../../../../../server/src/schemas/vocabulary.ts';

export { incidentColor, incidentTypeColors } from '$lib/map/layers/incidents/style';

export const permitTypeColors: Record<PermitType, string> = PERMIT_TYPE_COLOURS;

export const permitColor = (permit: string): string => permitTypeColors[permit as PermitType] ?? '#8c8c8c';

export { PERMIT_TYPES };

/** One colour for a one-way table (nationalities): the blue of the Okabe–Ito palette. */
export const breakdownColor = '#0072b2';
