/**
 * The early warning's rules (issue #13), defined once: what each watches, its parameters and their defaults (an
 * office adjusts them for the regions it serves), and the arithmetic the burst rule tests with. Pure: the alert
 * service evaluates them against the database.
 */
import type { AlertRule, IncidentType } from '../schemas/vocabulary.ts';

export interface RuleParams {
  /** A new incident of these types within `withinKm` of the land border or sea boundary. */
  incident_near_border: { types: IncidentType[]; withinKm: number };
  /** Active residents whose stay permit ends within `days` days: a digest per kecamatan and week. */
  permit_expiring: { days: number };
  /** Residents whose permit ended this week and who are still here (overstay): a digest per kecamatan and week. */
  overstay: Record<string, never>;
  /** Residents whose overstay reaches `days` days this week — past 60, deportation applies (UU 6/2011 Ps. 78(3)). */
  overstay_60_days: { days: number };
  /**
   * A kecamatan well above its own baseline: at least `minIncidents` incidents in the last `days` days, and that many
   * would happen by chance with probability below `pValue` at the rate of the previous `baselineDays`.
   */
  incident_burst: { days: number; baselineDays: number; minIncidents: number; pValue: number };
  /** A desa that became a new or an intensifying emerging hot spot of incidents over the last `months` months. */
  emerging_hotspot: { months: number };
  /**
   * A cluster of incidents (DBSCAN, `distanceM`, `minPoints`) of the last `days` days holding at least `growth` times
   * as many incidents as it did in the `days` before — a new cluster counts as grown from none.
   */
  cluster_grew: { days: number; distanceM: number; minPoints: number; growth: number };
}

export type RuleSetting<R extends AlertRule = AlertRule> = { enabled: boolean; params: RuleParams[R] };

export const RULE_DEFAULTS: { [R in AlertRule]: RuleSetting<R> } = {
  incident_near_border: {
    enabled: true,
    params: { types: ['tppo', 'tppm', 'pmi_nonprosedural', 'illegal_crossing'], withinKm: 15 },
  },
  permit_expiring: { enabled: true, params: { days: 30 } },
  overstay: { enabled: true, params: {} },
  overstay_60_days: { enabled: true, params: { days: 60 } },
  incident_burst: { enabled: true, params: { days: 7, baselineDays: 364, minIncidents: 3, pValue: 0.01 } },
  emerging_hotspot: { enabled: true, params: { months: 12 } },
  cluster_grew: { enabled: true, params: { days: 30, distanceM: 1000, minPoints: 5, growth: 2 } },
};

/** Whether a cluster grew enough: at least `minPoints` now, and `growth` times what it was (from none counts). */
export const clusterGrew = (recent: number, before: number, params: RuleParams['cluster_grew']): boolean =>
  recent >= params.minPoints && recent >= params.growth * before;

/** A stored setting over the defaults: a parameter the office never set keeps its default. */
export function settingOf<R extends AlertRule>(
  rule: R,
  stored: { enabled: boolean; params: Partial<RuleParams[R]> } | undefined,
): RuleSetting<R> {
  const defaults = RULE_DEFAULTS[rule];
  if (!stored) return defaults;
  return { enabled: stored.enabled, params: { ...defaults.params, ...stored.params } };
}

/**
 * P(X ≥ k) for X ~ Poisson(λ): how likely at least k incidents are by chance at the baseline rate. Summed from the
 * lower tail in log space (stable for the small counts and rates of a kecamatan's week).
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < k; i += 1) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}

/** Whether `count` incidents in the window are a burst over the baseline (`baselineCount` over `baselineDays`). */
export function isBurst(
  count: number,
  baselineCount: number,
  params: RuleParams['incident_burst'],
): { burst: boolean; expected: number; p: number } {
  // The rate per window at the baseline; a kecamatan with no history is taken at half an incident per baseline, so
  // a first handful is not a certainty of chance zero.
  const expected = (Math.max(baselineCount, 0.5) * params.days) / params.baselineDays;
  const p = poissonUpperTail(count, expected);
  return { burst: count >= params.minIncidents && p < params.pValue, expected, p };
}

/** The ISO week of a day (`2026-W49`): the digests' subjects, so each goes out once a week per kecamatan. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(
      ((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7,
    );
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of a day's ISO week (YYYY-MM-DD). */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}
