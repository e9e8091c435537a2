/**
 * The whole view in the link (issue #11) in Chromium: an intel user sets layers, an opacity, filters, the period, a
 * distance band and an analysis; the link then holds all of it, and after a reload — and in a fresh tab opened on the
 * link — the view is restored and the analysis shows its result again.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page, origin } = session);
  await session.signIn('intel', ['61'], 'Inteldakim Kalimantan Barat');
});

afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

const toggle = (layer: string) => `[data-testid="layer-toggle-${layer}"]`;

/** Opens the closed group of the filter panel that holds this element. */
async function openGroupOf(page: Page, selector: string): Promise<void> {
  const group = page.locator('details', { has: page.locator(selector) }).last();
  if (!(await group.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await group.locator('> summary').click();
  }
}

/** What the panels show of the view, as a user would read it. */
async function shownView(page: Page) {
  return {
    teams: await page.locator(toggle('teams')).isChecked(),
    residents: await page.locator(toggle('residents')).isChecked(),
    incidentsOpacity: await page.locator('[data-testid="layer-opacity-incidents"]').inputValue(),
    wholePeriod: await page.locator('[data-testid="time-whole"]').isChecked(),
    tppo: await page.locator('[data-testid="filter-incidentType-tppo"]').isChecked(),
    band: await page.locator('[data-testid="filter-band-1"]').isChecked(),
    analysisKind: await page.locator('[data-testid="analysis-kind-clusters"]').getAttribute('aria-pressed'),
    distanceM: await page.locator('[data-testid="analysis-distance-m"]').inputValue(),
  };
}

describe('the view in the link', () => {
  test('layers, opacity, filters, period, band and the analysis survive a reload and a fresh tab', async () => {
    await page.goto(`${origin}/#peta=8/1.0/110.6`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    const plain = new URL(page.url()).hash;
    expect(plain).toMatch(/^#peta=[\d.]+\/[\d.]+\/[\d.]+$/);

    await page.locator(toggle('teams')).check();
    await page.locator(toggle('residents')).uncheck();
    await page.locator('[data-testid="layer-opacity-incidents"]').fill('0.5');
    await page.locator('[data-testid="time-whole"]').check();
    await page.click('[data-testid="filters"] > summary');
    await openGroupOf(page, '[data-testid="filter-incidentType-tppo"]');
    await page.locator('[data-testid="filter-incidentType-tppo"]').check();
    await page.click('[data-testid="filter-band"] > summary');
    await page.click('[data-testid="filter-band-1"]');
    await page.click('[data-testid="analysis-open"]');
    await page.click('[data-testid="analysis-kind-clusters"]');
    await page.fill('[data-testid="analysis-distance-m"]', '2500');
    await page.click('[data-testid="analysis-run"]');
    await page.waitForSelector('[data-testid="analysis-result"][data-kind="clusters"]', { timeout: 60_000 });
    const before = await shownView(page);
    expect(before).toEqual({
      teams: true,
      residents: false,
      incidentsOpacity: '0.5',
      wholePeriod: true,
      tppo: true,
      band: true,
      analysisKind: 'true',
      distanceM: '2500',
    });

    const hash = decodeURIComponent(new URL(page.url()).hash);
    expect(hash).toMatch(/^#peta=/);
    for (const part of [
      'lapisan=incidents,teams',
      'opasitas=incidents:0.5',
      'periode=semua',
      'jenis=tppo',
      'pitaKe=1',
      'analisis=clusters',
      'a.distanceM=2500',
    ]) {
      expect(hash).toContain(part);
    }
    const summary = await page.locator('[data-testid="analysis-summary"]').innerText();

    await page.reload();
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="analysis-result"][data-kind="clusters"]', { timeout: 60_000 });
    await page.click('[data-testid="filters"] > summary');
    await openGroupOf(page, '[data-testid="filter-incidentType-tppo"]');
    await page.click('[data-testid="filter-band"] > summary');
    expect(await shownView(page)).toEqual(before);
    expect(await page.locator('[data-testid="analysis-summary"]').innerText()).toBe(summary);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(hash);
    await page.screenshot({ path: path.join(screenshotDir, 'view-link-restored.png') });

    // A colleague's tab, opened on the same link (same office, signed in in the same browser).
    const tab = await page.context().newPage();
    try {
      await tab.goto(page.url());
      await tab.waitForSelector('[data-testid="analysis-result"][data-kind="clusters"]', { timeout: 60_000 });
      await tab.click('[data-testid="filters"] > summary');
      await openGroupOf(tab, '[data-testid="filter-incidentType-tppo"]');
      await tab.click('[data-testid="filter-band"] > summary');
      expect(await shownView(tab)).toEqual(before);
    } finally {
      await tab.close();
    }
  });

  test('the time slider selects a range: its first month opens it, the map asks for it, the link keeps it', async () => {
    // A fresh load of the plain link (not a hash change on the page as the last test left it).
    await page.goto('about:blank');
    await page.goto(`${origin}/#peta=8/1.0/110.6`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    const current = page.locator('[data-testid="time-current"]');
    const single = await current.innerText();
    expect(single).not.toContain('–');
    const asked = page.waitForRequest(
      (request) => request.url().includes('/api/layers/summary') && /from=\d{4}-\d{2}-01&/.test(request.url()),
    );
    // The first month's thumb, five months back (keyboard, as a presenter with a clicker would).
    await page.locator('[data-testid="time-from"]').focus();
    for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => current.innerText()).toMatch(/^\w{3} \d{4} – \w{3} \d{4}$/);
    const url = new URL((await asked).url());
    const from = url.searchParams.get('from')!;
    const to = url.searchParams.get('to')!;
    // Five months before the last one, to the last one (cut at today).
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
    expect(months).toBe(5);
    const hash = decodeURIComponent(new URL(page.url()).hash);
    expect(hash).toContain(`periode=${from.slice(0, 7)}..${to.slice(0, 7)}`);
    await page.reload();
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    await expect.poll(() => current.innerText()).toMatch(/ – /);
    expect(await page.locator('[data-testid="time-from"]').inputValue()).toBe(String(35 - 5));
    await page.screenshot({ path: path.join(screenshotDir, 'time-range.png') });
  });

  test('a link changed by hand is followed; one with only the place just moves the map', async () => {
    await page.evaluate(() => (location.hash = '#peta=9/0.97/110.35&lapisan=incidents&periode=semua'));
    await expect.poll(() => page.locator(toggle('teams')).isChecked()).toBe(false);
    expect(await page.locator(toggle('incidents')).isChecked()).toBe(true);
    // The analysis is not in that link: its panel closes.
    await expect.poll(() => page.locator('[data-testid="analysis-panel"]').count()).toBe(0);
    await page.evaluate(() => (location.hash = '#peta=10/0.97/110.35'));
    await page.waitForFunction(() => Math.abs(window.__pantauMap!.getZoom() - 10) < 0.01, undefined, {
      timeout: 15_000,
    });
    expect(await page.locator(toggle('incidents')).isChecked()).toBe(true);
    expect(await page.locator('[data-testid="time-whole"]').isChecked()).toBe(true);
  });

  test('a link with values we do not know opens the plain view, without an error', async () => {
    await page.goto(`${origin}/#peta=8/1.0/110.6&lapisan=nothing&periode=1999-01&jenis=banjir&analisis=magic&a.k=x`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    // Nothing of it is a layer, a month, a type or an analysis we know: the opening view, as without those parts.
    expect(await page.locator(toggle('residents')).isChecked()).toBe(true);
    expect(await page.locator(toggle('incidents')).isChecked()).toBe(true);
    expect(await page.locator('[data-testid="time-whole"]').isChecked()).toBe(false);
    expect(await page.locator('[data-testid="analysis-panel"]').count()).toBe(0);
  });
});
