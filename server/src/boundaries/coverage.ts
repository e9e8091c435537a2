/**
 * Cross-checks the imported desa against the official list: per kabupaten, how many villages the decree lists,
 * how many have a polygon, which are missing, and where the two sources spell a name differently.
 */
import type pg from 'pg';
import type { OfficialList } from './official-list.ts';

export interface MissingVillage {
  code: string;
  name: string;
  kecamatan: string;
}

export interface NameMismatch {
  code: string;
  official: string | null;
  upstream: string;
}

export interface CoverageRow {
  kabupatenCode: string;
  kabupatenName: string;
  officialDesa: number;
  polygonDesa: number;
  missing: MissingVillage[];
  nameMismatches: NameMismatch[];
}

/** Case, accents, punctuation and spacing do not make two names different. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface LevelCheck {
  level: 'provinsi' | 'kabupaten' | 'kecamatan';
  official: number;
  loaded: number;
  /** Official codes without a polygon. */
  missing: { code: string; name: string }[];
  /** Codes with a polygon that the official list does not have. */
  extra: string[];
}

/**
 * Province and kabupaten codes for all of Indonesia, kecamatan codes for the desa provinces: what the official list
 * has and the loaded polygons lack, and the reverse.
 */
export async function checkLevels(
  client: pg.PoolClient,
  official: OfficialList,
  provinceCodes: string[],
): Promise<LevelCheck[]> {
  const levels = [
    { level: 'provinsi' as const, table: 'provinsi', regions: official.provinces },
    { level: 'kabupaten' as const, table: 'kabupaten', regions: official.regencies },
    {
      level: 'kecamatan' as const,
      table: 'kecamatan',
      regions: official.districts.filter((district) => provinceCodes.includes(district.code.slice(0, 2))),
    },
  ];
  const checks: LevelCheck[] = [];
  for (const { level, table, regions } of levels) {
    const loaded = await client.query<{ code: string }>(`SELECT code FROM ${table}`);
    const loadedCodes = new Set(loaded.rows.map((row) => row.code));
    const officialCodes = new Set(regions.map((region) => region.code));
    checks.push({
      level,
      official: officialCodes.size,
      loaded: loadedCodes.size,
      missing: regions.filter((region) => !loadedCodes.has(region.code)).map(({ code, name }) => ({ code, name })),
      extra: [...loadedCodes].filter((code) => !officialCodes.has(code)),
    });
  }
  return checks;
}

export async function buildCoverage(
  client: pg.PoolClient,
  official: OfficialList,
  provinceCodes: string[],
): Promise<CoverageRow[]> {
  const upstream = await client.query<{ code: string; name: string }>(
    `SELECT code, name FROM stage_boundary WHERE level = 'desa'`,
  );
  const loaded = await client.query<{ code: string }>('SELECT code FROM desa');
  const loadedCodes = new Set(loaded.rows.map((row) => row.code));
  const upstreamNames = new Map(upstream.rows.map((row) => [row.code, row.name]));
  const officialVillages = new Map(official.villages.map((village) => [village.code, village]));
  const districtNames = new Map(official.districts.map((district) => [district.code, district.name]));
  const rows: CoverageRow[] = [];
  for (const regency of official.regencies.filter((candidate) => provinceCodes.includes(candidate.provinceCode))) {
    const prefix = `${regency.code}.`;
    const villages = official.villages.filter((village) => village.code.startsWith(prefix));
    const missing = villages
      .filter((village) => !loadedCodes.has(village.code))
      .map((village) => ({
        code: village.code,
        name: village.name,
        kecamatan: districtNames.get(village.parentCode) ?? '',
      }));
    const nameMismatches: NameMismatch[] = [];
    for (const [code, upstreamName] of upstreamNames) {
      if (!code.startsWith(prefix)) continue;
      const officialName = officialVillages.get(code)?.name ?? null;
      if (officialName === null || normaliseName(officialName) !== normaliseName(upstreamName)) {
        nameMismatches.push({ code, official: officialName, upstream: upstreamName });
      }
    }
    rows.push({
      kabupatenCode: regency.code,
      kabupatenName: regency.name,
      officialDesa: villages.length,
      polygonDesa: [...loadedCodes].filter((code) => code.startsWith(prefix)).length,
      missing,
      nameMismatches,
    });
  }
  await client.query(
    `INSERT INTO coverage (kabupaten_code, official_desa, polygon_desa, missing, name_mismatches)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(kabupaten_code text, official_desa int, polygon_desa int,
                                                        missing jsonb, name_mismatches jsonb)`,
    [
      JSON.stringify(
        rows.map((row) => ({
          kabupaten_code: row.kabupatenCode,
          official_desa: row.officialDesa,
          polygon_desa: row.polygonDesa,
          missing: row.missing,
          name_mismatches: row.nameMismatches,
        })),
      ),
    ],
  );
  return rows;
}

export function renderCoverageReport(rows: CoverageRow[], levels: LevelCheck[], version: string): string {
  const official = rows.reduce((sum, row) => sum + row.officialDesa, 0);
  const polygons = rows.reduce((sum, row) => sum + row.polygonDesa, 0);
  const lines = [
    `# Coverage of boundary polygons (${version})`,
    '',
    `Generated by the boundary import. ${polygons} of ${official} official desa/kelurahan have a polygon.`,
    '',
    '| level | official | with a polygon | missing | not in the official list |',
    '|---|---:|---:|---|---|',
    ...levels.map(
      (check) =>
        `| ${check.level} | ${check.official} | ${check.loaded} | ${
          check.missing.map((region) => `${region.name} (${region.code})`).join('; ') || '—'
        } | ${check.extra.join(', ') || '—'} |`,
    ),
    '',
    '## Desa/kelurahan per kabupaten/kota',
    '',
    '| kabupaten/kota | code | official | polygons | missing |',
    '|---|---|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.kabupatenName} | ${row.kabupatenCode} | ${row.officialDesa} | ${row.polygonDesa} | ${
          row.missing.map((village) => `${village.name} (${village.code}, Kec. ${village.kecamatan})`).join('; ') || '—'
        } |`,
    ),
    '',
    '## Names spelled differently upstream',
    '',
    '| code | official | upstream |',
    '|---|---|---|',
    ...rows.flatMap((row) =>
      row.nameMismatches.map(
        (mismatch) =>
          `| ${mismatch.code} | ${mismatch.official ?? '(not in the official list)'} | ${mismatch.upstream} |`,
      ),
    ),
    '',
  ];
  return lines.join('\n');
}
