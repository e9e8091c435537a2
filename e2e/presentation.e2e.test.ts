/**
 * Presentation mode (issue #11) in Chromium at 1920×1080: an intel officer enters it; after that no answer the page
 * receives holds a personal field or a count of people the projector may not see, nothing personal is in the DOM, the
 * panels give way to the map's key in large type, and leaving the mode brings the officer's own view back.
 */
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALL_PERSONAL_FIELD_NAMES } from '../server/src/services/redaction-policy.ts';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';
import { keysOf } from '../server/test/json-keys.ts';

const PLANTED_TEXT = 'Keterangan uji proyektor: saksi bernama Rahasia Proyektor';
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
  await session?.context.pool.query('DELETE FROM incident WHERE description = $1', [PLANTED_TEXT]);
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

/** What the page received that a projector may not show: personal fields in JSON, people counts in tiles. */
async function leaks(response: Response): Promise<string[]> {
  const url = new URL(response.url());
  if (url.origin !== origin || response.status() !== 200) return [];
  const type = response.headers()['content-type'] ?? '';
  if (type.includes('application/json')) {
    return [...keysOf(await response.json())]
      .filter((key) => ALL_PERSONAL_FIELD_NAMES.has(key))
      .map((key) => `${url.pathname}: ${key}`);
  }
  if (url.pathname.startsWith('/tiles/incidents/') || url.pathname.startsWith('/tiles/residents/')) {
    const body = await response.body();
    const tile = new VectorTile(new PbfReader(body[0] === 0x1f ? gunzipSync(body) : body));
    const found: string[] = [];
    for (const layer of Object.values(tile.layers)) {
      for (let index = 0; index < layer.length; index++) {
        for (const key of Object.keys(layer.feature(index).properties)) {
          if (key === 'peopleCount' || ALL_PERSONAL_FIELD_NAMES.has(key)) found.push(`${url.pathname}: ${key}`);
        }
      }
    }
    return found;
  }
  return [];
}

describe('presentation mode', () => {
  test('an intel officer presents: nothing personal reaches the page; the key in large type; leaving restores', async () => {
    // A full load of the link (the sign-in left the page on the map: a bare hash change would only move it).
    await page.goto('about:blank');
    await page.goto(`${origin}/#peta=12/0.98/110.34&periode=semua`);
    await page.waitForFunction(
      () => Math.abs((window.__pantauMap?.getZoom() ?? 0) - 12) < 0.01 && !window.__pantauMap!.isMoving(),
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForSelector('[data-testid="map"][data-layer-incidents="drawn"]', { timeout: 60_000 });
    // What intel sees: resident points and the names in incidents (the test checks they do not reach the projector).
    const names = await session.context.pool.query<{ name: string }>(
      `SELECT full_name AS name FROM foreign_resident WHERE left(desa_code, 2) = '61' AND full_name IS NOT NULL LIMIT 20`,
    );
    expect(names.rows.length).toBeGreaterThan(0);

    await session.context.pool.query(
      `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity,
                             reporting_agency, description, disclosure_key)
       SELECT 'illegal_work', now() - interval '2 days', ST_SetSRID(ST_Point(110.34, 0.98), 4326), code, ARRAY['MYS'],
              1, 'sedang', 'IMIGRASI', $1, 4242
       FROM desa WHERE ST_Contains(geom, ST_SetSRID(ST_Point(110.34, 0.98), 4326))`,
      [PLANTED_TEXT],
    );
    const bodies: Promise<string>[] = [];
    const keepBody = (response: Response) => {
      if (response.url().startsWith(`${origin}/api/`)) bodies.push(response.text().catch(() => ''));
    };
    page.on('response', keepBody);
    const checks: Promise<string[]>[] = [];
    const onResponse = (response: Response) => checks.push(leaks(response).catch(() => []));
    // Listening before the click: a quick reload must not fire before the wait begins.
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="presentation-start"]')]);
    page.on('response', onResponse);
    await page.waitForSelector('[data-testid="presentation-exit"]', { timeout: 60_000 });
    // The place came back from the link too.
    await page.waitForFunction(() => Math.abs((window.__pantauMap?.getZoom() ?? 0) - 12) < 0.01, undefined, {
      timeout: 30_000,
    });
    await page.waitForSelector('[data-testid="map"][data-layer-incidents="drawn"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="map"][data-layer-residents="drawn"]', { timeout: 60_000 });

    // The view came back from the link; the panels gave way to the key, in the projector's type.
    expect(await page.locator('html').getAttribute('class')).toContain('projector');
    expect(await page.locator('[data-testid="layer-panel"]').count()).toBe(0);
    expect(await page.locator('[data-testid="report-incident"]').count()).toBe(0);
    expect(await page.locator('[data-testid="analysis-open"]').count()).toBe(0);
    expect(await page.locator('[data-testid="time-whole"]').isChecked()).toBe(true);
    const fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(Number.parseFloat(fontSize)).toBeGreaterThanOrEqual(22);

    // Hover over the incidents in view: the tooltip says no number of people.
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    for (let step = 0; step < 30; step++) {
      await page.mouse.move(box.x + 700 + (step % 6) * 90, box.y + 250 + Math.floor(step / 6) * 90);
      const tooltip = page.locator('[data-testid="map-tooltip"]');
      if ((await tooltip.count()) > 0) expect(await tooltip.innerText()).not.toContain('Orang terlibat');
    }
    await page.screenshot({ path: path.join(screenshotDir, 'presentation-1920.png') });

    // The charts on the projector: the viewer's published numbers, nationalities by group, and their answers go
    // through the same checks as every other answer.
    await page.click('[data-testid="charts-open"]');
    await page.waitForSelector('[data-testid="chart-nationality"] canvas', { timeout: 30_000 });
    const nationalityTitle = await page.textContent('[data-testid="chart-nationality"] figcaption');
    expect(nationalityTitle).toContain('kelompok kewarganegaraan');
    expect(await page.textContent('[data-testid="chart-residents"] figcaption')).toContain('≈');

    const text = await page.evaluate(() => document.body.innerText);
    for (const { name } of names.rows) expect(text).not.toContain(name);
    // No incident's free text either, though intel's own agency filed it (planted in view before presenting).
    expect(text).not.toContain(PLANTED_TEXT);
    page.off('response', onResponse);
    page.off('response', keepBody);
    expect((await Promise.all(checks)).flat()).toEqual([]);
    expect((await Promise.all(bodies)).filter((body) => body.includes(PLANTED_TEXT))).toEqual([]);
    expect(checks.length).toBeGreaterThan(5);

    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="presentation-exit"]')]);
    await page.waitForSelector('[data-testid="report-incident"]', { timeout: 60_000 });
    expect((await page.locator('html').getAttribute('class')) ?? '').not.toContain('projector');
    expect(await page.locator('[data-testid="layer-panel"]').count()).toBe(1);
  }, 120_000);
});
