// Colours of the workplaces layer, shared by the map and its legend.

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
