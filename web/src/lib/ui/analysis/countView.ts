// Clusters (DBSCAN hulls with their size and make-up), hexagons (counts per H3 cell on a quantile ramp) and the heat
// map (the same counts as a kernel density on a fixed scale), as the analysis view model.
import type { AnalysisResponses } from '$lib/api/analysis';
import type { PeopleCount } from '$lib/api/types';
import { translate, type Lang } from '$lib/i18n/translate';
import { codeLabel, formatCount, formatDay, formatMonth } from '../operationalFormat';
import { cellDensity, densityHex, densityStops } from './heatmapScale';
import { formatNumber, type AnalysisView } from './viewModel';

const clusterColor = '#7048e8';
const countRamp = ['#fff3bf', '#ffd43b', '#fd7e14', '#e8590c', '#a61e1e'];

/** Quintile edges of the positive values, each once (many equal counts would otherwise give empty classes). */
function quantileBreaks(values: number[]): number[] {
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
function rampLegend(breaks: number[], lang: Lang): { color: string; label: string }[] {
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

export function clusterView(answer: AnalysisResponses['clusters'], lang: Lang): AnalysisView {
  return {
    columns: [
      '#',
      translate(lang, 'analysis.col.size'),
      translate(lang, 'analysis.col.span'),
      translate(lang, 'analysis.col.makeUp'),
      translate(lang, 'analysis.col.border'),
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
    legend: [{ color: clusterColor, label: translate(lang, 'analysis.clusters.legend'), outline: true }],
    summary: translate(lang, 'analysis.clusters.summary', { count: answer.clusters.length }),
  };
}

/** The fullest cells first. */
export function hexagonView(answer: AnalysisResponses['hexagons'], lang: Lang): AnalysisView {
  const breaks = quantileBreaks(answer.cells.map((cell) => numeric(cell.count)));
  const sorted = [...answer.cells].sort((a, b) => numeric(b.count) - numeric(a.count));
  return {
    columns: [translate(lang, 'analysis.col.cell'), translate(lang, 'analysis.col.count')],
    rows: sorted.map((cell) => ({
      id: cell.h3,
      cells: [cell.h3, formatCount(cell.count, lang)],
      color: rampColor(cell.count, breaks),
      lon: cell.lon,
      lat: cell.lat,
      geometry: cell.geometry,
    })),
    legend: rampLegend(breaks, lang),
    summary: translate(lang, 'analysis.hexagons.summary', { count: answer.cells.length }),
  };
}

/** The heat map's table lists the densest cells of the view; the map shows them all. */
const HEATMAP_ROWS = 10;

/** The heat map: its legend is the fixed scale, its table the densest cells in view. */
export function heatmapView(answer: AnalysisResponses['heatmap'], lang: Lang): AnalysisView {
  const sorted = [...answer.cells].sort((a, b) => numeric(b.count) - numeric(a.count));
  const last = densityStops.length - 1;
  const resolution = Number(answer.parameters.resolution);
  return {
    columns: [translate(lang, 'analysis.col.cell'), translate(lang, 'analysis.col.count')],
    rows: sorted.slice(0, HEATMAP_ROWS).map((cell) => ({
      id: cell.h3,
      cells: [cell.h3, formatCount(cell.count, lang)],
      // The cell's own density, on the map's scale (the map smooths it over the kernel).
      color: densityHex(cellDensity(numeric(cell.count), resolution)),
      lon: cell.lon,
      lat: cell.lat,
      geometry: null,
    })),
    legend: densityStops.map((stop, index) => ({
      color: stop.color,
      label: translate(lang, index === last ? 'analysis.heatmap.legendTop' : 'analysis.heatmap.legend', {
        density: formatNumber(stop.density, lang, stop.density < 1 ? 1 : 0),
      }),
    })),
    summary: translate(lang, 'analysis.heatmap.summary', { count: answer.cells.length, resolution }),
  };
}

/** "12 Mei 2025", or "Mei 2025" for a month (the dates of clusters of people are given to the month only). */
function formatDayOrMonth(value: string, lang: Lang): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return formatMonth({ year: Number(month[1]), month: Number(month[2]) }, lang);
  return formatDay(value, lang);
}

/** A withheld count ("< 3") counts as nothing for ordering and classing. */
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
