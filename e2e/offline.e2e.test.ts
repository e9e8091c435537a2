/**
 * Field-ready (issue #14) in Chromium, over a link the test cuts (e2e/link.ts): after one visit the app opens with no
 * connection at all — page, session, style and the last view's boundaries from the service worker — and says it is
 * offline; a report filed then waits on the phone (IndexedDB) and survives a reload; when the link returns it is sent,
 * its first answer is lost on the way, it is sent again with the same Idempotency-Key, and the server holds it once.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let reporterName: string | null = null;

beforeAll(async () => {
  session = await openBrowserSession({ link: true });
  ({ page } = session);
  await page.setViewportSize({ width: 360, height: 800 });
});

afterAll(async () => {
  if (reporterName) await session.forgetFilingsOf(reporterName);
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

async function cachedPaths(cacheName: string): Promise<string[]> {
  return page.evaluate(
    async (name) => (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname),
    cacheName,
  );
}

async function mapDrawn(): Promise<void> {
  await page.waitForSelector('[data-testid="reporter-page"] [data-testid="map"][data-map-ready="true"]', {
    timeout: 60_000,
  });
}

/** The share of the map's pixels that are not the empty background: boundaries and land drawn. */
async function drawnShare(): Promise<number> {
  const shot = await page.locator('[data-testid="reporter-page"] [data-testid="map"]').screenshot();
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const colours = new Map<number, number>();
    for (let index = 0; index < data.length; index += 16) {
      const key = (data[index]! << 16) | (data[index + 1]! << 8) | data[index + 2]!;
      colours.set(key, (colours.get(key) ?? 0) + 1);
    }
    const commonest = Math.max(...colours.values());
    return 1 - commonest / (data.length / 16);
  }, shot.toString('base64'));
}

describe('a reporter with a poor link', () => {
  test('opens the app offline after a visit; a report filed offline is sent once when the link returns', async () => {
    const { username } = await session.signIn('reporter', ['61.03'], 'Staf Kecamatan Entikong');
    reporterName = username;
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/lapor');
    await mapDrawn();
    await page.evaluate(() => window.__pantauMap!.jumpTo({ center: [110.35, 0.97], zoom: 11 }));
    await page.waitForFunction(() => !window.__pantauMap!.isMoving() && window.__pantauMap!.areTilesLoaded());

    // The worker is registered a few seconds in, takes over the page and keeps what the first view loaded.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await expect.poll(() => cachedPaths('pantau-data-v1'), { timeout: 30_000 }).toContain('/api/session');
    await expect.poll(() => cachedPaths('pantau-data-v1'), { timeout: 30_000 }).toContain('/api/style.json');
    await expect
      .poll(async () => (await cachedPaths('pantau-tiles-v1')).length, { timeout: 30_000 })
      .toBeGreaterThan(4);
    // The reporter's view is now drawn through the worker: pan a little so it keeps those tiles too.
    await page.evaluate(() => window.__pantauMap!.jumpTo({ center: [110.36, 0.975], zoom: 11 }));
    await page.waitForFunction(() => !window.__pantauMap!.isMoving() && window.__pantauMap!.areTilesLoaded());
    const onlineShare = await drawnShare();
    expect(onlineShare).toBeGreaterThan(0.02);

    // The link goes down; the phone is reloaded (as after the browser was closed) and still opens the report page.
    session.link!.cut();
    await session.browser.setOffline(true);
    await page.reload();
    await mapDrawn();
    await expect.poll(() => page.locator('[data-testid="offline-banner"]').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('[data-testid="offline-banner"]').innerText()).toContain('Luring');
    await page.evaluate(() => window.__pantauMap!.jumpTo({ center: [110.36, 0.975], zoom: 11 }));
    await page.waitForFunction(() => !window.__pantauMap!.isMoving() && window.__pantauMap!.areTilesLoaded());
    // The boundaries are drawn from the device: about as much of the map as online.
    expect(await drawnShare()).toBeGreaterThan(onlineShare * 0.5);

    // A report filed offline waits on the phone, and is still there after another reload.
    const box = (await page.locator('[data-testid="reporter-page"] [data-testid="map"]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid="incident-form"]');
    await page.selectOption('[data-testid="incident-type"]', 'illegal_crossing');
    await page.fill('[data-testid="incident-people"]', '2');
    await page.fill('[data-testid="incident-nationalities"]', 'ZZZ');
    await page.fill('[data-testid="incident-occurred-at"]', '2026-11-30T06:45');
    await page.click('[data-testid="incident-submit"]');
    await page.waitForSelector('[data-testid="reporter-queued"]', { timeout: 30_000 });
    await page.reload();
    await page.waitForSelector('[data-testid="outbox-entry"][data-status="waiting"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="outbox-summary"]').innerText()).toContain('1 menunggu');
    await page.screenshot({ path: path.join(screenshotDir, 'offline-phone.png'), fullPage: true });
    const stored = () =>
      session.context.pool
        .query<{ n: number }>(
          `SELECT count(*)::int AS n FROM incident WHERE filed_by = (SELECT id FROM account WHERE username = $1)`,
          [username],
        )
        .then((result) => result.rows[0]!.n);
    expect(await stored()).toBe(0);

    // The link returns. The first sending reaches the server but its answer is lost on the way back.
    const lost = session.link!.loseNextAnswerTo(/^POST \/api\/incidents /);
    session.link!.restore();
    await session.browser.setOffline(false);
    await lost;
    await expect.poll(stored, { timeout: 30_000 }).toBe(1);
    // The phone did not hear that answer, so it sends the report again by itself, with the same key: still one.
    await page.waitForSelector('[data-testid="outbox-entry"][data-status="sent"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="outbox-entry"]').innerText()).toContain('Kantor Imigrasi Sanggau');
    await expect.poll(() => page.locator('[data-testid="offline-banner"]').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid="reporter-reports"] li').count(), { timeout: 30_000 }).toBe(1);
    expect(await stored()).toBe(1);
    const row = await session.context.pool.query(
      `SELECT type, people_count FROM incident WHERE filed_by = (SELECT id FROM account WHERE username = $1)`,
      [username],
    );
    expect(row.rows).toEqual([{ type: 'illegal_crossing', people_count: 2 }]);
    await page.screenshot({ path: path.join(screenshotDir, 'offline-phone-sent.png'), fullPage: true });
  });

  test('signing out drops the kept answers of the account; people are never kept', async () => {
    const kept = await cachedPaths('pantau-data-v1');
    expect(kept.some((pathname) => /^\/api\/(residents|layers\/residents\/points)/.test(pathname))).toBe(false);
    // Nor a reporter's own reports: their free text may name people.
    expect(kept).not.toContain('/api/incidents/mine');
    expect(kept).toContain('/api/session');
    await page.click('[data-testid="user-menu"]');
    await page.click('[data-testid="signout"]');
    await page.waitForURL((url) => url.pathname === '/masuk', { timeout: 30_000 });
    await expect.poll(() => cachedPaths('pantau-data-v1'), { timeout: 30_000 }).toEqual([]);
  });
});
