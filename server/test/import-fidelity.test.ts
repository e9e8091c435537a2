/**
 * Import fidelity: nationalities checked against ISO 3166-1, the headers immigration offices use mapped on their own,
 * a desa found elsewhere in the area named, refused commits audited, a template per kind, and bad cells corrected in
 * the preview without uploading again.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recognisedHeaders, suggestMapping } from '../src/uploads/column-mapping.ts';
import { IMPORT_FIELDS, type ImportKind } from '../src/uploads/fields.ts';
import { findNationality } from '../src/uploads/nationality.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61']);
  member = await context.signInAs('member', ['61.03']);
  viewer = await context.signInAs('viewer', ['61.03']);
});
afterAll(async () => {
  // Rows these tests commit carry Iceland as their nationality, which the demo data never uses.
  await context.pool.query(`DELETE FROM incident WHERE source = 'import' AND 'ISL' = ANY(nationalities)`);
  await context.close();
});

function multipart(kind: string, fileName: string, content: string) {
  const boundary = `----pantau${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(as: SignedIn, kind: string, fileName: string, content: string) {
  const response = await context.request(as, {
    method: 'POST',
    url: '/api/imports',
    ...multipart(kind, fileName, content),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const preview = async (as: SignedIn, importId: string, mapping?: Record<string, string>) =>
  context.request(as, { method: 'POST', url: `/api/imports/${importId}/preview`, payload: mapping ? { mapping } : {} });

const incidentHeader = 'Jenis Kejadian;Tanggal;Jumlah Orang;Kewarganegaraan;Tingkat;Instansi Pelapor;Kode Desa';

describe('nationality codes and names', () => {
  test.each([
    ['MYS', 'MYS'],
    ['mys', 'MYS'],
    ['Malaysia', 'MYS'],
    ['Korea Selatan', 'KOR'],
    ['south korea', 'KOR'],
    ['Tiongkok', 'CHN'],
    ['Pantai Gading', 'CIV'],
    ["CÔTE D'IVOIRE", 'CIV'],
    ['Timor Leste', 'TLS'],
    ['Belanda', 'NLD'],
    ['ISL', 'ISL'],
  ])('%s is %s', (text, code) => {
    expect(findNationality(text)).toEqual({ code });
  });

  test('every ISO 3166-1 alpha-3 code is known, not only the ones met at the border', () => {
    for (const code of ['AFG', 'ZWE', 'PNG', 'BRN', 'VNM', 'FJI', 'ATA'])
      expect(findNationality(code)).toEqual({ code });
  });

  test.each(['XXA', 'XXB', 'ZZZ', 'UTO', 'Narnia', 'Korea'])('%s is refused with the reason', (text) => {
    const answer = findNationality(text);
    expect(answer).toHaveProperty('error');
    if (!('error' in answer)) return;
    expect(answer.error.en).toContain(`'${text}'`);
    expect(answer.error.id).toContain(`'${text}'`);
  });

  test('an import names the line with a stateless (XXA) code and accepts an Indonesian country name', async () => {
    const csv = [
      incidentHeader,
      'tppm;2026-05-10;2;XXA;sedang;POLRI;61.03.21.2003',
      'tppm;2026-05-10;2;Islandia, Pantai Gading;sedang;POLRI;61.03.21.2003',
    ].join('\n');
    const { importId } = await upload(member, 'incidents', 'negara.csv', csv);
    const answer = (await preview(member, importId)).json();
    expect(answer.validCount).toBe(1);
    expect(answer.invalid).toHaveLength(1);
    expect(answer.invalid[0]).toMatchObject({ line: 2, cells: { Kewarganegaraan: 'XXA' } });
    expect(answer.invalid[0].errors[0].message.en).toBe(
      "Nationalities (comma-separated): 'XXA' is not an ISO 3166-1 alpha-3 country code (e.g. MYS, CHN)",
    );
  });
});

describe('suggested column mapping', () => {
  test('the headers of an immigration office register map every resident field', () => {
    const headers = [
      'No',
      'Nama Lengkap',
      'Jenis Kelamin',
      'Tgl. Lahir',
      'KEWARGANEGARAAN',
      'No. Paspor',
      'Jenis Izin Tinggal',
      'No Izin Tinggal',
      'Tanggal Terbit',
      'Tanggal Berakhir',
      'Sponsor / Perusahaan',
      'Alamat',
      'Desa/Kelurahan',
      'Kecamatan',
      'Kab/Kota',
      'Status',
      'Kode Desa',
      'Bujur',
      'Lintang',
    ];
    expect(suggestMapping('residents', headers)).toEqual({
      fullName: 'Nama Lengkap',
      sex: 'Jenis Kelamin',
      birthYear: 'Tgl. Lahir',
      nationality: 'KEWARGANEGARAAN',
      passportNumber: 'No. Paspor',
      permitType: 'Jenis Izin Tinggal',
      permitNumber: 'No Izin Tinggal',
      permitIssuedOn: 'Tanggal Terbit',
      permitExpiresOn: 'Tanggal Berakhir',
      sponsor: 'Sponsor / Perusahaan',
      status: 'Status',
      desaCode: 'Kode Desa',
      desaName: 'Desa/Kelurahan',
      kabupaten: 'Kab/Kota',
      lon: 'Bujur',
      lat: 'Lintang',
    });
  });

  test('English headers map too', () => {
    const headers = ['Full Name', 'Sex', 'Nationality', 'Passport No.', 'Permit Type', 'Permit No.', 'Date of Issue'];
    expect(
      Object.keys(suggestMapping('residents', [...headers, 'Expiry Date', 'Employer', 'Village', 'Regency'])),
    ).toEqual(
      expect.arrayContaining([
        'fullName',
        'sex',
        'nationality',
        'passportNumber',
        'permitType',
        'permitNumber',
        'permitIssuedOn',
        'permitExpiresOn',
        'sponsor',
        'desaName',
        'kabupaten',
      ]),
    );
  });

  test.each(['residents', 'workplaces', 'incidents'] as const)(
    '%s: every field is recognised by its template header, and no header is claimed by two fields',
    (kind: ImportKind) => {
      const fields = IMPORT_FIELDS[kind];
      const mapping = suggestMapping(
        kind,
        fields.map((definition) => definition.header),
      );
      expect(Object.keys(mapping).sort()).toEqual(fields.map((definition) => definition.key).sort());
      const claimed = fields.flatMap((definition) => recognisedHeaders(definition));
      expect(claimed.filter((header, index) => claimed.indexOf(header) !== index)).toEqual([]);
    },
  );
});

describe('cells registers keep in other shapes', () => {
  const birthYear = IMPORT_FIELDS.residents.find((definition) => definition.key === 'birthYear')!;
  test.each([
    ['1985', 1985],
    ['12/03/1985', 1985],
    ['1985-03-12', 1985],
    [31_118, 1985],
  ] as const)('a date of birth %s gives the birth year %i', (cell, year) => {
    expect(birthYear.parse(cell)).toEqual({ value: year });
  });
});

describe('a desa not found in the given kabupaten', () => {
  test('names where a desa of that name lies in the account’s area', async () => {
    const csv = [
      'Jenis Kejadian;Tanggal;Jumlah Orang;Tingkat;Instansi Pelapor;Desa;Kabupaten',
      'tppm;2026-05-10;1;sedang;TNI;Entikong;Bengkayang',
    ].join('\n');
    const { importId } = await upload(intel, 'incidents', 'desa-salah.csv', csv);
    const [row] = (await preview(intel, importId)).json().invalid;
    expect(row.errors[0].message.id).toBe(
      "desa 'Entikong' tidak ditemukan di Bengkayang; Entikong ada di Kec. Entikong, Kab. Sanggau",
    );
    expect(row.errors[0].message.en).toBe(
      "no desa 'Entikong' in Bengkayang; Entikong is in Kec. Entikong, Kab. Sanggau",
    );
    expect(row.suggestions).toContain('Entikong, Kec. Entikong, Kab. Sanggau (61.03.21.2003)');
    expect(row.cells).toEqual({ Desa: 'Entikong', Kabupaten: 'Bengkayang' });
  });

  test('says nothing of desa outside the account’s area', async () => {
    const bengkayang = await context.signInAs('member', ['61.07']);
    const csv = [
      'Jenis Kejadian;Tanggal;Jumlah Orang;Tingkat;Instansi Pelapor;Desa;Kabupaten',
      'tppm;2026-05-10;1;sedang;TNI;Entikong;Bengkayang',
    ].join('\n');
    const { importId } = await upload(bengkayang, 'incidents', 'desa-salah.csv', csv);
    const [row] = (await preview(bengkayang, importId)).json().invalid;
    expect(row.errors[0].message.en).toBe("no desa 'Entikong' in Bengkayang");
    expect(JSON.stringify(row)).not.toContain('Sanggau');
  });
});

describe('committing', () => {
  test('a refused commit is recorded in the audit trail with what stopped it', async () => {
    const csv = [incidentHeader, 'banjir;2026-05-10;2;ISL;sedang;POLRI;61.03.21.2003'].join('\n');
    const { importId } = await upload(member, 'incidents', 'ditolak.csv', csv);
    const commit = await context.request(member, { method: 'POST', url: `/api/imports/${importId}/commit` });
    expect(commit.statusCode).toBe(422);
    const audit = await context.pool.query(
      `SELECT username, outcome, target_type, details FROM audit_log WHERE action = 'import.commit' AND target_id = $1`,
      [importId],
    );
    expect(audit.rows).toEqual([
      {
        username: member.username,
        outcome: 'failed',
        target_type: 'incidents',
        details: { fileName: 'ditolak.csv', rows: 1, refused: 'IMPORT_HAS_ERRORS', invalidRows: 1 },
      },
    ]);
  });

  test('a commit refused for an incomplete mapping is recorded too', async () => {
    const { importId } = await upload(member, 'incidents', 'kolom.csv', 'Apa;Kapan\nx;y');
    expect((await context.request(member, { method: 'POST', url: `/api/imports/${importId}/commit` })).statusCode).toBe(
      400,
    );
    const audit = await context.pool.query(
      `SELECT outcome, details FROM audit_log WHERE action = 'import.commit' AND target_id = $1`,
      [importId],
    );
    expect(audit.rows).toEqual([
      { outcome: 'failed', details: { fileName: 'kolom.csv', rows: 1, refused: 'INVALID_MAPPING' } },
    ]);
  });
});

describe('GET /api/imports/templates/:kind', () => {
  test.each(['residents', 'workplaces', 'incidents'] as const)(
    'the %s template uploads back as it is: every field mapped, its example row valid',
    async (kind) => {
      const response = await context.request(intel, { method: 'GET', url: `/api/imports/templates/${kind}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="pantau-templat-${kind}.csv"`);
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]!.split(';')).toEqual(IMPORT_FIELDS[kind].map((definition) => definition.header));
      const uploaded = await upload(intel, kind, `templat-${kind}.csv`, response.body);
      expect(Object.keys(uploaded.suggestedMapping).sort()).toEqual(IMPORT_FIELDS[kind].map((f) => f.key).sort());
      const checked = (await preview(intel, uploaded.importId)).json();
      expect(checked).toMatchObject({ rowCount: 1, validCount: 1, invalid: [] });
    },
  );

  test('only the roles that may import a kind get its template', async () => {
    const get = (as: SignedIn | null, kind: string) =>
      context.request(as, { method: 'GET', url: `/api/imports/templates/${kind}` });
    expect((await get(member, 'incidents')).statusCode).toBe(200);
    const residents = await get(member, 'residents');
    expect(residents.statusCode).toBe(403);
    expect(residents.json().message.id).toContain('intel');
    expect((await get(viewer, 'incidents')).statusCode).toBe(403);
    expect((await get(null, 'incidents')).statusCode).toBe(401);
    const unknown = await get(member, 'kapal');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'INVALID_REQUEST', message: { id: expect.any(String) } });
  });
});

describe('PATCH /api/imports/:id/cells', () => {
  const csv = [
    incidentHeader,
    'banjir;2026-05-10;2;ISL;sedang;POLRI;61.03.21.2003',
    'tppm;2026-05-11;3;XXA;tinggi;TNI;61.03.21.2003',
    'tppm;2026-05-12;1;ISL;rendah;TNI;61.03.21.2003',
  ].join('\n');
  const correct = (as: SignedIn, importId: string, cells: unknown) =>
    context.request(as, { method: 'PATCH', url: `/api/imports/${importId}/cells`, payload: { cells } });

  test('corrected cells are checked again and then saved, without uploading the file again', async () => {
    const { importId } = await upload(member, 'incidents', 'perbaiki.csv', csv);
    const first = (await preview(member, importId)).json();
    expect(first.invalid.map((row: { line: number; cells: unknown }) => [row.line, row.cells])).toEqual([
      [2, { 'Jenis Kejadian': 'banjir' }],
      [3, { Kewarganegaraan: 'XXA' }],
    ]);
    const half = await correct(member, importId, [{ line: 2, column: 'Jenis Kejadian', value: ' pelintasan ilegal ' }]);
    expect(half.statusCode).toBe(200);
    expect(half.json()).toMatchObject({ validCount: 2, invalid: [{ line: 3 }] });
    const whole = await correct(member, importId, [{ line: 3, column: 'Kewarganegaraan', value: 'Islandia' }]);
    expect(whole.json()).toMatchObject({ rowCount: 3, validCount: 3, invalid: [] });

    const commit = await context.request(member, { method: 'POST', url: `/api/imports/${importId}/commit` });
    expect(commit.json()).toEqual({ importId, kind: 'incidents', saved: 3 });
    // Only this test commits in this file, and afterAll removes what it saved.
    const saved = await context.pool.query(
      `SELECT type, people_count, nationalities FROM incident
       WHERE source = 'import' AND 'ISL' = ANY(nationalities) ORDER BY occurred_at`,
    );
    expect(saved.rows).toEqual([
      { type: 'illegal_crossing', people_count: 2, nationalities: ['ISL'] },
      { type: 'tppm', people_count: 3, nationalities: ['ISL'] },
      { type: 'tppm', people_count: 1, nationalities: ['ISL'] },
    ]);
    expect((await correct(member, importId, [{ line: 2, column: 'Tingkat', value: 'x' }])).statusCode).toBe(409);
  });

  test('an emptied cell counts as empty', async () => {
    const { importId } = await upload(member, 'incidents', 'kosongkan.csv', csv);
    const answer = (await correct(member, importId, [{ line: 4, column: 'Tingkat', value: '  ' }])).json();
    expect(answer.invalid.find((row: { line: number }) => row.line === 4)).toMatchObject({
      errors: [{ field: 'severity', message: { en: "'Severity' is empty" } }],
      cells: { Tingkat: null },
    });
  });

  test('lines and columns that are not in the file, and other people’s imports, are refused', async () => {
    const { importId } = await upload(member, 'incidents', 'salah.csv', csv);
    const wrong = await correct(member, importId, [
      { line: 99, column: 'Tingkat', value: 'tinggi' },
      { line: 2, column: 'Warna', value: 'merah' },
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'INVALID_CORRECTION',
      message: { id: expect.stringContaining('baris 99 tidak ada'), en: expect.stringContaining("no column 'Warna'") },
      details: { unknownLines: [99], unknownColumns: ['Warna'] },
    });
    expect((await correct(intel, importId, [{ line: 2, column: 'Tingkat', value: 'x' }])).statusCode).toBe(404);
    expect((await correct(member, importId, [{ line: 2, column: 'Tingkat', value: 5 }])).statusCode).toBe(400);
    expect((await correct(member, importId, [])).statusCode).toBe(400);
    expect((await correct(viewer, importId, [{ line: 2, column: 'Tingkat', value: 'x' }])).statusCode).toBe(403);
  });
});
