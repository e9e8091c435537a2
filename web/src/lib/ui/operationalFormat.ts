// Formatting shared by the operational panels, tooltips and the details drawer.
import { ZONE_OFFSETS } from '../../../../server/src/domain/time-zones.ts';
import type { PeopleCount } from '$lib/api/types';
import { isMessageKey, numberLocale, translate, type Lang } from '$lib/i18n/translate';
import type { Month } from '$lib/state/filters.svelte';

/** A count as the reader writes numbers ("1.234" in Indonesian); a withheld count ("< 3") exactly as the server sent it. */
export function formatCount(value: PeopleCount, lang: Lang): string {
  return typeof value === 'number' ? value.toLocaleString(numberLocale(lang)) : value;
}

/** A calendar date (YYYY-MM-DD) as "12 Mei 2025", without any time-zone shift; other text is returned as it is. */
export function formatDay(value: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toLocaleDateString(numberLocale(lang), { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A timestamp (ISO 8601 with time) in the reader's time zone, or a plain date as formatDay does. */
/** The server writes times of operational records in their region's zone, with its offset (issue #9). */
const indonesianZones: Record<string, { zone: string; label: string }> = Object.fromEntries(
  Object.entries(ZONE_OFFSETS).map(([zone, { offset, label }]) => [offset, { zone, label }]),
);

/**
 * A date as "12 Mei 2025"; a time with an Indonesian offset as the region's local time, "12 Mei 2025 15.30 WITA",
 * whatever the browser's own zone; any other time in the browser's zone.
 */
export function formatWhen(value: string, lang: Lang): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, lang);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const local = indonesianZones[/([+-]\d{2}:\d{2})$/.exec(value)?.[1] ?? ''];
  const text = date.toLocaleString(numberLocale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(local ? { timeZone: local.zone } : {}),
  });
  return local ? `${text} ${local.label}` : text;
}

/** "Nov 2026" */
export function formatMonth({ year, month }: Month, lang: Lang): string {
  return new Date(year, month - 1, 1).toLocaleDateString(numberLocale(lang), { month: 'short', year: 'numeric' });
}

/** The translated name of a coded value (`incidentType.tppo`), or the code itself when we have no name for it. */
export function codeLabel(prefix: string, value: string, lang: Lang): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? translate(lang, key) : value;
}
