/**
 * Analysis near the border (issue #5) at bench scale (200,000 residents, ~100,000 incidents) in `pantau_bench`:
 * DBSCAN over every incident, Gi* over every desa of the seven provinces, emerging hot spots, change, H3 and distance
 * bands, plus the typical "one kabupaten / one band" views; p50/p95 over HTTP from the server in its own process, as
 * an intel account whose area is all seven provinces. Run: `npm run bench:analysis` (first run: import + generation).
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
const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);
const year = 'from=2025-12-01&to=2026-11-30';
const scenarios: [string, string][] = [
  ['DBSCAN: every incident (~100,000), 500 m, 10', '/api/analysis/clusters?layer=incidents&distanceM=500&minPoints=10'],
  [
    'DBSCAN: incidents of one year, 1 km, 10',
    `/api/analysis/clusters?layer=incidents&distanceM=1000&minPoints=10&${year}`,
  ],
  [
    'DBSCAN: residents in Kalimantan Barat, 300 m, 10',
    '/api/analysis/clusters?layer=residents&region=61&distanceM=300&minPoints=10',
  ],
  [
    'DBSCAN: incidents within 15 km of the land border',
    '/api/analysis/clusters?layer=incidents&borderKind=land&borderMaxKm=15',
  ],
  ['Gi*: incidents over every desa (10,851), k = 8', '/api/analysis/hotspots?layer=incidents'],
  [
    'Gi*: residents over every desa, fixed 10 km',
    '/api/analysis/hotspots?layer=residents&neighbours=distance&distanceKm=10',
  ],
  ['Gi*: incidents over every desa, one year', `/api/analysis/hotspots?layer=incidents&${year}`],
  [
    'Gi*: incidents in Kalimantan Barat, 0–15 km of the land border',
    '/api/analysis/hotspots?layer=incidents&region=61&borderKind=land&borderMaxKm=15',
  ],
  [
    'Gi*: incidents over H3 cells, resolution 6 (all provinces)',
    '/api/analysis/hotspots?layer=incidents&unit=h3&resolution=6',
  ],
  [
    'Gi*: incidents over H3 cells, resolution 7, Kalimantan Barat',
    '/api/analysis/hotspots?layer=incidents&unit=h3&resolution=7&region=61',
  ],
  [
    'emerging: incidents, every desa, 12 quarters',
    '/api/analysis/emerging-hotspots?layer=incidents&from=2024-01-01&to=2026-11-25',
  ],
  [
    'emerging: residents, every desa, 12 quarters',
    '/api/analysis/emerging-hotspots?layer=residents&from=2024-01-01&to=2026-11-25',
  ],
  ['change: incidents per desa, quarter on quarter', '/api/analysis/change?layer=incidents&level=desa'],
  ['change: residents per kecamatan, quarter on quarter', '/api/analysis/change?layer=residents'],
  ['hexagons: every incident, resolution 7', '/api/analysis/hexagons?layer=incidents&resolution=7'],
  ['distance bands: land border', '/api/analysis/border-bands?borderKind=land'],
  ['export: Gi* over every desa as GeoJSON (every outline)', '/api/analysis/hotspots?layer=incidents&format=geojson'],
];

console.log(`${REPEAT} timed runs each after one warm-up run`);
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
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${new TextDecoder().decode(body)}`);
    if (run > 0) times.push(performance.now() - started); // the first request warms PostgreSQL's buffers and caches
    bytes = body.byteLength;
  }
  const summary = summarise(times);
  console.log(`| ${name} | ${ms(summary.median)} | ${ms(summary.p95)} | ${(bytes / 1024).toFixed(1)} |`);
}
server.stop();
