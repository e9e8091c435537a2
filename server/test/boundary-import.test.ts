import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, projectRoot } from '../src/config.ts';
import { importBoundaries } from '../src/boundaries/boundary-import.ts';
import { readOfficialList } from '../src/boundaries/official-list.ts';
import { createTestApp, type TestContext } from './helpers.ts';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

const knownGaps: Record<string, string[]> = JSON.parse(
  readFileSync(path.join(projectRoot, 'data/known-gaps.json'), 'utf8'),
).gaps;
const DESA_PROVINCES = ['14', '21', '53', '61', '62', '64', '65'];

async function count(sql: string): Promise<number> {
  const result = await context.pool.query<{ n: number }>(sql);
  return Number(result.rows[0]?.n);
}

describe('boundary import', () => {
  test('every kabupaten of the seven provinces has a polygon for each official desa, less the documented gaps', async () => {
    const official = readOfficialList();
    const regencies = official.regencies.filter((regency) => DESA_PROVINCES.includes(regency.provinceCode));
    expect(regencies.length).toBeGreaterThan(70);
    const loaded = await context.pool.query<{ kabupaten: string; n: number }>(
      'SELECT left(code, 5) AS kabupaten, count(*) AS n FROM desa GROUP BY 1',
    );
    const polygons = new Map(loaded.rows.map((row) => [row.kabupaten, Number(row.n)]));
    for (const regency of regencies) {
      const officialCodes = official.villages.filter((village) => village.code.startsWith(`${regency.code}.`));
      const gaps = knownGaps[regency.code] ?? [];
      for (const code of gaps) expect(officialCodes.map((village) => village.code)).toContain(code);
      expect({ kabupaten: regency.code, desa: polygons.get(regency.code) ?? 0 }).toEqual({
        kabupaten: regency.code,
        desa: officialCodes.length - gaps.length,
      });
    }
  });

  test('the desa without a polygon are exactly the documented gaps', async () => {
    const rows = await context.pool.query<{ kabupaten_code: string; missing: { code: string }[] }>(
      'SELECT kabupaten_code, missing FROM coverage',
    );
    const found = rows.rows
      .filter((row) => row.missing.length > 0)
      .map((row) => [row.kabupaten_code, row.missing.map((village) => village.code).sort()]);
    expect(Object.fromEntries(found)).toEqual(knownGaps);
  });

  test('every province and kabupaten/kota of Indonesia has a polygon, and every kecamatan of the seven provinces', async () => {
    const official = readOfficialList();
    expect(await count('SELECT count(*) AS n FROM provinsi')).toBe(official.provinces.length);
    expect(official.provinces).toHaveLength(38);
    const kabupaten = await context.pool.query<{ code: string }>('SELECT code FROM kabupaten');
    expect(kabupaten.rows.map((row) => row.code).sort()).toEqual(
      official.regencies.map((regency) => regency.code).sort(),
    );
    const kecamatan = await context.pool.query<{ code: string }>('SELECT code FROM kecamatan');
    const officialKecamatan = official.districts.filter((district) =>
      DESA_PROVINCES.includes(district.code.slice(0, 2)),
    );
    expect(kecamatan.rows.map((row) => row.code).sort()).toEqual(
      officialKecamatan.map((district) => district.code).sort(),
    );
  });

  test('the border regencies lack exactly the 12 villages the data notes name', async () => {
    const rows = await context.pool.query<{ kabupaten_code: string; missing: { code: string }[] }>(
      `SELECT kabupaten_code, missing FROM coverage WHERE kabupaten_code = ANY($1)`,
      [['61.01', '61.09', '14.72']],
    );
    const missing = Object.fromEntries(rows.rows.map((row) => [row.kabupaten_code, row.missing.length]));
    expect(missing).toEqual({ '61.01': 2, '61.09': 7, '14.72': 3 });
  });

  test('every stored geometry is valid', async () => {
    for (const table of ['provinsi', 'kabupaten', 'kecamatan', 'desa']) {
      expect({ table, invalid: await count(`SELECT count(*) AS n FROM ${table} WHERE NOT ST_IsValid(geom)`) }).toEqual({
        table,
        invalid: 0,
      });
    }
    expect(await count('SELECT count(*) AS n FROM country WHERE NOT ST_IsValid(land)')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM border_line WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom)')).toBe(0);
  });

  test('kecamatan are the dissolved desa: same count as distinct desa parents, and same area', async () => {
    expect(await count('SELECT count(*) AS n FROM kecamatan')).toBe(
      await count('SELECT count(DISTINCT kecamatan_code) AS n FROM desa'),
    );
    const shares = await context.pool.query<{ total: number; within_one_percent: number }>(`
      WITH compared AS (
        SELECT ST_Area(k.geom::geography) AS dissolved, d.area AS summed
        FROM kecamatan k JOIN (SELECT kecamatan_code, sum(ST_Area(geom::geography)) AS area FROM desa GROUP BY 1) d
          ON d.kecamatan_code = k.code)
      SELECT abs(sum(dissolved) - sum(summed)) / sum(summed) AS total,
             avg((abs(dissolved - summed) / summed < 0.01)::int) AS within_one_percent
      FROM compared`);
    // Neighbouring desa overlap a little (about 0.003% of area overall), so a union is slightly smaller than a sum.
    expect(shares.rows[0]!.total).toBeLessThan(0.005);
    expect(shares.rows[0]!.within_one_percent).toBeGreaterThan(0.98);
  });

  test('derives the land borders with Malaysia and Timor-Leste and the sea boundaries facing Malaysia and Singapore', async () => {
    const lines = await context.pool.query<{ kind: string; neighbour_iso3: string; length_km: number }>(
      'SELECT kind, neighbour_iso3, length_km FROM border_line ORDER BY kind, neighbour_iso3',
    );
    const lengths = Object.fromEntries(lines.rows.map((row) => [`${row.kind}:${row.neighbour_iso3}`, row.length_km]));
    expect(Object.keys(lengths)).toEqual(['land:MYS', 'land:TLS', 'sea:MYS', 'sea:SGP']);
    expect(lengths['land:MYS']).toBeGreaterThan(1800); // about 1,900 km in the data notes
    expect(lengths['land:MYS']).toBeLessThan(2100);
    expect(lengths['land:TLS']).toBeGreaterThan(250);
    expect(lengths['sea:SGP']).toBeGreaterThan(30);
  });

  test('every desa has a distance to the nearest land and sea border, in km', async () => {
    expect(await count('SELECT count(*) AS n FROM desa WHERE land_border_km IS NULL OR sea_border_km IS NULL')).toBe(0);
    // Desa that touch the Sarawak border: Entikong (Sanggau) and Badau (Kapuas Hulu).
    const near = await context.pool.query<{ name: string; land_border_km: number }>(
      `SELECT name, land_border_km FROM desa WHERE code IN ('61.03.21.2003', '61.06.14.2001') ORDER BY code`,
    );
    expect(near.rows).toHaveLength(2);
    for (const row of near.rows) expect(row.land_border_km).toBeLessThan(2);
    expect(await count(`SELECT min(land_border_km) AS n FROM desa WHERE left(code, 2) = '64'`)).toBeLessThan(1);
  });

  test('a second import with the same inputs is a no-op', async () => {
    const result = await importBoundaries(context.pool, {
      mirrorDir: loadConfig().boundaryMirrorDir,
      log: () => undefined,
    });
    expect(result.skipped).toBe(true);
  });

  test('an import that fails half-way changes nothing', async () => {
    const before = await context.pool.query(
      `SELECT (SELECT count(*) FROM desa) AS desa, (SELECT count(*) FROM tile_feature) AS tiles,
              (SELECT imported_at FROM data_vintage WHERE dataset = 'boundaries') AS imported_at`,
    );
    const failing = importBoundaries(context.pool, {
      mirrorDir: loadConfig().boundaryMirrorDir,
      force: true,
      log: (message) => {
        // Fail after the tables were emptied and the files staged, inside the transaction.
        if (message.includes('dissolving kecamatan')) throw new Error('simulated failure');
      },
    });
    await expect(failing).rejects.toThrow('simulated failure');
    const after = await context.pool.query(
      `SELECT (SELECT count(*) FROM desa) AS desa, (SELECT count(*) FROM tile_feature) AS tiles,
              (SELECT imported_at FROM data_vintage WHERE dataset = 'boundaries') AS imported_at`,
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect(Number(after.rows[0].desa)).toBeGreaterThan(10000);
  });
});
