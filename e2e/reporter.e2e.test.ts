/**
 * Information flowing up (issue #13) in Chromium on a phone (360×800): a reporter of the kecamatan signs in, lands on
 * the report page (not the map of everyone's data), taps the place, files a report with one thumb, is told which
 * immigration office it reached, and sees it in "Laporan saya" with its follow-up status — and the server stored it
 * once, with the reporter and the office.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
const apiCalls: string[] = [];
let reporterName: string | null = null;

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page } = session);
  await page.setViewportSize({ width: 360, height: 800 });
  session.browser.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) apiCalls.push(`${request.method()} ${url.pathname}`);
  });
});

afterAll(async () => {
  // The report filed here (and its alerts) leave the other tests' maps as they were.
  if (reporterName) await session.forgetFilingsOf(reporterName);
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

describe('a reporter on a phone', () => {
  test('files a report from the report page and follows it', async () => {
    const { username } = await session.signIn('reporter', ['61.03'], 'Staf Kecamatan Entikong');
    reporterName = username;
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/lapor');
    await page.waitForSelector('[data-testid="reporter-page"] [data-testid="map"][data-map-ready="true"]', {
      timeout: 60_000,
    });
    // The reporter moves the map to Entikong (as a thumb would) and taps the place.
    await page.evaluate(() => window.__pantauMap!.jumpTo({ center: [110.35, 0.97], zoom: 12 }));
    await page.waitForFunction(() => !window.__pantauMap!.isMoving());
    const box = (await page.locator('[data-testid="reporter-page"] [data-testid="map"]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid="incident-form"]');
    await page.selectOption('[data-testid="incident-type"]', 'pmi_nonprosedural');
    await page.fill('[data-testid="incident-people"]', '4');
    await page.fill('[data-testid="incident-nationalities"]', 'ZZZ');
    await page.fill('[data-testid="incident-occurred-at"]', '2026-11-30T21:15');
    // The form fits the phone: the send button is on screen when scrolled to, and wide enough for a thumb.
    const submit = page.locator('[data-testid="incident-submit"]');
    await submit.scrollIntoViewIfNeeded();
    const button = (await submit.boundingBox())!;
    expect(button.x).toBeGreaterThanOrEqual(0);
    expect(button.x + button.width).toBeLessThanOrEqual(360);
    expect(button.height).toBeGreaterThanOrEqual(32);
    await submit.click();
    await expect
      .poll(() => page.locator('[data-testid="reporter-done"]').innerText(), { timeout: 30_000 })
      .toContain('Kantor Imigrasi Sanggau');
    await expect.poll(() => page.locator('[data-testid="reporter-reports"] li').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('[data-testid="reporter-status"]').first().innerText()).toBe('Dilaporkan');
    await page.screenshot({ path: path.join(screenshotDir, 'reporter-phone.png'), fullPage: true });

    const stored = await session.context.pool.query(
      `SELECT i.type, i.people_count, i.office_code, a.username FROM incident i JOIN account a ON a.id = i.filed_by
       WHERE a.username = $1`,
      [username],
    );
    expect(stored.rows).toEqual([{ type: 'pmi_nonprosedural', people_count: 4, office_code: 'sanggau', username }]);
    // The page asked for nothing but the base map, naming the point, its own reports and the filing.
    const asked = new Set(apiCalls.map((call) => call.replace(/\/\d+$/, '/:id')));
    for (const call of asked) {
      expect(
        [
          'GET /api/session',
          'GET /api/health',
          'GET /api/style.json',
          'GET /api/regions/at',
          'GET /api/incidents/mine',
          'POST /api/incidents',
          'POST /api/session',
        ],
        call,
      ).toContain(call);
    }
  });
});
