import type { Lang } from './translate';

/** ISO 3166 alpha-3 to alpha-2 for the nationalities met at the border, so the browser can name them. */
const alpha2: Record<string, string> = {
  AUS: 'AU',
  BGD: 'BD',
  BRN: 'BN',
  CAN: 'CA',
  CHN: 'CN',
  DEU: 'DE',
  FRA: 'FR',
  GBR: 'GB',
  HKG: 'HK',
  IND: 'IN',
  JPN: 'JP',
  KHM: 'KH',
  KOR: 'KR',
  LKA: 'LK',
  MMR: 'MM',
  MYS: 'MY',
  NLD: 'NL',
  NPL: 'NP',
  NZL: 'NZ',
  PAK: 'PK',
  PHL: 'PH',
  PNG: 'PG',
  RUS: 'RU',
  SAU: 'SA',
  SGP: 'SG',
  THA: 'TH',
  TLS: 'TL',
  TWN: 'TW',
  USA: 'US',
  VNM: 'VN',
};

const namers = new Map<Lang, Intl.DisplayNames>();

/** "Malaysia" for MYS in the UI language; the code itself when the browser (or our table) does not know it. */
export function nationalityName(code: string, lang: Lang): string {
  const region = alpha2[code];
  if (!region) return code;
  let namer = namers.get(lang);
  if (!namer) {
    namer = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
    namers.set(lang, namer);
  }
  return namer.of(region) ?? code;
}
