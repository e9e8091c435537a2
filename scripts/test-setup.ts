/** Vitest global set-up: database up, migrated, boundaries imported (skipped when already current), web built. */
import type { TestProject } from 'vitest/node';
import { loadDemoData } from './demo-data.ts';
import { setUpBoundaries } from './import-boundaries.ts';
import { ensureWebBuild } from './lib/web-build.ts';

export default async function setup(project: TestProject): Promise<void> {
  // Tests write accounts and audit entries: they get a database of their own beside the one `npm start` uses.
  process.env.PANTAU_DB_NAME ??= 'pantau_test';
  const databaseUrl = await setUpBoundaries();
  // The layers' end-to-end and crawl tests read the demo data; filter tests build their own rows.
  await loadDemoData();
  // For a quick server-only run while the web app is being edited: PANTAU_SKIP_WEB_BUILD=1 npx vitest run server
  if (!process.env.PANTAU_SKIP_WEB_BUILD) ensureWebBuild();
  project.provide('databaseUrl', databaseUrl);
}
