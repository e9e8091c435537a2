/** The operational layers in Chromium with the demo data: each layer turned on is drawn; the summary strip fills. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LAYERS as VOCABULARY_LAYERS } from '../server/src/schemas/vocabulary.ts';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;
// Every layer of the server's vocabulary: a new layer is tried here without anyone adding it.
const LAYERS = VOCABULARY_LAYERS;

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

/** Moves the map by its link and waits until it has arrived (the hash change starts the move a moment later). */
async function goTo(zoom: number, lat: number, lon: number): Promise<void> {
  await page.evaluate((hash) => (location.hash = hash), `#peta=${zoom}/${lat}/${lon}`);
  await page.waitForFunction(
    (target) => {
      const map = window.__pantauMap;
      return !!map && Math.abs(map.getZoom() - target) < 0.01 && !map.isMoving();
    },
    zoom,
    { timeout: 15_000 },
  );
}

/** A point of the layer in view with no other within 16 px, at its pixel on the map. */
function isolatedPoint(layer: 'incidents' | 'residents') {
  return page.evaluate(async (layer) => {
    const map = window.__pantauMap!;
    const bounds = map.getBounds();
    const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].join(',');
    // Incidents as the map draws them (the period it shows, the tiles it has); residents as the JSON list has them.
    const listed =
      layer === 'incidents'
        ? map.queryRenderedFeatures({ layers: ['op-incidents-points'] }).map((feature) => {
            const [lon, lat] = (feature.geometry as GeoJSON.Point).coordinates as [number, number];
            return { id: Number(feature.id), lon, lat };
          })
        : ((await (await fetch(`/api/layers/${layer}/points?bbox=${bbox}`)).json()).points as {
            id: number;
            lon: number;
            lat: number;
          }[]);
    // A point on a tile edge is drawn from both tiles: once each.
    const unique = [...new Map(listed.map((point) => [point.id, point])).values()];
    const points = unique.map((point) => ({ id: point.id, ...map.project([point.lon, point.lat]) }));
    const width = map.getContainer().clientWidth;
    const height = map.getContainer().clientHeight;
    return (
      points.find(
        (point) =>
          point.x > 450 &&
          point.x < width - 450 &&
          point.y > 150 &&
          point.y < height - 200 &&
          points.every((other) => other === point || Math.hypot(other.x - point.x, other.y - point.y) > 16),
      ) ?? null
    );
  }, layer);
}

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

  test('each layer shows its own legend while it is on', async () => {
    // Every layer is on since the test above; each legend says something of its own.
    const legends = page.locator('[data-testid="layer-panel"] .legend');
    await expect.poll(() => legends.count()).toBe(LAYERS.length);
    const texts = await legends.allInnerTexts();
    expect(texts.every((text) => text.trim().length > 0)).toBe(true);
    expect(new Set(texts).size).toBe(LAYERS.length);
    await page.locator('[data-testid="team-targets"]').waitFor({ timeout: 30_000 });
  });

  test('hovering an incident shows its tooltip; a click opens its details', async () => {
    // Every layer stays on: a point under the pointer wins over workplaces, desa binaan and areas.
    // The whole period (the slider starts at the current month, which may have no incident here).
    await page.locator('[data-testid="time-whole"]').check();
    await goTo(12, 0.98, 110.34);
    await drawn('incidents');
    const target = await isolatedPoint('incidents');
    expect(target).not.toBeNull();
    await page.mouse.move(target!.x, target!.y);
    const tooltip = page.locator('[data-testid="map-tooltip"]');
    await tooltip.waitFor({ timeout: 10_000 });
    const hint = await tooltip.innerText();
    expect(hint).toContain('Klik untuk rincian');
    await page.mouse.click(target!.x, target!.y);
    const drawer = page.locator('[data-testid="details-drawer"]');
    await drawer.waitFor({ timeout: 30_000 });
    await expect.poll(() => drawer.locator('h2').innerText()).toContain(`Rincian kejadian`);
    expect(await drawer.locator('h2').innerText()).toContain(`#${target!.id}`);
    await expect.poll(() => drawer.locator('[data-field="type"]').count(), { timeout: 30_000 }).toBe(1);
    // The tooltip (from the tile) and the record (from the server) tell the same local time, in Entikong's WIB.
    const when = await drawer.locator('[data-field="occurredAt"]').innerText();
    expect(when).toMatch(/WIB$/);
    expect(hint).toContain(when);
    await page.screenshot({ path: path.join(screenshotDir, 'layers-incident-details.png') });
    await page.locator('[data-testid="details-close"]').click();
  });

  test('intel hovers a resident drawn from the tiles and opens the record', async () => {
    await page.locator('[data-testid="layer-toggle-incidents"]').uncheck();
    await goTo(13, 1.13, 104.03);
    await drawn('residents');
    const target = await isolatedPoint('residents');
    expect(target).not.toBeNull();
    await page.mouse.move(target!.x, target!.y);
    const tooltip = page.locator('[data-testid="map-tooltip"]');
    await tooltip.waitFor({ timeout: 10_000 });
    expect(await tooltip.innerText()).toContain('Klik untuk rincian');
    await page.mouse.click(target!.x, target!.y);
    const drawer = page.locator('[data-testid="details-drawer"]');
    await expect.poll(() => drawer.locator('h2').innerText(), { timeout: 30_000 }).toContain('Rincian WNA');
    expect(await drawer.locator('h2').innerText()).toContain(`#${target!.id}`);
    await expect.poll(() => drawer.locator('[data-field="nationality"]').count(), { timeout: 30_000 }).toBe(1);
    await page.screenshot({ path: path.join(screenshotDir, 'layers-resident-details.png') });
    await page.locator('[data-testid="details-close"]').click();
    await page.locator('[data-testid="layer-toggle-incidents"]').check();
  });

  test("a kecamatan's tooltip gathers its residents and its TIMPORA team", async () => {
    await page.locator('[data-testid="layer-toggle-teams"]').check();
    await goTo(8, 0.6, 110.5);
    await drawn('residents');
    await drawn('teams');
    // A pixel inside a kecamatan that has a team and residents shown (residents' fill and the teams' fill both there).
    const spot = await page.evaluate(() => {
      const map = window.__pantauMap!;
      const width = map.getContainer().clientWidth;
      const height = map.getContainer().clientHeight;
      for (let y = 150; y < height - 200; y += 12) {
        for (let x = 450; x < width - 450; x += 12) {
          const features = map.queryRenderedFeatures([x, y], { layers: ['op-residents-kecamatan', 'op-teams-fill'] });
          const area = features.find((feature) => feature.layer.id === 'op-residents-kecamatan');
          const team = features.find((feature) => feature.layer.id === 'op-teams-fill');
          if (area && team && area.id === team.id && map.getFeatureState(team).team === 'formed') return { x, y };
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.move(spot!.x, spot!.y);
    const tooltip = page.locator('[data-testid="map-tooltip"]');
    await tooltip.waitFor({ timeout: 10_000 });
    const text = await tooltip.innerText();
    expect(text).toMatch(/WNA: [\d.]+|Tidak ada WNA tercatat/);
    expect(text).toContain('Tim TIMPORA terbentuk');
    await page.mouse.move(5, 5);
  });

  test('an immigration office is on the map where the server has it, with its working area in the tooltip', async () => {
    for (const layer of LAYERS) {
      const toggle = page.locator(`[data-testid="layer-toggle-${layer}"]`);
      if ((await toggle.isChecked()) !== (layer === 'offices')) await toggle.click();
    }
    await goTo(9, 0.12, 110.6);
    await drawn('offices');
    const { offices } = await (await page.request.get(`${origin}/api/immigration-offices`)).json();
    const sanggau = offices.find((office: { code: string }) => office.code === 'sanggau');
    await page.waitForTimeout(500);
    const at = await page.evaluate(
      ([lon, lat]) => window.__pantauMap!.project([lon!, lat!]),
      [sanggau.lon, sanggau.lat],
    );
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const tooltip = page.locator('[data-testid="map-tooltip"]');
    await tooltip.waitFor({ timeout: 10_000 });
    const text = await tooltip.innerText();
    expect(text).toContain('Kantor Imigrasi Sanggau');
    expect(text).toContain('Wilayah kerja: Kabupaten Sanggau');
    await page.screenshot({ path: path.join(screenshotDir, 'layers-offices.png') });
    await page.mouse.move(5, 5);
  });

  test('the time slider steps through months', async () => {
    const slider = page.locator('[data-testid="time-slider"]');
    await slider.waitFor();
    await expect.poll(() => page.locator('[data-testid="time-play"]').count()).toBe(1);
  });
});
