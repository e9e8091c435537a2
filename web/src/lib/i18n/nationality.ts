import countries from 'i18n-iso-countries';
import englishNames from 'i18n-iso-countries/langs/en.json';
import indonesianNames from 'i18n-iso-countries/langs/id.json';
import type { Lang } from './translate';

// The same package the server checks imported nationalities against, so every code it accepts has a name here.
// Only the two UI languages are registered: the package's browser entry bundles none of its ~80 others.
countries.registerLocale(indonesianNames);
countries.registerLocale(englishNames);

/** "Malaysia" for MYS in the UI language; the code itself for a code that names no country. */
export function nationalityName(code: string, lang: Lang): string {
  return countries.getName(code, lang) ?? code;
}
