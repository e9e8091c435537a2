/**
 * The early warning in Chromium (issue #13): an intelligence officer has the map open; a reporter in the kecamatan
 * files a trafficking report at the border; within seconds the officer's alert count goes up by itself (server-sent
 * events, the job queue running), the alert names the place and the office and nobody in it, and reading it brings
 * the count down.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openBrowserSession, screenshotDir, type BrowserSession } from './browser-session.ts';

let session: BrowserSession;
let page: Page;
let origin: string;
let reporterId: number | null = null;

beforeAll(async () => {
  session = await openBrowserSession({ jobs: true });
  ({ page, origin } = session);
  await page.setViewportSize({ width: 1600, height: 1000 });
});

afterAll(async () => {
  // The report filed here (and its alerts) leave the other tests' maps as they were.
  if (reporterId !== null) {
    await session.context.pool.query(
      'DELETE FROM notification WHERE incident_id IN (SELECT id FROM incident WHERE filed_by = $1)',
      [reporterId],
    );
    await session.context.pool.query('DELETE FROM incident WHERE filed_by = $1', [reporterId]);
  }
  expect(session.pageErrors).toEqual([]);
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

/** The count on the badge (no badge: none unread), read without waiting for the badge to appear. */
const unread = async () =>
  Number((await page.locator('[data-testid="notifications-unread"]').allTextContents())[0] ?? 0);

describe('early warning', () => {
  test('a report filed in the kecamatan reaches the office as a live alert', async () => {
    const { username } = await session.signIn('intel', ['61.03'], 'Inteldakim Sanggau');
    await page.goto('about:blank');
    await page.goto(`${origin}/#peta=10/1.0/110.4`);
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="notifications-open"]');
    const before = await unread();

    const reporter = await session.context.signInAs('reporter', ['61.03'], 'PEMDA');
    reporterId = reporter.accountId;
    const filedAt = Date.now();
    const filed = await session.context.request(reporter, {
      method: 'POST',
      url: '/api/incidents',
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        type: 'tppo',
        occurredAt: new Date().toISOString(),
        lon: 110.35,
        lat: 0.97,
        nationalities: ['ZZZ'],
        peopleCount: 2,
        severity: 'tinggi',
        description: 'Korban bernama Rina dibawa lewat jalan setapak',
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);

    await expect.poll(unread, { timeout: 15_000 }).toBe(before + 1);
    expect(Date.now() - filedAt).toBeLessThan(15_000);
    await page.click('[data-testid="notifications-open"]');
    const first = page.locator('[data-testid="notifications-panel"] li').first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toContain('TPPO');
    const text = (await first.textContent())!;
    expect(text).toContain('Kantor Imigrasi Sanggau');
    expect(text).not.toMatch(/Rina|Korban/);
    await page.screenshot({ path: path.join(screenshotDir, 'alerts.png') });
    await first.locator('[data-testid="notification-ack"]').click();
    await expect.poll(unread, { timeout: 10_000 }).toBe(before);

    // What the officer is told: the 60-day line by e-mail too, bursts not in the app.
    await page.click('[data-testid="alert-settings-open"]');
    const settings = page.locator('[data-testid="alert-subscriptions"]');
    await settings.locator('tr[data-rule="overstay_60_days"] [data-testid="subscription-email"]').waitFor();
    await settings.locator('tr[data-rule="overstay_60_days"] [data-testid="subscription-email"]').check();
    await settings.locator('tr[data-rule="incident_burst"] input').first().uncheck();
    await settings.locator('[data-testid="subscription-address"]').fill('inteldakim@example.go.id');
    await settings.locator('[data-testid="subscriptions-save"]').click();
    await settings.locator('[role="status"]').waitFor({ timeout: 10_000 });
    const stored = await session.context.pool.query(
      `SELECT s.rule, s.in_app, s.email, a.email AS address FROM alert_subscription s JOIN account a ON a.id = s.account_id
       WHERE a.username = $1 AND (NOT s.in_app OR s.email) ORDER BY s.rule`,
      [username],
    );
    expect(stored.rows).toEqual([
      { rule: 'incident_burst', in_app: false, email: false, address: 'inteldakim@example.go.id' },
      { rule: 'overstay_60_days', in_app: true, email: true, address: 'inteldakim@example.go.id' },
    ]);
    await page.screenshot({ path: path.join(screenshotDir, 'alert-settings.png') });
    // The next tests' accounts start from the defaults.
    await session.context.pool.query(
      `DELETE FROM alert_subscription WHERE account_id = (SELECT id FROM account WHERE username = $1)`,
      [username],
    );
  });
});
