/** Admin pages in Chromium: creating an account shows its password once; the audit trail lists what happened. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../server/src/domain/actor.ts';
import { AUDIT_ACTIONS } from '../server/src/schemas/vocabulary.ts';
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
  expect(session.foreignRequests).toEqual([]);
  await session?.close();
});

async function signIn(username: string, password: string, next = '/') {
  await session.browser.clearCookies();
  await page.goto(`${origin}/masuk?next=${encodeURIComponent(next)}`);
  await page.fill('[data-testid="signin-username"]', username);
  await page.fill('[data-testid="signin-password"]', password);
  await page.click('[data-testid="signin-submit"]');
}

describe('admin pages', () => {
  test('an admin creates an account and sees its password once; the audit trail shows it', async () => {
    const admin = await session.context.app.accountAdmin.createAccount(systemActor, {
      username: uniqueUsername('e2e-admin'),
      displayName: 'Admin E2E',
      role: 'admin',
      agencyCode: 'IMIGRASI',
      areaCodes: [],
    });
    await signIn(admin.account.username, admin.initialPassword, '/admin/akun');
    await page.waitForSelector('[data-testid="accounts-table"]', { timeout: 30_000 });
    await page.click('[data-testid="account-new"]');
    const username = uniqueUsername('camat');
    await page.fill('[data-testid="account-username"]', username);
    await page.fill('[data-testid="account-display-name"]', 'Camat Entikong');
    await page.selectOption('[data-testid="account-role"]', 'member');
    await page.selectOption('[data-testid="account-agency"]', 'PEMDA');
    await page.fill('[data-testid="area-filter"]', 'Sanggau');
    await page.locator('[data-testid="area-picker"]').getByText('Kabupaten Sanggau').first().click();
    await page.click('[data-testid="account-submit"]');
    const oneTime = page.locator('[data-testid="one-time-password-value"]');
    await expect.poll(() => oneTime.inputValue(), { timeout: 15_000 }).toMatch(/^[A-Za-z0-9]{18}$/);
    await page.screenshot({ path: path.join(screenshotDir, 'admin-accounts.png') });
    const created = await session.context.pool.query('SELECT role, agency_code FROM account WHERE username = $1', [
      username,
    ]);
    expect(created.rows[0]).toEqual({ role: 'member', agency_code: 'PEMDA' });

    await page.goto(`${origin}/admin/audit`);
    await page.waitForSelector('[data-testid="audit-row"]', { timeout: 30_000 });
    const actions = await page
      .locator('[data-testid="audit-row"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions).toContain('account.create');
    // The filter offers every action the server records, each with its name in the interface language.
    const offered = await page
      .locator('[data-testid="audit-filter-action"] option')
      .evaluateAll((options) => options.map((option) => [(option as HTMLOptionElement).value, option.textContent]));
    expect(offered.map(([value]) => value).filter((value) => value !== '')).toEqual([...AUDIT_ACTIONS]);
    for (const [value, text] of offered) if (value !== '') expect(text).not.toBe(value);
    await page.selectOption('[data-testid="audit-filter-action"]', 'account.create');
    await page.click('[data-testid="audit-filter-apply"]');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="audit-row"]')
          .evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-action')))]),
      )
      .toEqual(['account.create']);
    await page.screenshot({ path: path.join(screenshotDir, 'admin-audit.png') });
  });

  test('an admin marks the office TERBATAS: the projector shows the banner top and bottom, and the change is audited', async () => {
    const admin = await session.context.app.accountAdmin.createAccount(systemActor, {
      username: uniqueUsername('e2e-admin'),
      displayName: 'Admin Pengaturan',
      role: 'admin',
      agencyCode: 'IMIGRASI',
      areaCodes: [],
    });
    await signIn(admin.account.username, admin.initialPassword, '/admin/pengaturan');
    await page.waitForSelector('[data-testid="settings-classification"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="settings-classification"]', 'terbatas');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-saved"]');
    const audit = await session.context.pool.query(
      `SELECT after FROM audit_log WHERE action = 'settings.update' AND account_id = $1 ORDER BY id DESC LIMIT 1`,
      [admin.account.id],
    );
    expect(audit.rows[0].after.classification).toBe('terbatas');
    try {
      const intel = await session.context.app.accountAdmin.createAccount(systemActor, {
        username: uniqueUsername('e2e-intel'),
        displayName: 'Penyaji E2E',
        role: 'intel',
        agencyCode: 'IMIGRASI',
        areaCodes: ['61'],
      });
      await signIn(intel.account.username, intel.initialPassword);
      await page.waitForSelector('[data-testid="presentation-start"]', { timeout: 30_000 });
      // Not while working at the desk: the banner is the projector's.
      expect(await page.locator('[data-testid="classification-banner"]').count()).toBe(0);
      // Listening before the click: a quick reload must not fire before the wait begins.
      await Promise.all([page.waitForEvent('load'), page.click('[data-testid="presentation-start"]')]);
      const banner = page.locator('[data-testid="classification-banner"]');
      await banner.waitFor({ timeout: 30_000 });
      expect((await banner.textContent())?.trim()).toBe('TERBATAS');
      // The colour of the level, the same as on images and PDFs (category-colours.ts).
      expect(await banner.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(217, 72, 15)');
      const boxes = await page.$$eval('.banner', (elements) =>
        elements.map((element) => element.getBoundingClientRect()).map((box) => ({ top: box.top, bottom: box.bottom })),
      );
      const height = page.viewportSize()!.height;
      expect(boxes.some((box) => box.top === 0)).toBe(true);
      expect(boxes.some((box) => Math.abs(box.bottom - height) < 1)).toBe(true);
      // The map and the controls sit between the banners, not under them.
      const app = await page.$eval('main.app', (element) => element.getBoundingClientRect().top);
      expect(app).toBeGreaterThan(0);
      expect(await page.isVisible('[data-testid="north-arrow"]')).toBe(true);
      expect(await page.textContent('[data-testid="data-line"]')).toMatch(/^Data per \d/);
      await page.screenshot({ path: path.join(screenshotDir, 'presentation-classified.png') });
      await Promise.all([page.waitForEvent('load'), page.click('[data-testid="presentation-exit"]')]);
    } finally {
      await session.context.app.settings.update(systemActor, { classification: 'none' });
    }
  });

  test('an admin adjusts an office’s alert rule: out of range is refused with its reason, in range is saved and audited', async () => {
    const admin = await session.context.app.accountAdmin.createAccount(systemActor, {
      username: uniqueUsername('e2e-admin'),
      displayName: 'Admin Kantor',
      role: 'admin',
      agencyCode: 'IMIGRASI',
      areaCodes: [],
    });
    try {
      await signIn(admin.account.username, admin.initialPassword, '/admin/pengaturan');
      await page.selectOption('[data-testid="alert-rules-office"]', 'ketapang');
      // Ketapang's own rules, not the first office's still on screen (their answer would replace what is typed).
      await page.waitForSelector('[data-testid="alert-rules-admin"][data-office="ketapang"]', { timeout: 30_000 });
      const row = page.locator('[data-testid="alert-rule"][data-rule="permit_expiring"]');
      await row.waitFor({ timeout: 30_000 });
      const days = row.locator('[data-testid="alert-rule-param"][data-param="days"]');
      await expect.poll(() => days.inputValue(), { timeout: 10_000 }).toBe('30');
      await days.fill('500');
      await row.locator('[data-testid="alert-rule-save"]').click();
      await expect
        .poll(() => row.locator('[role="alert"]').allTextContents(), { timeout: 10_000 })
        .toEqual([expect.stringContaining('days: 1–180')]);
      await days.fill('14');
      await row.locator('[data-testid="alert-rule-save"]').click();
      await row.locator('[role="status"]').waitFor({ timeout: 10_000 });
      expect(await row.innerText()).toContain('disesuaikan');
      const stored = await session.context.pool.query(
        `SELECT enabled, params FROM alert_rule_setting WHERE office_code = 'ketapang' AND rule = 'permit_expiring'`,
      );
      expect(stored.rows).toEqual([{ enabled: true, params: { days: 14 } }]);
      const audit = await session.context.pool.query(
        `SELECT details FROM audit_log WHERE action = 'alert.rules_update' AND account_id = $1`,
        [admin.account.id],
      );
      expect(audit.rows).toEqual([{ details: { rule: 'permit_expiring', enabled: true, params: { days: 14 } } }]);
      await page.screenshot({ path: path.join(screenshotDir, 'admin-alert-rules.png'), fullPage: true });
    } finally {
      await session.context.pool.query(`DELETE FROM alert_rule_setting WHERE office_code = 'ketapang'`);
    }
  });

  test('an admin corrects an immigration office’s location in the app; it is saved on its version and audited', async () => {
    const admin = await session.context.app.accountAdmin.createAccount(systemActor, {
      username: uniqueUsername('e2e-admin'),
      displayName: 'Admin Kantor',
      role: 'admin',
      agencyCode: 'IMIGRASI',
      areaCodes: [],
    });
    const before = await session.context.pool.query(
      `SELECT ST_X(location) AS lon, ST_Y(location) AS lat, located FROM immigration_office WHERE code = 'ketapang'`,
    );
    try {
      await signIn(admin.account.username, admin.initialPassword, '/admin/pengaturan');
      const row = page.locator('[data-testid="office-row"][data-code="ketapang"]');
      await row.waitFor({ timeout: 30_000 });
      await row.locator('[data-testid="office-lon"]').fill('109.9712');
      await row.locator('[data-testid="office-lat"]').fill('-1.8421');
      await row.locator('[data-testid="office-save"]').click();
      await row.locator('[data-testid="office-saved"]').waitFor();
      const after = await session.context.pool.query(
        `SELECT ST_X(location) AS lon, ST_Y(location) AS lat, located FROM immigration_office WHERE code = 'ketapang'`,
      );
      expect(after.rows[0]).toEqual({ lon: 109.9712, lat: -1.8421, located: 'corrected' });
      const audit = await session.context.pool.query(
        `SELECT after FROM audit_log WHERE action = 'office.update' AND account_id = $1 ORDER BY id DESC LIMIT 1`,
        [admin.account.id],
      );
      expect(audit.rows[0].after).toMatchObject({ lon: 109.9712, lat: -1.8421 });
      // A location outside Indonesia is refused with the reason, and nothing changes.
      await row.locator('[data-testid="office-lon"]').fill('9.97');
      await row.locator('[data-testid="office-save"]').click();
      await row.locator('[role="alert"]').waitFor();
      const unchanged = await session.context.pool.query(
        `SELECT ST_X(location) AS lon FROM immigration_office WHERE code = 'ketapang'`,
      );
      expect(unchanged.rows[0].lon).toBe(109.9712);
    } finally {
      await session.context.pool.query(
        `UPDATE immigration_office SET location = ST_SetSRID(ST_Point($1, $2), 4326), located = $3 WHERE code = 'ketapang'`,
        [before.rows[0].lon, before.rows[0].lat, before.rows[0].located],
      );
    }
  });

  test('a viewer is not offered the admin pages and is refused them', async () => {
    const viewer = await session.context.app.accountAdmin.createAccount(systemActor, {
      username: uniqueUsername('e2e-viewer'),
      displayName: 'Proyektor E2E',
      role: 'viewer',
      agencyCode: 'PEMDA',
      areaCodes: ['61'],
    });
    await signIn(viewer.account.username, viewer.initialPassword);
    await page.waitForSelector('[data-testid="map"]', { timeout: 30_000 });
    await page.click('[data-testid="user-menu"]');
    await page.waitForSelector('[data-testid="user-menu-panel"]');
    expect(await page.locator('[data-testid="nav-accounts"]').count()).toBe(0);
    await page.goto(`${origin}/admin/akun`);
    await page.waitForSelector('[data-testid="not-allowed"]', { timeout: 30_000 });
  });
});
