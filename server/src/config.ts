import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: server/src/config.ts lives two folders below it. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  /** Set by the operator; when unset, the project-local cluster is used. */
  databaseUrl: string | undefined;
  localDbPort: number;
  localDbDir: string;
  /** The database inside the local cluster (`npm test` uses its own, pantau_test). */
  localDbName: string;
  host: string;
  port: number;
  /** Folder holding a mirror of cahyadsn/wilayah_boundaries; null means download from upstream. */
  boundaryMirrorDir: string | null;
  webBuildDir: string;
  logLevel: string;
  tileCacheEntries: number;
  /** A session unused this long is over (ASVS 7.3.1). */
  sessionIdleMinutes: number;
  /** A session this old is over, used or not (ASVS 7.3.2). */
  sessionAbsoluteHours: number;
  /** Send the session cookie only over HTTPS; set when the app is served behind TLS. */
  cookieSecure: boolean;
  /** The address people open (e.g. https://pantau.example.go.id) when behind a proxy; else taken from the request. */
  publicUrl: string | undefined;
  /**
   * The office's SMTP relay for alerts by e-mail (issue #13), e.g. smtp://user:password@mail.example.go.id:587;
   * unset: alerts stay in the app.
   */
  smtpUrl: string | undefined;
  /** The sender of those e-mails. */
  smtpFrom: string;
}

let cached: Config | undefined;

function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    problems.push(`${name} must be a positive whole number (got "${raw}")`);
    return fallback;
  }
  return value;
}

function defaultMirrorDir(): string | null {
  const sibling = path.resolve(projectRoot, '../shared/data/wilayah_boundaries');
  return existsSync(sibling) ? sibling : null;
}

/** Reads the environment once, validates it and caches the result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached && env === process.env) return cached;
  const problems: string[] = [];
  const mirror = env.PANTAU_BOUNDARY_MIRROR;
  if (mirror && !existsSync(mirror)) problems.push(`PANTAU_BOUNDARY_MIRROR points to a missing folder: ${mirror}`);
  const config: Config = {
    databaseUrl: env.DATABASE_URL || undefined,
    localDbPort: readInteger(env, 'PANTAU_DB_PORT', 55432, problems),
    localDbDir: env.PANTAU_DB_DIR || path.join(projectRoot, '.pgdata'),
    localDbName: env.PANTAU_DB_NAME || 'pantau',
    host: env.HOST || '127.0.0.1',
    port: readInteger(env, 'PORT', 3000, problems),
    boundaryMirrorDir: mirror ? path.resolve(mirror) : defaultMirrorDir(),
    webBuildDir: env.PANTAU_WEB_BUILD || path.join(projectRoot, 'web/build'),
    logLevel: env.LOG_LEVEL || 'info',
    tileCacheEntries: readInteger(env, 'PANTAU_TILE_CACHE_ENTRIES', 20000, problems),
    sessionIdleMinutes: readInteger(env, 'PANTAU_SESSION_IDLE_MINUTES', 30, problems),
    sessionAbsoluteHours: readInteger(env, 'PANTAU_SESSION_ABSOLUTE_HOURS', 12, problems),
    cookieSecure: env.PANTAU_COOKIE_SECURE === 'true',
    publicUrl: env.PANTAU_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    smtpUrl: env.PANTAU_SMTP_URL || undefined,
    smtpFrom: env.PANTAU_SMTP_FROM || 'Pantau <pantau@localhost>',
  };
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.localDbName))
    problems.push(`PANTAU_DB_NAME must be a plain lower-case name`);
  if (config.publicUrl && !/^https?:\/\/[^/]+$/.test(config.publicUrl)) {
    problems.push(`PANTAU_PUBLIC_URL must be an origin like https://pantau.example.go.id (got "${config.publicUrl}")`);
  }
  if (config.smtpUrl && !/^smtps?:\/\/[^/]+/.test(config.smtpUrl)) {
    problems.push('PANTAU_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465');
  }
  if (problems.length > 0) throw new Error(`Invalid environment variables: ${problems.join('; ')}`);
  if (env === process.env) cached = config;
  return config;
}
