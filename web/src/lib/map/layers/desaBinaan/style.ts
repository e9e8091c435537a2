// Colours of the desa binaan layer, shared by the map and its legend.

/** Desa binaan by status. */
export const desaBinaanColors: Record<string, string> = {
  aktif: '#2f9e44',
  rencana: '#1c7ed6',
  nonaktif: '#868e96',
};

export function desaBinaanColor(status: string): string {
  return desaBinaanColors[status] ?? desaBinaanColors.nonaktif!;
}

/** The outer ring that marks synthetic (demo) villages. */
export const syntheticRingColor = '#ae3ec9';
