/**
 * Numbers, dates and text as a printed page shows them: Indonesian formats by default (1.234, 29 Nov 2026), English
 * on request. The standard PDF fonts (Helvetica) hold the Windows-1252 characters only, so text is reduced to them
 * before it is printed (`printable`).
 */
export type PrintLanguage = 'id' | 'en';

const LOCALE: Record<PrintLanguage, string> = { id: 'id-ID', en: 'en-GB' };

const numberFormats = {
  id: new Intl.NumberFormat(LOCALE.id),
  en: new Intl.NumberFormat(LOCALE.en),
};

/** A count as printed: a number in the language's format; a published marker (`< 3`) as it is. */
export const formatCount = (lang: PrintLanguage, value: number | string): string =>
  typeof value === 'number' ? numberFormats[lang].format(value) : value;

/** A calendar day (YYYY-MM-DD) as "29 Nov 2026". */
export function formatDate(lang: PrintLanguage, day: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** A month (YYYY-MM or a day in it) as "Nov 26", for the axis of a chart. */
export function formatMonth(lang: PrintLanguage, day: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(`${day.slice(0, 7)}-01T00:00:00Z`),
  );
}

/** An instant as the day and the clock in a time zone: "1 Des 2026 20.18" (the caller adds the zone's name). */
export function formatDateTime(lang: PrintLanguage, instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(instant);
}

/** The characters of Windows-1252 beyond Latin-1, which the standard fonts can print. */
const WINDOWS_1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const isPrintable = (character: string): boolean => {
  const code = character.codePointAt(0)!;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WINDOWS_1252_EXTRA.has(character);
};

const REPLACEMENTS: Record<string, string> = { '≈': '~', '≤': '<=', '≥': '>=', '−': '-', '→': '->' };

/**
 * Text reduced to what the standard fonts print: accents that Latin-1 lacks dropped (ł → l is not NFD, so anything
 * still unprintable becomes "?"), white space made plain.
 */
export function printable(text: string): string {
  let result = '';
  for (const character of text.replace(/\s/g, ' ')) {
    if (isPrintable(character)) result += character;
    else if (REPLACEMENTS[character]) result += REPLACEMENTS[character];
    else {
      const stripped = character.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      result += [...stripped].every(isPrintable) && stripped.length > 0 ? stripped : '?';
    }
  }
  return result;
}
