/**
 * Crowded points on the map (issue #14): below z13 the incident tiles gather crowded points into a disc with their
 * number; hovering says how many, a click zooms in on it, and there the incidents come apart (demo data at the
 * Entikong crossing, the whole 36 months).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page } = session);
});

afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

const rendered = (layer: string) =>
  page.evaluate((id) => {
    const map = window.__pantauMap!;
    return map.getLayer(id)
      ? map.queryRenderedFeatures({ layers: [id] }).map((feature) => ({
          count: Number(feature.properties.count ?? 1),
          coordinates: (feature.geometry as unknown as { coordinates: [number, number] }).coordinates,
        }))
      : [];
  }, layer);

describe('crowded incidents', () => {
  test('a cluster says how many it holds, and a click zooms in until they come apart', async () => {
    await session.signIn('intel', ['61'], 'Intel Kalbar');
    await page.goto(`${session.origin}/#peta=10/1.0/110.55`);
    await page.waitForSelector('[data-testid="map"][data-layer-incidents="drawn"]', { timeout: 60_000 });
    // The sign-in left the page on the map, so the link above was only a hash change: make sure of the view.
    await page.evaluate(() => window.__pantauMap!.jumpTo({ center: [110.55, 1.0], zoom: 10 }));
    // Checked, not toggled: the whole 36 months whatever the period was.
    await page.check('[data-testid="time-whole"]');
    await page.waitForFunction(() => !window.__pantauMap!.isMoving() && window.__pantauMap!.areTilesLoaded());
    await expect
      .poll(async () => (await rendered('op-incidents-points-clusters')).length, { timeout: 60_000 })
      .toBeGreaterThan(0);
    const clusters = await rendered('op-incidents-points-clusters');
    const biggest = clusters.sort((a, b) => b.count - a.count)[0]!;
    expect(biggest.count).toBeGreaterThanOrEqual(4);
    // Bring it to the middle of the map, clear of the panels, and point at it.
    await page.evaluate((center) => window.__pantauMap!.jumpTo({ center }), biggest.coordinates);
    await page.waitForFunction(() => !window.__pantauMap!.isMoving() && window.__pantauMap!.areTilesLoaded());
    const pixel = await page.evaluate((center) => window.__pantauMap!.project(center), biggest.coordinates);
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.move(box.x + pixel.x, box.y + pixel.y);
    await expect
      .poll(
        () =>
          page
            .locator('[data-testid="map-tooltip"]')
            .innerText()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toMatch(/\d+ kejadian berdekatan/);
    await page.screenshot({ path: path.join(screenshotDir, 'point-clusters.png') });
    const zoomBefore = await page.evaluate(() => window.__pantauMap!.getZoom());
    await page.mouse.click(box.x + pixel.x, box.y + pixel.y);
    await page.waitForFunction(
      (before) => window.__pantauMap!.getZoom() >= before + 1.9 && !window.__pantauMap!.isMoving(),
      zoomBefore,
      { timeout: 10_000 },
    );
    // No drawer opened: a cluster is not a record.
    expect(await page.locator('[data-testid="details-drawer"]').count()).toBe(0);
    await page.waitForFunction(() => window.__pantauMap!.areTilesLoaded());
    // Closer in, single incidents show (each opens its record, as before).
    await expect
      .poll(async () => (await rendered('op-incidents-points')).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
  });
});
