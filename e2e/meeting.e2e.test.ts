/**
 * Meeting mode (issue #11) in Chromium at 1920×1080, driven as a presenter would: the charts of the view (their totals
 * are the API's), saving views, putting them on an agenda, presenting it — the keys and the presenter's window step
 * forward and back, and each slide restores its layers, filters and period — and ending it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page, origin } = session);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await session.signIn('intel', ['61'], 'Inteldakim Kalimantan Barat');
});

afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

/** A full load of a link, settled at its zoom. */
async function open(hash: string, zoom: number): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${origin}/#${hash}`);
  await settledAt(zoom);
}

async function settledAt(zoom: number): Promise<void> {
  await page.waitForFunction(
    (wanted) => Math.abs((window.__pantauMap?.getZoom() ?? -99) - wanted) < 0.05 && !window.__pantauMap!.isMoving(),
    zoom,
    { timeout: 60_000 },
  );
}

/** A month `back` months before this one, as the link writes it (YYYY-MM) and as the slider shows it ("Jan 2026"). */
function monthBack(back: number): { link: string; label: string } {
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() - back, 1);
  return {
    link: `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`,
    label: month.toLocaleDateString('id-ID', { month: 'short', year: 'numeric' }),
  };
}
// Periods within the slider's 36 months, whenever the test runs.
const [chartFrom, chartTo] = [monthBack(10), monthBack(5)];
const [slideFrom, slideTo] = [monthBack(11), monthBack(9)];

const hashParam = (name: string) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get(name);

describe('charts', () => {
  test('the charts and the bars behind the time slider state what the API answered', async () => {
    await open(`peta=8/0.6/110.6&periode=${chartFrom.link}..${chartTo.link}`, 8);
    const answers = new Map<string, unknown>();
    const onResponse = (response: Response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/api/charts/') && response.status() === 200) {
        void response.json().then((body) => answers.set(url.pathname, body));
      }
    };
    page.on('response', onResponse);
    await page.click('[data-testid="charts-open"]');
    await page.waitForSelector('[data-testid="chart-incidents"] canvas');
    await page.waitForSelector('[data-testid="chart-residents"] canvas');
    await page.waitForSelector('[data-testid="chart-nationality"] canvas');
    await page.waitForFunction(() => document.querySelector('[data-testid="charts-panel"]') !== null);
    await expect.poll(() => answers.size, { timeout: 30_000 }).toBe(3);
    page.off('response', onResponse);

    type Months = { month: string; total: number; byPermit?: Record<string, number> | null }[];
    const incidents = (answers.get('/api/charts/incidents') as { months: Months }).months;
    const inPeriod = incidents
      .filter((month) => month.month >= chartFrom.link && month.month <= chartTo.link)
      .reduce((sum, month) => sum + month.total, 0);
    expect(inPeriod).toBeGreaterThan(0);
    const total = (testid: string) => page.locator(`[data-testid="${testid}"]`).getAttribute('data-total').then(Number);
    expect(await total('chart-incidents')).toBe(inPeriod);
    // The chart says it in Indonesian number format, and the summary strip counts the same incidents.
    await expect
      .poll(() => page.textContent('[data-testid="chart-incidents-total"]'))
      .toContain(inPeriod.toLocaleString('id-ID'));
    await expect
      .poll(() => page.textContent('[data-testid="summary-incidents"] strong'))
      .toBe(inPeriod.toLocaleString('id-ID'));

    const residents = (answers.get('/api/charts/residents') as { months: Months }).months;
    const lastMonth = residents.find((month) => month.month === chartTo.link)!;
    expect(await total('chart-residents')).toBe(lastMonth.total);
    expect(Object.values(lastMonth.byPermit!).reduce((a, b) => a + b, 0)).toBe(lastMonth.total);

    const breakdown = answers.get('/api/charts/breakdown') as { nationality: { entries: { people: number }[] } };
    const people = breakdown.nationality.entries.reduce((sum, entry) => sum + entry.people, 0);
    expect(await total('chart-nationality')).toBe(people);

    // Behind the slider: one bar per month of its span, each the API's month.
    const bars = (await page.getAttribute('[data-testid="time-bars"]', 'data-values'))!.split(',').map(Number);
    expect(bars).toHaveLength(36);
    const byMonth = new Map(incidents.map((month) => [month.month, month.total]));
    expect(bars.slice(-incidents.length)).toEqual(incidents.map((month) => byMonth.get(month.month)));
    // The chart is drawn: its canvas has coloured pixels.
    const inked = await page.$eval('[data-testid="chart-incidents"] canvas', (canvas) => {
      const context = (canvas as HTMLCanvasElement).getContext('2d')!;
      const { data } = context.getImageData(
        0,
        0,
        (canvas as HTMLCanvasElement).width,
        (canvas as HTMLCanvasElement).height,
      );
      let coloured = 0;
      for (let index = 0; index < data.length; index += 4) {
        const [r, g, b, a] = [data[index]!, data[index + 1]!, data[index + 2]!, data[index + 3]!];
        if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
      return coloured;
    });
    expect(inked).toBeGreaterThan(200);
    expect(hashParam('grafik')).toBe('1');
    await page.screenshot({ path: path.join(screenshotDir, 'charts.png') });
    await page.click('[data-testid="charts-open"]');
  });
});

describe('agenda', () => {
  // The test database keeps what earlier runs saved: this run's titles are its own.
  const run = Math.random().toString(36).slice(2, 7);
  const first = { title: `TPPO di Sanggau (${run})`, notes: 'Tiga kasus baru di perbatasan Entikong.' };
  const second = { title: `WNA ber-ITAS di Kalimantan Barat (${run})`, notes: 'Bandingkan dengan tahun lalu.' };
  const agendaTitle = `Rapat TIMPORA Kab. Sanggau (${run})`;

  async function saveView(view: { title: string; notes: string }): Promise<void> {
    await page.click('[data-testid="views-open"]');
    await page.fill('[data-testid="view-title"]', view.title);
    await page.fill('[data-testid="view-notes"]', view.notes);
    await page.click('[data-testid="view-save"]');
    await page.waitForSelector(`[data-testid="saved-view"]:has-text("${view.title}")`);
    await page.click('[data-testid="views-open"]');
  }

  test('views saved, put on an agenda, presented step by step with the presenter window, and ended', async () => {
    await open(`peta=9/0.9/110.5&lapisan=incidents,teams&periode=${slideFrom.link}..${slideTo.link}&jenis=tppo`, 9);
    await saveView(first);
    await open('peta=7/0.4/111/0/0&lapisan=residents&periode=semua&izin=ITAS', 7);
    await saveView(second);

    await page.click('[data-testid="views-open"]');
    await page.click('[data-testid="agenda-new"]');
    await page.fill('[data-testid="agenda-title"]', agendaTitle);
    await page.fill('[data-testid="agenda-date"]', '2026-12-03');
    await page.fill('[data-testid="agenda-place"]', 'Hotel Grand Narita, Sanggau');
    await page.selectOption('[data-testid="agenda-add"]', { label: second.title });
    await page.selectOption('[data-testid="agenda-add"]', { label: first.title });
    // The order as it will be presented: the first view first.
    await page.click('[data-testid="agenda-order"] li:nth-child(2) button[aria-label="Naikkan"]');
    await expect
      .poll(() => page.locator('[data-testid="agenda-order"] li span').allTextContents())
      .toEqual([first.title, second.title]);
    await page.click('[data-testid="agenda-save"]');
    const agenda = page.locator('[data-testid="agenda"]', { hasText: agendaTitle });
    await agenda.waitFor();
    expect(await agenda.textContent()).toContain('3 Des 2026');

    // The handout: a cover and a page per view, downloaded from the panel.
    const [handout] = await Promise.all([
      page.waitForEvent('download'),
      agenda.locator('[data-testid="agenda-handout"]').click(),
    ]);
    const parser = new PDFParse({ data: new Uint8Array(await readFile((await handout.path())!)) });
    try {
      const text = await parser.getText();
      expect(text.pages).toHaveLength(3);
      expect(text.pages[0]!.text).toContain(agendaTitle);
      expect(text.pages[0]!.text.indexOf(first.title)).toBeLessThan(text.pages[0]!.text.indexOf(second.title));
      expect(text.pages[1]!.text).toContain(first.title);
      expect(text.pages[2]!.text).toContain(second.title);
      expect(text.pages.map((entry) => entry.text).join(' ')).not.toContain(first.notes);
    } finally {
      await parser.destroy();
    }

    // Presenting: the page loads afresh as the projector's viewer, on the first slide. Every answer it receives is
    // kept, to show that the speaker notes never reach the projector's page.
    const received: Promise<string>[] = [];
    const keep = (response: Response) => {
      if (response.url().startsWith(`${origin}/api/`)) received.push(response.text().catch(() => ''));
    };
    // Listening before the click: a quick reload must not fire before the wait begins.
    await Promise.all([page.waitForEvent('load'), agenda.locator('[data-testid="agenda-start"]').click()]);
    page.on('response', keep);
    await page.waitForSelector('[data-testid="agenda-bar"]', { timeout: 60_000 });
    await settledAt(9);
    expect(await page.textContent('[data-testid="agenda-slide-title"]')).toBe(first.title);
    expect(await page.textContent('[data-testid="agenda-position"]')).toBe('1 dari 2');
    expect(await page.textContent('[data-testid="time-current"]')).toBe(`${slideFrom.label} – ${slideTo.label}`);
    expect(hashParam('jenis')).toBe('tppo');
    expect(await page.isVisible('[data-testid="presentation-exit"]')).toBe(true);
    // Speaker notes are for the presenter's window, not the projector.
    expect(await page.textContent('body')).not.toContain(first.notes);
    await page.screenshot({ path: path.join(screenshotDir, 'agenda-slide-1.png') });

    // Forward with the arrow key: the map flies to the second view, which brings its own filters and period.
    await page.keyboard.press('ArrowRight');
    await settledAt(7);
    expect(await page.textContent('[data-testid="agenda-slide-title"]')).toBe(second.title);
    expect(hashParam('izin')).toBe('ITAS');
    expect(hashParam('jenis')).toBeNull();
    expect(await page.isChecked('[data-testid="time-whole"]')).toBe(true);
    expect(new URL(page.url()).searchParams.get('slide')).toBe('2');

    // Back with Page Up (a presenter clicker's key).
    await page.keyboard.press('PageUp');
    await settledAt(9);
    expect(await page.textContent('[data-testid="agenda-slide-title"]')).toBe(first.title);
    expect(hashParam('jenis')).toBe('tppo');
    expect(hashParam('izin')).toBeNull();
    expect(await page.textContent('[data-testid="time-current"]')).toBe(`${slideFrom.label} – ${slideTo.label}`);

    page.off('response', keep);
    const bodies = await Promise.all(received);
    expect(bodies.some((body) => body.includes(first.title))).toBe(true);
    for (const notes of [first.notes, second.notes]) {
      expect(bodies.filter((body) => body.includes(notes))).toEqual([]);
    }

    // The presenter's window: the notes and the next slide; its button steps the projector.
    const [presenter] = await Promise.all([
      session.browser.waitForEvent('page'),
      page.click('[data-testid="agenda-presenter"]'),
    ]);
    await presenter.waitForSelector('[data-testid="presenter-current"]');
    await expect.poll(() => presenter.textContent('[data-testid="presenter-current"]')).toBe(first.title);
    expect(await presenter.textContent('[data-testid="presenter-notes"]')).toContain(first.notes);
    expect(await presenter.textContent('[data-testid="presenter-next"]')).toBe(second.title);
    await presenter.click('[data-testid="presenter-next-button"]');
    await settledAt(7);
    expect(await page.textContent('[data-testid="agenda-slide-title"]')).toBe(second.title);
    await expect.poll(() => presenter.textContent('[data-testid="presenter-notes"]')).toContain(second.notes);
    await presenter.screenshot({ path: path.join(screenshotDir, 'agenda-presenter.png') });
    await presenter.close();

    // A reload stays on the slide.
    await page.reload();
    await page.waitForSelector('[data-testid="agenda-bar"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="agenda-position"]')).toBe('2 dari 2');

    const agendaId = new URL(page.url()).searchParams.get('agenda');
    expect(agendaId).toMatch(/^\d+$/);
    // Ending leaves presentation mode and the agenda.
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="agenda-end"]')]);
    await page.waitForSelector('[data-testid="presentation-start"]', { timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('agenda')).toBeNull();
    expect(await page.isVisible('[data-testid="agenda-bar"]')).toBe(false);

    // An agenda's address opened outside presentation mode (a bookmark, a shared link) shows the map as intel's, not
    // the agenda: an agenda runs on the projector only.
    await page.goto('about:blank');
    await page.goto(`${origin}/?agenda=${agendaId}&slide=2#peta=9/0.9/110.5`);
    await settledAt(9);
    await page.waitForFunction(() => !location.search.includes('agenda='));
    expect(await page.locator('[data-testid="agenda-bar"]').count()).toBe(0);
    expect(await page.isVisible('[data-testid="presentation-start"]')).toBe(true);
  });
});

describe('exports', () => {
  /** Clicks a download button and returns the file the browser saved. */
  async function download(testid: string): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.click(`[data-testid="${testid}"]`),
    ]);
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }

  /** How much of an image is drawn: distinct colours, and the share of pixels that are neither white nor empty. */
  function inkOf(png: PNG): { colours: number; inked: number } {
    const colours = new Set<number>();
    let inked = 0;
    for (let index = 0; index < png.data.length; index += 4 * 7) {
      const [r, g, b, a] = [png.data[index]!, png.data[index + 1]!, png.data[index + 2]!, png.data[index + 3]!];
      colours.add((r << 16) | (g << 8) | b);
      if (a > 0 && r + g + b < 720) inked++;
    }
    return { colours: colours.size, inked: inked / (png.data.length / (4 * 7)) };
  }

  test('the view as PNG at 1920×1080 and 3840×2160: the size asked, drawn, framed, audited; the map put back', async () => {
    await open('peta=9/0.9/110.5&lapisan=incidents,teams&periode=semua', 9);
    const canvasWidth = () => page.$eval('.maplibregl-canvas', (canvas) => (canvas as HTMLCanvasElement).width);
    const before = await canvasWidth();
    await page.click('[data-testid="export-open"]');
    await page.fill('[data-testid="export-title"]', 'Kejadian di perbatasan Entikong');
    for (const [size, width, height] of [
      ['1920x1080', 1920, 1080],
      ['3840x2160', 3840, 2160],
    ] as const) {
      const file = await download(`export-png-${size}`);
      expect(file.name).toMatch(new RegExp(`^pantau-peta-\\d{4}-\\d{2}-\\d{2}-${size}\\.png$`));
      await writeFile(path.join(screenshotDir, `export-${size}.png`), file.bytes);
      const png = PNG.sync.read(file.bytes);
      expect([png.width, png.height]).toEqual([width, height]);
      const ink = inkOf(png);
      expect(ink.colours, size).toBeGreaterThan(150);
      expect(ink.inked, size).toBeGreaterThan(0.5);
      // The title's box at the top left is the frame's white, with dark type on it.
      const at = (x: number, y: number) => {
        const index = (png.width * Math.round(y * (height / 1080)) + Math.round(x * (width / 1920))) * 4;
        return [png.data[index]!, png.data[index + 1]!, png.data[index + 2]!];
      };
      expect(at(30, 30).every((value) => value > 235)).toBe(true);
    }
    await page.screenshot({ path: path.join(screenshotDir, 'export-menu.png') });
    expect(await canvasWidth()).toBe(before);
    const audit = await session.context.pool.query(
      `SELECT after FROM audit_log WHERE action = 'export.png' AND username LIKE 'e2e-intel-%' ORDER BY id DESC LIMIT 2`,
    );
    expect(audit.rows.map((row) => row.after.size).sort()).toEqual(['1920x1080', '3840x2160']);
    expect(audit.rows[0].after.title).toBe('Kejadian di perbatasan Entikong');
  });

  test('the PDF brief of a kabupaten downloads from the menu, with its pages and words; a refusal is said', async () => {
    // Outside the account's area (Aceh): the server's reason on the page, no file.
    let downloads = 0;
    const count = () => (downloads += 1);
    page.on('download', count);
    await page.fill('[data-testid="export-brief-region"]', '11.01');
    await page.click('[data-testid="export-brief"]');
    await expect
      .poll(() => page.locator('[data-testid="export-menu"] [role="alert"]').textContent())
      .toMatch(/wilayah/i);
    page.off('download', count);
    expect(downloads).toBe(0);
    await page.fill('[data-testid="export-brief-region"]', '61.03');
    const file = await download('export-brief');
    expect(file.name).toMatch(/^ringkasan-61\.03-\d{4}-\d{2}-\d{2}\.pdf$/);
    const parser = new PDFParse({ data: new Uint8Array(file.bytes) });
    try {
      const text = await parser.getText();
      expect(text.pages.length).toBeGreaterThanOrEqual(3);
      const all = text.pages.map((entry) => entry.text).join(' ');
      expect(all).toContain('Sanggau');
      expect(all).toMatch(/Halaman 1 dari \d/);
    } finally {
      await parser.destroy();
    }
    await page.click('[data-testid="export-open"]');
  });
});
