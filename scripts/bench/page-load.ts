/**
 * From opening the map to the incidents layer drawn, in Debian's Chromium, at bench scale (pantau_bench, see
 * bench:layers), signed in as intel for all seven provinces; on loopback and on an emulated slow link (Chromium's
 * network emulation: 1.6 Mbps down, 750 kbps up, 150 ms latency), each as a first visit (a fresh profile, empty
 * caches) and a repeat visit (the same profile, a new page). Also every request the first view made on loopback:
 * its time to the first byte (≈ the server's time on loopback) and its size on the wire.
 *
 * The service worker is blocked here: Chromium's emulation does not slow down a service worker's own requests, so
 * with it the slow repeat visit would look better than a real slow link makes it. What it adds offline is tested in
 * e2e/offline.e2e.test.ts.
 *
 * Run: `npm run bench:page [-- --runs 5] [-- --views "Entikong z9"]` (after `npm run bench:layers` has filled pantau_bench).
 */
import type { BrowserContext, Request } from 'playwright-core';

process.env.PANTAU_DB_NAME = 'pantau_bench';
const { launchChromium } = await import('../../e2e/browser.ts');
const { startServerProcess } = await import('./server-process.ts');
const { summarise } = await import('./stats.ts');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const RUNS = Number(option('runs') ?? 5);
const allViews = { 'Kalbar–Sarawak z7': '7/1.0/110.5', 'Entikong z9': '9/0.97/110.35', 'Batam z11': '11/1.10/104.03' };
const chosen = option('views')?.split(',');
const views = Object.entries(allViews).filter(([label]) => !chosen || chosen.includes(label));
const SLOW = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
type Mode = 'loopback' | 'slow';

const server = await startServerProcess({ role: 'intel', areaCodes: ['14', '21', '53', '61', '62', '64', '65'] });
const [name, value] = server.cookie.split('=') as [string, string];
const url = new URL(server.origin);

interface Fetched {
  path: string;
  ttfb: number;
  bytes: number;
}

/** One visit in `browser`: milliseconds to the incidents drawn, and what was fetched on the way. */
async function visit(browser: BrowserContext, view: string, mode: Mode): Promise<{ ms: number; fetched: Fetched[] }> {
  const page = await browser.newPage();
  if (mode === 'slow') {
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW);
  }
  const finished: Request[] = [];
  page.on('requestfinished', (request) => finished.push(request));
  const started = Date.now();
  await page.goto(`${server.origin}/#peta=${view}`);
  await page.waitForSelector('[data-testid="map"][data-layer-incidents="drawn"]', { timeout: 300_000 });
  const ms = Date.now() - started;
  const fetched: Fetched[] = [];
  for (const request of finished) {
    const timing = request.timing();
    const sizes = await request.sizes().catch(() => null);
    const path = new URL(request.url()).pathname;
    fetched.push({
      path,
      ttfb: timing.responseStart >= 0 ? timing.responseStart - Math.max(0, timing.requestStart) : Number.NaN,
      bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0,
    });
  }
  await page.close();
  return { ms, fetched };
}

/** Requests grouped by kind: a tile layer, an API path, the app's files. */
function kindOf(path: string): string {
  const tile = /^\/tiles\/([^/]+)\//.exec(path);
  if (tile) return `/tiles/${tile[1]}/…`;
  if (path.startsWith('/_app/')) return '/_app/… (the app)';
  return path;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const times: Record<string, Record<`${Mode} ${'first' | 'repeat'}`, number[]>> = {};
const requests: Record<string, Fetched[]> = {};
try {
  for (const [label, view] of views) {
    times[label] = { 'loopback first': [], 'loopback repeat': [], 'slow first': [], 'slow repeat': [] };
    for (let run = 0; run < RUNS; run++) {
      for (const mode of ['loopback', 'slow'] as const) {
        const browser = await launchChromium({ serviceWorkers: 'block' });
        await browser.addCookies([
          { name, value, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Strict' },
        ]);
        const first = await visit(browser, view, mode);
        const repeat = await visit(browser, view, mode);
        await browser.close();
        times[label][`${mode} first`].push(first.ms);
        times[label][`${mode} repeat`].push(repeat.ms);
        if (mode === 'loopback' && run === 0) requests[label] = first.fetched;
        console.error(`${label} run ${run + 1} ${mode}: first ${first.ms} ms, repeat ${repeat.ms} ms`);
      }
    }
  }
} finally {
  server.stop();
}

console.log(`\nTime to the incidents drawn (ms), ${RUNS} runs each: median (min–max)\n`);
console.log(
  '| view | loopback first | slow first | slow − loopback (first) | loopback repeat | slow repeat | slow − loopback (repeat) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [label, modes] of Object.entries(times)) {
  const s = Object.fromEntries(Object.entries(modes).map(([key, list]) => [key, summarise(list)])) as Record<
    keyof typeof modes,
    ReturnType<typeof summarise>
  >;
  const cell = (key: keyof typeof modes) => `${s[key].median} (${s[key].min}–${s[key].max})`;
  console.log(
    `| ${label} | ${cell('loopback first')} | ${cell('slow first')} | ${s['slow first'].median - s['loopback first'].median} | ${cell('loopback repeat')} | ${cell('slow repeat')} | ${s['slow repeat'].median - s['loopback repeat'].median} |`,
  );
}

console.log(
  '\nEvery request of the first view on loopback, by kind: count, slowest time to first byte, largest on the wire\n',
);
console.log('| view | request | count | slowest TTFB (ms) | largest (KB on the wire) | all (KB on the wire) |');
console.log('|---|---|---:|---:|---:|---:|');
for (const [label, fetched] of Object.entries(requests)) {
  const kinds = new Map<string, Fetched[]>();
  for (const entry of fetched) kinds.set(kindOf(entry.path), [...(kinds.get(kindOf(entry.path)) ?? []), entry]);
  for (const [kind, list] of [...kinds].sort((a, b) => a[0].localeCompare(b[0]))) {
    const slowest = Math.max(...list.map((entry) => entry.ttfb).filter(Number.isFinite));
    const largest = Math.max(...list.map((entry) => entry.bytes));
    const all = list.reduce((sum, entry) => sum + entry.bytes, 0);
    console.log(`| ${label} | \`${kind}\` | ${list.length} | ${slowest.toFixed(0)} | ${kb(largest)} | ${kb(all)} |`);
  }
}
