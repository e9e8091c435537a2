// Calendar arithmetic for the time slider, in local time (never via UTC, which would shift days east of Greenwich).

/** How far back the time slider reaches, in months (the current month included). */
export const monthCount = 36;

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

/** Now, as a fresh Date (the one place the time slider asks the clock). */
export function currentDate(): Date {
  return new Date();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** YYYY-MM-DD of a calendar date. */
/** A month as the API and the link write it: `2026-06`. */
export function monthKey({ year, month }: Month): string {
  return `${year}-${pad(month)}`;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** 28–31 */
export function lastDay({ year, month }: Month): number {
  return new Date(year, month, 0).getDate();
}

/** The `monthCount` months up to and including the one `today` is in, oldest first. */
export function monthsUpTo(today: Date): Month[] {
  const months: Month[] = [];
  for (let back = monthCount - 1; back >= 0; back--) {
    const date = new Date(today.getFullYear(), today.getMonth() - back, 1);
    months.push({ year: date.getFullYear(), month: date.getMonth() + 1 });
  }
  return months;
}

/**
 * The quarter `date` is in, from its first day to `date`, and the same days of the quarter before it (equal spans:
 * day n of this quarter against day n of the last, capped at that quarter's end) — the server's default too.
 */
export function quarterPeriods(date: Date): { from: string; to: string; compareFrom: string; compareTo: string } {
  const start = new Date(date.getFullYear(), date.getMonth() - (date.getMonth() % 3), 1);
  const previous = new Date(start.getFullYear(), start.getMonth() - 3, 1);
  const previousEnd = new Date(start.getFullYear(), start.getMonth(), 0);
  const elapsedDays = Math.round(
    (Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) -
      Date.UTC(start.getFullYear(), start.getMonth(), start.getDate())) /
      86_400_000,
  );
  const sameDay = new Date(previous.getFullYear(), previous.getMonth(), previous.getDate() + elapsedDays);
  const day = (value: Date) => isoDate(value.getFullYear(), value.getMonth() + 1, value.getDate());
  return {
    from: day(start),
    to: day(date),
    compareFrom: day(previous),
    compareTo: day(sameDay < previousEnd ? sameDay : previousEnd),
  };
}

/** The first day of the quarter eleven quarters before the one `date` is in: twelve quarters up to today. */
export function twelveQuartersStart(date: Date): string {
  const first = new Date(date.getFullYear(), date.getMonth() - (date.getMonth() % 3) - 33, 1);
  return isoDate(first.getFullYear(), first.getMonth() + 1, 1);
}
