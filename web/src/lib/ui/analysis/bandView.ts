// Distance bands to the border: their labels (also the map filter's) and the counts per band as the analysis view
// model. The map colours the desa by band from the same colours.
import type { AnalysisResponses } from '$lib/api/analysis';
import { translate, type Lang } from '$lib/i18n/translate';
import type { DistanceBand } from '$lib/state/filters.svelte';
import { formatCount } from '../operationalFormat';
import { formatNumber, type AnalysisView } from './viewModel';

/** Distance bands on the map: dark near the border, light far from it. */
export const bandColors = ['#5f3dc4', '#845ef7', '#b197fc', '#d0bfff', '#f3f0ff', '#f8f9fa', '#ffffff'];

/** "0–5 km", "lebih dari 50 km" */
export function bandLabel(band: DistanceBand, lang: Lang): string {
  const from = formatNumber(band.minKm, lang, 0);
  if (band.maxKm === null) return translate(lang, 'filters.band.over', { km: from });
  return `${from}–${formatNumber(band.maxKm, lang, 0)} km`;
}

const bandColor = (index: number) => bandColors[Math.min(index, bandColors.length - 1)]!;

export function bandView(answer: AnalysisResponses['bands'], lang: Lang): AnalysisView {
  const border = translate(lang, `filters.border.${answer.kind}`);
  return {
    columns: [
      translate(lang, 'analysis.col.band'),
      translate(lang, 'analysis.col.residents'),
      translate(lang, 'analysis.col.incidents'),
      translate(lang, 'analysis.col.desa'),
    ],
    rows: answer.bands.map((band, index) => ({
      id: String(index),
      cells: [
        bandLabel(band, lang),
        band.residents === null ? '—' : formatCount(band.residents, lang),
        formatCount(band.incidents, lang),
        formatCount(band.desa, lang),
      ],
      color: bandColor(index),
      // Not a place: the row is not flown to.
      lon: Number.NaN,
      lat: Number.NaN,
      geometry: null,
    })),
    legend: answer.bands.map((band, index) => ({ color: bandColor(index), label: bandLabel(band, lang) })),
    summary: answer.bands.some((band) => band.residents === null)
      ? `${border}. ${translate(lang, 'analysis.bands.withheld')}`
      : border,
  };
}
