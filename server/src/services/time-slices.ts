/** The periods of the analyses (issue #5): calendar months or quarters as time slices, and the default comparison. */
import type { TimeSlice } from '../repositories/unit-count-queries.ts';

const iso = (date: Date) => date.toISOString().slice(0, 10);
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));

/** Calendar months or quarters from the one holding `from` to the one holding `to`; the last ends at `to`. */
export function buildSlices(from: string, to: string, slice: 'month' | 'quarter'): TimeSlice[] {
  const step = slice === 'month' ? 1 : 3;
  const start = new Date(`${from}T00:00:00Z`);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() - (start.getUTCMonth() % step);
  const slices: TimeSlice[] = [];
  for (;;) {
    const first = monthStart(year, month);
    if (iso(first) > to) break;
    const next = monthStart(year, month + step);
    const last = new Date(next.getTime() - 86_400_000);
    slices.push({ first: iso(first), last: iso(last) < to ? iso(last) : to });
    year = next.getUTCFullYear();
    month = next.getUTCMonth();
  }
  return slices;
}

/** The first day of the 12th slice back from the one holding `to` (a default of 12 slices). */
export function twelveSlicesBack(to: string, slice: 'month' | 'quarter'): string {
  const last = buildSlices(to, to, slice)[0]!;
  const day = new Date(`${last.first}T00:00:00Z`);
  return iso(monthStart(day.getUTCFullYear(), day.getUTCMonth() - 11 * (slice === 'month' ? 1 : 3)));
}

/**
 * This quarter to date, and the same days of the quarter before it (equal spans: day n of this quarter against day n
 * of the last, capped at that quarter's end), counted from `today`.
 */
export function defaultPeriods(today: string): { current: TimeSlice; previous: TimeSlice } {
  const current = buildSlices(today, today, 'quarter')[0]!;
  const day = new Date(`${current.first}T00:00:00Z`);
  const previousFirst = monthStart(day.getUTCFullYear(), day.getUTCMonth() - 3);
  const elapsedDays = Math.round((Date.parse(`${today}T00:00:00Z`) - day.getTime()) / 86_400_000);
  const previousEnd = new Date(day.getTime() - 86_400_000);
  const sameDay = new Date(previousFirst.getTime() + elapsedDays * 86_400_000);
  return {
    current: { first: current.first, last: today },
    previous: { first: iso(previousFirst), last: iso(sameDay < previousEnd ? sameDay : previousEnd) },
  };
}
