/**
 * Nationality groups: what roles that may not see people filter by instead of lists of countries (ADR 0007). A list
 * of countries lets "the area minus every other nationality" be asked; a fixed partition into groups does not. The
 * groups follow what the border offices meet: Malaysia and Singapore on their own, the rest of ASEAN, Greater China,
 * the rest of Asia, then by continent (from the countries-list package, keyed by ISO 3166-1 alpha-2).
 */
import { getCountryDataList } from 'countries-list';
import type { NationalityGroup } from '../schemas/nationality-groups.ts';

export { NATIONALITY_GROUPS, type NationalityGroup } from '../schemas/nationality-groups.ts';

const BY_CODE: Record<string, NationalityGroup> = {
  MYS: 'malaysia',
  SGP: 'singapura',
  BRN: 'asean_lain',
  KHM: 'asean_lain',
  LAO: 'asean_lain',
  MMR: 'asean_lain',
  PHL: 'asean_lain',
  THA: 'asean_lain',
  VNM: 'asean_lain',
  TLS: 'asean_lain',
  CHN: 'tiongkok',
  HKG: 'tiongkok',
  MAC: 'tiongkok',
  TWN: 'tiongkok',
};

const BY_CONTINENT: Record<string, NationalityGroup> = {
  AS: 'asia_lain',
  EU: 'eropa',
  NA: 'amerika',
  SA: 'amerika',
  AF: 'afrika',
  OC: 'oseania',
};

const groupOfCode = new Map<string, NationalityGroup>();
for (const country of getCountryDataList()) {
  groupOfCode.set(country.iso3, BY_CODE[country.iso3] ?? BY_CONTINENT[country.continent] ?? 'lainnya');
}

/** The group of an ISO 3166-1 alpha-3 code; codes no package knows fall into 'lainnya'. */
export const nationalityGroupOf = (code: string): NationalityGroup => groupOfCode.get(code) ?? 'lainnya';

/** Every alpha-3 code of a group (for 'lainnya' also every code outside the known list, matched in SQL by NOT IN). */
export function codesOfGroup(group: NationalityGroup): string[] {
  return [...groupOfCode].filter(([, of]) => of === group).map(([code]) => code);
}

/** Every known code: 'lainnya' is "in its own codes or in none of these". */
export const ALL_KNOWN_CODES: readonly string[] = [...groupOfCode.keys()];
