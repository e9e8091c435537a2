/**
 * Analysis near the border (issue #5) at bench scale (200,000 residents, ~100,000 incidents) in `pantau_bench`:
 * DBSCAN over every incident, Gi* over every desa of the seven provinces, emerging hot spots, change, H3 and distance
 * bands, plus the typical "one kabupaten / one band" views; p50/p95 over HTTP from the server in its own process, as
 * an intel account whose area is all seven provinces. Run: `npm run bench:analysis` (first run: import + generation).
 */
import { startBenchServer, timeRequests } from './bench-scale.ts';

const server = await startBenchServer();
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
// BENCH_ONLY=DBSCAN runs only the scenarios whose label contains it.
const only = process.env.BENCH_ONLY;
await timeRequests(server, only ? scenarios.filter(([label]) => label.includes(only)) : scenarios, REPEAT);
server.stop();
