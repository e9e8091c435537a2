// What the service worker keeps for offline use, and how (issue #14, ADR 0014). Pure functions, so the rules are
// tested in Node (e2e/offline-policy.test.ts) as well as used in the worker (src/service-worker.ts).
//
// The server decides what may be kept: a response marked `no-store` (people's records, points and tiles of people,
// exports, the audit trail, every answer about accounts) is never written to any cache; everything else the worker
// keeps is bound to the signed-in account and dropped on sign-out and when another account signs in.

/** The app itself for one build: its files and the page; replaced whole by the next build. */
export const SHELL_CACHE_PREFIX = 'pantau-shell-';
/** Boundary and base-map tiles: the same for everybody who may sign in. */
export const TILE_CACHE = 'pantau-tiles-v1';
/** The signed-in account's last answers (style, layer summaries, incident tiles, session): network first. */
export const DATA_CACHE = 'pantau-data-v1';
/** Set by the worker on an answer it took from the cache because the network failed: when it was stored (ISO 8601). */
export const FROM_CACHE_HEADER = 'x-pantau-from-cache';
/** Set by the worker on every answer it stores: when it was fetched. */
export const STORED_AT_HEADER = 'x-pantau-stored-at';
/** Set by the server on an account's keepable answers: whose they are (server/src/plugins/kept-owner.ts). */
export const OWNER_HEADER = 'x-pantau-owner';
/** Answers of no account that the app needs offline (the style is the same for everybody). */
const SHARED_DATA: ReadonlySet<string> = new Set(['/api/style.json']);

/** Caps: the least recently used entries go first when a cache is full; entries older than the age are dropped. */
export const CACHE_LIMITS = {
  [TILE_CACHE]: { maxEntries: 4000, maxAgeSeconds: 30 * 24 * 3600 },
  // A week: a field office a week offline still has its last view; older numbers are not worth showing.
  [DATA_CACHE]: { maxEntries: 600, maxAgeSeconds: 7 * 24 * 3600 },
} as const;

/**
 * - `shell`: the app's own files (precached per build) — cache first;
 * - `page`: a navigation — network first, else the cached page (the app is one page);
 * - `tiles`: boundary tiles — from the cache at once, refreshed in the background (stale while revalidate);
 * - `data`: the account's answers — network first, else the cached answer marked as such;
 * - `pass`: not the worker's business (another origin, not a GET, live streams, people's data, exports, sign-in).
 */
export type CacheRoute = 'shell' | 'page' | 'tiles' | 'data' | 'pass';

/** Operational point tiles are per account and per filter: `data`, never the shared tile cache. */
const OPERATIONAL_TILES = /^\/tiles\/(incidents|residents)\//;
/**
 * Never through the worker, whatever their headers say: the live stream, the health probe (it must tell the truth about
 * the connection), the API documentation, and downloads (PDF, CSV, images).
 */
const NEVER = [
  /^\/api\/notifications\/stream/,
  /^\/api\/health/,
  /^\/api\/docs/,
  /^\/api\/exports\//,
  /\.(pdf|csv)(\?|$)/,
  /[?&]format=/,
];

export function routeOf(
  request: { method: string; mode: RequestMode | string; url: string },
  origin: string,
  shellPaths: ReadonlySet<string>,
): CacheRoute {
  if (request.method !== 'GET') return 'pass';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'pass';
  const pathAndQuery = url.pathname + url.search;
  if (NEVER.some((pattern) => pattern.test(pathAndQuery))) return 'pass';
  if (request.mode === 'navigate') return 'page';
  if (shellPaths.has(url.pathname)) return 'shell';
  if (url.pathname.startsWith('/tiles/')) return OPERATIONAL_TILES.test(url.pathname) ? 'data' : 'tiles';
  if (url.pathname.startsWith('/api/')) return 'data';
  return 'pass';
}

/**
 * Whether this answer may be kept for `owner` (the account and mode the page last named; null: nobody): a complete 200
 * that is not `no-store` and that the server marked as that owner's — or, for boundary tiles and the style, as no
 * account's. Anything else is never written to the cache: a route the server did not open for keeping, an answer of
 * another account or mode still on its way when the owner changed.
 */
export function isStorable(
  response: { status: number; type?: string; headers: Headers; url?: string },
  route: CacheRoute,
  owner: string | null,
): boolean {
  if (response.status !== 200 || response.type === 'opaque' || route === 'pass') return false;
  const cacheControl = (response.headers.get('cache-control') ?? '').toLowerCase();
  if (/\bno-store\b/.test(cacheControl)) return false;
  return mayServe(response.headers, route, owner, response.url);
}

/** Whether a kept answer may be shown to `owner`: its own, or one of no account (tiles, the style). */
export function mayServe(headers: Headers, route: CacheRoute, owner: string | null, url?: string): boolean {
  const marked = headers.get(OWNER_HEADER);
  if (marked !== null) return owner !== null && marked === owner;
  if (route === 'tiles') return true;
  return url !== undefined && SHARED_DATA.has(new URL(url).pathname);
}
