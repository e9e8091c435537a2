// Colours of the desa binaan layer, shared by the map and its legend.
import { DESA_BINAAN_COLOURS } from '../../../../../../server/src/domain/category-colours.ts';

/** Desa binaan by status. */
export const desaBinaanColors: Record<string, string> = DESA_BINAAN_COLOURS;

export function desaBinaanColor(status: string): string {
  return desaBinaanColors[status] ?? desaBinaanColors.nonaktif!;
}

/** The outer ring that marks synthetic (demo) villages. */
export const syntheticRingColor = '#ae3ec9';
