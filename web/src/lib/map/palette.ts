// Line colours shared by the legend and the server's map style (server/src keeps the same values).
// Changing one here means changing it in the style too, or the legend will lie.

export const palette = {
  desaLine: '#d9480f',
  kecamatanLine: '#7048e8',
  kabupatenLine: '#495057',
  provinsiLine: '#212529',
  landBorder: '#e03131',
  seaBoundary: '#1971c2',
} as const;

export type PaletteEntry = keyof typeof palette;

/** How each line is drawn, so the legend swatch matches the map: borders are dashed because they are approximate. */
export const lineStyles: Record<PaletteEntry, { widthPx: number; dashed: boolean }> = {
  desaLine: { widthPx: 1, dashed: false },
  kecamatanLine: { widthPx: 2, dashed: false },
  kabupatenLine: { widthPx: 2.5, dashed: false },
  provinsiLine: { widthPx: 3, dashed: false },
  landBorder: { widthPx: 3, dashed: true },
  seaBoundary: { widthPx: 2.5, dashed: true },
};
