// How each analysis result is shown: one table (columns and rows), map features with their colours, a legend and a
// summary line. Pure functions of the server's answer and the language, so the panel and the map agree.
import type { AnalysisKind, AnalysisResponses } from '$lib/api/analysis';
import type { PeopleCount } from '$lib/api/types';
import { numberLocale, translate, type Lang, type MessageKey } from '$lib/i18n/translate';
import type { DistanceBand } from '$lib/state/filters.svelte';
import { codeLabel, formatCount, formatDay, formatMonth } from './operationalFormat';

export function formatNumber(value: number | null, lang: Lang, digits = 1): string {
  if (value === null) return '–';
  return value.toLocaleString(numberLocale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "0–5 km", "lebih dari 50 km" */
export function bandLabel(band: DistanceBand, lang: Lang): string {
  const from = formatNumber(band.minKm, lang, 0);
  if (band.maxKm === null) return translate(lang, 'filters.band.over', { km: from });
  return `${from}–${formatNumber(band.maxKm, lang, 0)} km`;
}

/** Hot and cold spots: ArcGIS's red–blue ramp for the Gi* bins (+3 … −3). */
export const binColors: Record<number, string> = {
  3: '#b2182b',
  2: '#ef8a62',
  1: '#fcc5a9',
  0: '#f1f3f5',
  [-1]: '#bcd9ea',
  [-2]: '#67a9cf',
  [-3]: '#2166ac',
};

export const emergingCategories = ['new', 'intensifying', 'persistent', 'sporadic', 'diminishing'] as const;
const emergingColors: Record<'hot' | 'cold', Record<(typeof emergingCategories)[number], string>> = {
  hot: { new: '#f03e3e', intensifying: '#862e9c', persistent: '#d9480f', sporadic: '#ffa8a8', diminishing: '#f59f00' },
  cold: { new: '#339af0', intensifying: '#1864ab', persistent: '#1c7ed6', sporadic: '#a5d8ff', diminishing: '#66d9e8' },
};

export function emergingColor(category: string, direction: string | null): string {
  if (direction !== 'hot' && direction !== 'cold') return '#f1f3f5';
  return emergingColors[direction][category as (typeof emergingCategories)[number]] ?? '#f1f3f5';
}

const changeColors = { up: ['#ffc9c9', '#ff6b6b', '#c92a2a'], down: ['#a5d8ff', '#4dabf7', '#1864ab'] };
const countRamp = ['#fff3bf', '#ffd43b', '#fd7e14', '#e8590c', '#a61e1e'];
export const clusterColor = '#7048e8';

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

const t = (lang: Lang, key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);

function regionName(name: string, parentName: string | null): string {
  return parentName ? `${name} (${parentName})` : name;
}

function binLabel(bin: number, lang: Lang): string {
  if (bin === 0) return t(lang, 'analysis.bin.none');
  const confidence = { 3: 99, 2: 95, 1: 90 }[Math.abs(bin)] ?? 0;
  return t(lang, bin > 0 ? 'analysis.bin.hot' : 'analysis.bin.cold', { confidence });
}

function emergingLabel(category: string, direction: string | null, lang: Lang): string {
  if (category === 'none' || !direction) return t(lang, 'analysis.emerging.none');
  return `${codeLabel('analysis.emerging', category, lang)} (${t(lang, direction === 'hot' ? 'analysis.hot' : 'analysis.cold')})`;
}

/** Class breaks for counts: the 20/40/60/80 % quantiles of the non-zero counts. */
/** Quintile edges of the positive values, each once (many equal counts would otherwise give empty classes). */
export function quantileBreaks(values: number[]): number[] {
  const sorted = values.filter((value) => value > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const edges = [0.2, 0.4, 0.6, 0.8].map((q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  // The top edge must leave a class above it: the largest value is never an edge.
  return [...new Set(edges)].filter((edge) => edge < sorted[sorted.length - 1]!);
}

/** The colour of class `index` of `classes`, spread over the whole ramp. */
function classColor(index: number, classes: number): string {
  if (classes <= 1) return countRamp[countRamp.length - 1]!;
  return countRamp[Math.round((index * (countRamp.length - 1)) / (classes - 1))]!;
}

function rampColor(value: PeopleCount, breaks: number[]): string {
  if (typeof value !== 'number') return countRamp[0]!;
  return classColor(breaks.filter((edge) => value > edge).length, breaks.length + 1);
}

/** "≤ 3", "4–6", "7", "> 9": the classes between the breaks, none empty, none repeated. */
export function rampLegend(breaks: number[], lang: Lang): { color: string; label: string }[] {
  const classes = breaks.length + 1;
  return Array.from({ length: classes }, (_, index) => {
    const low = index === 0 ? null : breaks[index - 1]! + 1;
    const high = breaks[index] ?? null;
    const label =
      low === null
        ? `≤ ${formatNumber(high ?? 0, lang, 0)}`
        : high === null
          ? `> ${formatNumber(low - 1, lang, 0)}`
          : low === high
            ? formatNumber(low, lang, 0)
            : `${formatNumber(low, lang, 0)}–${formatNumber(high, lang, 0)}`;
    return { color: classColor(index, classes), label };
  });
}

export function analysisView<K extends AnalysisKind>(kind: K, result: AnalysisResponses[K], lang: Lang): AnalysisView {
  switch (kind) {
    case 'hotspots': {
      const answer = result as AnalysisResponses['hotspots'];
      const significant = answer.features.filter((unit) => unit.bin !== 0);
      const hot = Object.values(answer.summary.hot).reduce((sum, n) => sum + n, 0);
      const cold = Object.values(answer.summary.cold).reduce((sum, n) => sum + n, 0);
      return {
        columns: [
          t(lang, 'analysis.col.region'),
          t(lang, 'analysis.col.count'),
          'Gi* z',
          t(lang, 'analysis.col.class'),
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
        summary: t(lang, 'analysis.hotspots.summary', { units: answer.summary.units, hot, cold }),
      };
    }
    case 'emerging': {
      const answer = result as AnalysisResponses['emerging'];
      const classed = answer.features.filter((unit) => unit.category !== 'none');
      return {
        columns: [
          t(lang, 'analysis.col.region'),
          t(lang, 'analysis.col.category'),
          t(lang, 'analysis.col.slices', { n: answer.slices.length }),
          t(lang, 'analysis.col.trend'),
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
        summary: t(lang, 'analysis.emerging.summary', {
          units: answer.summary.units,
          classed: classed.length,
          slices: answer.slices.length,
          from: formatDay(answer.slices[0]?.first ?? '', lang),
          to: formatDay(answer.slices[answer.slices.length - 1]?.last ?? '', lang),
        }),
      };
    }
    case 'clusters': {
      const answer = result as AnalysisResponses['clusters'];
      return {
        columns: [
          '#',
          t(lang, 'analysis.col.size'),
          t(lang, 'analysis.col.span'),
          t(lang, 'analysis.col.makeUp'),
          t(lang, 'analysis.col.border'),
        ],
        rows: answer.clusters.map((cluster) => ({
          id: String(cluster.rank),
          cells: [
            String(cluster.rank),
            formatCount(cluster.size, lang),
            cluster.from && cluster.to
              ? `${formatDayOrMonth(cluster.from, lang)} – ${formatDayOrMonth(cluster.to, lang)}`
              : '–',
            topEntries(cluster.types, (code) => typeLabel(answer.layer, code, lang), lang),
            `${formatNumber(cluster.landBorderKm, lang)} / ${formatNumber(cluster.seaBorderKm, lang)} km`,
          ],
          color: clusterColor,
          lon: cluster.lon,
          lat: cluster.lat,
          geometry: cluster.hull,
          memberIds: cluster.memberIds,
        })),
        legend: [{ color: clusterColor, label: t(lang, 'analysis.clusters.legend'), outline: true }],
        summary: t(lang, 'analysis.clusters.summary', { count: answer.clusters.length }),
      };
    }
    case 'hexagons': {
      const answer = result as AnalysisResponses['hexagons'];
      const breaks = quantileBreaks(answer.cells.map((cell) => (typeof cell.count === 'number' ? cell.count : 0)));
      const sorted = [...answer.cells].sort((a, b) => numeric(b.count) - numeric(a.count));
      return {
        columns: [t(lang, 'analysis.col.cell'), t(lang, 'analysis.col.count')],
        rows: sorted.map((cell) => ({
          id: cell.h3,
          cells: [cell.h3, formatCount(cell.count, lang)],
          color: rampColor(cell.count, breaks),
          lon: cell.lon,
          lat: cell.lat,
          geometry: cell.geometry,
        })),
        legend: rampLegend(breaks, lang),
        summary: t(lang, 'analysis.hexagons.summary', { count: answer.cells.length }),
      };
    }
    case 'change': {
      const answer = result as AnalysisResponses['change'];
      const largest = Math.max(1, ...answer.features.map((unit) => Math.abs(unit.change ?? 0)));
      const changeColor = (change: number | null) => {
        if (change === null || change === 0) return '#f1f3f5';
        const step = Math.min(2, Math.floor((Math.abs(change) / largest) * 3));
        return (change > 0 ? changeColors.up : changeColors.down)[step]!;
      };
      const changed = answer.features.filter((unit) => unit.geometry !== null);
      const parameters = answer.parameters as Record<string, string>;
      return {
        columns: [
          t(lang, 'analysis.col.region'),
          t(lang, 'analysis.col.before'),
          t(lang, 'analysis.col.after'),
          t(lang, 'analysis.col.change'),
        ],
        rows: changed.map((unit) => ({
          id: unit.id,
          cells: [
            regionName(unit.name, unit.parentName),
            formatCount(unit.before, lang),
            formatCount(unit.after, lang),
            unit.change === null
              ? t(lang, 'analysis.change.withheld')
              : `${unit.change > 0 ? '+' : ''}${formatCount(unit.change, lang)}${
                  unit.changePercent === null
                    ? ''
                    : ` (${unit.changePercent > 0 ? '+' : ''}${formatNumber(unit.changePercent, lang, 0)} %)`
                }`,
          ],
          color: changeColor(unit.change),
          lon: unit.lon,
          lat: unit.lat,
          geometry: unit.geometry,
        })),
        legend: [
          { color: changeColors.up[2]!, label: t(lang, 'analysis.change.up') },
          { color: changeColors.up[0]!, label: t(lang, 'analysis.change.upLittle') },
          { color: changeColors.down[0]!, label: t(lang, 'analysis.change.downLittle') },
          { color: changeColors.down[2]!, label: t(lang, 'analysis.change.down') },
        ],
        summary: t(lang, 'analysis.change.summary', {
          before: formatCount(answer.summary.before, lang),
          after: formatCount(answer.summary.after, lang),
          rising: answer.summary.rising,
          falling: answer.summary.falling,
          period: `${formatDay(parameters.from ?? '', lang)} – ${formatDay(parameters.to ?? '', lang)}`,
          earlier: `${formatDay(parameters.compareFrom ?? '', lang)} – ${formatDay(parameters.compareTo ?? '', lang)}`,
        }),
      };
    }
    default: {
      const answer = result as AnalysisResponses['bands'];
      return {
        columns: [
          t(lang, 'analysis.col.band'),
          t(lang, 'analysis.col.residents'),
          t(lang, 'analysis.col.incidents'),
          t(lang, 'analysis.col.desa'),
        ],
        rows: answer.bands.map((band, index) => ({
          id: String(index),
          cells: [
            bandLabel(band, lang),
            band.residents === null ? '—' : formatCount(band.residents, lang),
            formatCount(band.incidents, lang),
            formatCount(band.desa, lang),
          ],
          color: bandColors[Math.min(index, bandColors.length - 1)]!,
          lon: Number.NaN,
          lat: Number.NaN,
          geometry: null,
        })),
        legend: answer.bands.map((band, index) => ({
          color: bandColors[Math.min(index, bandColors.length - 1)]!,
          label: bandLabel(band, lang),
        })),
        summary: answer.bands.some((band) => band.residents === null)
          ? `${t(lang, `filters.border.${answer.kind}`)}. ${t(lang, 'analysis.bands.withheld')}`
          : t(lang, `filters.border.${answer.kind}`),
      };
    }
  }
}

/** "12 Mei 2025", or "Mei 2025" for a month (the dates of clusters of people are given to the month only). */
function formatDayOrMonth(value: string, lang: Lang): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return formatMonth({ year: Number(month[1]), month: Number(month[2]) }, lang);
  return formatDay(value, lang);
}

/** Distance bands on the map: dark near the border, light far from it. */
export const bandColors = ['#5f3dc4', '#845ef7', '#b197fc', '#d0bfff', '#f3f0ff', '#f8f9fa', '#ffffff'];

function numeric(value: PeopleCount): number {
  return typeof value === 'number' ? value : 0;
}

function typeLabel(layer: string, code: string, lang: Lang): string {
  if (layer === 'incidents') return codeLabel('incidentType', code, lang);
  if (layer === 'residents') return codeLabel('permitType', code, lang);
  return code;
}

/** The two largest entries: "TPPO 5, Overstay 3 …" (withheld counts, "< 3", last). */
function topEntries(entries: Record<string, PeopleCount>, label: (code: string) => string, lang: Lang): string {
  const sorted = Object.entries(entries).sort(([, a], [, b]) => numeric(b) - numeric(a));
  const shown = sorted.slice(0, 2).map(([code, n]) => `${label(code)} ${formatCount(n, lang)}`);
  return sorted.length > 2 ? `${shown.join(', ')} …` : shown.join(', ');
}
