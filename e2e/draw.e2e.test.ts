/**
 * Draw and measure (issue #12) in Chromium, as an intel officer and as a TIMPORA member of another agency: a polygon
 * drawn with clicks limits every layer, the summary and an analysis to it (each request carries it, the summary is
 * the server's answer for it), a circle too; a distance and an area are measured as turf measures the clicked points;
 * clearing the drawing lifts the limit.
 */
import path from 'node:path';
import { area, booleanPointInPolygon, distance, length, lineString, polygon } from '@turf/turf';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;
const requests: string[] = [];
const TIMEOUT = { timeout: 30_000, interval: 250 };

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page, origin } = session);
  await page.setViewportSize({ width: 1600, height: 1000 });
  session.browser.on('request', (request: Request) => {
    if (request.url().includes('/api/')) requests.push(request.url());
  });
});

afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

/** A full load of the view over Entikong at zoom 8.5, settled (a load, not a change of the hash). */
async function openMap(): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${origin}/#peta=8.5/1.0/110.5&lapisan=incidents,residents&periode=semua`);
  await page.waitForFunction(
    () =>
      Math.abs((window.__pantauMap?.getZoom() ?? 0) - 8.5) < 0.05 &&
      window.__pantauMap!.loaded() &&
      !window.__pantauMap!.isMoving(),
    undefined,
    { timeout: 60_000 },
  );
}

/** Clicks the map at pixels and answers the clicked points as [lon, lat]. */
async function clickAt(pixels: [number, number][]): Promise<[number, number][]> {
  const corners: [number, number][] = [];
  for (const [x, y] of pixels) {
    await page.mouse.click(x, y);
    corners.push(
      await page.evaluate(
        (pixel) => {
          const point = window.__pantauMap!.unproject(pixel);
          return [point.lng, point.lat] as [number, number];
        },
        [x, y] as [number, number],
      ),
    );
  }
  return corners;
}

const shown = (name: string) => page.locator(`[data-testid="draw-measures"] dd[data-measure="${name}"]`).textContent();
const number = (text: string | null) =>
  Number(
    text!
      .replace(/[^\d,.]/g, '')
      .replace(/\./g, '')
      .replace(',', '.'),
  );

/** The map's own box in pixels: clicks stay clear of the sidebar and the panels. */
const PIXELS: [number, number][] = [
  [760, 380],
  [1040, 360],
  [1100, 600],
  [800, 640],
];

describe('draw and measure', () => {
  test('as intel: a polygon limits the layers, the summary and an analysis; distance and area measure as turf does', async () => {
    await session.signIn('intel', ['61'], 'Inteldakim Entikong');
    await openMap();
    const before = await page.locator('[data-testid="summary-people"]').textContent();
    await page.click('[data-testid="draw-tools"] summary');
    await page.click('[data-testid="draw-polygon"]');
    requests.length = 0;
    const corners = await clickAt(PIXELS);
    await page.click('[data-testid="draw-finish"]');

    // The area shown is turf's over the clicked corners.
    const ring = [...corners, corners[0]!];
    expect(number(await shown('area'))).toBeCloseTo(area(polygon([ring])) / 1e6, 0);
    expect(number(await shown('perimeter'))).toBeCloseTo(length(lineString(ring), { units: 'kilometers' }), 0);

    // Every layer and the summary now ask for the drawn area, and the summary is the server's answer for it.
    // (At zoom 8.5 incidents come as a summary per kecamatan.)
    const limited = () => requests.filter((url) => url.includes('within=')).map((url) => new URL(url).pathname);
    await expect
      .poll(
        () =>
          ['/api/layers/summary', '/api/layers/residents/summary', '/api/charts/incidents'].filter(
            (p) => !limited().includes(p),
          ),
        TIMEOUT,
      )
      .toEqual([]);
    await expect.poll(() => limited().includes('/api/layers/incidents/summary'), TIMEOUT).toBe(true);
    const summaryUrl = requests.filter((url) => url.includes('/api/layers/summary') && url.includes('within=')).at(-1)!;
    const answer = await page.evaluate(
      async (url) => (await fetch(url, { credentials: 'same-origin' })).json(),
      summaryUrl,
    );
    await expect
      .poll(() => page.locator('[data-testid="summary-people"]').textContent(), TIMEOUT)
      .toContain(answer.people.toLocaleString('id-ID'));
    expect(await page.locator('[data-testid="summary-people"]').textContent()).not.toBe(before);
    const within = new URL(summaryUrl).searchParams.get('within')!.split(',').map(Number);
    expect(within.length / 2).toBe(5);
    expect(within[0]).toBeCloseTo(corners[0]![0], 4);
    // An analysis run now is limited to it as well.
    await page.click('[data-testid="analysis-open"]');
    await page.click('[data-testid="analysis-run"]');
    await expect
      .poll(() => requests.some((url) => url.includes('/api/analysis/') && url.includes('within=')))
      .toBe(true);
    await page.click('[data-testid="analysis-open"]');
    await page.screenshot({ path: path.join(screenshotDir, 'draw-polygon.png') });

    // The planner too: its candidates are the desa whose centre lies inside the drawn area (turf agrees).
    await page.click('[data-testid="planner-open"]');
    await page.locator('[data-testid="planner-in-area"]').waitFor({ timeout: 30_000 });
    const candidatesUrl = requests.filter((url) => url.includes('/api/planner/candidates')).at(-1)!;
    expect(new URL(candidatesUrl).searchParams.get('within')).toBe(new URL(summaryUrl).searchParams.get('within'));
    const planned = await page.evaluate(
      async (url) => (await fetch(url, { credentials: 'same-origin' })).json(),
      candidatesUrl,
    );
    expect(planned.candidates.length).toBeGreaterThan(0);
    for (const candidate of planned.candidates) {
      expect(booleanPointInPolygon([candidate.lon, candidate.lat], polygon([ring])), candidate.code).toBe(true);
    }
    const listedCodes = await page
      .locator('[data-testid="planner-ranking"] button.row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
    const known = new Set(planned.candidates.map((candidate: { code: string }) => candidate.code));
    expect(listedCodes.length).toBeGreaterThan(0);
    expect(listedCodes.every((code) => known.has(code))).toBe(true);
    await page.click('[data-testid="planner-open"]');

    // Clearing lifts the limit.
    requests.length = 0;
    await page.click('[data-testid="draw-clear"]');
    await expect.poll(() => requests.some((url) => url.includes('/api/layers/summary')), TIMEOUT).toBe(true);
    expect(requests.some((url) => url.includes('within='))).toBe(false);

    // A distance along three clicks, as turf measures it.
    await page.click('[data-testid="draw-distance"]');
    const line = await clickAt(PIXELS.slice(0, 3));
    await page.click('[data-testid="draw-finish"]');
    expect(number(await shown('length'))).toBeCloseTo(length(lineString(line), { units: 'kilometers' }), 1);
    // A measured line limits nothing.
    expect(await page.locator('[data-testid="draw-filtering"]').count()).toBe(0);
    await page.click('[data-testid="draw-clear"]');
  });

  test('as a member of another agency: a circle limits the map too, by the whole regions it touches', async () => {
    await session.signIn('member', ['61'], 'Anggota TIMPORA Polres');
    await openMap();
    await page.click('[data-testid="draw-tools"] summary');
    await page.click('[data-testid="draw-circle"]');
    requests.length = 0;
    const [centre, edge] = await clickAt([
      [600, 640],
      [680, 640],
    ]);
    expect(number(await shown('radius'))).toBeCloseTo(distance(centre!, edge!, { units: 'kilometers' }), 1);
    expect(await page.locator('[data-testid="draw-tools"]').textContent()).toContain('wilayah utuh');
    await expect
      .poll(() => requests.some((url) => url.includes('/api/layers/summary') && url.includes('within=')))
      .toBe(true);
    const summaryUrl = requests.filter((url) => url.includes('/api/layers/summary') && url.includes('within=')).at(-1)!;
    // The circle goes as a polygon of its edge.
    expect(new URL(summaryUrl).searchParams.get('within')!.split(',').length / 2).toBe(65);
    const answer = await page.evaluate(
      async (url) => (await fetch(url, { credentials: 'same-origin' })).json(),
      summaryUrl,
    );
    expect(answer.disclosureControl).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, 'draw-circle.png') });
  });
});
