/**
 * `npx tsx scripts/screenshot.ts [zoom/lat/lon]`: the README screenshots (docs/screenshot.png, the sign-in page and
 * the hot-spot analysis), taken in Debian's Chromium. It signs in with a throwaway viewer account in the test database, never in the one `npm start` uses.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { launchChromium } from '../e2e/browser.ts';
import { buildApp } from '../server/src/app.ts';
import { loadConfig, projectRoot } from '../server/src/config.ts';
import { createPool } from '../server/src/db/pool.ts';
import { systemActor } from '../server/src/domain/actor.ts';
import { setUpBoundaries } from './import-boundaries.ts';
import { ensureWebBuild } from './lib/web-build.ts';

process.env.PANTAU_DB_NAME ??= 'pantau_test';
const view = process.argv[2] ?? '8/1.05/110.9';
const pool = createPool(await setUpBoundaries(), () => undefined);
ensureWebBuild();
const app = await buildApp({ config: loadConfig(), pool, logger: false, jobs: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const { account, initialPassword } = await app.accountAdmin.createAccount(systemActor, {
  username: `screenshot-${randomBytes(4).toString('hex')}`,
  displayName: 'Rapat TIMPORA Kalbar',
  role: 'viewer',
  agencyCode: 'PEMDA',
  areaCodes: ['61'],
});
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${origin}/masuk`);
await page.waitForSelector('[data-testid="signin-username"]');
await page.screenshot({ path: path.join(projectRoot, 'docs/screenshot-signin.png') });
await page.fill('[data-testid="signin-username"]', account.username);
await page.fill('[data-testid="signin-password"]', initialPassword);
await page.click('[data-testid="signin-submit"]');
await page.waitForSelector('[data-testid="map"]');
await page.goto(`${origin}/#peta=${view}`);
await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
await page.waitForFunction(() => window.__pantauMap?.areTilesLoaded() === true, undefined, { timeout: 60_000 });
await page.waitForSelector('[data-testid="map"][data-layer-incidents="drawn"]', { timeout: 60_000 });
await page.waitForTimeout(1200);
await page.screenshot({ path: path.join(projectRoot, 'docs/screenshot.png') });
// The analysis panel: hot spots of incidents over Kalimantan Barat's desa, the operational layers off.
for (const layer of ['residents', 'incidents']) await page.click(`[data-testid="layer-toggle-${layer}"]`);
await page.click('[data-testid="analysis-open"]');
await page.click('[data-testid="analysis-run"]');
await page.waitForSelector('[data-testid="analysis-result"]', { timeout: 60_000 });
await page.waitForTimeout(1500);
await page.screenshot({ path: path.join(projectRoot, 'docs/screenshot-analysis.png') });
await browser.close();
await app.close();
await pool.end();
