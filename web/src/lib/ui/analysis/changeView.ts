// The change between two periods per unit, as the analysis view model: red where counts rose, blue where they fell.
import type { AnalysisResponses } from '$lib/api/analysis';
import { translate, type Lang } from '$lib/i18n/translate';
import { formatCount, formatDay } from '../operationalFormat';
import { formatNumber, regionName, type AnalysisView } from './viewModel';

const changeColors = { up: ['#ffc9c9', '#ff6b6b', '#c92a2a'], down: ['#a5d8ff', '#4dabf7', '#1864ab'] };

/** "+12 (+40 %)", "−3", or "withheld" where the change would give away a redacted count. */
function changeLabel(change: number | null, changePercent: number | null, lang: Lang): string {
  if (change === null) return translate(lang, 'analysis.change.withheld');
  const percent =
    changePercent === null ? '' : ` (${changePercent > 0 ? '+' : ''}${formatNumber(changePercent, lang, 0)} %)`;
  return `${change > 0 ? '+' : ''}${formatCount(change, lang)}${percent}`;
}

/** Only the units with an outline (those the server found a change in) are listed. */
export function changeView(answer: AnalysisResponses['change'], lang: Lang): AnalysisView {
  const largest = Math.max(1, ...answer.features.map((unit) => Math.abs(unit.change ?? 0)));
  const changeColor = (change: number | null) => {
    if (change === null || change === 0) return '#f1f3f5';
    const step = Math.min(2, Math.floor((Math.abs(change) / largest) * 3));
    return (change > 0 ? changeColors.up : changeColors.down)[step]!;
  };
  const changed = answer.features.filter((unit) => unit.geometry !== null);
  const day = (value: unknown) => formatDay(typeof value === 'string' ? value : '', lang);
  const { from, to, compareFrom, compareTo } = answer.parameters;
  return {
    columns: [
      translate(lang, 'analysis.col.region'),
      translate(lang, 'analysis.col.before'),
      translate(lang, 'analysis.col.after'),
      translate(lang, 'analysis.col.change'),
    ],
    rows: changed.map((unit) => ({
      id: unit.id,
      cells: [
        regionName(unit.name, unit.parentName),
        formatCount(unit.before, lang),
        formatCount(unit.after, lang),
        changeLabel(unit.change, unit.changePercent, lang),
      ],
      color: changeColor(unit.change),
      lon: unit.lon,
      lat: unit.lat,
      geometry: unit.geometry,
    })),
    legend: [
      { color: changeColors.up[2]!, label: translate(lang, 'analysis.change.up') },
      { color: changeColors.up[0]!, label: translate(lang, 'analysis.change.upLittle') },
      { color: changeColors.down[0]!, label: translate(lang, 'analysis.change.downLittle') },
      { color: changeColors.down[2]!, label: translate(lang, 'analysis.change.down') },
    ],
    summary: translate(lang, 'analysis.change.summary', {
      before: formatCount(answer.summary.before, lang),
      after: formatCount(answer.summary.after, lang),
      rising: answer.summary.rising,
      falling: answer.summary.falling,
      period: `${day(from)} – ${day(to)}`,
      earlier: `${day(compareFrom)} – ${day(compareTo)}`,
    }),
  };
}
