/** `npx tsx scripts/screenshot.ts`: the README screenshot (docs/screenshot.png), taken in Debian's Chromium. */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { loadConfig, projectRoot } from '../server/src/config.ts';
import { createPool } from '../server/src/db/pool.ts';
import { launchChromium } from '../e2e/browser.ts';
import { setUpBoundaries } from './import-boundaries.ts';
import { ensureWebBuild } from './lib/web-build.ts';

const view = process.argv[2] ?? '8/1.05/110.9';
const pool = createPool(await setUpBoundaries(), () => undefined);
ensureWebBuild();
const app = await buildApp({ config: loadConfig(), pool, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/#peta=${view}`);
await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
await page.waitForFunction(() => window.__pantauMap?.areTilesLoaded() === true, undefined, { timeout: 60_000 });
await page.waitForTimeout(800);
await page.screenshot({ path: path.join(projectRoot, 'docs/screenshot.png') });
await browser.close();
await app.close();
await pool.end();
