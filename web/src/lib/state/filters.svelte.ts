import { STANDARD_BAND_EDGES } from '../../../../server/src/schemas/vocabulary.ts';
import type {
  IncidentStatus,
  IncidentType,
  LayerFilterQuery,
  NationalityGroup,
  PermitType,
  ResidentStatus,
} from '$lib/api/types';
import { currentDate, isoDate, lastDay, monthCount, monthsUpTo, type Month } from './period';

export { monthCount, type Month };

/** How long the player shows each month. */
export const playStepMs = 1500;

/** The nationalities offered in the filter: the ones the border offices meet most (ISO 3166 alpha-3). */
export const nationalityOptions = [
  'CHN',
  'MYS',
  'SGP',
  'KOR',
  'IND',
  'PHL',
  'JPN',
  'AUS',
  'GBR',
  'USA',
  'NLD',
  'TWN',
] as const;

export type FilterGroup = 'nationality' | 'permitType' | 'residentStatus' | 'incidentType' | 'incidentStatus';

export type BorderKind = NonNullable<LayerFilterQuery['borderKind']>;
export const borderKinds: readonly BorderKind[] = ['nearest', 'land', 'sea'];
/** Default edges of the distance bands to the border, in km (the last band is open-ended): the server's standard bands. */
export const defaultBandEdges: readonly number[] = STANDARD_BAND_EDGES;

export interface DistanceBand {
  minKm: number;
  /** null: no upper edge. */
  maxKm: number | null;
}

/** Bands from edges: [0,5,15] → 0–5, 5–15, over 15. */
export function bandsFrom(edges: readonly number[]): DistanceBand[] {
  return edges.map((minKm, index) => ({ minKm, maxKm: edges[index + 1] ?? null }));
}

/** Edges typed by a user ("0, 5, 15"): numbers from 0 upwards, strictly increasing; null when not. */
export function parseBandEdges(text: string): number[] | null {
  const edges = text
    .split(/[,;\s]+/)
    .filter((part) => part !== '')
    .map(Number);
  if (edges.length < 2 || edges.length > 10 || edges[0] !== 0) return null;
  if (edges.some((edge, index) => !Number.isFinite(edge) || (index > 0 && edge <= edges[index - 1]!))) return null;
  return edges;
}

/**
 * What the map is filtered by: who (nationality, permit, status), which incidents, and when. Empty lists mean "all".
 * The period is a range of the last 36 months (one month, several, or all): incidents count within it, residents as
 * at its end.
 */
export class LayerFilters {
  /**
   * Roles that may not see people (ADR 0007) ask the server differently: nationalities by group, one breakdown of
   * people at a time (a nationality group, a permit type or a status), one value each, and only the standard bands.
   */
  protectedRole = $state(false);
  nationalityGroup: NationalityGroup | null = $state(null);
  nationality: string[] = $state([]);
  permitType: PermitType[] = $state([]);
  residentStatus: ResidentStatus[] = $state([]);
  incidentType: IncidentType[] = $state([]);
  incidentStatus: IncidentStatus[] = $state([]);
  /** Distance to the border: which border, the band edges, and the band chosen (-1: every distance). */
  borderKind: BorderKind = $state('nearest');
  bandEdges: number[] = $state([...defaultBandEdges]);
  bandIndex = $state(-1);
  /** An area drawn on the map (the API's `within`), or null: limits every layer and analysis (issue #12). */
  within: string | null = $state(null);

  readonly months: readonly Month[];
  /** Today, as YYYY-MM-DD: no period ends later than this. */
  readonly today: string;
  /** The period: from the first day of one month to the last day of another (the same one for a single month). */
  fromIndex = $state(monthCount - 1);
  toIndex = $state(monthCount - 1);
  playing = $state(false);
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(now: Date = currentDate()) {
    this.months = monthsUpTo(now);
    this.today = isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }

  /** The last month of the period (the one the player steps). */
  get month(): Month {
    return this.months[this.toIndex] ?? this.months[this.months.length - 1]!;
  }

  get firstMonth(): Month {
    return this.months[this.fromIndex] ?? this.months[0]!;
  }

  /** One month only. */
  get singleMonth(): boolean {
    return this.fromIndex === this.toIndex;
  }

  /** All 36 months at once. Turned off, the period is its last month again. */
  get wholePeriod(): boolean {
    return this.fromIndex === 0 && this.toIndex === this.months.length - 1;
  }

  set wholePeriod(whole: boolean) {
    if (whole) this.selectRange(0, this.months.length - 1);
    else if (this.wholePeriod) this.selectMonth(this.toIndex);
  }

  /** First and last day of the selected period; the last is never after today. */
  get period(): { from: string; to: string } {
    const first = this.firstMonth;
    const last = this.month;
    const to = isoDate(last.year, last.month, lastDay(last));
    return { from: isoDate(first.year, first.month, 1), to: to > this.today ? this.today : to };
  }

  /** Who is meant, for every layer: the server applies what concerns each endpoint. */
  #who(): LayerFilterQuery {
    const query: LayerFilterQuery = {};
    const lists: [FilterGroup, readonly string[]][] = [
      ['nationality', this.protectedRole ? [] : this.nationality],
      ['permitType', this.permitType],
      ['residentStatus', this.residentStatus],
      ['incidentType', this.incidentType],
      ['incidentStatus', this.incidentStatus],
    ];
    // Lists go comma-separated, sorted, so the same choice is the same request.
    for (const [name, values] of lists) {
      if (values.length > 0) query[name] = [...values].sort().join(',');
    }
    if (this.protectedRole && this.nationalityGroup) query.nationalityGroup = this.nationalityGroup;
    if (this.within) query.within = this.within;
    const band = this.band;
    if (band) {
      query.borderKind = this.borderKind;
      query.borderMinKm = band.minKm;
      if (band.maxKm !== null) query.borderMaxKm = band.maxKm;
    }
    return query;
  }

  get bands(): DistanceBand[] {
    return bandsFrom(this.bandEdges);
  }

  /** The distance band every layer and analysis is limited to, or null for every distance. */
  get band(): DistanceBand | null {
    return this.bands[this.bandIndex] ?? null;
  }

  setBandEdges(edges: number[]): void {
    this.bandEdges = edges;
    if (this.bandIndex >= edges.length) this.bandIndex = -1;
  }

  /** Residents are counted as at the end of the period. */
  get residentParams(): LayerFilterQuery {
    return { ...this.#who(), to: this.period.to };
  }

  /** Incidents that happened within the period. */
  get incidentParams(): LayerFilterQuery {
    return { ...this.#who(), ...this.period };
  }

  /**
   * The summary strip: both of the above (people present at any time in the period — for roles that may not see
   * people, as at its end — and incidents within it).
   */
  get viewParams(): LayerFilterQuery {
    return { ...this.#who(), ...this.period };
  }

  /** Analyses: who and the distance band; each analysis sets its own period. */
  get analysisParams(): LayerFilterQuery {
    return this.#who();
  }

  /** How many filter groups narrow the data, for the panel's heading. */
  get activeCount(): number {
    const groups: FilterGroup[] = ['nationality', 'permitType', 'residentStatus', 'incidentType', 'incidentStatus'];
    const active = groups.filter((group) =>
      group === 'nationality' && this.protectedRole ? false : this[group].length > 0,
    );
    // (A drawn area is the drawing card's: it says so there, and clearing the filters leaves it.)
    return active.length + (this.protectedRole && this.nationalityGroup ? 1 : 0) + (this.band ? 1 : 0);
  }

  /** For roles that may not see people: choose the one breakdown of people (or none, with null). */
  chooseBreakdown(group: 'nationalityGroup' | 'permitType' | 'residentStatus', value: string | null): void {
    this.nationalityGroup = group === 'nationalityGroup' ? (value as NationalityGroup | null) : null;
    this.permitType = group === 'permitType' && value ? [value as PermitType] : [];
    this.residentStatus = group === 'residentStatus' && value ? [value as ResidentStatus] : [];
  }

  /** Roles that may not see people use the standard bands only. */
  useProtectedRules(protectedRole: boolean): void {
    this.protectedRole = protectedRole;
    if (!protectedRole) return;
    this.nationality = [];
    this.permitType = this.permitType.slice(0, 1);
    this.residentStatus = this.permitType.length > 0 ? [] : this.residentStatus.slice(0, 1);
    this.setBandEdges([...defaultBandEdges]);
  }

  has(group: FilterGroup, value: string): boolean {
    return (this[group] as readonly string[]).includes(value);
  }

  toggle(group: FilterGroup, value: string): void {
    const current = this[group] as string[];
    const next = current.includes(value) ? current.filter((entry) => entry !== value) : [...current, value];
    (this[group] as string[]) = next;
  }

  clear(): void {
    this.nationalityGroup = null;
    this.nationality = [];
    this.permitType = [];
    this.residentStatus = [];
    this.incidentType = [];
    this.incidentStatus = [];
    this.bandIndex = -1;
  }

  #clamp(index: number): number {
    return Math.min(this.months.length - 1, Math.max(0, Math.round(index)));
  }

  selectMonth(index: number): void {
    this.fromIndex = this.toIndex = this.#clamp(index);
  }

  /** From one month to another, either way round. */
  selectRange(from: number, to: number): void {
    const [first, last] = [this.#clamp(from), this.#clamp(to)].sort((a, b) => a - b);
    this.fromIndex = first!;
    this.toIndex = last!;
  }

  /** Moves the start of the period; the end follows when it would come before it. */
  selectFrom(index: number): void {
    this.fromIndex = this.#clamp(index);
    if (this.toIndex < this.fromIndex) this.toIndex = this.fromIndex;
  }

  /** Moves the end of the period; the start follows when it would come after it. */
  selectTo(index: number): void {
    this.toIndex = this.#clamp(index);
    if (this.fromIndex > this.toIndex) this.fromIndex = this.toIndex;
  }

  /** Steps through the months from the selected one (from the oldest when at the end) and stops at the newest. */
  play(): void {
    if (this.playing) return;
    // Month by month, from the start of the period (from the oldest when a single month is at the end).
    const start = !this.singleMonth ? this.fromIndex : this.toIndex >= this.months.length - 1 ? 0 : this.toIndex;
    this.selectMonth(start);
    this.playing = true;
    this.#timer = setInterval(() => {
      if (this.toIndex >= this.months.length - 1) this.pause();
      else this.selectMonth(this.toIndex + 1);
    }, playStepMs);
  }

  pause(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.playing = false;
  }
}
