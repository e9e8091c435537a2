/** Vitest global set-up: database up, migrated, boundaries imported (skipped when already current), web built. */
import type { TestProject } from 'vitest/node';
import { setUpBoundaries } from './import-boundaries.ts';
import { ensureWebBuild } from './lib/web-build.ts';

export default async function setup(project: TestProject): Promise<void> {
  const databaseUrl = await setUpBoundaries();
  ensureWebBuild();
  project.provide('databaseUrl', databaseUrl);
}
