/** The import wizard and the incident form, in Chromium, as a TIMPORA member of Kab. Sanggau. */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page, origin } = session);
  await session.signIn('member', ['61.03'], 'Polres Sanggau');
});

afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  // Imported rows carry Iceland (the importer accepts real countries only); the filed incident carries ZZZ.
  await session?.context.pool.query(`DELETE FROM incident WHERE source = 'import' AND 'ISL' = ANY(nationalities)`);
  await session?.context.pool.query(`DELETE FROM incident WHERE 'ZZZ' = ANY(nationalities)`);
  await session?.close();
});

const header = 'Jenis Kejadian;Tanggal;Jumlah Orang;Kewarganegaraan;Tingkat;Instansi Pelapor;Kode Desa';
const goodRow = 'tppm;2026-06-12;4;ISL;tinggi;POLRI;61.03.21.2003';

async function uploadCsv(content: string) {
  await page.goto(`${origin}/impor`);
  await page.waitForSelector('[data-testid="import-kind"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="import-kind"]', 'incidents');
  await page.setInputFiles('[data-testid="import-file"]', {
    name: 'kejadian.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(content),
  });
  await page.click('[data-testid="import-upload"]');
  await page.waitForSelector('[data-testid="import-mapping"]', { timeout: 30_000 });
  await page.click('[data-testid="import-preview"]');
  await page.waitForSelector('[data-testid="import-valid-count"]', { timeout: 30_000 });
}

describe('importing a spreadsheet with a mistake in it', () => {
  test('the preview shows exactly which rows are wrong; corrected in place, the file is saved', async () => {
    await uploadCsv(
      [
        header,
        goodRow,
        'banjir;2026-06-13;1;ISL;sedang;POLRI;61.03.21.2003',
        'tppm;2026-06-14;2;ISL;sedang;POLRI;61.01.01.2001',
      ].join('\n'),
    );
    expect(await page.getAttribute('[data-testid="import-template"]', 'href')).toBe('/api/imports/templates/incidents');
    // The link downloads the template: the headers the mapper recognises, and an example row.
    const download = page.waitForEvent('download');
    await page.click('[data-testid="import-template"]');
    const template = await download;
    expect(template.suggestedFilename()).toBe('pantau-templat-incidents.csv');
    const lines = (await readFile((await template.path())!, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[0]!.split(';')).toEqual(expect.arrayContaining(['Jenis Kejadian', 'Kode Desa']));
    expect(lines[1]!.split(';').length).toBe(lines[0]!.split(';').length);
    const rows = page.locator('[data-testid="import-invalid-row"]');
    await expect.poll(() => rows.count()).toBe(2);
    const texts = await rows.allInnerTexts();
    expect(texts[0]).toContain('3');
    expect(texts[0]).toContain('banjir');
    expect(texts[1]).toContain('4');
    expect(texts[1]).toMatch(/di luar wilayah/);
    expect(await page.locator('[data-testid="import-commit"]').isDisabled()).toBe(true);

    // The wrong type and the desa outside the area, corrected in the table without uploading the file again.
    await page.fill('[data-testid="import-cell"][data-line="3"][data-column="Jenis Kejadian"]', 'tppm');
    await page.fill('[data-testid="import-cell"][data-line="4"][data-column="Kode Desa"]', '61.03.21.2003');
    await page.click('[data-testid="import-save-corrections"]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(0);
    await page.click('[data-testid="import-commit"]');
    await expect
      .poll(() => page.locator('[data-testid="import-done"]').innerText(), { timeout: 30_000 })
      .toContain('3');
  });
});

describe('reporting an incident from the map', () => {
  test('pick a point, fill the form, the desa is named', async () => {
    await page.goto(`${origin}/#peta=11/0.97/110.35`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    // The whole period, so the incident filed below (June 2026) is one the map shows.
    await page.locator('[data-testid="time-whole"]').check();
    await page.waitForSelector('[data-testid="map"][data-layer-incidents="drawn"]', { timeout: 60_000 });
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    /** Incidents drawn on the map: single points, and the counts of the discs of crowded ones. */
    const drawn = () =>
      page.evaluate(() =>
        window
          .__pantauMap!.queryRenderedFeatures({ layers: ['op-incidents-points', 'op-incidents-points-clusters'] })
          .reduce((sum, feature) => sum + Number(feature.properties.count ?? 1), 0),
      );
    await page.waitForFunction(() => window.__pantauMap!.areTilesLoaded());
    const before = await drawn();
    await page.click('[data-testid="report-incident"]');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid="incident-form"]');
    await page.selectOption('[data-testid="incident-type"]', 'illegal_crossing');
    await page.fill('[data-testid="incident-nationalities"]', 'zzz');
    await page.fill('[data-testid="incident-people"]', '3');
    // The time is as the clock shows it in Entikong (WIB), whatever the browser's own zone (this browser runs in UTC).
    await expect.poll(() => page.locator('[data-testid="incident-form"]').innerText()).toContain('(WIB)');
    await page.fill('[data-testid="incident-occurred-at"]', '2026-06-30T23:30');
    await page.click('[data-testid="incident-submit"]');
    await expect
      .poll(() => page.locator('[data-testid="report-done"]').innerText(), { timeout: 30_000 })
      .toContain('Entikong');
    const stored = await session.context.pool.query(
      `SELECT type, people_count, reporting_agency, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS utc
       FROM incident WHERE 'ZZZ' = ANY(nationalities) AND source = 'manual'`,
    );
    expect(stored.rows).toEqual([
      { type: 'illegal_crossing', people_count: 3, reporting_agency: 'POLRI', utc: '2026-06-30T16:30' },
    ]);
    // The map asks for its incident tiles again and draws the new one at once: as a point of its own, or counted in
    // the disc of the crowded incidents around it (issue #14): one more on the map than before.
    await expect.poll(drawn, { timeout: 30_000 }).toBe(before + 1);
  });
});
