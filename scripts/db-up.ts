/** Brings the database up (local cluster when DATABASE_URL is unset) and applies migrations. */
import { loadConfig } from '../server/src/config.ts';
import { resolveDatabaseUrl } from '../server/src/db/local-cluster.ts';
import { migrateUp } from '../server/src/db/migrate.ts';

const url = await resolveDatabaseUrl(loadConfig());
const applied = await migrateUp(url, () => undefined);
console.log(applied.length ? `[db] applied migrations: ${applied.join(', ')}` : '[db] migrations up to date');
console.log(`[db] ready at ${url}`);
