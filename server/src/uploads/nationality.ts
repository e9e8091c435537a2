/**
 * Nationality cells: an ISO 3166-1 alpha-3 code, or a country's name in Indonesian or English, checked against the
 * i18n-iso-countries package rather than a table of our own, so every country is known and `XXA` (the ICAO code for
 * stateless persons, not a country) is refused.
 */
import countries from 'i18n-iso-countries/index.js';
import englishNames from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import indonesianNames from 'i18n-iso-countries/langs/id.json' with { type: 'json' };
import type { BilingualMessage } from '../errors.ts';
import { comparableText } from './comparable-text.ts';

// The core module, not the package's Node entry, which would register all of its ~80 languages.
countries.registerLocale(indonesianNames);
countries.registerLocale(englishNames);

/**
 * Names Indonesian offices write that the package does not list: "Tiongkok" has been the official Indonesian name
 * of China since 2014, and "RRT"/"Cina" are still common in older registers.
 */
const INDONESIAN_USAGE: Record<string, string> = {
  tiongkok: 'CHN',
  'republik rakyat tiongkok': 'CHN',
  rrt: 'CHN',
  cina: 'CHN',
};

const ALPHA3_CODES = new Set(Object.keys(countries.getAlpha3Codes()));

const CODE_BY_NAME: ReadonlyMap<string, string> = (() => {
  const byName = new Map<string, string>(Object.entries(INDONESIAN_USAGE));
  for (const lang of ['id', 'en']) {
    for (const [alpha2, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      const alpha3 = countries.alpha2ToAlpha3(alpha2);
      if (!alpha3) continue;
      for (const name of names) byName.set(comparableText(name), alpha3);
    }
  }
  return byName;
})();

export type NationalityAnswer = { code: string } | { error: BilingualMessage };

/** "MYS", "mys", "Malaysia", "Korea Selatan", "South Korea" → the alpha-3 code; anything else → why not. */
export function findNationality(text: string): NationalityAnswer {
  const value = text.trim();
  if (/^[A-Za-z]{3}$/.test(value) && ALPHA3_CODES.has(value.toUpperCase())) return { code: value.toUpperCase() };
  const named = CODE_BY_NAME.get(comparableText(value));
  if (named) return { code: named };
  if (/^[A-Za-z]{3}$/.test(value)) {
    return {
      error: {
        id: `'${value}' bukan kode negara ISO 3166-1 alpha-3 (mis. MYS, CHN)`,
        en: `'${value}' is not an ISO 3166-1 alpha-3 country code (e.g. MYS, CHN)`,
      },
    };
  }
  return {
    error: {
      id: `'${value}' bukan kode negara ISO 3 huruf atau nama negara yang dikenal (mis. MYS atau Malaysia)`,
      en: `'${value}' is neither a 3-letter ISO country code nor a known country name (e.g. MYS or Malaysia)`,
    },
  };
}
