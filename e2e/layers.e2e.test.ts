/** The operational layers in Chromium with the demo data: each layer turned on is drawn; the summary strip fills. */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../server/src/config.ts';
import { createTestApp, uniqueUsername, type TestContext } from '../server/test/helpers.ts';
import { launchChromium } from './browser.ts';

const screenshotDir = path.join(projectRoot, 'test-results');
let context: TestContext;
let browser: BrowserContext;
let page: Page;
let origin: string;
const pageErrors: string[] = [];
const LAYERS = ['residents', 'workplaces', 'desaBinaan', 'incidents', 'teams'] as const;

beforeAll(async () => {
  context = await createTestApp();
  await context.app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://127.0.0.1:${(context.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      pageErrors.push(message.text());
  });
  mkdirSync(screenshotDir, { recursive: true });
  const { account, initialPassword } = await context.app.accountAdmin.createAccount(null, {
    username: uniqueUsername('e2e-layers'),
    displayName: 'Inteldakim Sanggau',
    role: 'intel',
    agencyCode: 'IMIGRASI',
    areaCodes: ['61', '21', '65'],
  });
  await page.goto(`${origin}/masuk`);
  await page.fill('[data-testid="signin-username"]', account.username);
  await page.fill('[data-testid="signin-password"]', initialPassword);
  await page.click('[data-testid="signin-submit"]');
  await page.waitForSelector('[data-testid="map"]', { timeout: 30_000 });
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await context?.close();
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
