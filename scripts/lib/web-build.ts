/** Builds the web app when its build is missing or older than its sources (vite build takes ~30 s on 2 cores). */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/src/config.ts';

const webDir = path.join(projectRoot, 'web');
const builtIndex = path.join(webDir, 'build/index.html');

function newestModification(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function isWebBuildStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const sources = Math.max(
    newestModification(path.join(webDir, 'src')),
    ...['svelte.config.js', 'vite.config.ts', 'package.json'].map((file) => statSync(path.join(webDir, file)).mtimeMs),
  );
  return sources > statSync(builtIndex).mtimeMs;
}

export function ensureWebBuild(): void {
  if (!isWebBuildStale()) return;
  console.log('[web] building the web app (vite build)…');
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: projectRoot, stdio: 'inherit' });
}
