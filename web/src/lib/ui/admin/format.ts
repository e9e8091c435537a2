import type { Account } from '$lib/api/types';
import { numberLocale, translate, type Lang } from '$lib/i18n/translate';

/** A timestamp in the reader's time zone and language, e.g. "12 Mei 2025, 14.05.09" (or without seconds). */
export function formatDateTime(iso: string, lang: Lang, time: 'medium' | 'short' = 'medium'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(numberLocale(lang), { dateStyle: 'medium', timeStyle: time });
}

/** The account's areas as one line, or "all areas" when none is assigned. */
export function areaSummary(account: Pick<Account, 'areas'>, lang: Lang): string {
  if (account.areas.length === 0) return translate(lang, 'areas.all');
  return account.areas.map((area) => area.name).join(', ');
}

/** Pretty-printed JSON for the audit details; strings stay as they are. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
