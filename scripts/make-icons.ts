/**
 * The app's PNG icons (web app manifest, issue #14) drawn from web/static/icon.svg by Debian's Chromium:
 * `npx tsx scripts/make-icons.ts`. Run again after changing the SVG; the PNGs are committed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../e2e/browser.ts';
import { projectRoot } from '../server/src/config.ts';

const svg = readFileSync(path.join(projectRoot, 'web/static/icon.svg'), 'utf8');
const browser = await launchChromium();
for (const size of [192, 512]) {
  const page = await browser.newPage();
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: path.join(projectRoot, `web/static/icon-${size}.png`) });
  await page.close();
}
await browser.close();
