import path from 'node:path';
import { runner } from 'node-pg-migrate';
import { projectRoot } from '../config.ts';

export const migrationsDir = path.join(projectRoot, 'migrations');

/** Applies every pending plain-SQL migration in migrations/; a second run is a no-op. */
export async function migrateUp(databaseUrl: string, log: (message: string) => void = console.log): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: migrationsDir,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    singleTransaction: true,
    log,
  });
  return applied.map((migration) => migration.name);
}
