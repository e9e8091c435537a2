/**
 * The agenda handout as a PDF (issue #11, meeting mode), read back as text: a cover listing the views in order, one
 * page per view with key numbers equal to what the API answers the same role for the same box, level, filters and
 * period (the expected query worked out here, not with the server's own parser), no speaker notes, the agency's
 * agendas only, a view the role may not ask for printed as not available, every export audited, bad input a 400.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatCount } from '../src/exports/pdf-format.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
let agendaId: number;
let refusedAgendaId: number;
let centre: { lon: number; lat: number };
const NOTES = 'Catatan pembicara: jangan sebut nama informan Sekali';
const INCIDENT_TEXT = 'Keterangan uji bahan rapat: korban bernama Rahasia Betul';
const TITLES = ['TPPO di Sanggau, triwulan I', 'ITAS selama tiga tahun'];
const ZOOMS = [8.5, 6.2];

/** Today where the accounts work (Kalimantan Barat, WIB), and the first day of the 36 months up to it. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const sliderStart = (() => {
  const serial = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - 35;
  return `${Math.floor(serial / 12)}-${String((serial % 12) + 1).padStart(2, '0')}-01`;
})();

/** The first view's period: three months well inside the slider's 36, whenever the test runs. */
const monthStart = (back: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
};
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const PERIOD = {
  from: isoDay(monthStart(11)),
  to: isoDay(new Date(monthStart(8).getTime() - 86_400_000)),
  link: `${isoDay(monthStart(11)).slice(0, 7)}..${isoDay(monthStart(9)).slice(0, 7)}`,
  incidentAt: `${isoDay(monthStart(10)).slice(0, 8)}10T09:00:00+07:00`,
};
const printedDay = (day: string) =>
  new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** The box a 1920×1080 screen of 512-px Web Mercator tiles shows, north up, as the web's bbox parameter. */
function screenBox(zoom: number, lon: number, lat: number): string {
  const world = 512 * 2 ** zoom;
  const y = ((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * world;
  const latAt = (pixel: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * pixel) / world))) * 180) / Math.PI;
  const half = (960 / world) * 360;
  return [lon - half, latAt(y + 540), lon + half, latAt(y - 540)].map((value) => value.toFixed(4)).join(',');
}

/** The summary strip's query for each view, as the web asks it. */
const expectedQueries = () => [
  `incidentType=tppo&from=${PERIOD.from}&to=${PERIOD.to}&level=kecamatan&bbox=${screenBox(ZOOMS[0]!, centre.lon, centre.lat)}`,
  `permitType=ITAS&from=${sliderStart}&to=${today}&level=kabupaten&bbox=${screenBox(ZOOMS[1]!, centre.lon, centre.lat)}`,
];

interface ParsedPdf {
  pages: string[];
  flat: string;
}

async function parsePdf(bytes: Buffer): Promise<ParsedPdf> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const pages = (await parser.getText()).pages.map((page) => page.text);
    return { pages, flat: pages.join(' ').replace(/\s+/g, ' ') };
  } finally {
    await parser.destroy();
  }
}

async function fetchHandout(as: SignedIn, id: number, query = ''): Promise<ParsedPdf> {
  const response = await context.request(as, { method: 'GET', url: `/api/agendas/${id}/handout.pdf${query}` });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return parsePdf(response.rawPayload);
}

/** The value printed on the line after a key number's label, on one page. */
const valueAfter = (page: string, label: string) => {
  const lines = page.split('\n');
  return lines[lines.indexOf(label) + 1];
};

async function create(as: SignedIn, url: string, payload: object): Promise<number> {
  const response = await context.request(as, { method: 'POST', url, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** Each view page's key numbers against the summary the same caller gets from the API for the same query. */
async function expectNumbersOf(as: SignedIn, pdf: ParsedPdf, lang: 'id' | 'en' = 'id') {
  const queries = expectedQueries();
  for (const [index, query] of queries.entries()) {
    const page = pdf.pages[index + 1]!;
    const summary = await context.getJson(as, `/api/layers/summary?${query}`);
    const labels =
      lang === 'id'
        ? ['Orang asing', 'Overstay', 'Izin habis dalam 30 hari', 'Kejadian']
        : ['Foreign residents', 'Overstays', 'Permits expiring within 30 days', 'Incidents'];
    const fields = ['people', 'overstay', 'expiringWithin30Days', 'incidents'] as const;
    fields.forEach((field, position) => {
      expect(valueAfter(page, labels[position]!), `${as.role} view ${index + 1} ${field}`).toBe(
        formatCount(lang, summary[field]),
      );
    });
    const tppo = (summary.incidentsByType as Record<string, number>).tppo ?? 0;
    if (lang === 'id' && tppo > 0) {
      expect(page.replace(/\s+/g, ' ')).toContain(`TPPO (perdagangan orang) ${formatCount(lang, tppo)}`);
    }
  }
}

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03']);
  const row = await context.pool.query(
    `SELECT round(ST_X(ST_PointOnSurface(geom))::numeric, 4)::float AS lon,
            round(ST_Y(ST_PointOnSurface(geom))::numeric, 4)::float AS lat FROM kabupaten WHERE code = '61.03'`,
  );
  centre = row.rows[0];
  // A TPPO incident in the first view's period, near the centre: its free text must reach no page.
  const filed = await context.request(intel, {
    method: 'POST',
    url: '/api/incidents',
    payload: {
      type: 'tppo',
      occurredAt: PERIOD.incidentAt,
      lon: centre.lon,
      lat: centre.lat,
      nationalities: ['MYS'],
      peopleCount: 3,
      severity: 'tinggi',
      description: INCIDENT_TEXT,
    },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  const links = [
    `peta=${ZOOMS[0]}/${centre.lat}/${centre.lon}&lapisan=incidents&jenis=tppo&periode=${PERIOD.link}`,
    `peta=${ZOOMS[1]}/${centre.lat}/${centre.lon}&izin=ITAS&periode=semua`,
  ];
  const viewIds = [];
  for (const [index, link] of links.entries()) {
    viewIds.push(await create(intel, '/api/views', { title: TITLES[index], notes: NOTES, link }));
  }
  agendaId = await create(intel, '/api/agendas', {
    title: 'Rapat TIMPORA Kabupaten Sanggau',
    meetingOn: '2026-12-03',
    place: 'Aula Kantor Imigrasi Entikong',
    viewIds,
  });
  // A list of countries (refused for a member) and a link of garbage (read leniently).
  const refused = await create(intel, '/api/views', {
    title: 'Warga Malaysia dan Tiongkok',
    link: `peta=9/${centre.lat}/${centre.lon}&wn=MYS,CHN`,
  });
  const garbage = await create(intel, '/api/views', {
    title: 'Tautan rusak',
    link: 'peta=x/y&periode=kemarin&jenis=?',
  });
  refusedAgendaId = await create(intel, '/api/agendas', { title: 'Agenda uji', viewIds: [refused, garbage] });
});
afterAll(async () => {
  // The filed incident is this file's own: the demo data's checks count every row that is not demo data.
  await context.pool.query('DELETE FROM incident WHERE description = $1', [INCIDENT_TEXT]);
  await context.close();
});

describe('GET /api/agendas/:id/handout.pdf', () => {
  test('a PDF to download, not stored: the cover lists the views in order, then one page per view', async () => {
    const response = await context.request(intel, { method: 'GET', url: `/api/agendas/${agendaId}/handout.pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="agenda-${agendaId}.pdf"`);
    expect(response.headers['cache-control']).toBe('no-store');
    const pdf = await parsePdf(response.rawPayload);
    expect(pdf.pages).toHaveLength(1 + TITLES.length);
    const cover = pdf.pages[0]!.split('\n');
    expect(cover).toContain('Rapat TIMPORA Kabupaten Sanggau');
    const listed = cover.filter((line) => /^\d+\. /.test(line));
    expect(listed).toEqual(TITLES.map((title, index) => `${index + 1}. ${title}`));
    const coverText = pdf.pages[0]!.replace(/\s+/g, ' ');
    expect(coverText).toContain('Tanggal rapat: 3 Des 2026');
    expect(coverText).toContain('Tempat: Aula Kantor Imigrasi Entikong');
    expect(coverText).toContain('Instansi: Imigrasi');
    expect(coverText).toMatch(/Dibuat: \d{1,2} \w{3} \d{4},? \d{2}\.\d{2} WIB/);
    TITLES.forEach((title, index) => expect(pdf.pages[index + 1]!.split('\n')).toContain(title));
    expect(pdf.pages[1]).toContain(`Periode: ${printedDay(PERIOD.from)} – ${printedDay(PERIOD.to)}`);
    expect(pdf.pages[1]!.replace(/\s+/g, ' ')).toContain('Saringan: Jenis kejadian: TPPO (perdagangan orang)');
    expect(pdf.pages[1]).toContain('Kejadian per kecamatan');
    expect(pdf.pages[2]!.replace(/\s+/g, ' ')).toContain('Saringan: Jenis izin tinggal: ITAS');
    pdf.pages.forEach((page, index) => {
      const flat = page.replace(/\s+/g, ' ');
      expect(flat).toContain(`Halaman ${index + 1} dari ${pdf.pages.length}`);
      expect(flat).toContain('Sumber: Pantau — data operasional TIMPORA');
      expect(flat).toContain('DATA SINTETIS / SYNTHETIC DATA');
    });
    // The speaker notes are the presenter's: on no page.
    expect(pdf.flat).not.toContain('informan');
    expect(pdf.flat).not.toContain('Catatan pembicara');
  });

  test('intel: each view’s key numbers are the API’s summary for intel of its box, level, filters and period', async () => {
    const pdf = await fetchHandout(intel, agendaId);
    await expectNumbersOf(intel, pdf);
    const first = await context.getJson(intel, `/api/layers/summary?${expectedQueries()[0]}`);
    expect(Object.keys(first.incidentsByType)).toEqual(['tppo']);
    expect(first.incidents).toBeGreaterThan(0);
    expect(pdf.flat).not.toContain('Rahasia Betul');
    const second = await context.getJson(intel, `/api/layers/summary?${expectedQueries()[1]}`);
    expect(second.people).toBeGreaterThan(0);
  });

  test('member: published counts, the disclosure-control note, in English too', async () => {
    const pdf = await fetchHandout(member, agendaId);
    await expectNumbersOf(member, pdf);
    expect(pdf.flat).toContain('kendali pengungkapan');
    const english = await fetchHandout(member, agendaId, '?lang=en');
    await expectNumbersOf(member, english, 'en');
    expect(english.flat).toContain('Meeting date: 3 Dec 2026');
    expect(english.flat).toContain('Page 1 of 3');
    expect(english.flat).not.toContain('informan');
  });

  test('a presenting session gets the viewer’s numbers, as the API answers it', async () => {
    const presenter = await context.signInAs('intel', ['61.03']);
    const on = await context.request(presenter, {
      method: 'PUT',
      url: '/api/session/presentation',
      payload: { presenting: true },
    });
    expect(on.statusCode).toBe(200);
    const pdf = await fetchHandout(presenter, agendaId);
    await expectNumbersOf(presenter, pdf);
    expect(pdf.flat).toContain('kendali pengungkapan');
  });

  test('a view the role may not ask for is printed as not available; a garbage link still prints', async () => {
    const forMember = await fetchHandout(member, refusedAgendaId);
    expect(forMember.pages).toHaveLength(3);
    expect(forMember.pages[1]).toContain('Tidak tersedia untuk peran Anda');
    expect(forMember.pages[1]!.replace(/\s+/g, ' ')).toContain('bukan per daftar negara');
    const forIntel = await fetchHandout(intel, refusedAgendaId);
    expect(forIntel.pages[1]).not.toContain('Tidak tersedia');
    const summary = await context.getJson(
      intel,
      `/api/layers/summary?nationality=CHN,MYS&from=${today.slice(0, 8)}01&to=${today}&level=desa&bbox=${screenBox(9, centre.lon, centre.lat)}`,
    );
    expect(valueAfter(forIntel.pages[1]!, 'Orang asing')).toBe(formatCount('id', summary.people));
    // No camera, no known period or type: the current month over the account's whole area.
    expect(forIntel.pages[2]!.replace(/\s+/g, ' ')).toContain('seluruh wilayah kerja');
    const whole = await context.getJson(intel, `/api/layers/summary?from=${today.slice(0, 8)}01&to=${today}`);
    expect(valueAfter(forIntel.pages[2]!, 'Kejadian')).toBe(formatCount('id', whole.incidents));
  });

  test('each export is audited with the agenda, the number of views and the language', async () => {
    const before = new Date();
    await fetchHandout(member, agendaId, '?lang=en');
    const entry = await context.pool.query(
      `SELECT role, action, target_type, target_id, outcome, details FROM audit_log
       WHERE action = 'export.pdf' AND account_id = $1 AND at >= $2 ORDER BY id DESC LIMIT 1`,
      [member.accountId, before],
    );
    expect(entry.rows[0]).toMatchObject({
      role: 'member',
      target_type: 'agenda',
      target_id: String(agendaId),
      outcome: 'ok',
      details: { kind: 'handout', views: 2, lang: 'en' },
    });
  });

  test('another agency gets a 404, as for an agenda that does not exist; bad input is a 400; never a 5xx', async () => {
    const outsider = await context.signInAs('intel', ['61.03'], 'POLRI');
    const url = (id: string | number, query = '') => `/api/agendas/${id}/handout.pdf${query}`;
    const cases: [SignedIn | null, string, number][] = [
      [outsider, url(agendaId), 404],
      [member, url(2_000_000_000), 404],
      [member, url('abc'), 400],
      [member, url(0), 400],
      [member, url(-1), 400],
      [member, url('1.5'), 400],
      [member, url(agendaId, '?lang=fr'), 400],
      [member, url(agendaId, '?extra=1'), 400],
      [null, url(agendaId), 401],
    ];
    for (const [as, address, status] of cases) {
      const response = await context.request(as, { method: 'GET', url: address });
      expect(response.statusCode, address).toBe(status);
      expect(response.json().message, address).toEqual({ id: expect.any(String), en: expect.any(String) });
    }
    const denied = await context.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.pdf' AND account_id = $1`,
      [outsider.accountId],
    );
    expect(denied.rows[0].n).toBe(0);
  });
});
