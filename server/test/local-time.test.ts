/**
 * Local time (issue #9): periods are cut, "today" is read and times are shown in the region's own zone — WIB (UTC+7)
 * in Kalimantan Barat, WITA (UTC+8) in Kalimantan Utara — and an office's spreadsheet times are read as local to the
 * desa. Two incidents at the same two instants, one in Entikong (WIB) and one in Tanjung Palas Hulu (WITA), sit on
 * either side of local midnight between 30 June and 1 July 2026.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAnalysisRepository } from '../src/repositories/analysis-repository.ts';
import { accountToday, localDayIn, timeZoneOf } from '../src/domain/time-zones.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

const ENTIKONG = '61.03.21.2003';
const TANJUNG_PALAS_HULU = '65.01.01.1001';
/** 23:30 WIB on 30 June = 00:30 WITA on 1 July; and an hour later. */
const INSTANTS = ['2026-06-30T16:30:00Z', '2026-06-30T17:30:00Z'];

let context: TestContext;
let intel: SignedIn;

const cleanUp = () =>
  context.pool.query(`DELETE FROM incident WHERE 'ZTZ' = ANY(nationalities) OR 'FJI' = ANY(nationalities)`);

beforeAll(async () => {
  context = await createTestApp();
  await cleanUp();
  for (const desa of [ENTIKONG, TANJUNG_PALAS_HULU]) {
    for (const at of INSTANTS) {
      await context.pool.query(
        `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, reporting_agency)
         SELECT 'overstay', $2, ST_PointOnSurface(geom), code, ARRAY['ZTZ'], 1, 'sedang', 'POLRI' FROM desa WHERE code = $1`,
        [desa, at],
      );
    }
  }
  intel = await context.signInAs('intel', ['61.03', '65.01']);
});
afterAll(async () => {
  await cleanUp();
  await context.close();
});

async function get(url: string) {
  const response = await context.request(intel, { method: 'GET', url });
  expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
  return response.json();
}

describe('zones', () => {
  test('the database and the server agree on every province and kabupaten', async () => {
    const codes = await context.pool.query<{ code: string; zone: string }>(
      `SELECT code, pantau_time_zone(code) AS zone FROM provinsi UNION ALL SELECT code, pantau_time_zone(code) FROM kabupaten`,
    );
    expect(codes.rows.length).toBeGreaterThan(38);
    for (const { code, zone } of codes.rows) expect({ code, zone }).toEqual({ code, zone: timeZoneOf(code) });
    expect([timeZoneOf('61'), timeZoneOf('21.71'), timeZoneOf('64'), timeZoneOf('53.20'), timeZoneOf('91')]).toEqual([
      'Asia/Jakarta',
      'Asia/Jakarta',
      'Asia/Makassar',
      'Asia/Makassar',
      'Asia/Jayapura',
    ]);
  });

  test('"today" is the region\'s calendar day', () => {
    // 16:30 UTC on 30 June: still the 30th in WIB, already 1 July in WITA and WIT.
    const instant = new Date(INSTANTS[0]!);
    expect(localDayIn('Asia/Jakarta', instant)).toBe('2026-06-30');
    expect(localDayIn('Asia/Makassar', instant)).toBe('2026-07-01');
    expect(accountToday(['65.01'], instant)).toBe('2026-07-01');
    expect(accountToday(['61'], instant)).toBe('2026-06-30');
  });
});

describe('periods are cut at local midnight', () => {
  const perProvince = async (from: string, to: string) => {
    const body = await get(`/api/layers/incidents/summary?level=provinsi&nationality=ZTZ&from=${from}&to=${to}`);
    return Object.fromEntries(
      body.regions.map((region: { code: string; incidents: number }) => [region.code, region.incidents]),
    );
  };

  test('June holds the WIB incident at 23:30; July the one after midnight and both WITA ones', async () => {
    expect(await perProvince('2026-06-01', '2026-06-30')).toEqual({ '61': 1 });
    expect(await perProvince('2026-07-01', '2026-07-31')).toEqual({ '61': 1, '65': 2 });
  });

  test('points and records show the local time with its offset', async () => {
    const points = (await get(`/api/layers/incidents/points?nationality=ZTZ`)).points as { occurredAt: string }[];
    expect(points.map((point) => point.occurredAt).sort()).toEqual([
      '2026-06-30T23:30:00+07:00',
      '2026-07-01T00:30:00+07:00',
      '2026-07-01T00:30:00+08:00',
      '2026-07-01T01:30:00+08:00',
    ]);
  });

  test('monthly slices of emerging hot spots follow the local calendar', async () => {
    const repository = createAnalysisRepository(context.pool);
    const slices = [
      { first: '2026-06-01', last: '2026-06-30' },
      { first: '2026-07-01', last: '2026-07-31' },
    ];
    const rows = await repository.countPerUnitAndSlice(
      'incidents',
      { areaCodes: ['61.03', '65.01'], nationalities: ['ZTZ'] },
      'desa',
      slices,
    );
    const counts = rows
      .map((row) => [row.code, row.slice, row.count.count] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    expect(counts).toEqual([
      [ENTIKONG, 0, 1],
      [ENTIKONG, 1, 1],
      [TANJUNG_PALAS_HULU, 1, 2],
    ]);
  });
});

describe('imports read times local to the desa', () => {
  test('"2026-06-30 23:30" is 16:30 UTC in Entikong and 15:30 UTC in Tanjung Palas Hulu; an explicit offset is kept', async () => {
    const csv = [
      'Jenis Kejadian;Waktu Kejadian;Jumlah Orang;Kewarganegaraan;Tingkat;Instansi Pelapor;Kode Desa;Uraian',
      `overstay;2026-06-30 23:30;1;FJI;sedang;POLRI;${ENTIKONG};lokal WIB`,
      `overstay;2026-06-30 23:30;1;FJI;sedang;POLRI;${TANJUNG_PALAS_HULU};lokal WITA`,
      `overstay;2026-06-30T23:30:00Z;1;FJI;sedang;POLRI;${TANJUNG_PALAS_HULU};UTC`,
    ].join('\n');
    const boundary = `----pantau${randomBytes(8).toString('hex')}`;
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nincidents\r\n--${boundary}\r\n` +
        `Content-Disposition: form-data; name="file"; filename="waktu.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    const uploaded = await context.request(intel, {
      method: 'POST',
      url: '/api/imports',
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(uploaded.statusCode).toBe(201);
    const { importId } = uploaded.json();
    const preview = await context.request(intel, {
      method: 'POST',
      url: `/api/imports/${importId}/preview`,
      payload: {},
    });
    expect(preview.json().invalidRows ?? preview.json().invalid ?? []).toEqual([]);
    const commit = await context.request(intel, { method: 'POST', url: `/api/imports/${importId}/commit` });
    expect(commit.json()).toMatchObject({ saved: 3 });
    const stored = await context.pool.query<{ desa_code: string; description: string; utc: string }>(
      `SELECT desa_code, description, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS utc
       FROM incident WHERE 'FJI' = ANY(nationalities) ORDER BY description`,
    );
    expect(stored.rows.map((row) => [row.description, row.utc])).toEqual([
      ['UTC', '2026-06-30T23:30Z'],
      ['lokal WIB', '2026-06-30T16:30Z'],
      ['lokal WITA', '2026-06-30T15:30Z'],
    ]);
  });
});
