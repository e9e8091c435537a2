/**
 * The operational layers at bench scale (200,000 residents, 100,000 incidents) in a database of their own
 * (`pantau_bench`, created and filled on first use: boundaries + synthetic data): p50/p95 of the per-region
 * summaries, the view summary and the incident points, over HTTP from the server in its own process, as an intel
 * account whose area is all seven provinces. Run: `npm run bench:layers` (first run: import + generation, minutes).
 */
process.env.PANTAU_DB_NAME = 'pantau_bench';
const { performance } = await import('node:perf_hooks');
const { setUpBoundaries } = await import('../import-boundaries.ts');
const { createPool } = await import('../../server/src/db/pool.ts');
const { generateDemoData } = await import('../../server/src/demo/demo-data.ts');
const { startServerProcess } = await import('./server-process.ts');
const { ms, summarise } = await import('./stats.ts');

const pool = createPool(await setUpBoundaries(), () => undefined);
const generated = await generateDemoData(pool, { scale: 'bench' });
if (generated.loaded)
  console.log(`bench data generated in ${generated.seconds.toFixed(0)} s: ${JSON.stringify(generated.counts)}`);
await pool.end();

const server = await startServerProcess({ role: 'intel', areaCodes: ['14', '21', '53', '61', '62', '64', '65'] });
const REPEAT = 15;
const views = {
  'Kalbar–Sarawak border (z8)': '108.8,0.2,112.5,2.2',
  'Batam (z11)': '103.9,1.0,104.2,1.2',
  'Nunukan–Sebatik (z10)': '117.4,3.9,118.0,4.4',
};
const scenarios: [string, string][] = [
  ...(['provinsi', 'kabupaten', 'kecamatan', 'desa'] as const).map(
    (level) => [`residents per ${level}`, `/api/layers/residents/summary?level=${level}`] as [string, string],
  ),
  [
    'residents per desa, ITAS+ITK, one month',
    '/api/layers/residents/summary?level=desa&permitType=ITAS,ITK&from=2026-06-01&to=2026-06-30',
  ],
  ...(['kabupaten', 'kecamatan', 'desa'] as const).map(
    (level) => [`incidents per ${level}`, `/api/layers/incidents/summary?level=${level}`] as [string, string],
  ),
  [
    'incidents per kecamatan, one year, two types',
    '/api/layers/incidents/summary?level=kecamatan&from=2025-01-01&to=2025-12-31&incidentType=illegal_crossing,tppm',
  ],
  ...Object.entries(views).map(
    ([name, bbox]) => [`view summary: ${name}`, `/api/layers/summary?bbox=${bbox}`] as [string, string],
  ),
  ...Object.entries(views).map(
    ([name, bbox]) => [`incident points: ${name}`, `/api/layers/incidents/points?bbox=${bbox}`] as [string, string],
  ),
  ['resident points: Batam (z11)', `/api/layers/residents/points?bbox=${views['Batam (z11)']}`],
  ['incident tile z8 over Entikong', '/tiles/incidents/8/206/127.mvt'],
  ['incident tile z11 over Batam', '/tiles/incidents/11/1615/1017.mvt'],
  ['resident tile z11 over Batam', '/tiles/residents/11/1615/1017.mvt'],
  [
    'incident tile z11 over Batam, one year, two types',
    '/tiles/incidents/11/1615/1017.mvt?from=2025-01-01&to=2025-12-31&incidentType=overstay,illegal_work',
  ],
];

console.log('| request | median (ms) | p95 (ms) | response, unpacked (KB) |');
console.log('|---|---:|---:|---:|');
for (const [name, path] of scenarios) {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run <= REPEAT; run++) {
    const started = performance.now();
    const response = await fetch(`${server.origin}${path}`, {
      headers: { cookie: server.cookie, 'accept-encoding': 'gzip' },
    });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    if (run > 0) times.push(performance.now() - started); // the first request warms PostgreSQL's buffers
    bytes = body.byteLength;
  }
  const summary = summarise(times);
  console.log(`| ${name} | ${ms(summary.median)} | ${ms(summary.p95)} | ${(bytes / 1024).toFixed(1)} |`);
}
server.stop();
