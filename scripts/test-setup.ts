/** Vitest global set-up: database up, migrated, boundaries imported (skipped when already current), web built. */
import type { TestProject } from 'vitest/node';
import { setUpBoundaries } from './import-boundaries.ts';
import { ensureWebBuild } from './lib/web-build.ts';

export default async function setup(project: TestProject): Promise<void> {
  const databaseUrl = await setUpBoundaries();
  // For a quick server-only run while the web app is being edited: PANTAU_SKIP_WEB_BUILD=1 npx vitest run server
  if (!process.env.PANTAU_SKIP_WEB_BUILD) ensureWebBuild();
  project.provide('databaseUrl', databaseUrl);
}
