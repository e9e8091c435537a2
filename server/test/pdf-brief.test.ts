/**
 * The region brief as a PDF (issue #11), read back as text: its pages, title and frame, key numbers equal to what the
 * API answers the same role, nothing personal for any role (real names, passports, phones and incident text taken
 * from the database), the area enforced, every export audited, bad input refused with a 400.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../src/domain/actor.ts';
import { formatCount, printable } from '../src/exports/pdf-format.ts';
import { shadingClasses } from '../src/exports/pdf-map.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
const FROM = '2025-12-01';
const TO = '2026-11-30';
const PERIOD = `from=${FROM}&to=${TO}`;
const PLANTED_TEXT = 'Keterangan uji PDF: saksi bernama Rahasia Sekali';

interface ParsedPdf {
  pages: string[];
  /** All pages, white space made single spaces. */
  flat: string;
  lines: string[];
}

async function parsePdf(bytes: Buffer): Promise<ParsedPdf> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    const pages = result.pages.map((page) => page.text);
    return { pages, flat: pages.join(' ').replace(/\s+/g, ' '), lines: pages.join('\n').split('\n') };
  } finally {
    await parser.destroy();
  }
}

async function fetchBrief(as: SignedIn, query: string): Promise<ParsedPdf> {
  const response = await context.request(as, { method: 'GET', url: `/api/exports/brief.pdf?${query}` });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return parsePdf(response.rawPayload);
}

/** The value printed on the line after a key number's label. */
const valueAfter = (pdf: ParsedPdf, label: string) => pdf.lines[pdf.lines.indexOf(label) + 1];

const expectRefusal = async (as: SignedIn | null, query: string, status: number, code?: string) => {
  const response = await context.request(as, { method: 'GET', url: `/api/exports/brief.pdf?${query}` });
  expect(response.statusCode, query).toBe(status);
  const body = response.json();
  if (code) expect(body.code, query).toBe(code);
  expect(body.message, query).toEqual({ id: expect.any(String), en: expect.any(String) });
  return body;
};

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03']);
  // An incident with free text in the period, filed by intel: the text must not reach any PDF.
  const point = await context.pool.query(
    `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM desa
     WHERE starts_with(code, '61.03.07.') ORDER BY code LIMIT 1`,
  );
  const filed = await context.request(intel, {
    method: 'POST',
    url: '/api/incidents',
    payload: {
      type: 'illegal_work',
      occurredAt: '2026-06-15T10:00:00+07:00',
      lon: point.rows[0].lon,
      lat: point.rows[0].lat,
      nationalities: ['MYS'],
      peopleCount: 2,
      severity: 'sedang',
      description: PLANTED_TEXT,
    },
  });
  expect(filed.statusCode, filed.body).toBe(201);
});
afterAll(async () => {
  // The filed incident is this file's own: the demo data's checks count every row that is not demo data.
  await context.pool.query('DELETE FROM incident WHERE description = $1', [PLANTED_TEXT]);
  await context.close();
});

describe('GET /api/exports/brief.pdf', () => {
  test('answers a PDF to download, not stored, of three framed pages titled for the kabupaten', async () => {
    const response = await context.request(intel, {
      method: 'GET',
      url: `/api/exports/brief.pdf?region=61.03&${PERIOD}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="ringkasan-61.03-2026-11-30.pdf"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await parsePdf(response.rawPayload);
    expect(pdf.pages).toHaveLength(3);
    expect(pdf.lines[0]).toBe('Ringkasan wilayah: Kab. Sanggau');
    expect(pdf.flat).toContain('Periode: 1 Des 2025 – 30 Nov 2026');
    expect(pdf.flat).toContain('Instansi: Imigrasi');
    pdf.pages.forEach((page, index) => {
      const flat = page.replace(/\s+/g, ' ');
      expect(flat).toContain(`Halaman ${index + 1} dari 3`);
      expect(flat).toContain('Sumber: Pantau — data operasional TIMPORA; Batas wilayah © cahyadsn/wilayah_boundaries');
      // The demo data is loaded in the test database.
      expect(flat).toContain('DATA SINTETIS / SYNTHETIC DATA');
    });
    // No classification set: no banner.
    expect(pdf.flat).not.toMatch(/BIASA|TERBATAS|RAHASIA/);
  });

  test('intel: key numbers are the API’s answers to intel for the same region and period', async () => {
    const pdf = await fetchBrief(intel, `region=61.03&${PERIOD}`);
    const atEnd = await context.getJson(intel, `/api/layers/summary?region=61.03&from=${TO}&to=${TO}&level=kabupaten`);
    const period = await context.getJson(intel, `/api/layers/summary?region=61.03&${PERIOD}&level=kabupaten`);
    const incidents = await context.getJson(
      intel,
      `/api/layers/incidents/summary?level=kabupaten&region=61.03&${PERIOD}`,
    );
    expect(valueAfter(pdf, 'Orang asing')).toBe(formatCount('id', atEnd.people));
    expect(valueAfter(pdf, 'Overstay')).toBe(formatCount('id', atEnd.overstay));
    expect(valueAfter(pdf, 'Izin habis dalam 30 hari')).toBe(formatCount('id', atEnd.expiringWithin30Days));
    expect(valueAfter(pdf, 'Kejadian')).toBe(formatCount('id', period.incidents));
    expect(period.incidents).toBeGreaterThan(0);
    expect(valueAfter(pdf, 'Orang terlibat')).toBe(formatCount('id', incidents.regions[0].people));
    const binaan = await context.getJson(intel, '/api/layers/desa-binaan?region=61.03');
    expect(valueAfter(pdf, 'Desa binaan')).toBe(String(binaan.desaBinaan.length));
    const { teams } = await context.getJson(intel, '/api/layers/timpora-teams');
    const inRegion = teams.filter((team: { kecamatanCode: string }) => team.kecamatanCode.startsWith('61.03.'));
    const formed = inRegion.filter((team: { formed: boolean }) => team.formed).length;
    expect(valueAfter(pdf, 'Tim TIMPORA terbentuk / target')).toBe(`${formed} / ${inRegion.length}`);
    // The table of incidents by type, row by row.
    for (const [type, label] of [
      ['illegal_work', 'Bekerja tanpa izin'],
      ['pmi_nonprosedural', 'PMI nonprosedural'],
    ] as const) {
      const count = period.incidentsByType[type];
      expect(count, type).toBeGreaterThan(0);
      expect(pdf.flat).toContain(`${label} ${formatCount('id', count)} `);
    }
    expect(pdf.flat).toContain(`Jumlah seluruhnya ${formatCount('id', period.incidents)} 100 %`);
  });

  test('member: counts of people are the published values the API gives a member, and no people involved', async () => {
    const pdf = await fetchBrief(member, `region=61.03&${PERIOD}`);
    const rollUp = await context.getJson(member, `/api/layers/residents/summary?level=kabupaten&region=61.03&to=${TO}`);
    const view = await context.getJson(member, `/api/layers/summary?region=61.03&${PERIOD}&level=kabupaten`);
    expect(rollUp.disclosureControl).toBe(true);
    const region = rollUp.regions.find((row: { code: string }) => row.code === '61.03');
    const published = (value: number | string) => (typeof value === 'number' ? value : 0);
    for (const [label, field] of [
      ['Orang asing', 'people'],
      ['Overstay', 'overstay'],
      ['Izin habis dalam 30 hari', 'expiringWithin30Days'],
    ] as const) {
      // As given: a number, or the suppression marker "< 3"; the view summary counts a suppressed value as 0.
      expect(valueAfter(pdf, label), label).toBe(formatCount('id', region[field]));
      expect(published(region[field]), label).toBe(view[field]);
    }
    expect(valueAfter(pdf, 'Kejadian')).toBe(formatCount('id', view.incidents));
    expect(pdf.lines).not.toContain('Orang terlibat');
    expect(pdf.flat).toContain('kendali pengungkapan');
  });

  test('no role’s PDF holds a name, passport, phone or incident text from the data', async () => {
    const residents = await context.pool.query(
      `SELECT full_name, passport_number, permit_number, sponsor FROM foreign_resident WHERE left(desa_code, 5) = '61.03'`,
    );
    const incidents = await context.pool.query(
      `SELECT unnest(people_names) AS name FROM incident WHERE left(desa_code, 5) = '61.03'
       UNION ALL SELECT description FROM incident WHERE left(desa_code, 5) = '61.03' AND description IS NOT NULL`,
    );
    const binaan = await context.pool.query(
      `SELECT pimpasa_name, pimpasa_phone FROM desa_binaan WHERE left(desa_code, 5) = '61.03'`,
    );
    const workplaces = await context.pool.query(
      `SELECT contact_name, contact_phone FROM workplace WHERE left(desa_code, 5) = '61.03'`,
    );
    const secrets = [
      ...residents.rows.flatMap((row) => [row.full_name, row.passport_number, row.permit_number, row.sponsor]),
      ...incidents.rows.map((row) => row.name),
      ...binaan.rows.flatMap((row) => [row.pimpasa_name, row.pimpasa_phone]),
      ...workplaces.rows.flatMap((row) => [row.contact_name, row.contact_phone]),
    ]
      .filter((value): value is string => typeof value === 'string' && value.trim().length >= 5)
      .map((value) => printable(value).replace(/\s+/g, ' ').trim());
    // The checks mean something only when the data has such values.
    expect(residents.rows.length).toBeGreaterThan(10);
    expect(secrets).toContain(PLANTED_TEXT);
    expect(binaan.rows.some((row) => row.pimpasa_phone)).toBe(true);
    for (const as of [member, intel]) {
      for (const query of [`region=61.03&${PERIOD}`, `region=61.03.07&${PERIOD}&lang=en`]) {
        const pdf = await fetchBrief(as, query);
        const leaked = secrets.filter((secret) => pdf.flat.includes(secret));
        expect(leaked, `${as.role} ${query}`).toEqual([]);
      }
    }
  });

  test('a kecamatan brief, in English, with its own title and numbers', async () => {
    const pdf = await fetchBrief(member, `region=61.03.07&${PERIOD}&lang=en`);
    expect(pdf.lines[0]).toBe('Area brief: Kec. Sekayam');
    expect(pdf.flat).toContain('Kab. Sanggau, Kalimantan Barat (61.03.07)');
    expect(pdf.flat).toContain('Period: 1 Dec 2025 – 30 Nov 2026');
    expect(pdf.flat).toContain(`Page 1 of ${pdf.pages.length}`);
    expect(pdf.flat).toContain('Source: Pantau — TIMPORA operational data; Boundaries © cahyadsn/wilayah_boundaries');
    const view = await context.getJson(member, `/api/layers/summary?region=61.03.07&${PERIOD}&level=kecamatan`);
    expect(valueAfter(pdf, 'Incidents')).toBe(formatCount('en', view.incidents));
  });

  test('the classification setting is printed at the top and bottom of every page', async () => {
    await context.app.settings.update(systemActor, { classification: 'terbatas' });
    try {
      const pdf = await fetchBrief(member, `region=61.03&${PERIOD}`);
      for (const page of pdf.pages) expect(page.match(/TERBATAS/g)).toHaveLength(2);
    } finally {
      await context.app.settings.update(systemActor, { classification: 'none' });
    }
  });

  test('a presenting session gets the viewer’s brief: published counts, no people involved', async () => {
    const presenter = await context.signInAs('intel', ['61.03']);
    const on = await context.request(presenter, {
      method: 'PUT',
      url: '/api/session/presentation',
      payload: { presenting: true },
    });
    expect(on.statusCode).toBe(200);
    const pdf = await fetchBrief(presenter, `region=61.03&${PERIOD}`);
    const memberPdf = await fetchBrief(member, `region=61.03&${PERIOD}`);
    expect(pdf.lines).not.toContain('Orang terlibat');
    expect(valueAfter(pdf, 'Orang asing')).toBe(valueAfter(memberPdf, 'Orang asing'));
  });

  test('every export is audited with the region, the period and the language', async () => {
    const before = new Date();
    await fetchBrief(intel, `region=61.03.07&from=2026-01-01&to=2026-06-30&lang=en`);
    const entry = await context.pool.query(
      `SELECT role, target_type, target_id, outcome, details FROM audit_log
       WHERE action = 'export.pdf' AND account_id = $1 AND at >= $2 ORDER BY id DESC LIMIT 1`,
      [intel.accountId, before],
    );
    expect(entry.rows[0]).toMatchObject({
      role: 'intel',
      target_type: 'region',
      target_id: '61.03.07',
      outcome: 'ok',
      details: { from: '2026-01-01', to: '2026-06-30', lang: 'en', level: 'kecamatan' },
    });
  });

  test('a region outside the caller’s area is refused and the attempt audited; an unknown one is a 404', async () => {
    await expectRefusal(member, 'region=61.06', 403, 'REGION_OUTSIDE_AREA');
    await expectRefusal(member, 'region=61.06.01', 403, 'REGION_OUTSIDE_AREA');
    await expectRefusal(member, 'region=53.20', 403, 'REGION_OUTSIDE_AREA');
    const denied = await context.pool.query(
      `SELECT count(*)::int AS n FROM audit_log
       WHERE action = 'export.pdf' AND account_id = $1 AND outcome = 'denied' AND target_id = '61.06'`,
      [member.accountId],
    );
    expect(denied.rows[0].n).toBe(1);
    await expectRefusal(member, 'region=61.99', 404, 'REGION_NOT_FOUND');
    // A province-wide account reaches every kabupaten of it.
    const provincial = await context.signInAs('member', ['61']);
    const pdf = await fetchBrief(provincial, 'region=61.06');
    expect(pdf.lines[0]).toBe('Ringkasan wilayah: Kab. Kapuas Hulu');
    // Outside the provinces with desa boundaries a kabupaten has only its own outline: still a brief.
    const aceh = await context.signInAs('viewer', ['11']);
    expect((await fetchBrief(aceh, 'region=11.01')).lines[0]).toBe('Ringkasan wilayah: Kab. Aceh Selatan');
  });

  test('bad input is a 400 with a code and both languages; no session is a 401', async () => {
    for (const query of [
      'region=abc',
      'region=61',
      'region=61.03.07.2001',
      'region=61.3',
      '',
      'region=61.03&from=2026-13-01',
      'region=61.03&to=yesterday',
      'region=61.03&lang=fr',
      'region=61.03&extra=1',
    ]) {
      await expectRefusal(member, query, 400);
    }
    await expectRefusal(member, 'region=61.03&from=2026-06-01&to=2026-01-01', 400, 'INVALID_PERIOD');
    await expectRefusal(member, 'region=61.03&from=2000-01-01&to=2026-01-01', 400, 'PERIOD_TOO_LONG');
    await expectRefusal(null, 'region=61.03', 401);
  });
});

describe('PDF formats', () => {
  test('numbers in Indonesian and English, markers as given, text the standard fonts can print', () => {
    expect(formatCount('id', 1234)).toBe('1.234');
    expect(formatCount('en', 1234)).toBe('1,234');
    expect(formatCount('id', '< 3')).toBe('< 3');
    expect(printable('Łódź ≈ 3 — “ok”')).toBe('?ódz ~ 3 — “ok”');
  });

  test('shading classes: 0 alone, then at most five classes of whole numbers up to the highest', () => {
    expect(shadingClasses([0, 0])).toHaveLength(1);
    const classes = shadingClasses([0, 3, 43]);
    expect(classes.map((entry) => [entry.min, entry.max])).toEqual([
      [0, 0],
      [1, 9],
      [10, 18],
      [19, 27],
      [28, 36],
      [37, 43],
    ]);
    expect(shadingClasses([2]).map((entry) => [entry.min, entry.max])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });
});
