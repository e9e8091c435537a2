/**
 * Boundary import time: a forced full import (parse 129 files, load, dissolve, borders, distances, generalise),
 * repeated `--runs N` times (default 3). Run: `npm run bench:import -- --runs 3`. Takes ~1.5 min per run.
 */
import { loadConfig } from '../../server/src/config.ts';
import { resolveDatabaseUrl } from '../../server/src/db/local-cluster.ts';
import { migrateUp } from '../../server/src/db/migrate.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { importBoundaries } from '../../server/src/boundaries/boundary-import.ts';
import { summarise } from './stats.ts';

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
const config = loadConfig();
const url = await resolveDatabaseUrl(config);
await migrateUp(url, () => undefined);
const pool = createPool(url, () => undefined);
const seconds: number[] = [];
for (let run = 1; run <= runs; run++) {
  const result = await importBoundaries(pool, {
    mirrorDir: config.boundaryMirrorDir,
    force: true,
    log: () => undefined,
  });
  seconds.push(result.seconds);
  console.log(`run ${run}: ${result.seconds.toFixed(1)} s`);
}
const summary = summarise(seconds);
console.log(
  `import: median ${summary.median.toFixed(1)} s, min ${summary.min.toFixed(1)} s, max ${summary.max.toFixed(1)} s over ${runs} runs`,
);
await pool.end();
