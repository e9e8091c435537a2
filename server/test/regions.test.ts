import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let viewer: SignedIn;
beforeAll(async () => {
  context = await createTestApp();
  viewer = await context.signInAs('viewer');
});
afterAll(() => context.close());

const get = (url: string) => context.request(viewer, { method: 'GET', url });

describe('GET /api/regions/at', () => {
  test('0.123 N 110.597 E lies in desa Ilir Kota, Kec. Kapuas, Kab. Sanggau', async () => {
    const response = await get('/api/regions/at?lon=110.597&lat=0.123');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.desa).toEqual({ code: '61.03.01.1004', name: 'Ilir Kota', kind: 'kelurahan' });
    expect(body.kecamatan).toEqual({ code: '61.03.01', name: 'Kapuas' });
    expect(body.kabupaten).toEqual({ code: '61.03', name: 'Kabupaten Sanggau' });
    expect(body.provinsi).toEqual({ code: '61', name: 'Kalimantan Barat' });
    // Sanggau town is roughly 75–80 km from the Sarawak border as the crow flies.
    expect(body.landBorderDistanceKm).toBeGreaterThan(60);
    expect(body.landBorderDistanceKm).toBeLessThan(95);
    expect(body.borderDistanceKm).toBe(Math.min(body.landBorderDistanceKm, body.seaBorderDistanceKm));
  });

  test('0.97 N 110.35 E lies in desa Entikong, on the land border', async () => {
    const body = (await get('/api/regions/at?lon=110.35&lat=0.97')).json();
    expect(body.desa.name).toBe('Entikong');
    expect(body.kecamatan.name).toBe('Entikong');
    expect(body.kabupaten.name).toBe('Kabupaten Sanggau');
    expect(body.landBorderDistanceKm).toBeLessThan(1);
  });

  test('the kelurahan of Belakang Padang (Batam) lie near the sea boundary facing Singapore', async () => {
    const body = (await get('/api/regions/at?lon=103.89&lat=1.15')).json();
    expect(body.kecamatan?.name).toBe('Belakang Padang');
    expect(body.kabupaten.code).toBe('21.71');
    expect(body.seaBorderDistanceKm).toBeLessThan(15);
  });

  test('a point in another province has a kabupaten and province but no desa', async () => {
    const body = (await get('/api/regions/at?lon=106.8456&lat=-6.2088')).json();
    expect(body.desa).toBeNull();
    expect(body.provinsi.code).toBe('31');
    expect(body.kabupaten.code.startsWith('31.')).toBe(true);
  });

  test('the open sea is in no region', async () => {
    const body = (await get('/api/regions/at?lon=108.0&lat=3.0')).json();
    expect(body).toMatchObject({ desa: null, kecamatan: null, kabupaten: null, provinsi: null });
  });

  test.each([
    ['lon=abc&lat=0.1', "'lon' must be a number"],
    ['lon=200&lat=0.1', "'lon' must be at most 180"],
    ['lon=110&lat=-91', "'lat' must be at least -90"],
    ['lat=0.1', "'lon' is required"],
  ])('%s answers 400 with a clear bilingual message', async (query, english) => {
    const response = await get(`/api/regions/at?${query}`);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('INVALID_REQUEST');
    expect(body.message.en).toContain(english);
    expect(body.message.id).toMatch(/^Permintaan tidak valid/);
  });
});

describe('GET /api/regions/search', () => {
  test('finds Entikong, the kecamatan and the desa, with their bbox', async () => {
    const response = await get('/api/regions/search?q=entikong');
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(
      results
        .slice(0, 2)
        .map((hit: { level: string }) => hit.level)
        .sort(),
    ).toEqual(['desa', 'kecamatan']);
    const desa = results.find((hit: { level: string }) => hit.level === 'desa');
    expect(desa).toMatchObject({ code: '61.03.21.2003', name: 'Entikong' });
    expect(desa.context).toContain('Kec. Entikong');
    const [west, south, east, north] = desa.bbox;
    expect(west).toBeLessThan(110.35);
    expect(east).toBeGreaterThan(110.35);
    expect(south).toBeLessThan(0.97);
    expect(north).toBeGreaterThan(0.97);
  });

  test('ignores case and accents, and ranks exact names first', async () => {
    const accented = (await get(`/api/regions/search?q=${encodeURIComponent('ÉNTÍKONG')}`)).json();
    expect(accented.results[0].name).toBe('Entikong');
    const town = (await get('/api/regions/search?q=sanggau')).json();
    expect(town.results[0]).toMatchObject({ level: 'kabupaten', code: '61.03' });
  });

  test('tolerates a misspelling', async () => {
    const { results } = (await get('/api/regions/search?q=entikog')).json();
    expect(results.map((hit: { name: string }) => hit.name)).toContain('Entikong');
  });

  test('treats % and _ in the query as letters, not wildcards', async () => {
    const percent = await get(`/api/regions/search?q=${encodeURIComponent('%%')}`);
    expect(percent.statusCode).toBe(200);
    expect(percent.json().results).toEqual([]);
    // Unescaped, '%%' would match every one of the 12,000 names and rank them all.
    const wildcardWithText = await get(`/api/regions/search?q=${encodeURIComponent('%ikong')}`);
    expect(wildcardWithText.json().results.map((hit: { name: string }) => hit.name)).not.toContain('Sungai Batu');
  });

  test('respects the limit', async () => {
    const { results } = (await get('/api/regions/search?q=sungai&limit=3')).json();
    expect(results).toHaveLength(3);
  });

  test.each([
    ['q=', 'at least 2 characters'],
    ['q=a', 'at least 2 characters'],
    [`q=${'x'.repeat(101)}`, 'at most 100 characters'],
    ['q=%20%20%20', 'at least 2 letters'],
    ['q=ab&limit=500', "'limit' must be at most 20"],
  ])('%s answers 400', async (query, english) => {
    const response = await get(`/api/regions/search?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().message.en).toContain(english);
  });
});
