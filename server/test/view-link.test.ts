/**
 * A saved view's link read on the server as the web reads it (issue #11): the camera, the filters and the period of
 * `parseViewLink`, lenient on anything it does not know; the box a 1920×1080 screen shows at a camera and the level
 * of its summaries.
 */
import { describe, expect, test } from 'vitest';
import { levelForZoom, viewportBox } from '../src/domain/map-viewport.ts';
import { parseViewLink, VIEW_LINK_PARAMS } from '../src/schemas/view-link.ts';

const TODAY = '2026-12-01';
const CURRENT_MONTH = { from: '2026-12-01', to: '2026-12-01' };

describe('parseViewLink', () => {
  test('reads the camera, every filter and a range of months', () => {
    const link =
      '#peta=8.2/0.95/110.4/30/10&lapisan=incidents&periode=2026-01..2026-03&jenis=tppo,overstay&izin=ITAS' +
      '&status=active&tahap=verified,reported&wn=MYS,CHN&kelompok=malaysia&batas=land&pitaKe=1&analisis=hotspots';
    expect(parseViewLink(link, TODAY)).toEqual({
      camera: { zoom: 8.2, center: [110.4, 0.95], bearing: 30, pitch: 10 },
      query: {
        incidentType: 'overstay,tppo',
        permitType: 'ITAS',
        residentStatus: 'active',
        incidentStatus: 'reported,verified',
        nationality: 'CHN,MYS',
        nationalityGroup: 'malaysia',
        borderKind: 'land',
        borderMinKm: 5,
        borderMaxKm: 15,
        from: '2026-01-01',
        to: '2026-03-31',
      },
    });
  });

  test('the period: absent is the current month to today, `semua` the 36 months to today, a range either way', () => {
    expect(parseViewLink('peta=7/1/110', '2026-12-15').query).toEqual({ from: '2026-12-01', to: '2026-12-15' });
    expect(parseViewLink('periode=semua', TODAY).query).toEqual({ from: '2024-01-01', to: TODAY });
    expect(parseViewLink('periode=2026-03..2026-01', TODAY).query).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(parseViewLink('periode=2026-02', TODAY).query).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(parseViewLink('periode=2024-02', '2024-02-10').query).toEqual({ from: '2024-02-01', to: '2024-02-10' });
    // Across a year: the slider of 15 January 2026 reaches back to February 2023.
    expect(parseViewLink('periode=semua', '2026-01-15').query).toEqual({ from: '2023-02-01', to: '2026-01-15' });
    expect(parseViewLink('periode=2025-12', '2026-01-15').query).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  test('a period the slider does not reach, or not a period at all, is the current month', () => {
    for (const period of ['2020-01', '2023-11..2026-01', '2026-13', 'kemarin', '', '2026-01..', '..2026-01']) {
      expect(parseViewLink(`periode=${period}`, TODAY).query, period).toEqual(CURRENT_MONTH);
    }
  });

  test('garbage is skipped, value by value, never an error', () => {
    const link =
      'peta=abc&periode=xyz&jenis=nope,tppo,,tppo&izin=FOO&status=-&wn=my,MYS1,IDN&kelompok=mars' +
      '&batas=air&pita=0,10,5&pitaKe=9&tahap=%00&lapisan=%ZZ';
    expect(parseViewLink(link, TODAY)).toEqual({
      camera: null,
      query: { incidentType: 'tppo', nationality: 'IDN', ...CURRENT_MONTH },
    });
    for (const text of ['', '#', '&&&', '=', 'peta', 'a.k=8', '%', 'peta=9/1/2/x', 'peta=25/0/0', 'peta=5/86/0']) {
      expect(parseViewLink(text, TODAY), text).toEqual({ camera: null, query: CURRENT_MONTH });
    }
  });

  test('the distance band: custom edges, the last band open-ended, -1 or a fraction for every distance', () => {
    expect(parseViewLink('pita=0,10,20&pitaKe=2', TODAY).query).toMatchObject({
      borderKind: 'nearest',
      borderMinKm: 20,
    });
    expect(parseViewLink('pita=0,10,20&pitaKe=2', TODAY).query).not.toHaveProperty('borderMaxKm');
    expect(parseViewLink('pitaKe=0&batas=sea', TODAY).query).toMatchObject({ borderMinKm: 0, borderMaxKm: 5 });
    for (const index of ['-1', '1.5', '5', 'x', '']) {
      expect(parseViewLink(`pitaKe=${index}&batas=land`, TODAY).query, index).toEqual(CURRENT_MONTH);
    }
    // Invalid edges leave the standard ones: band 1 is then 5–15 km.
    expect(parseViewLink('pita=1,2&pitaKe=1', TODAY).query).toMatchObject({ borderMinKm: 5, borderMaxKm: 15 });
  });

  test('`-` clears a list; the names are the ones the web writes', () => {
    expect(parseViewLink('jenis=-&izin=-', TODAY).query).toEqual(CURRENT_MONTH);
    expect(VIEW_LINK_PARAMS).toMatchObject({ map: 'peta', period: 'periode', permitType: 'izin', bandIndex: 'pitaKe' });
    expect(new Set(Object.values(VIEW_LINK_PARAMS)).size).toBe(Object.values(VIEW_LINK_PARAMS).length);
  });
});

describe('viewportBox', () => {
  test('a 1920×1080 screen of 512-px tiles: 360 / (512 · 2^z) degrees of longitude per pixel', () => {
    const [west, south, east, north] = viewportBox({ zoom: 9, center: [110.4, 0.95], bearing: 0 });
    const halfWidth = (960 * 360) / (512 * 2 ** 9);
    expect(west).toBeCloseTo(110.4 - halfWidth, 9);
    expect(east).toBeCloseTo(110.4 + halfWidth, 9);
    // Near the equator a pixel is nearly as many degrees of latitude as of longitude.
    expect((north - south) / (east - west)).toBeCloseTo(1080 / 1920, 3);
    // Web Mercator: north of the centre a pixel spans fewer degrees of latitude than south of it.
    expect(north - 0.95).toBeLessThan(0.95 - south);
  });

  test('turned by the bearing, the box holds the turned screen; the world is clamped to ±180°, ±85°', () => {
    const turned = viewportBox({ zoom: 9, center: [110.4, 0.95], bearing: 90 });
    expect(turned[2] - turned[0]).toBeCloseTo((1080 * 360) / (512 * 2 ** 9), 3);
    expect(viewportBox({ zoom: 0, center: [0, 0], bearing: 0 })).toEqual([-180, -85, 180, 85]);
  });

  test('the level follows the zoom as the web’s summary strip does', () => {
    expect([4.9, 5, 6.9, 7, 8.99, 9, 14].map(levelForZoom)).toEqual([
      'provinsi',
      'kabupaten',
      'kabupaten',
      'kecamatan',
      'kecamatan',
      'desa',
      'desa',
    ]);
  });
});
