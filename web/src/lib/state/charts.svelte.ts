import { getIncidentSeries, getResidentBreakdown, getResidentSeries } from '$lib/api/charts';
import { getOutcomeStats } from '$lib/api/followUp';
import { getTimporaTeams, paramsKey, type LayerParams } from '$lib/api/layers';
import type {
  IncidentSeries,
  OutcomeStats,
  ResidentBreakdown,
  ResidentSeries,
  TimporaTeamsResponse,
} from '$lib/api/types';
import { levelForZoom, viewBBoxParam } from '$lib/map/layers/common';
import type { BBox } from '$lib/api/types';
import type { LayerFilters } from './filters.svelte';
import { Latest } from './latest.svelte';
import { isoDate } from './period';

/**
 * The charts panel (issue #11): incidents and residents over the period, the breakdown at its end and the TIMPORA
 * teams against the province targets, for the view and the filters of the moment. Each chart is the server's answer
 * as it is: its totals are the API's.
 */
export class ChartsState {
  open = $state(false);
  readonly incidents = new Latest<IncidentSeries>();
  readonly residents = new Latest<ResidentSeries>();
  readonly breakdown = new Latest<ResidentBreakdown>();
  readonly teams = new Latest<TimporaTeamsResponse>();
  /** What came of the reports (issue #13): people per outcome kind and month, for the region and the period. */
  readonly outcomes = new Latest<OutcomeStats>();

  /**
   * `series`: the filters over the slider's whole span, the view's box and (for roles that may not see people) its
   * level; `breakdown`: the same on the chosen period's last day.
   */
  load(series: LayerParams, breakdown: LayerParams): void {
    const key = paramsKey(series);
    // The incidents per month are drawn behind the time slider too: loaded whether the panel is open or not.
    void this.incidents.load(key, (signal) => getIncidentSeries(series, signal));
    if (!this.open) return;
    void this.residents.load(key, (signal) => getResidentSeries(series, signal));
    void this.breakdown.load(paramsKey(breakdown), (signal) => getResidentBreakdown(breakdown, signal));
    void this.teams.load('teams', (signal) => getTimporaTeams(signal));
    const outcomes = {
      ...(series.region ? { region: series.region } : {}),
      ...(series.from ? { from: series.from } : {}),
      ...(series.to ? { to: series.to } : {}),
    };
    void this.outcomes.load(paramsKey(outcomes), (signal) => getOutcomeStats(outcomes, signal));
  }

  /** The query of both, from the filters and the map's view. */
  static params(
    filters: LayerFilters,
    view: { bbox: BBox; zoom: number },
  ): { series: LayerParams; breakdown: LayerParams } {
    const first = filters.months[0]!;
    const where = { ...filters.analysisParams, bbox: viewBBoxParam(view.bbox), level: levelForZoom(view.zoom) };
    return {
      series: { ...where, from: isoDate(first.year, first.month, 1), to: filters.today },
      breakdown: { ...where, to: filters.period.to },
    };
  }

  cancel(): void {
    for (const latest of [this.incidents, this.residents, this.breakdown, this.teams, this.outcomes]) latest.cancel();
  }
}
