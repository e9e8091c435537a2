/** The operational layers in Chromium with the demo data: each layer turned on is drawn; the summary strip fills. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;
const LAYERS = ['residents', 'workplaces', 'desaBinaan', 'incidents', 'teams'] as const;

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page, origin } = session);
  await session.signIn('intel', ['61', '21', '65'], 'Inteldakim Sanggau');
});

afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

const drawn = (layer: string) =>
  page.waitForSelector(
    `[data-testid="map"][data-layer-${layer.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}="drawn"], [data-testid="map"][data-layer-${layer}="drawn"]`,
    {
      timeout: 60_000,
    },
  );

describe('operational layers', () => {
  test('residents and incidents are on by default and drawn; the data is marked synthetic', async () => {
    await page.goto(`${origin}/#peta=9/0.97/110.35`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    await drawn('residents');
    await drawn('incidents');
    await page.waitForSelector('[data-testid="synthetic-badge"]', { timeout: 30_000 });
    const strip = page.locator('[data-testid="summary-strip"]');
    await expect.poll(() => strip.innerText(), { timeout: 30_000 }).toMatch(/\d/);
    await page.screenshot({ path: path.join(screenshotDir, 'layers-default.png') });
  });

  test('every layer can be turned on and is drawn', async () => {
    for (const layer of LAYERS) {
      const toggle = page.locator(`[data-testid="layer-toggle-${layer}"]`);
      await toggle.waitFor({ timeout: 30_000 });
      if (!(await toggle.isChecked().catch(() => false))) await toggle.click();
      await drawn(layer);
    }
    await page.screenshot({ path: path.join(screenshotDir, 'layers-all.png') });
  });

  test('the time slider steps through months', async () => {
    const slider = page.locator('[data-testid="time-slider"]');
    await slider.waitFor();
    await expect.poll(() => page.locator('[data-testid="time-play"]').count()).toBe(1);
  });
});
