/**
 * A PostgreSQL + PostGIS cluster of the project's own, in a git-ignored folder on its own port, used whenever
 * DATABASE_URL is unset. It is created on first use and started when needed from the machine's PostgreSQL
 * binaries, so `npm start` and `npm test` work on a fresh Debian machine with no hand-made set-up.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';

const MIN_MAJOR = 15;
const INSTALL_COMMAND =
  'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 postgresql-15-postgis-3';

export interface LocalCluster {
  binDir: string;
  dataDir: string;
  socketDir: string;
  port: number;
  databaseName: string;
  url: string;
}

const isRoot = (): boolean => process.getuid?.() === 0;

function findPostgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .map(Number)
    .filter((major) => Number.isInteger(major) && major >= MIN_MAJOR)
    .sort((a, b) => b - a);
  for (const major of majors) {
    const binDir = path.join(base, String(major), 'bin');
    const postgis = `/usr/share/postgresql/${major}/extension/postgis.control`;
    if (existsSync(path.join(binDir, 'initdb')) && existsSync(postgis)) return binDir;
  }
  return null;
}

function installPostgres(): string {
  const onDebian = existsSync('/etc/debian_version');
  if (!onDebian || !isRoot()) {
    throw new Error(
      `PostgreSQL ${MIN_MAJOR}+ with PostGIS 3 was not found. Install it as root with:\n  ${INSTALL_COMMAND}\n` +
        'or set DATABASE_URL to a database that has PostGIS.',
    );
  }
  console.log(`[db] PostgreSQL/PostGIS missing; installing: ${INSTALL_COMMAND}`);
  execFileSync('sh', ['-c', INSTALL_COMMAND], { stdio: 'inherit' });
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error(`Installing PostgreSQL did not provide initdb and PostGIS; run: ${INSTALL_COMMAND}`);
  return binDir;
}

/** initdb and the server refuse to run as root; as root we run them as the `postgres` system user. */
function runAsOwner(command: string, args: string[]): { status: number | null; output: string } {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function mustRun(command: string, args: string[]): void {
  const result = runAsOwner(command, args);
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed:\n${result.output}`);
}

/**
 * As root the cluster folder must belong to `postgres`, and every folder above it must let that user through.
 * When the checkout sits somewhere `postgres` cannot reach (a private home folder), fall back to /var/tmp.
 */
function prepareClusterDir(wanted: string): string {
  mkdirSync(wanted, { recursive: true });
  if (!isRoot()) return wanted;
  execFileSync('chown', ['postgres:postgres', wanted]);
  if (runAsOwner('test', ['-w', wanted]).status === 0) return wanted;
  const hash = createHash('sha1').update(wanted).digest('hex').slice(0, 10);
  const fallback = `/var/tmp/pantau-pgdata-${hash}`;
  console.warn(`[db] the postgres user cannot write to ${wanted}; using ${fallback} instead`);
  mkdirSync(fallback, { recursive: true });
  execFileSync('chown', ['postgres:postgres', fallback]);
  return fallback;
}

export function describeLocalCluster(config: Config): LocalCluster {
  const binDir = findPostgresBinDir() ?? installPostgres();
  const clusterDir = prepareClusterDir(config.localDbDir);
  return {
    binDir,
    dataDir: path.join(clusterDir, 'data'),
    socketDir: clusterDir,
    port: config.localDbPort,
    databaseName: config.localDbName,
    url: `postgres://postgres@127.0.0.1:${config.localDbPort}/${config.localDbName}`,
  };
}

export function isClusterRunning(cluster: LocalCluster): boolean {
  return runAsOwner(path.join(cluster.binDir, 'pg_ctl'), ['status', '-D', cluster.dataDir]).status === 0;
}

export function startCluster(cluster: LocalCluster): void {
  if (isClusterRunning(cluster)) return;
  mustRun(path.join(cluster.binDir, 'pg_ctl'), [
    'start',
    '-w',
    '-t',
    '60',
    '-D',
    cluster.dataDir,
    '-l',
    path.join(cluster.socketDir, 'postgres.log'),
    '-o',
    `-p ${cluster.port} -k ${cluster.socketDir} -c listen_addresses=127.0.0.1`,
  ]);
}

export function stopCluster(cluster: LocalCluster): void {
  if (!isClusterRunning(cluster)) return;
  mustRun(path.join(cluster.binDir, 'pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', cluster.dataDir]);
}

async function ensureDatabase(cluster: LocalCluster): Promise<void> {
  const admin = new pg.Client({ connectionString: cluster.url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [cluster.databaseName]);
    // The name is checked against a plain-identifier pattern in config.ts; CREATE DATABASE takes no parameters.
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${cluster.databaseName}`);
  } finally {
    await admin.end();
  }
}

/** Creates, starts and prepares the local cluster as needed; returns its connection string. */
export async function ensureLocalCluster(config: Config): Promise<LocalCluster> {
  const cluster = describeLocalCluster(config);
  if (!existsSync(path.join(cluster.dataDir, 'PG_VERSION'))) {
    console.log(`[db] creating a local PostgreSQL cluster in ${cluster.dataDir}`);
    mustRun(path.join(cluster.binDir, 'initdb'), [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
  }
  startCluster(cluster);
  await ensureDatabase(cluster);
  return cluster;
}

/** The connection string the app uses: DATABASE_URL when set, otherwise the local cluster (brought up). */
export async function resolveDatabaseUrl(config: Config): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  return (await ensureLocalCluster(config)).url;
}
