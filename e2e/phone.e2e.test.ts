/**
 * The map page on a phone (issue #14), 360×800 in Chromium, as an intel officer of Kalimantan Barat would use it with
 * one thumb: the map keeps the screen, with the search box at the top and four tabs at the bottom; the layer panel,
 * the filters, the time slider and the summary open as sheets above the tabs; the report flow goes from the menu to a
 * tap on the map to the filed incident, stored by the server.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

const WIDTH = 360;
const HEIGHT = 800;
/** Apple's and Google's guidance is 44–48 px; 40 px is the least we accept for a thumb. */
const THUMB = 40;

let session: BrowserSession;
let page: Page;
let filer: string | null = null;

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page } = session);
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
});

afterAll(async () => {
  if (filer) await session.forgetFilingsOf(filer);
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, String(locator)).not.toBeNull();
  return found!;
}

/** On screen, inside the phone's width, and big enough for a thumb. */
async function expectThumbTarget(locator: Locator): Promise<void> {
  const { x, y, width, height } = await box(locator);
  expect(x, String(locator)).toBeGreaterThanOrEqual(0);
  expect(x + width, String(locator)).toBeLessThanOrEqual(WIDTH + 0.5);
  expect(y + height, String(locator)).toBeLessThanOrEqual(HEIGHT + 0.5);
  expect(Math.min(width, height), String(locator)).toBeGreaterThanOrEqual(THUMB);
}

/** Nothing of the page is wider than the phone: no sideways scrolling. */
async function expectNoSidewaysScroll(): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
}

describe('the map on a phone', () => {
  test('the map keeps the screen; layers, filters, time and summary are sheets within a thumb', async () => {
    const { username } = await session.signIn('intel', ['61'], 'Intel di lapangan');
    filer = username;
    await page.waitForSelector('[data-testid="phone-layout"] [data-testid="map"][data-map-ready="true"]', {
      timeout: 60_000,
    });
    await page.evaluate(() => window.__pantauMap!.jumpTo({ center: [110.35, 0.97], zoom: 9 }));
    await page.waitForFunction(() => !window.__pantauMap!.isMoving());
    await expectNoSidewaysScroll();

    // Nothing but the search bar above the map and the tabs below it: at least 70% of the screen is map.
    const search = await box(page.locator('[data-testid="phone-layout"] .phone-search'));
    const tabs = await box(page.locator('[data-testid="phone-layout"] .tabs'));
    expect(tabs.y + tabs.height).toBeCloseTo(HEIGHT, 0);
    expect((tabs.y - (search.y + search.height)) / HEIGHT).toBeGreaterThan(0.7);
    // The zoom buttons are below the search bar, not under it.
    const zoomIn = await box(page.locator('.maplibregl-ctrl-zoom-in'));
    expect(zoomIn.y).toBeGreaterThanOrEqual(search.y + search.height);
    for (const name of ['layers', 'time', 'summary', 'menu']) {
      await expectThumbTarget(page.locator(`[data-testid="phone-tab-${name}"]`));
    }
    await page.screenshot({ path: path.join(screenshotDir, 'phone-map.png') });

    // Layers: the sheet opens above the tabs; a layer turned on there is drawn on the map still visible above it.
    await page.click('[data-testid="phone-tab-layers"]');
    const layersSheet = page.locator('[data-testid="phone-sheet-layers"]');
    await layersSheet.waitFor({ state: 'visible' });
    const sheet = await box(layersSheet);
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(tabs.y + 1);
    expect(sheet.y).toBeGreaterThan(HEIGHT * 0.3);
    await page.click('[data-testid="layer-panel"] > summary');
    const teams = page.locator('[data-testid="layer-toggle-teams"]');
    await teams.scrollIntoViewIfNeeded();
    await teams.check();
    await page.waitForSelector('[data-testid="map"][data-layer-teams="drawn"]', { timeout: 30_000 });
    // Filters in the same sheet: open, and every field fits the phone's width.
    await page.click('[data-testid="filters"] > summary');
    for (const field of await page.locator('[data-testid="filters"] select, [data-testid="filters"] input').all()) {
      if (!(await field.isVisible())) continue;
      const { x, width } = await box(field);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x + width).toBeLessThanOrEqual(WIDTH);
    }
    await expectNoSidewaysScroll();
    await page.screenshot({ path: path.join(screenshotDir, 'phone-layers.png') });

    // One sheet at a time: the time slider replaces the layers.
    await page.click('[data-testid="phone-tab-time"]');
    expect(await layersSheet.isVisible()).toBe(false);
    await page.locator('[data-testid="phone-sheet-time"]').waitFor({ state: 'visible' });
    // The summary and the sources (the map's attribution) are one tap away.
    await page.click('[data-testid="phone-tab-summary"]');
    const summary = page.locator('[data-testid="phone-sheet-summary"]');
    await summary.waitFor({ state: 'visible' });
    expect(await summary.innerText()).toContain('OpenStreetMap');
    // A second tap on the open tab gives the map back.
    await page.click('[data-testid="phone-tab-summary"]');
    expect(await summary.isVisible()).toBe(false);
  });

  test('the report flow: menu, tap the place, fill the form with one thumb, filed', async () => {
    await page.click('[data-testid="phone-tab-menu"]');
    const report = page.locator('[data-testid="phone-sheet-menu"] [data-testid="report-incident"]');
    await expectThumbTarget(report);
    await report.click();
    // The menu gets out of the way and the map says what to do.
    expect(await page.locator('[data-testid="phone-sheet-menu"]').isVisible()).toBe(false);
    await page.waitForSelector('[data-testid="report-pick-hint"]');
    await page.evaluate(() => window.__pantauMap!.jumpTo({ center: [110.35, 0.97], zoom: 12 }));
    await page.waitForFunction(() => !window.__pantauMap!.isMoving());
    const map = await box(page.locator('[data-testid="map"]'));
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    const form = page.locator('[data-testid="incident-form"]');
    await form.waitFor();
    const formBox = await box(form);
    expect(formBox.x).toBeGreaterThanOrEqual(0);
    expect(formBox.x + formBox.width).toBeLessThanOrEqual(WIDTH);
    await page.selectOption('[data-testid="incident-type"]', 'illegal_work');
    await page.fill('[data-testid="incident-people"]', '3');
    await page.fill('[data-testid="incident-nationalities"]', 'ZZZ');
    await page.fill('[data-testid="incident-occurred-at"]', '2026-11-29T10:20');
    const submit = page.locator('[data-testid="incident-submit"]');
    await submit.scrollIntoViewIfNeeded();
    await expectThumbTarget(submit);
    await expectNoSidewaysScroll();
    await page.screenshot({ path: path.join(screenshotDir, 'phone-report-form.png') });
    await submit.click();
    await expect
      .poll(() => page.locator('[data-testid="report-done"]').innerText(), { timeout: 30_000 })
      .toContain('Entikong');
    const stored = await session.context.pool.query(
      `SELECT i.type, i.people_count FROM incident i JOIN account a ON a.id = i.filed_by WHERE a.username = $1`,
      [filer],
    );
    expect(stored.rows).toEqual([{ type: 'illegal_work', people_count: 3 }]);
    await page.screenshot({ path: path.join(screenshotDir, 'phone-report-done.png') });
  });
});
