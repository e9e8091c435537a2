/** `npm run import:boundaries [-- --force]`: brings the database up and imports the boundaries. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, projectRoot } from '../server/src/config.ts';
import { resolveDatabaseUrl } from '../server/src/db/local-cluster.ts';
import { migrateUp } from '../server/src/db/migrate.ts';
import { createPool } from '../server/src/db/pool.ts';
import { renderCoverageReport } from '../server/src/boundaries/coverage.ts';
import { importBoundaries } from '../server/src/boundaries/boundary-import.ts';

export const coverageReportPath = path.join(projectRoot, 'data/generated/coverage-report.md');

export async function setUpBoundaries(options: { force?: boolean } = {}): Promise<string> {
  const config = loadConfig();
  const url = await resolveDatabaseUrl(config);
  await migrateUp(url, () => undefined);
  const pool = createPool(url, (error) => console.error('[db] idle client error', error.message));
  try {
    const result = await importBoundaries(pool, { mirrorDir: config.boundaryMirrorDir, force: options.force });
    if (!result.skipped) {
      mkdirSync(path.dirname(coverageReportPath), { recursive: true });
      writeFileSync(coverageReportPath, renderCoverageReport(result.coverage, result.levels, result.version));
      console.log(`[import] done in ${result.seconds.toFixed(1)} s: ${JSON.stringify(result.stats)}`);
      console.log(`[import] coverage report: ${path.relative(projectRoot, coverageReportPath)}`);
    }
  } finally {
    await pool.end();
  }
  return url;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await setUpBoundaries({ force: process.argv.includes('--force') });
}
