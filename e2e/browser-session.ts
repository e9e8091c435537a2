/**
 * One end-to-end session: the real app (built web app + API) on a random port over the test database, and Debian's
 * Chromium watching for trouble — any request to another host (three nets: every request the context sees, every
 * failed one, and interception of the page's own) and any page error or Content-Security-Policy violation.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../server/src/config.ts';
import { systemActor } from '../server/src/domain/actor.ts';
import type { Role } from '../server/src/services/access-policy.ts';
import { createTestApp, uniqueUsername, type TestContext } from '../server/test/helpers.ts';
import { launchChromium } from './browser.ts';
import { openLink, type Link } from './link.ts';

export const screenshotDir = path.join(projectRoot, 'test-results');

export interface BrowserSession {
  context: TestContext;
  browser: BrowserContext;
  page: Page;
  origin: string;
  foreignRequests: string[];
  pageErrors: string[];
  /** With `link`: the relay between Chromium and the server, which the test can cut (offline use). */
  link: Link | null;
  /** Creates an account and signs it in through the sign-in page; resolves when the map page is shown. */
  signIn(role: Role, areaCodes: string[], displayName?: string): Promise<{ username: string; password: string }>;
  /** Deletes the incidents an account filed, and their alerts, so the other tests' maps stay as they were. */
  forgetFilingsOf(username: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `jobs`: the server runs its job queue and notification listener too (the early-warning flow). `link`: Chromium
 * reaches the server through a relay the test can cut.
 */
export async function openBrowserSession(options: { jobs?: boolean; link?: boolean } = {}): Promise<BrowserSession> {
  const context = await createTestApp({ jobs: options.jobs });
  await context.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (context.app.server.address() as AddressInfo).port;
  const link = options.link ? await openLink(port) : null;
  const origin = link?.origin ?? `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  const page = await browser.newPage();
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const isOwn = (url: string) => url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:');
  browser.on('request', (request) => {
    if (!isOwn(request.url())) foreignRequests.push(request.url());
  });
  browser.on('requestfailed', (request) => {
    if (!isOwn(request.url())) foreignRequests.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      pageErrors.push(message.text());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isOwn(url)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    context,
    browser,
    page,
    origin,
    foreignRequests,
    pageErrors,
    link,
    async signIn(role, areaCodes, displayName = `E2E ${role}`) {
      const { account, initialPassword } = await context.app.accountAdmin.createAccount(systemActor, {
        username: uniqueUsername(`e2e-${role}`),
        displayName,
        role,
        agencyCode: role === 'member' ? 'POLRI' : 'IMIGRASI',
        areaCodes,
      });
      await browser.clearCookies();
      await page.goto(`${origin}/masuk`);
      await page.fill('[data-testid="signin-username"]', account.username);
      await page.fill('[data-testid="signin-password"]', initialPassword);
      await page.click('[data-testid="signin-submit"]');
      await page.waitForSelector('[data-testid="map"], [data-testid="not-allowed"]', { timeout: 30_000 });
      return { username: account.username, password: initialPassword };
    },
    async forgetFilingsOf(username) {
      const filer = `(SELECT id FROM account WHERE username = $1)`;
      await context.pool.query(
        `DELETE FROM notification WHERE incident_id IN (SELECT id FROM incident WHERE filed_by = ${filer})`,
        [username],
      );
      await context.pool.query(`DELETE FROM incident WHERE filed_by = ${filer}`, [username]);
    },
    async close() {
      await browser.close();
      await link?.close();
      await context.close();
    },
  };
}
