/** The account services without an HTTP server, for commands run on the server itself. */
import { loadConfig } from '../../server/src/config.ts';
import { resolveDatabaseUrl } from '../../server/src/db/local-cluster.ts';
import { migrateUp } from '../../server/src/db/migrate.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { createAccountRepository } from '../../server/src/repositories/account-repository.ts';
import { createAuditRepository } from '../../server/src/repositories/audit-repository.ts';
import { createAccountService } from '../../server/src/services/account-service.ts';
import { createAuditService } from '../../server/src/services/audit.ts';

export async function openAccountServices() {
  const url = await resolveDatabaseUrl(loadConfig());
  await migrateUp(url, () => undefined);
  const pool = createPool(url, () => undefined);
  const accounts = createAccountRepository(pool);
  const accountAdmin = createAccountService(pool, accounts, createAuditService(createAuditRepository(pool)));
  return { pool, accounts, accountAdmin, close: () => pool.end() };
}
