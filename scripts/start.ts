/**
 * `npm start`: everything from a fresh checkout to a running app — the local PostGIS cluster (installed and created
 * when missing), migrations, the boundary import, the web build — then one server on http://localhost:3000.
 */
import { startServer } from '../server/src/main.ts';
import { ensureDemoAccounts } from './demo-accounts.ts';
import { loadDemoData } from './demo-data.ts';
import { setUpBoundaries } from './import-boundaries.ts';
import { ensureWebBuild } from './lib/web-build.ts';

await setUpBoundaries();
await ensureDemoAccounts();
await loadDemoData();
ensureWebBuild();
await startServer();
