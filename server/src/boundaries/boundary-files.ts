/**
 * Finds the upstream boundary files: in a local mirror folder when one is configured, otherwise downloaded from
 * upstream at the pinned commit into .cache/. Either way the set of files is checked against the checksum in
 * data/sources.json before anything is imported.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import type { OfficialList } from './official-list.ts';

export interface WilayahSource {
  commit: string;
  rawBaseUrl: string;
  desaProvinces: string[];
  provinceFiles: number;
  checksum: { algorithm: string; value: string };
}

export interface BoundaryFiles {
  /** Where the files were read from (a folder path). */
  root: string;
  provinsi: string[];
  kabupaten: string[];
  desa: string[];
  checksum: string;
}

export function readSources(): { wilayahBoundaries: WilayahSource } & Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(projectRoot, 'data/sources.json'), 'utf8'));
}

/** Paths relative to upstream's db/ folder. */
export function expectedFiles(source: WilayahSource, official: OfficialList): Omit<BoundaryFiles, 'root' | 'checksum'> {
  const provinsi = Array.from(
    { length: source.provinceFiles },
    (_, index) => `prov/wilayah_boundaries_prov_${index + 1}.sql`,
  );
  const kabupaten = official.provinces.map((province) => `kab/wilayah_boundaries_kab_${province.code}.sql`);
  const desa = official.regencies
    .filter((regency) => source.desaProvinces.includes(regency.provinceCode))
    .map((regency) => `kel/${regency.provinceCode}/wilayah_boundaries_kel_${regency.code}.sql`);
  return { provinsi, kabupaten, desa };
}

export function checksumFiles(root: string, relativePaths: string[]): string {
  const lines = [...relativePaths].sort().map(
    (relative) =>
      `${relative} ${createHash('sha256')
        .update(readFileSync(path.join(root, relative)))
        .digest('hex')}`,
  );
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

async function download(source: WilayahSource, relativePaths: string[]): Promise<string> {
  const root = path.join(projectRoot, '.cache/wilayah_boundaries', source.commit);
  for (const relative of relativePaths) {
    const target = path.join(root, relative);
    if (existsSync(target)) continue;
    const url = `${source.rawBaseUrl}/${relative}`;
    const response = await fetch(url).catch((error: Error) => {
      throw new Error(
        `Cannot download the boundary files from upstream (${error.message}; no network?). ` +
          `Set PANTAU_BOUNDARY_MIRROR to a folder holding a copy of cahyadsn/wilayah_boundaries/db at commit ` +
          `${source.commit}, or place one at ../shared/data/wilayah_boundaries.`,
      );
    });
    if (!response.ok) throw new Error(`Download failed (${response.status}) for ${url}`);
    mkdirSync(path.dirname(target), { recursive: true });
    // Written aside and renamed, so an interrupted download never leaves a partial file that looks complete.
    writeFileSync(`${target}.part`, Buffer.from(await response.arrayBuffer()));
    renameSync(`${target}.part`, target);
  }
  return root;
}

export async function locateBoundaryFiles(mirrorDir: string | null, official: OfficialList): Promise<BoundaryFiles> {
  const source = readSources().wilayahBoundaries;
  const files = expectedFiles(source, official);
  const all = [...files.provinsi, ...files.kabupaten, ...files.desa];
  let root: string;
  if (mirrorDir) {
    const missing = all.filter((relative) => !existsSync(path.join(mirrorDir, relative)));
    if (missing.length > 0)
      throw new Error(`The boundary mirror ${mirrorDir} lacks ${missing.length} files, e.g. ${missing[0]}`);
    root = mirrorDir;
  } else {
    console.log(`[import] no mirror folder; downloading ${all.length} files from upstream at ${source.commit}`);
    root = await download(source, all);
  }
  const checksum = checksumFiles(root, all);
  if (source.checksum.value && checksum !== source.checksum.value) {
    throw new Error(
      `The boundary files in ${root} do not match the pinned checksum in data/sources.json ` +
        `(expected ${source.checksum.value}, got ${checksum}). Refusing to import files of another version.`,
    );
  }
  return { root, ...files, checksum };
}
