/** Spreadsheet imports with broken files: every bad row is named with its line and reason, and nothing changes. */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03']);
});
afterAll(async () => {
  await context.pool.query(`DELETE FROM foreign_resident WHERE source = 'import' AND nationality = 'ISL'`);
  await context.pool.query(`DELETE FROM incident WHERE source = 'import' AND 'ISL' = ANY(nationalities)`);
  await context.pool.query(`DELETE FROM workplace WHERE source = 'import' AND company LIKE 'PT Uji Impor%'`);
  await context.close();
});

function multipart(kind: string, fileName: string, content: Buffer) {
  const boundary = `----pantau${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(as: SignedIn, kind: string, fileName: string, content: Buffer | string) {
  const body = multipart(kind, fileName, Buffer.isBuffer(content) ? content : Buffer.from(content));
  return context.request(as, { method: 'POST', url: '/api/imports', ...body });
}

const countImported = async (table: 'incident' | 'foreign_resident') =>
  Number(
    (
      await context.pool.query(
        table === 'incident'
          ? `SELECT count(*) AS n FROM incident WHERE 'ISL' = ANY(nationalities)`
          : `SELECT count(*) AS n FROM foreign_resident WHERE nationality = 'ISL'`,
      )
    ).rows[0].n,
  );

describe('importing incidents from CSV', () => {
  const header = 'Jenis Kejadian;Tanggal;Jumlah Orang;Kewarganegaraan;Tingkat;Instansi Pelapor;Kode Desa;Uraian';
  const good = [
    'pelintasan ilegal;2026-05-10;3;ISL;sedang;TNI;61.03.21.2003;Uji impor 1',
    'tppm;12/06/2026;5;ISL;tinggi;POLRI;61.03.21.2003;Uji impor 2',
  ];

  test('a file with mistakes: the preview names each bad line and why; the commit saves nothing', async () => {
    const csv = [
      header,
      ...good,
      'banjir;2026-05-11;2;ISL;sedang;TNI;61.03.21.2003;x',
      'tppm;31/02/2026;1;ISL;sedang;POLRI;61.03.21.2003;x',
      'tppm;2026-05-01;-4;ISL;sedang;POLRI;61.01.01.2001;x',
    ].join('\n');
    const before = await countImported('incident');
    const uploaded = await upload(intel, 'incidents', 'kejadian.csv', csv);
    expect(uploaded.statusCode).toBe(201);
    const { importId, suggestedMapping, rowCount } = uploaded.json();
    expect(rowCount).toBe(5);
    expect(suggestedMapping).toMatchObject({
      type: 'Jenis Kejadian',
      occurredAt: 'Tanggal',
      peopleCount: 'Jumlah Orang',
      desaCode: 'Kode Desa',
    });

    const preview = await context.request(intel, {
      method: 'POST',
      url: `/api/imports/${importId}/preview`,
      payload: {},
    });
    expect(preview.statusCode).toBe(200);
    const { validCount, invalid } = preview.json();
    expect(validCount).toBe(2);
    expect(invalid.map((row: { line: number }) => row.line)).toEqual([4, 5, 6]);
    expect(invalid[0].errors[0].message.en).toContain("'banjir' is not a known incident type");
    expect(invalid[1].errors[0].message.id).toContain('bukan tanggal yang ada');
    const line6 = invalid[2].errors.map((error: { message: { en: string } }) => error.message.en).join(' | ');
    expect(line6).toContain('Number of people must be a number from 0 to 10000');
    expect(line6).toContain("outside your account's area");

    const commit = await context.request(intel, { method: 'POST', url: `/api/imports/${importId}/commit` });
    expect(commit.statusCode).toBe(422);
    expect(commit.json()).toMatchObject({ code: 'IMPORT_HAS_ERRORS', details: { invalid: expect.any(Array) } });
    expect(await countImported('incident')).toBe(before);
  });

  test('a clean file is saved whole, once, and audited', async () => {
    const before = await countImported('incident');
    const { importId } = (
      await upload(member, 'incidents', 'kejadian-bersih.csv', [header, ...good].join('\n'))
    ).json();
    expect(
      (await context.request(member, { method: 'POST', url: `/api/imports/${importId}/preview`, payload: {} })).json()
        .invalid,
    ).toEqual([]);
    const commit = await context.request(member, { method: 'POST', url: `/api/imports/${importId}/commit` });
    expect(commit.json()).toEqual({ importId, kind: 'incidents', saved: 2 });
    expect(await countImported('incident')).toBe(before + 2);
    const again = await context.request(member, { method: 'POST', url: `/api/imports/${importId}/commit` });
    expect(again.statusCode).toBe(409);
    const audit = await context.pool.query(
      `SELECT details FROM audit_log WHERE action = 'import.commit' AND target_id = $1`,
      [importId],
    );
    expect(audit.rows[0].details).toEqual({ fileName: 'kejadian-bersih.csv', rows: 2 });
  });

  test('wrong columns: the mapping names what is missing', async () => {
    const { importId } = (await upload(intel, 'incidents', 'kolom-salah.csv', 'Apa;Kapan\nx;y')).json();
    const preview = await context.request(intel, {
      method: 'POST',
      url: `/api/imports/${importId}/preview`,
      payload: { mapping: { type: 'Apa', occurredAt: 'Tidak Ada' } },
    });
    expect(preview.statusCode).toBe(400);
    expect(preview.json().code).toBe('INVALID_MAPPING');
    expect(preview.json().message.en).toContain("there is no column 'Tidak Ada'");
    expect(preview.json().details.missing).toEqual(
      expect.arrayContaining(['peopleCount', 'severity', 'reportingAgency']),
    );
  });
});

describe('importing residents from XLSX', () => {
  async function workbook(rows: (string | number | Date | null)[][]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('WNA');
    sheet.addRow([
      'Nama',
      'Kewarganegaraan',
      'Jenis Kelamin',
      'Jenis Izin',
      'Tanggal Terbit',
      'Tanggal Habis',
      'Desa',
      'Kabupaten',
      'Bujur',
      'Lintang',
    ]);
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  test('bad dates, an unknown desa (with suggestions), coordinates outside Indonesia, a missing name: each named; nothing saved', async () => {
    const file = await workbook([
      [
        'Orang Uji Satu',
        'ISL',
        'L',
        'KITAS',
        new Date(Date.UTC(2026, 0, 5)),
        '2026-12-31',
        'Entikong',
        'Sanggau',
        null,
        null,
      ],
      ['Orang Uji Dua', 'ISL', 'P', 'ITK', 'kemarin', '2026-12-31', 'Entikong', 'Sanggau', null, null],
      ['Orang Uji Tiga', 'ISL', 'L', 'ITAS', '2026-01-05', '2027-01-05', 'Entikog', 'Kabupaten Sanggau', null, null],
      ['Orang Uji Empat', 'ISL', 'L', 'ITAS', '2026-01-05', '2027-01-05', null, null, 100.5, 13.75],
      [null, 'ISL', 'L', 'ITAS', '2026-01-05', '2025-01-05', 'Entikong', 'Sanggau', null, null],
    ]);
    const before = await countImported('foreign_resident');
    const uploaded = await upload(intel, 'residents', 'wna.xlsx', file);
    expect(uploaded.statusCode).toBe(201);
    const { importId } = uploaded.json();
    const mapping = {
      fullName: 'Nama',
      nationality: 'Kewarganegaraan',
      sex: 'Jenis Kelamin',
      permitType: 'Jenis Izin',
      permitIssuedOn: 'Tanggal Terbit',
      permitExpiresOn: 'Tanggal Habis',
      desaName: 'Desa',
      kabupaten: 'Kabupaten',
      lon: 'Bujur',
      lat: 'Lintang',
    };
    const preview = (
      await context.request(intel, { method: 'POST', url: `/api/imports/${importId}/preview`, payload: { mapping } })
    ).json();
    expect(preview.validCount).toBe(1);
    expect(preview.invalid.map((row: { line: number }) => row.line)).toEqual([3, 4, 5, 6]);
    const [line3, line4, line5, line6] = preview.invalid;
    expect(line3.errors[0].message.en).toContain("'kemarin' is not a date");
    expect(line4.errors[0].message.en).toContain("no desa 'Entikog' in Kabupaten Sanggau");
    expect(line4.suggestions[0]).toMatch(/^Entikong \(61\.03\.21\.\d{4}\)$/);
    expect(line5.errors[0].message.en).toBe('the coordinates lie outside Indonesia');
    const line6Messages = line6.errors.map((error: { message: { en: string } }) => error.message.en);
    expect(line6Messages).toEqual(
      expect.arrayContaining(["'Full name' is empty", 'Permit expires on: expires before it was issued']),
    );
    expect((await context.request(intel, { method: 'POST', url: `/api/imports/${importId}/commit` })).statusCode).toBe(
      422,
    );
    expect(await countImported('foreign_resident')).toBe(before);
  });

  test('a member may not import people', async () => {
    const response = await upload(member, 'residents', 'wna.xlsx', await workbook([]));
    expect(response.statusCode).toBe(403);
  });
});

describe('files that cannot be imported', () => {
  test('a 50 MB file is refused with 413 and nothing is stored', async () => {
    const drafts = Number((await context.pool.query('SELECT count(*) AS n FROM import_draft')).rows[0].n);
    const response = await upload(intel, 'incidents', 'besar.csv', Buffer.alloc(50 * 1024 * 1024, 'a'));
    expect(response.statusCode).toBe(413);
    expect(response.json().message.id).toContain('terlalu besar');
    expect(Number((await context.pool.query('SELECT count(*) AS n FROM import_draft')).rows[0].n)).toBe(drafts);
  });

  test.each([
    ['data.pdf', 415, 'UNSUPPORTED_FILE_TYPE', 'x'],
    ['rusak.xlsx', 400, 'UNREADABLE_FILE', 'not a zip'],
    ['rusak.geojson', 400, 'UNREADABLE_FILE', '{"type":"Point"}'],
    ['kosong.csv', 400, 'UNREADABLE_FILE', 'Jenis Kejadian;Tanggal\n'],
  ])('%s answers %i %s', async (fileName, status, code, content) => {
    const response = await upload(intel, 'incidents', fileName, content);
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
  });

  test('GeoJSON workplaces are located by their points', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [110.35, 0.97] },
          properties: { Perusahaan: 'PT Uji Impor Sawit', Sektor: 'kelapa sawit', Kewarganegaraan: 'MYS', Jumlah: 12 },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [108.0, 3.0] },
          properties: { Perusahaan: 'PT Uji Impor Laut', Sektor: 'perikanan' },
        },
      ],
    });
    const { importId, suggestedMapping } = (await upload(intel, 'workplaces', 'kebun.geojson', geojson)).json();
    expect(suggestedMapping).toMatchObject({ company: 'Perusahaan', sector: 'Sektor', lon: 'lon', lat: 'lat' });
    const preview = (
      await context.request(intel, { method: 'POST', url: `/api/imports/${importId}/preview`, payload: {} })
    ).json();
    expect(preview.invalid).toEqual([
      {
        line: 2,
        errors: [
          {
            field: 'desa',
            message: expect.objectContaining({
              en: 'the point is in Indonesia but outside the provinces Pantau holds',
            }),
          },
        ],
        cells: { lon: 108, lat: 3 },
      },
    ]);
  });
});
