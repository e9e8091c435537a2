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
