// Line colours of the basemap, defined once: the server's map style (basemap-style.ts) draws with them and the web's
// legend (web/src/lib/map/palette.ts re-exports this file) shows them, so the legend cannot lie.

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
