/** Production entry point: one Fastify process serves the API, the tiles and the built web app on one port. */
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { resolveDatabaseUrl } from './db/local-cluster.ts';
import { migrateUp } from './db/migrate.ts';
import { createPool } from './db/pool.ts';

export async function startServer(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = await resolveDatabaseUrl(config);
  await migrateUp(databaseUrl, () => undefined);
  // The pool exists before the app (the app needs it), so its idle-error handler reaches the logger late.
  const holder: { app?: Awaited<ReturnType<typeof buildApp>> } = {};
  const pool = createPool(databaseUrl, (error) => holder.app?.log.warn({ err: error }, 'idle database client lost'));
  const app = await buildApp({ config, pool });
  holder.app = app;
  const shutdown = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ host: config.host, port: config.port });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await startServer();
}
