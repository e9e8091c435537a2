/**
 * From report to outcome in Chromium (issue #13): a camat's staff member files a trafficking report from a
 * phone-sized page; the immigration intelligence officer, with the map open, gets the alert live, opens the incident
 * from it, triages it, takes it up in a new joint action, records a deportation of two people, and sees the outcome
 * in the meeting's statistics — which are the server's own numbers.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../server/src/domain/actor.ts';
import { uniqueUsername } from '../server/test/helpers.ts';
import { launchChromium } from './browser.ts';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;
let phone: BrowserContext | null = null;
let reporterId: number | null = null;
let intelName: string | null = null;

beforeAll(async () => {
  session = await openBrowserSession({ jobs: true });
  ({ page, origin } = session);
  await page.setViewportSize({ width: 1600, height: 1000 });
});

afterAll(async () => {
  await phone?.close();
  if (reporterId !== null) {
    const pool = session.context.pool;
    const filed = 'SELECT id FROM incident WHERE filed_by = $1';
    await pool.query(`DELETE FROM notification WHERE incident_id IN (${filed})`, [reporterId]);
    await pool.query(
      `DELETE FROM joint_action WHERE id IN (SELECT action_id FROM joint_action_target
                                             WHERE kind = 'incident' AND ref IN (SELECT id::text FROM (${filed}) f))`,
      [reporterId],
    );
    await pool.query(`DELETE FROM incident WHERE filed_by = $1`, [reporterId]);
  }
  if (intelName !== null) {
    await session.context.pool.query(
      'DELETE FROM joint_action WHERE created_by = (SELECT id FROM account WHERE username = $1)',
      [intelName],
    );
  }
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

const unread = async () =>
  Number((await page.locator('[data-testid="notifications-unread"]').allTextContents())[0] ?? 0);

/** The reporter's phone: its own browser (its own session), 360×800, filing through the report page. */
async function fileFromPhone(): Promise<void> {
  phone = await launchChromium();
  const foreign: string[] = [];
  await phone.route('**/*', (route) => {
    if (route.request().url().startsWith(`${origin}/`) || route.request().url().startsWith('data:')) {
      return route.continue();
    }
    foreign.push(route.request().url());
    return route.abort();
  });
  const { account, initialPassword } = await session.context.app.accountAdmin.createAccount(systemActor, {
    username: uniqueUsername('e2e-reporter'),
    displayName: 'Staf Kecamatan Entikong',
    role: 'reporter',
    agencyCode: 'PEMDA',
    areaCodes: ['61.03'],
  });
  reporterId = account.id;
  const mobile = await phone.newPage();
  await mobile.setViewportSize({ width: 360, height: 800 });
  await mobile.goto(`${origin}/masuk`);
  await mobile.fill('[data-testid="signin-username"]', account.username);
  await mobile.fill('[data-testid="signin-password"]', initialPassword);
  await mobile.click('[data-testid="signin-submit"]');
  await mobile.waitForSelector('[data-testid="reporter-page"] [data-testid="map"][data-map-ready="true"]', {
    timeout: 60_000,
  });
  await mobile.evaluate(() => window.__pantauMap!.jumpTo({ center: [110.35, 0.97], zoom: 12 }));
  await mobile.waitForFunction(() => !window.__pantauMap!.isMoving());
  const box = (await mobile.locator('[data-testid="reporter-page"] [data-testid="map"]').boundingBox())!;
  await mobile.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await mobile.waitForSelector('[data-testid="incident-form"]');
  await mobile.selectOption('[data-testid="incident-type"]', 'tppo');
  await mobile.fill('[data-testid="incident-people"]', '2');
  await mobile.fill('[data-testid="incident-nationalities"]', 'ZZZ');
  await mobile.fill('[data-testid="incident-occurred-at"]', '2026-11-30T21:15');
  await mobile.locator('[data-testid="incident-submit"]').click();
  await expect
    .poll(() => mobile.locator('[data-testid="reporter-done"]').innerText(), { timeout: 30_000 })
    .toContain('Kantor Imigrasi Sanggau');
  expect(foreign).toEqual([]);
  await phone.close();
  phone = null;
}

describe('from report to outcome', () => {
  test('a report from a phone becomes a live alert, is triaged, taken up in a joint action and ends in a deportation in the statistics', async () => {
    intelName = (await session.signIn('intel', ['61.03'], 'Inteldakim Sanggau')).username;
    await page.goto('about:blank');
    await page.goto(`${origin}/#peta=10/1.0/110.4`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="notifications-open"]');
    const before = await unread();

    await fileFromPhone();
    const filed = await session.context.pool.query<{ id: string }>('SELECT id FROM incident WHERE filed_by = $1', [
      reporterId,
    ]);
    const incidentId = Number(filed.rows[0]!.id);

    // Live: the badge goes up by itself.
    await expect.poll(unread, { timeout: 15_000 }).toBe(before + 1);
    await page.click('[data-testid="notifications-open"]');
    const alert = page.locator(`[data-testid="notifications-panel"] li`).first();
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain('TPPO');
    await alert.locator('[data-testid="notification-show"]').click();

    // The incident opens with its follow-up.
    const followUp = page.locator('[data-testid="follow-up"]');
    await expect.poll(() => followUp.getAttribute('data-status'), { timeout: 15_000 }).toBe('reported');
    expect(await page.locator('[data-testid="details-drawer"] h2').innerText()).toContain(`#${incidentId}`);

    await page.click('[data-testid="triage-verified"]');
    await expect.poll(() => followUp.getAttribute('data-status'), { timeout: 10_000 }).toBe('verified');

    await page.click('[data-testid="joint-action-new"]');
    await page.fill('[data-testid="joint-action-title"]', 'Operasi gabungan PLBN Entikong');
    await page.selectOption('[data-testid="joint-action-kind"]', 'operasi_gabungan');
    await page.click('[data-testid="joint-action-save"]');
    await expect
      .poll(() => page.locator('[data-testid="follow-up-actions"]').allTextContents(), { timeout: 10_000 })
      .toEqual(['Operasi gabungan PLBN Entikong']);

    await page.selectOption('[data-testid="outcome-kind"]', 'deportation');
    await page.fill('[data-testid="outcome-people"]', '2');
    await page.selectOption('[data-testid="outcome-agency"]', 'IMIGRASI');
    await page.selectOption('[data-testid="outcome-action"]', { label: 'Operasi gabungan PLBN Entikong' });
    await page.click('[data-testid="outcome-save"]');
    await expect.poll(() => followUp.getAttribute('data-status'), { timeout: 10_000 }).toBe('acted_on');
    expect(await page.locator('[data-testid="follow-up-outcomes"] li').allTextContents()).toEqual([
      expect.stringContaining('Deportasi'),
    ]);
    const steps = await page
      .locator('[data-testid="follow-up-timeline"] li')
      .evaluateAll((items) => items.map((item) => `${item.dataset.kind}:${item.dataset.status ?? ''}`));
    expect(steps).toEqual(['status:reported', 'status:verified', 'joint_action:', 'outcome:', 'status:acted_on']);
    const stored = await session.context.pool.query(
      `SELECT o.kind, o.people, o.agency_code, j.title FROM follow_up_outcome o JOIN joint_action j ON j.id = o.joint_action_id
       WHERE o.incident_id = $1`,
      [incidentId],
    );
    expect(stored.rows).toEqual([
      { kind: 'deportation', people: 2, agency_code: 'IMIGRASI', title: 'Operasi gabungan PLBN Entikong' },
    ]);
    // The drawer scrolled to the timeline: what the officer sees once the outcome is recorded.
    await page.locator('[data-testid="follow-up-timeline"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'follow-up.png') });

    // The meeting's numbers: the chart is the server's answer, and this month holds the two people deported.
    await page.click('[data-testid="details-close"]');
    const answer = page.waitForResponse((response) => response.url().includes('/api/outcomes/stats'));
    await page.click('[data-testid="charts-open"]');
    const stats = await (await answer).json();
    const month = new Date().toISOString().slice(0, 7);
    expect(
      stats.months.find((entry: { month: string }) => entry.month === month).byKind.deportation,
    ).toBeGreaterThanOrEqual(2);
    const sum = Object.values(stats.totals as Record<string, number>).reduce((a, b) => a + b, 0);
    const chart = page.locator('[data-testid="chart-outcomes"]');
    await expect.poll(() => chart.getAttribute('data-total'), { timeout: 10_000 }).toBe(String(sum));
    expect(await page.locator('[data-testid="chart-outcomes-reports"]').innerText()).toMatch(/\d+ masuk/);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'follow-up-stats.png') });
  });

  test('a cluster of incidents becomes the target list of a new joint action', async () => {
    await page.click('[data-testid="analysis-open"]');
    await page.click('[data-testid="analysis-kind-clusters"]');
    await page.selectOption('[data-testid="analysis-layer"]', 'incidents');
    const answer = page.waitForResponse((response) => response.url().includes('/api/analysis/clusters'));
    await page.click('[data-testid="analysis-run"]');
    const clusters = (await (await answer).json()).clusters as { rank: number; memberIds: number[] }[];
    await page.waitForSelector('[data-testid="analysis-result"][data-kind="clusters"]', { timeout: 60_000 });
    expect(clusters.length).toBeGreaterThan(0);
    await page.locator('[data-testid="analysis-row"]').first().click();
    await page.click('[data-testid="target-list-start"]');
    await page.waitForSelector('[data-testid="target-list"] [data-testid="joint-action-form"]');
    expect(await page.locator('[data-testid="joint-action-scope"]').innerText()).toContain(
      String(clusters[0]!.memberIds.length),
    );
    await page.fill('[data-testid="joint-action-title"]', 'Operasi gabungan klaster 1');
    await page.click('[data-testid="target-list"] [data-testid="joint-action-save"]');
    await expect
      .poll(() => page.locator('[data-testid="target-list-created"]').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('Operasi gabungan klaster 1')]);
    const stored = await session.context.pool.query(
      `SELECT j.area_codes, array_agg(t.ref::bigint ORDER BY t.ref::bigint) AS refs
       FROM joint_action j JOIN joint_action_target t ON t.action_id = j.id
       WHERE j.title = 'Operasi gabungan klaster 1' AND t.kind = 'incident' GROUP BY j.id`,
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].refs.map(Number)).toEqual([...clusters[0]!.memberIds].sort((a, b) => a - b));
    expect(stored.rows[0].area_codes[0]).toMatch(/^61\.03\.\d{2}$/);
    await page.screenshot({ path: path.join(screenshotDir, 'follow-up-targets.png') });
  });
});
