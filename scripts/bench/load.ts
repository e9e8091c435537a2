/**
 * Throughput under load with autocannon (in this process) against the server (in its own process) on loopback:
 * warm tiles (cache hits), a PostGIS point query per request, and the trigram search. Bounded: 10 s per scenario,
 * 20 connections; every request carries a viewer's session cookie, as in real use. Run: `npm run bench:load`.
 */
import autocannon from 'autocannon';
import { startServerProcess } from './server-process.ts';

const server = await startServerProcess();
const origin = server.origin;

const scenarios = [
  {
    name: 'warm desa tiles (z12, 16 tiles round-robin)',
    paths: Array.from(
      { length: 16 },
      (_, index) => `/tiles/desa/12/${3300 + (index % 4)}/${2034 + Math.floor(index / 4)}.mvt`,
    ),
  },
  {
    name: '/api/regions/at (one PostGIS query each)',
    paths: Array.from(
      { length: 16 },
      (_, index) => `/api/regions/at?lon=${(110.1 + index * 0.02).toFixed(2)}&lat=0.97`,
    ),
  },
  {
    name: '/api/regions/search?q=… (trigram search)',
    paths: ['entikong', 'sanggau', 'badau', 'nunukan', 'belakang padang', 'sebatik', 'aruk', 'sajingan'].map(
      (q) => `/api/regions/search?q=${encodeURIComponent(q)}`,
    ),
  },
];

console.log('| scenario | requests/s (mean) | latency median (ms) | latency p97.5 (ms) | latency max (ms) | non-2xx |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const scenario of scenarios) {
  // Warm the cache (and PostgreSQL) first, so the run measures the steady state.
  for (const path of scenario.paths) {
    await fetch(`${origin}${path}`, { headers: { 'accept-encoding': 'gzip', cookie: server.cookie } });
  }
  const result = await autocannon({
    url: origin,
    connections: 20,
    duration: 10,
    requests: scenario.paths.map((path) => ({
      method: 'GET',
      path,
      headers: { 'accept-encoding': 'gzip', cookie: server.cookie },
    })),
  });
  console.log(
    `| ${scenario.name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p97_5} | ${result.latency.max} | ${result.non2xx} |`,
  );
}
server.stop();
