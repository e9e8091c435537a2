/** `npm run demo -- [--scale demo|bench] [--replace]`: loads synthetic operational data (see server/src/demo/). */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../server/src/config.ts';
import { resolveDatabaseUrl } from '../server/src/db/local-cluster.ts';
import { createPool } from '../server/src/db/pool.ts';
import { DEMO_SCALES, generateDemoData, type DemoScale } from '../server/src/demo/demo-data.ts';

export async function loadDemoData(options: { scale?: DemoScale; replace?: boolean } = {}): Promise<void> {
  const pool = createPool(await resolveDatabaseUrl(loadConfig()), () => undefined);
  try {
    const result = await generateDemoData(pool, options);
    if (result.loaded) console.log(`[demo] loaded in ${result.seconds.toFixed(1)} s: ${JSON.stringify(result.counts)}`);
    else console.log('[demo] operational data already present; nothing loaded (use --replace to regenerate demo rows)');
  } finally {
    await pool.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'demo' }, replace: { type: 'boolean', default: false } },
  });
  if (!(values.scale in DEMO_SCALES)) throw new Error(`--scale must be one of ${Object.keys(DEMO_SCALES).join(', ')}`);
  await loadDemoData({ scale: values.scale as DemoScale, replace: values.replace });
}
