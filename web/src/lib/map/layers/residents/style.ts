// Colours of the residents layer, shared by the map and its legend so the two cannot disagree.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { PeopleCount } from '$lib/api/types';
import { RESIDENT_POINT_COLOURS } from '../../../../../../server/src/domain/category-colours.ts';

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
export const residentPointColors = RESIDENT_POINT_COLOURS;
export type ResidentPointClass = keyof typeof residentPointColors;

/** The colour of a resident's point from its tile's properties: overstay (still here, permit over) stands out. */
export const residentPointColor: ExpressionSpecification = [
  'case',
  ['all', ['>', ['to-number', ['get', 'overstayDays'], 0], 0], ['==', ['get', 'status'], 'active']],
  residentPointColors.overstay,
  ['==', ['get', 'status'], 'departed'],
  residentPointColors.departed,
  ['==', ['get', 'status'], 'deported'],
  residentPointColors.deported,
  residentPointColors.active,
];
