/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The service worker (issue #14, ADR 0014): the app opens without a connection after one visit, with the last view's
// boundaries, layers and numbers. What it may keep, and how, is decided in $lib/offline/cachePolicy.ts; the page
// registers it once the first view has drawn (lib/offline/serviceWorker.ts), so it never competes with that view.
import { build, files, version } from '$service-worker';
import { CacheExpiration } from 'workbox-expiration';
import {
  CACHE_LIMITS,
  DATA_CACHE,
  FROM_CACHE_HEADER,
  isStorable,
  mayServe,
  routeOf,
  SHELL_CACHE_PREFIX,
  STORED_AT_HEADER,
  TILE_CACHE,
  type CacheRoute,
} from '$lib/offline/cachePolicy';

const worker = self as unknown as ServiceWorkerGlobalScope;
const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${version}`;
/** Every built file and every file of static/: the whole app, so every panel works offline, not only the first view. */
const SHELL_FILES = [...build, ...files];
const shellPaths: ReadonlySet<string> = new Set(SHELL_FILES);
/** The one page of the app (the server answers index.html at every path). */
const PAGE = '/';

/** Where the worker remembers whose the kept answers are, across its own restarts. */
const META_CACHE = 'pantau-meta-v1';
const OWNER_KEY = '/__pantau-owner';
/** The account and mode the page last named (`<id>:<own|presenting>`), or null; undefined until read back. */
let owner: string | null | undefined;

/** Changes of owner, one after the other; reads wait for the last one. */
let ownerChange: Promise<void> = Promise.resolve();

async function readOwner(): Promise<string | null> {
  if (owner === undefined) {
    const stored = await (await caches.open(META_CACHE)).match(OWNER_KEY);
    owner = stored ? (await stored.text()) || null : null;
  }
  return owner;
}

async function currentOwner(): Promise<string | null> {
  await ownerChange;
  return readOwner();
}

/** A new owner (or nobody): the previous one's answers go at once. */
function setOwner(next: string | null): Promise<void> {
  ownerChange = ownerChange.then(async () => {
    const previous = await readOwner();
    owner = next;
    if (previous !== next) await caches.delete(DATA_CACHE);
    await (await caches.open(META_CACHE)).put(OWNER_KEY, new Response(next ?? ''));
  });
  return ownerChange;
}

const expirations = {
  [TILE_CACHE]: new CacheExpiration(TILE_CACHE, CACHE_LIMITS[TILE_CACHE]),
  [DATA_CACHE]: new CacheExpiration(DATA_CACHE, CACHE_LIMITS[DATA_CACHE]),
};

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll([...SHELL_FILES, PAGE]);
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
      }
      // The page that registered us is served by us from now on: what it loads next is kept.
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const route = routeOf(event.request, worker.location.origin, shellPaths);
  if (route === 'pass') return;
  event.respondWith(respond(route, event));
});

/**
 * The page names whose the kept answers are (`owner`), and asks us to keep what it loaded before we controlled it
 * (its first view).
 */
worker.addEventListener('message', (event) => {
  const message = event.data as { type?: string; urls?: unknown; owner?: unknown } | null;
  if (message?.type === 'owner') {
    event.waitUntil(setOwner(typeof message.owner === 'string' && message.owner !== '' ? message.owner : null));
    return;
  }
  if (message?.type !== 'keep' || !Array.isArray(message.urls)) return;
  const urls = message.urls.filter((url): url is string => typeof url === 'string').slice(0, 500);
  event.waitUntil(keepAll(urls));
});

async function respond(route: CacheRoute, event: FetchEvent): Promise<Response> {
  const { request } = event;
  switch (route) {
    case 'shell':
      return (await caches.match(request, { cacheName: SHELL_CACHE })) ?? fetch(request);
    case 'page':
      try {
        return await fetch(request);
      } catch (error) {
        const page = await caches.match(PAGE, { cacheName: SHELL_CACHE });
        if (page) return page;
        throw error;
      }
    case 'tiles': {
      const cached = await caches.match(request, { cacheName: TILE_CACHE });
      const fresh = fetchAndKeep(request, TILE_CACHE, route);
      if (cached) {
        event.waitUntil(fresh.catch(() => undefined));
        event.waitUntil(expirations[TILE_CACHE].updateTimestamp(request.url));
        return cached;
      }
      return fresh;
    }
    case 'data':
      try {
        return await fetchAndKeep(request, DATA_CACHE, route);
      } catch (error) {
        const cached = await caches.match(request, { cacheName: DATA_CACHE });
        if (!cached || !mayServe(cached.headers, route, await currentOwner(), request.url)) throw error;
        // Told apart from a fresh answer, so the page can say it shows the state of `stored-at`.
        const headers = new Headers(cached.headers);
        headers.set(FROM_CACHE_HEADER, cached.headers.get(STORED_AT_HEADER) ?? '');
        return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
      }
    case 'pass':
      return fetch(request);
  }
}

/** Fetches; keeps a copy when the server allows it (never a `no-store` answer), stamped with when it was fetched. */
async function fetchAndKeep(request: Request, cacheName: typeof TILE_CACHE | typeof DATA_CACHE, route: CacheRoute) {
  const response = await fetch(request);
  if (isStorable(response, route, await currentOwner())) {
    const copy = response.clone();
    const headers = new Headers(copy.headers);
    // The body we hold is already decoded; a stored copy must not claim to be compressed.
    headers.delete('content-encoding');
    headers.delete('content-length');
    headers.set(STORED_AT_HEADER, new Date().toISOString());
    const stored = new Response(await copy.arrayBuffer(), {
      status: copy.status,
      statusText: copy.statusText,
      headers,
    });
    const cache = await caches.open(cacheName);
    await cache.put(request, stored);
    const expiration = expirations[cacheName];
    await expiration.updateTimestamp(request.url);
    await expiration.expireEntries();
  }
  return response;
}

async function keepAll(urls: string[]): Promise<void> {
  for (const url of urls) {
    // Checked with the server (a 304 for what the HTTP cache holds and is still current): never an old copy of
    // another account's answer from the HTTP cache.
    const request = new Request(url, { credentials: 'same-origin', cache: 'no-cache' });
    const route = routeOf({ method: 'GET', mode: 'cors', url: request.url }, worker.location.origin, shellPaths);
    if (route !== 'tiles' && route !== 'data') continue;
    const cacheName = route === 'tiles' ? TILE_CACHE : DATA_CACHE;
    if (await caches.match(request, { cacheName })) continue;
    await fetchAndKeep(request, cacheName, route).catch(() => undefined);
  }
}
