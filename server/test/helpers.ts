import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createPool, type Pool } from '../src/db/pool.ts';

export interface TestContext {
  app: Awaited<ReturnType<typeof buildApp>>;
  pool: Pool;
  close(): Promise<void>;
}

/** The real app on the real (imported) database, called in-process with `app.inject()`. */
export async function createTestApp(): Promise<TestContext> {
  const pool = createPool(inject('databaseUrl'), () => undefined);
  const app = await buildApp({ config: loadConfig(), pool, logger: false });
  await app.ready();
  return {
    app,
    pool,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
