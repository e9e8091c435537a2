/**
 * Time from opening the map to the incidents layer drawn, in Debian's Chromium, at bench scale (pantau_bench, see
 * bench:layers), signed in as intel for all seven provinces. Each run opens a fresh page with an empty cache.
 * Run: `npm run bench:page` (after `npm run bench:layers` has filled pantau_bench).
 */
process.env.PANTAU_DB_NAME = 'pantau_bench';
const { launchChromium } = await import('../../e2e/browser.ts');
const { startServerProcess } = await import('./server-process.ts');
const { summarise } = await import('./stats.ts');

const RUNS = 7;
const views = { 'Entikong z9': '9/0.97/110.35', 'Batam z11': '11/1.10/104.03', 'Kalbar–Sarawak z7': '7/1.0/110.5' };
const server = await startServerProcess({ role: 'intel', areaCodes: ['14', '21', '53', '61', '62', '64', '65'] });
const [name, value] = server.cookie.split('=') as [string, string];
const url = new URL(server.origin);

console.log('| view | runs | median (ms) | min (ms) | max (ms) |');
console.log('|---|---:|---:|---:|---:|');
for (const [label, view] of Object.entries(views)) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const browser = await launchChromium();
    await browser.addCookies([{ name, value, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Strict' }]);
    const page = await browser.newPage();
    const started = Date.now();
    await page.goto(`${server.origin}/#peta=${view}`);
    await page.waitForSelector('[data-testid="map"][data-layer-incidents="drawn"]', { timeout: 120_000 });
    times.push(Date.now() - started);
    await browser.close();
  }
  const summary = summarise(times);
  console.log(`| ${label} | ${RUNS} | ${summary.median} | ${summary.min} | ${summary.max} |`);
}
server.stop();
