/**
 * The desa binaan planner (issue #12) in Chromium at 1920×1080, driven as a planner at the immigration office would:
 * the ranking is the server's score function over the server's one answer; a slider moves the ranking at once; a
 * candidate explains its rank; a plan of N desa is taken from the suggestion, compared on the map with the suggestion,
 * saved, and downloaded as CSV and PDF — and the files say what the page said.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rankCandidates, withNearby, type PlannerAnswer } from '../server/src/domain/planner-plan.ts';
import { DEFAULT_WEIGHTS, PLANNER_CRITERIA } from '../server/src/domain/planner-score.ts';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;

const REGION = '61.03';

beforeAll(async () => {
  session = await openBrowserSession();
  ({ page, origin } = session);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await session.signIn('intel', ['61'], 'Perencana Kanim Sanggau');
});

afterAll(async () => {
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

/** The answer the page itself gets, fetched with the page's own session. */
const answerOf = (region: string): Promise<PlannerAnswer & { candidates: { name: string }[] }> =>
  page.evaluate(
    async (code) => (await fetch(`/api/planner/candidates?region=${code}`, { credentials: 'same-origin' })).json(),
    region,
  );

/** The ranking as the page lists it: codes and the scores it shows. */
async function listed(): Promise<{ code: string; score: string }[]> {
  return page.locator('[data-testid="planner-ranking"] button.row').evaluateAll((rows) =>
    rows.map((row) => ({
      code: row.getAttribute('data-code')!,
      score: row.querySelector('[data-testid="planner-score"]')!.textContent!.trim(),
    })),
  );
}

const twoDecimals = (value: number) =>
  value.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function setWeight(name: string, value: number): Promise<void> {
  await page.locator(`[data-testid="planner-weights"] input[data-criterion="${name}"]`).evaluate((input, wanted) => {
    (input as HTMLInputElement).value = String(wanted);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

describe('desa binaan planner', () => {
  test('ranks with the server’s function, moves with a slider, explains, and takes a plan of N to the meeting', async () => {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.__pantauMap?.loaded(), undefined, { timeout: 60_000 });
    await page.click('[data-testid="planner-open"]');
    await page.fill('[data-testid="planner-region"]', REGION);
    await page.click('[data-testid="planner-panel"] form.region button[type="submit"]');
    await page.waitForFunction(
      (code) =>
        document
          .querySelector('[data-testid="planner-ranking"] button.row')
          ?.getAttribute('data-code')
          ?.startsWith(code),
      REGION,
    );

    // The ranking is the shared score function over the page's own answer.
    const answer = await answerOf(REGION);
    const expected = rankCandidates(withNearby(answer), DEFAULT_WEIGHTS);
    const shown = await listed();
    expect(shown).toHaveLength(25);
    expect(shown).toEqual(
      expected.slice(0, 25).map((entry) => ({ code: entry.code, score: twoDecimals(entry.score) })),
    );

    // A slider moves the ranking at once: with no weight on incidents and all on the land border, the order is the
    // function's with those weights, and moved rows say so.
    const weights = { ...DEFAULT_WEIGHTS, incidents: 0, landBorder: 100 };
    await setWeight('incidents', 0);
    await setWeight('landBorder', 100);
    const reranked = rankCandidates(withNearby(answer), weights);
    expect(reranked.slice(0, 25).map((entry) => entry.code)).not.toEqual(
      expected.slice(0, 25).map((entry) => entry.code),
    );
    await expect
      .poll(() => listed())
      .toEqual(reranked.slice(0, 25).map((entry) => ({ code: entry.code, score: twoDecimals(entry.score) })));
    expect(await page.locator('[data-testid="planner-ranking"] .moved').count()).toBeGreaterThan(0);

    // Why the first desa ranks first: its contributions add up to its score, with the raw numbers behind them.
    const first = reranked[0]!;
    await page.click(`[data-testid="planner-ranking"] button.row[data-code="${first.code}"]`);
    const explanation = page.locator('[data-testid="planner-explanation"]');
    await explanation.waitFor();
    expect(await explanation.locator('h4').textContent()).toContain(first.name);
    const contributions = await explanation.locator('tr[data-criterion] td.number').allTextContents();
    const sum = contributions.reduce((total, text) => total + Number(text.replace('+', '').replace(',', '.')), 0);
    expect(sum).toBeCloseTo(first.score, 1);
    const land = await explanation.locator('tr[data-criterion="landBorder"]').textContent();
    expect(land).toContain(
      `${first.landBorderKm!.toLocaleString('id-ID', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} km`,
    );
    expect(land).toMatch(/Peringkat bila bobotnya 0: \d+/);
    // Rejected, with a note: it leaves the suggestion.
    const rejected = reranked[1]!;
    await page.click(`[data-testid="planner-ranking"] button.row[data-code="${rejected.code}"]`);
    await explanation.locator('[data-testid="planner-reject"]').click();
    await explanation.locator('textarea').fill('Sudah ada pos lintas batas negara');

    // A plan of 3 desa within 8 km, from the suggestion.
    await page.fill('[data-testid="planner-n"]', '3');
    await page.fill('[data-testid="planner-radius"]', '8');
    const suggestion = page.locator('[data-testid="planner-suggestion"] li');
    await expect.poll(() => suggestion.count()).toBe(3);
    expect(await page.locator('[data-testid="planner-suggestion"]').textContent()).not.toContain(rejected.name);
    await page.click('[data-testid="planner-take-suggestion"]');
    await expect.poll(() => page.locator('[data-testid="planner-planned"] li').count()).toBe(3);
    const comparison = page.locator('[data-testid="planner-comparison"]');
    // The working plan is the suggestion: both columns say the same.
    const foreigners = comparison.locator('tr[data-figure="foreigners"]');
    expect(await foreigners.locator('td[data-plan="a"]').textContent()).toBe(
      await foreigners.locator('td[data-plan="b"]').textContent(),
    );
    expect(await comparison.locator('tr[data-figure="desa"] td[data-plan="a"]').textContent()).toBe('3');

    // On the map (fitted to the candidates): the planned desa numbered, their reach drawn (blue pixels at a planned desa), the candidates shaded.
    await page.waitForFunction(() => !window.__pantauMap!.isMoving() && window.__pantauMap!.loaded());
    const planned = await page.evaluate(() => {
      const map = window.__pantauMap!;
      return map
        .queryRenderedFeatures({ layers: ['planner-planned'] })
        .map((feature) => ({ code: String(feature.properties.code), n: Number(feature.properties.planned) }));
    });
    await expect
      .poll(
        async () =>
          await page.evaluate(
            () => window.__pantauMap!.queryRenderedFeatures({ layers: ['planner-reach-fill'] }).length,
          ),
      )
      .toBeGreaterThan(0);
    expect(new Set(planned.map((entry) => entry.n))).toEqual(new Set([1, 2, 3]));
    const at = await page.evaluate((code) => {
      const map = window.__pantauMap!;
      const feature = map
        .queryRenderedFeatures({ layers: ['planner-planned'] })
        .find((entry) => entry.properties.code === code)!;
      const point = map.project((feature.geometry as GeoJSON.Point).coordinates as [number, number]);
      return { x: Math.round(point.x), y: Math.round(point.y) };
    }, planned[0]!.code);
    await page.screenshot({ path: path.join(screenshotDir, 'planner.png') });
    const png = PNG.sync.read(await readFile(path.join(screenshotDir, 'planner.png')));
    const pixel = (x: number, y: number) => {
      const index = (png.width * y + x) * 4;
      return [png.data[index]!, png.data[index + 1]!, png.data[index + 2]!];
    };
    // The marker's fill at its centre's side (the label sits on the centre) is the plan's blue (#0072b2).
    const [red, green, blue] = pixel(at.x - 6, at.y);
    expect(blue).toBeGreaterThan(140);
    expect(red).toBeLessThan(60);
    expect(green).toBeGreaterThan(80);
    expect(green).toBeLessThan(150);

    // Saved for the office, then downloaded: the CSV holds the page's scores and decisions, the PDF the plan.
    await page.fill('[data-testid="planner-title-input"]', 'Rencana Sanggau 2027');
    await page.click('[data-testid="planner-save"]');
    await expect.poll(() => page.locator('[data-testid="planner-saved"]').textContent()).toContain('versi 1');
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="planner-download-csv"]'),
    ]);
    const rows: Record<string, string>[] = parse(await readFile((await csvDownload.path())!, 'utf8'), {
      bom: true,
      comment: '#',
      columns: true,
    });
    const plannedRows = rows.filter((row) => row.decision === 'Direncanakan');
    expect(plannedRows.map((row) => row.code).sort()).toEqual(planned.map((entry) => entry.code).sort());
    expect(rows.find((row) => row.code === rejected.code)).toMatchObject({
      decision: 'Ditolak',
      note: 'Sudah ada pos lintas batas negara',
    });
    for (const row of rows.slice(0, 25)) {
      const entry = reranked.find((candidate) => candidate.code === row.code)!;
      expect(Number(row.rank)).toBe(entry.rank);
      expect(Number(row.score)).toBeCloseTo(entry.score, 4);
      for (const name of PLANNER_CRITERIA) {
        expect(Number(row[`${name}_contribution`])).toBeCloseTo(entry.contributions[name], 4);
      }
    }
    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="planner-download-pdf"]'),
    ]);
    const parser = new PDFParse({ data: new Uint8Array(await readFile((await pdfDownload.path())!)) });
    try {
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      expect(text).toContain('Rencana desa binaan: Rencana Sanggau 2027');
      for (const entry of planned) expect(text).toContain(answer.candidates.find((c) => c.code === entry.code)!.name);
      expect(text).toContain('Sudah ada pos lintas batas negara');
      expect(text).toContain('Dekat perbatasan darat');
    } finally {
      await parser.destroy();
    }
    // Every step on the server is in the audit trail.
    const trail = await session.context.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_type = 'plan' ORDER BY id DESC LIMIT 3`,
    );
    expect(trail.rows.map((row) => row.action).sort()).toEqual(['export.csv', 'export.pdf', 'plan.save']);
  });
});
