/**
 * Shared by the bench-scale benchmarks (`bench:layers`, `bench:analysis`): the database `pantau_bench`, made ready on
 * first use (boundaries imported, the synthetic bench scale generated), a server in its own process signed in as an
 * intel account for all seven provinces, and the timing of a list of requests as a Markdown table.
 */
process.env.PANTAU_DB_NAME = 'pantau_bench';
const { performance } = await import('node:perf_hooks');
const { setUpBoundaries } = await import('../import-boundaries.ts');
const { createPool } = await import('../../server/src/db/pool.ts');
const { generateDemoData } = await import('../../server/src/demo/demo-data.ts');
const { startServerProcess } = await import('./server-process.ts');
const { ms, summarise } = await import('./stats.ts');

/**
 * Boundaries and bench-scale data in `pantau_bench`, then the server, signed in as `role` (intel by default; a member
 * measures the disclosure-control path, ADR 0007); stop it with `.stop()`.
 */
export async function startBenchServer(role: 'intel' | 'member' = 'intel') {
  const pool = createPool(await setUpBoundaries(), () => undefined);
  const generated = await generateDemoData(pool, { scale: 'bench' });
  if (generated.loaded)
    console.log(`bench data generated in ${generated.seconds.toFixed(0)} s: ${JSON.stringify(generated.counts)}`);
  await pool.end();
  return startServerProcess({ role, areaCodes: ['14', '21', '53', '61', '62', '64', '65'] });
}

/**
 * Each request once to warm PostgreSQL's buffers and the caches (not counted), then `repeat` timed runs; prints
 * median, p95 and the size of the answer before gzip.
 */
export async function timeRequests(
  server: { origin: string; cookie: string },
  scenarios: [name: string, path: string][],
  repeat: number,
): Promise<void> {
  console.log('| request | median (ms) | p95 (ms) | response, unpacked (KB) |');
  console.log('|---|---:|---:|---:|');
  for (const [name, path] of scenarios) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run <= repeat; run++) {
      const started = performance.now();
      const response = await fetch(`${server.origin}${path}`, {
        headers: { cookie: server.cookie, 'accept-encoding': 'gzip' },
      });
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${new TextDecoder().decode(body)}`);
      if (run > 0) times.push(performance.now() - started);
      bytes = body.byteLength;
    }
    const summary = summarise(times);
    console.log(`| ${name} | ${ms(summary.median)} | ${ms(summary.p95)} | ${(bytes / 1024).toFixed(1)} |`);
  }
}
