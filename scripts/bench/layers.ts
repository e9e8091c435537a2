/**
 * The operational layers at bench scale (200,000 residents, 100,000 incidents) in a database of their own
 * (`pantau_bench`, created and filled on first use: boundaries + synthetic data): p50/p95 of the per-region
 * summaries, the view summary and the incident points, over HTTP from the server in its own process, as an intel
 * account whose area is all seven provinces. Run: `npm run bench:layers` (first run: import + generation, minutes);
 * `npm run bench:layers -- --role member` asks the same as a member: counts of people through the disclosure control
 * (cell keys, whole regions for a bbox), without the routes a member may not call.
 */
import { startBenchServer, timeRequests } from './bench-scale.ts';

const role = process.argv.includes('--role') ? process.argv[process.argv.indexOf('--role') + 1] : 'intel';
if (role !== 'intel' && role !== 'member') throw new Error(`--role must be intel or member, not ${role}`);
const server = await startBenchServer(role);
const asMember = role === 'member';
const REPEAT = 15;
const views = {
  'Kalbar–Sarawak border (z8)': '108.8,0.2,112.5,2.2',
  'Batam (z11)': '103.9,1.0,104.2,1.2',
  'Nunukan–Sebatik (z10)': '117.4,3.9,118.0,4.4',
};
/** A box with a quarter of its size added on each side, as the web asks for a view's heat map. */
function padded(bbox: string): string {
  const [west, south, east, north] = bbox.split(',').map(Number) as [number, number, number, number];
  const [dx, dy] = [(east - west) / 4, (north - south) / 4];
  return [west - dx, south - dy, east + dx, north + dy].map((value) => value.toFixed(4)).join(',');
}
const scenarios: [string, string][] = [
  ...(['provinsi', 'kabupaten', 'kecamatan', 'desa'] as const).map(
    (level) => [`residents per ${level}`, `/api/layers/residents/summary?level=${level}`] as [string, string],
  ),
  asMember
    ? ['residents per desa, ITAS, one month', '/api/layers/residents/summary?level=desa&permitType=ITAS&to=2026-06-30']
    : [
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
    ([name, bbox]) =>
      [`view summary: ${name}`, `/api/layers/summary?bbox=${bbox}${asMember ? '&level=kecamatan' : ''}`] as [
        string,
        string,
      ],
  ),
  ...Object.entries(views).map(
    ([name, bbox]) => [`incident points: ${name}`, `/api/layers/incidents/points?bbox=${bbox}`] as [string, string],
  ),
  ...(asMember
    ? []
    : ([['resident points: Batam (z11)', `/api/layers/residents/points?bbox=${views['Batam (z11)']}`]] as [
        string,
        string,
      ][])),
  // The charts panel (issue #11) over the slider's 36 months: the residents chart is one stock count per month's end.
  ...(['incidents', 'residents', 'breakdown'] as const).map(
    (chart) =>
      [
        `chart ${chart}: Kalbar–Sarawak border (z8), 36 months`,
        `/api/charts/${chart}?bbox=${views['Kalbar–Sarawak border (z8)']}&from=2024-01-01&to=2026-12-01${asMember ? '&level=kecamatan' : ''}`,
      ] as [string, string],
  ),
  // The heat map (issue #14): the view plus a quarter of it on each side, at the resolution its zoom asks for
  // (heatmapScale.ts), over the analysis panel's default twelve quarters.
  ...(
    [
      ['Kalbar–Sarawak border (z8)', 6],
      ['Nunukan–Sebatik (z10)', 7],
      ['Batam (z11)', 8],
    ] as const
  ).flatMap(([name, resolution]) =>
    (['incidents', 'residents'] as const).map(
      (layer) =>
        [
          `heat map cells, ${layer}: ${name}`,
          `/api/analysis/hexagons?layer=${layer}&resolution=${resolution}&geometry=false&bbox=${padded(views[name])}&from=2024-01-01&to=2026-12-01`,
        ] as [string, string],
    ),
  ),
  ['incident tile z8 over Entikong', '/tiles/incidents/8/206/127.mvt'],
  ['incident tile z11 over Batam', '/tiles/incidents/11/1615/1017.mvt'],
  ...(asMember ? [] : ([['resident tile z11 over Batam', '/tiles/residents/11/1615/1017.mvt']] as [string, string][])),
  [
    'incident tile z11 over Batam, one year, two types',
    '/tiles/incidents/11/1615/1017.mvt?from=2025-01-01&to=2025-12-31&incidentType=overstay,illegal_work',
  ],
];

await timeRequests(server, scenarios, REPEAT);
server.stop();
