/** Size of the built web app, gzipped: JavaScript (including maplibre's worker) and CSS. Run: `npm run bench:bundle`. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../../server/src/config.ts';
import { ensureWebBuild } from '../lib/web-build.ts';

ensureWebBuild();
const buildDir = path.join(projectRoot, 'web/build');

function* files(folder: string): Generator<string> {
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

const totals = { js: { raw: 0, gzip: 0, files: 0 }, css: { raw: 0, gzip: 0, files: 0 } };
const largest: { file: string; gzip: number }[] = [];
for (const file of files(buildDir)) {
  const kind = /\.m?js$/.test(file) ? 'js' : file.endsWith('.css') ? 'css' : null;
  if (!kind) continue;
  const content = readFileSync(file);
  const gzip = gzipSync(content, { level: 9 }).length;
  totals[kind].raw += content.length;
  totals[kind].gzip += gzip;
  totals[kind].files++;
  largest.push({ file: path.relative(buildDir, file), gzip });
}
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
console.log(
  `JavaScript: ${totals.js.files} files, ${kb(totals.js.raw)} KB raw, ${kb(totals.js.gzip)} KB gzipped (target < 700 KB)`,
);
console.log(`CSS: ${totals.css.files} files, ${kb(totals.css.raw)} KB raw, ${kb(totals.css.gzip)} KB gzipped`);
for (const entry of largest.sort((a, b) => b.gzip - a.gzip).slice(0, 4))
  console.log(`  ${entry.file}: ${kb(entry.gzip)} KB gzipped`);

// The first view (issue #14): what the map page loads before anything is clicked — SvelteKit's start and app entries,
// the root layout, the map page and every chunk they import statically, and maplibre's worker. Chunks reached only
// through import() (deck.gl, the panels, Chart.js) are not in it.
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}
const manifest = JSON.parse(
  readFileSync(path.join(projectRoot, 'web/.svelte-kit/output/client/.vite/manifest.json'), 'utf8'),
) as Record<string, ManifestChunk>;
const generated = path.join(projectRoot, 'web/.svelte-kit/generated/client-optimized/nodes');
const mapNode = readdirSync(generated).find((file) =>
  readFileSync(path.join(generated, file), 'utf8').includes('src/routes/+page.svelte'),
);
const roots = Object.keys(manifest).filter(
  (key) =>
    key.endsWith('runtime/client/entry.js') ||
    key.endsWith('client-optimized/app.js') ||
    key.endsWith('client-optimized/nodes/0.js') ||
    (mapNode !== undefined && key.endsWith(`client-optimized/nodes/${mapNode}`)) ||
    key.endsWith('maplibre-gl-worker.mjs'),
);
const seen = new Set<string>();
const visit = (key: string) => {
  if (seen.has(key) || !manifest[key]) return;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
roots.forEach(visit);
const firstView = [...seen].map((key) => {
  const file = manifest[key]!.file;
  return { key, gzip: gzipSync(readFileSync(path.join(buildDir, file)), { level: 9 }).length };
});
const firstViewTotal = firstView.reduce((sum, entry) => sum + entry.gzip, 0);
console.log(
  `First view (the map page before any click): ${firstView.length} files, ${kb(firstViewTotal)} KB gzipped (aim ≤ 400 KB)`,
);
for (const entry of firstView.sort((a, b) => b.gzip - a.gzip).slice(0, 6))
  console.log(`  ${entry.key.replace(/^(\.\.\/)?node_modules\//, '')}: ${kb(entry.gzip)} KB`);
