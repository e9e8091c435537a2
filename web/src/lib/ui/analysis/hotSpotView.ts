// Hot spots (Gi* bins) and emerging hot spots (their classes over time), as the analysis view model.
import type { AnalysisResponses } from '$lib/api/analysis';
import { translate, type Lang } from '$lib/i18n/translate';
import { codeLabel, formatCount, formatDay } from '../operationalFormat';
import { formatNumber, regionName, type AnalysisView } from './viewModel';

/** Hot and cold spots: ArcGIS's red–blue ramp for the Gi* bins (+3 … −3). */
const binColors: Record<number, string> = {
  3: '#b2182b',
  2: '#ef8a62',
  1: '#fcc5a9',
  0: '#f1f3f5',
  [-1]: '#bcd9ea',
  [-2]: '#67a9cf',
  [-3]: '#2166ac',
};

const emergingCategories = ['new', 'intensifying', 'persistent', 'sporadic', 'diminishing'] as const;
const emergingColors: Record<'hot' | 'cold', Record<(typeof emergingCategories)[number], string>> = {
  hot: { new: '#f03e3e', intensifying: '#862e9c', persistent: '#d9480f', sporadic: '#ffa8a8', diminishing: '#f59f00' },
  cold: { new: '#339af0', intensifying: '#1864ab', persistent: '#1c7ed6', sporadic: '#a5d8ff', diminishing: '#66d9e8' },
};

function emergingColor(category: string, direction: string | null): string {
  if (direction !== 'hot' && direction !== 'cold') return '#f1f3f5';
  return emergingColors[direction][category as (typeof emergingCategories)[number]] ?? '#f1f3f5';
}

function binLabel(bin: number, lang: Lang): string {
  if (bin === 0) return translate(lang, 'analysis.bin.none');
  const confidence = { 3: 99, 2: 95, 1: 90 }[Math.abs(bin)] ?? 0;
  return translate(lang, bin > 0 ? 'analysis.bin.hot' : 'analysis.bin.cold', { confidence });
}

function emergingLabel(category: string, direction: string | null, lang: Lang): string {
  if (category === 'none' || !direction) return translate(lang, 'analysis.emerging.none');
  const side = translate(lang, direction === 'hot' ? 'analysis.hot' : 'analysis.cold');
  return `${codeLabel('analysis.emerging', category, lang)} (${side})`;
}

/** Only the significant units are listed, in the order the server ranks them. */
export function hotSpotView(answer: AnalysisResponses['hotspots'], lang: Lang): AnalysisView {
  const significant = answer.features.filter((unit) => unit.bin !== 0);
  const hot = Object.values(answer.summary.hot).reduce((sum, n) => sum + n, 0);
  const cold = Object.values(answer.summary.cold).reduce((sum, n) => sum + n, 0);
  return {
    columns: [
      translate(lang, 'analysis.col.region'),
      translate(lang, 'analysis.col.count'),
      'Gi* z',
      translate(lang, 'analysis.col.class'),
    ],
    rows: significant.map((unit) => ({
      id: unit.id,
      cells: [
        regionName(unit.name, unit.parentName),
        formatCount(unit.count, lang),
        formatNumber(unit.z, lang, 2),
        binLabel(unit.bin, lang),
      ],
      color: binColors[unit.bin]!,
      lon: unit.lon,
      lat: unit.lat,
      geometry: unit.geometry,
    })),
    legend: [3, 2, 1, -1, -2, -3].map((bin) => ({ color: binColors[bin]!, label: binLabel(bin, lang) })),
    summary: translate(lang, 'analysis.hotspots.summary', { units: answer.summary.units, hot, cold }),
  };
}

/** Only the units with a class are listed. */
export function emergingView(answer: AnalysisResponses['emerging'], lang: Lang): AnalysisView {
  const classed = answer.features.filter((unit) => unit.category !== 'none');
  return {
    columns: [
      translate(lang, 'analysis.col.region'),
      translate(lang, 'analysis.col.category'),
      translate(lang, 'analysis.col.slices', { n: answer.slices.length }),
      translate(lang, 'analysis.col.trend'),
    ],
    rows: classed.map((unit) => ({
      id: unit.id,
      cells: [
        regionName(unit.name, unit.parentName),
        emergingLabel(unit.category, unit.direction, lang),
        String(unit.significantSlices),
        formatNumber(unit.trendZ, lang, 2),
      ],
      color: emergingColor(unit.category, unit.direction),
      lon: unit.lon,
      lat: unit.lat,
      geometry: unit.geometry,
    })),
    legend: (['hot', 'cold'] as const).flatMap((direction) =>
      emergingCategories.map((category) => ({
        color: emergingColor(category, direction),
        label: emergingLabel(category, direction, lang),
      })),
    ),
    summary: translate(lang, 'analysis.emerging.summary', {
      units: answer.summary.units,
      classed: classed.length,
      slices: answer.slices.length,
      from: formatDay(answer.slices[0]?.first ?? '', lang),
      to: formatDay(answer.slices[answer.slices.length - 1]?.last ?? '', lang),
    }),
  };
}
