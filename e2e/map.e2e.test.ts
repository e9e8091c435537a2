/**
 * The whole app in a real browser: the built web app and the API from one in-process server on the real database.
 * Any request to a host other than our own origin fails the test (offline first).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { palette } from '../web/src/lib/map/palette.ts';
import { systemActor } from '../server/src/domain/actor.ts';
import { uniqueUsername } from '../server/test/helpers.ts';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page, origin } = session);
});

afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  await session?.close();
});

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** How many pixels of a PNG are within `tolerance` of a colour on every channel. */
function countPixelsNear(png: Buffer, hex: string, tolerance: number): number {
  const image = PNG.sync.read(png);
  const [red, green, blue] = hexToRgb(hex);
  let count = 0;
  for (let offset = 0; offset < image.data.length; offset += 4) {
    if (
      Math.abs(image.data[offset]! - red) <= tolerance &&
      Math.abs(image.data[offset + 1]! - green) <= tolerance &&
      Math.abs(image.data[offset + 2]! - blue) <= tolerance
    ) {
      count++;
    }
  }
  return count;
}

/** Mean of (red − blue) over a PNG: how far its pixels lean towards the desa highlight colour. */
function warmth(png: Buffer): number {
  const image = PNG.sync.read(png);
  let total = 0;
  for (let offset = 0; offset < image.data.length; offset += 4) total += image.data[offset]! - image.data[offset + 2]!;
  return total / (image.data.length / 4);
}

describe('the map in Chromium', () => {
  test('the map needs a session: the sign-in page comes first, then the map where the link pointed', async () => {
    const { account, initialPassword } = await session.context.app.accountAdmin.createAccount(systemActor, {
      username: uniqueUsername('e2e-intel'),
      displayName: 'Inteldakim E2E',
      role: 'intel',
      agencyCode: 'IMIGRASI',
      areaCodes: ['61.03', '61.09'],
    });
    await page.goto(`${origin}/#peta=10/0.97/110.35`);
    await page.waitForURL(/\/masuk/, { timeout: 30_000 });
    await page.fill('[data-testid="signin-username"]', account.username);
    await page.fill('[data-testid="signin-password"]', 'not the password');
    await page.click('[data-testid="signin-submit"]');
    await expect.poll(() => page.locator('[data-testid="signin-error"]').innerText()).toContain('salah');
    await page.fill('[data-testid="signin-password"]', initialPassword);
    await page.click('[data-testid="signin-submit"]');
    await page.waitForSelector('[data-testid="map"]', { timeout: 30_000 });
    await page.locator('[data-testid="user-menu"]').click();
    await expect.poll(() => page.locator('[data-testid="user-menu"]').innerText()).toContain('Inteldakim E2E');
    await page.keyboard.press('Escape');
  });

  test('loads on the border with desa boundaries drawn, from our own origin only', async () => {
    await page.goto(`${origin}/#peta=10/0.97/110.35`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    // Let every tile of the first view arrive and draw.
    await page.waitForFunction(() => window.__pantauMap?.areTilesLoaded() === true, undefined, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const screenshot = await page.screenshot({ path: path.join(screenshotDir, 'map-entikong.png') });
    expect(countPixelsNear(screenshot, palette.desaLine, 40)).toBeGreaterThan(500);
    expect(countPixelsNear(screenshot, palette.landBorder, 40)).toBeGreaterThan(100);
    expect(session.foreignRequests).toEqual([]);
  });

  test('search for Entikong flies there and names it', async () => {
    await page.fill('[data-testid="search-input"]', 'Entikong');
    const first = page.locator('[data-testid="search-result"]').first();
    await first.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('[data-testid="search-result"]').allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringContaining('Entikong')]));
    await page.locator('[data-testid="search-result"]', { hasText: 'Kec. Entikong' }).first().click();
    await expect.poll(() => page.locator('[data-testid="selected-region"]').innerText()).toContain('Entikong');
    await page.waitForFunction(() => !window.__pantauMap?.isMoving(), undefined, { timeout: 15_000 });
    expect(page.url()).toMatch(/#peta=1[0-3]/);
    expect(session.foreignRequests).toEqual([]);
  });

  test('switches the interface and the map labels to English', async () => {
    const styleRequest = page.waitForRequest((request) => request.url().includes('/api/style.json?lang=en'));
    await page.locator('[data-testid="lang-switch"]').getByText('EN').click();
    await styleRequest;
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('[data-testid="search-input"]', 'placeholder')).toMatch(/Search/);
    await expect.poll(() => page.locator('footer').innerText()).toContain('not the legal');
    await page.locator('[data-testid="lang-switch"]').getByText('ID').click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('id');
  });

  test('hovering tints a desa; a click shows the desa, its codes and its distance to the border', async () => {
    await page.goto(`${origin}/#peta=11/0.123/110.597`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    await page.waitForFunction(() => window.__pantauMap?.areTilesLoaded() === true, undefined, { timeout: 60_000 });
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const center = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // Hover tints the desa under the pointer: the patch around the pointer turns warmer (more red than blue).
    const patch = { x: center.x - 10, y: center.y - 10, width: 20, height: 20 };
    const before = warmth(await page.screenshot({ clip: patch }));
    await page.mouse.move(center.x, center.y);
    await expect.poll(async () => warmth(await page.screenshot({ clip: patch }))).toBeGreaterThan(before + 5);
    await page.mouse.click(center.x, center.y);
    const panel = page.locator('[data-testid="region-panel"]');
    await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain('Ilir Kota');
    const text = await panel.innerText();
    expect(text).toContain('61.03.01.1004');
    expect(text).toContain('Kapuas');
    expect(text).toMatch(/\d+[,.]\d\s*km/);
    await page.screenshot({ path: path.join(screenshotDir, 'map-click-panel.png') });
    expect(session.foreignRequests).toEqual([]);
  });
});
