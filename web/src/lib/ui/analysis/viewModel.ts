// The one view model every analysis result becomes (see analysisFormat.ts): a table, map features with their
// colours, a legend and a summary line, so the panel and the map agree.
import { numberLocale, type Lang } from '$lib/i18n/translate';

export interface LegendEntry {
  color: string;
  label: string;
  outline?: boolean;
}

export interface AnalysisRow {
  id: string;
  cells: string[];
  color: string;
  /** Where to fly when the row is chosen. */
  lon: number;
  lat: number;
  geometry: unknown;
  /** Clusters: the ids of the members (empty when the role may not see people). */
  memberIds?: number[];
}

export interface AnalysisView {
  columns: string[];
  rows: AnalysisRow[];
  legend: LegendEntry[];
  summary: string;
}

export function formatNumber(value: number | null, lang: Lang, digits = 1): string {
  if (value === null) return '–';
  return value.toLocaleString(numberLocale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "Entikong (Sanggau)": a unit with the region it lies in. */
export function regionName(name: string, parentName: string | null): string {
  return parentName ? `${name} (${parentName})` : name;
}
