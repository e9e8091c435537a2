// The page's side of offline use (issue #14, ADR 0014): registering the service worker once the first view has drawn,
// handing it what that view loaded, and dropping the account's kept answers when the account changes.
import { DATA_CACHE } from './cachePolicy';

/** Which account (and whether presenting) the kept answers belong to. */
const OWNER_KEY = 'pantau.offline.owner';
/** The owner last named, for a worker that arrives later. */
let namedOwner: string | null = null;

/** Tells the worker whose the kept answers are: it keeps and serves only that owner's (and drops the others'). */
function tellOwner(target: ServiceWorker | null | undefined): void {
  target?.postMessage({ type: 'owner', owner: namedOwner });
}

/**
 * Whether a service worker controlled this page from its start. If not (the first visit, or the first after an
 * update), workers the page started before it took over — maplibre's tile worker — are not controlled either, so the
 * page tells the service worker what the map shows after each move (`keepForOffline`).
 */
const controlledFromStart = typeof navigator !== 'undefined' && navigator.serviceWorker?.controller != null;

/** What the map shows now (set by the map while it is mounted). */
let viewUrls: () => string[] = () => [];

export function setViewUrls(provider: (() => string[]) | null): void {
  viewUrls = provider ?? (() => []);
}

/** After a move on a page the worker did not control from its start: keep what the map now shows. */
export function keepForOffline(): void {
  if (controlledFromStart) return;
  navigator.serviceWorker?.controller?.postMessage({ type: 'keep', urls: viewUrls() });
}

/** Resources of the first view that the worker may keep: our tiles and API answers (the worker filters further). */
function loadedUrls(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => {
      const parsed = new URL(url);
      return parsed.origin === location.origin && /^\/(tiles|api)\//.test(parsed.pathname);
    });
}

/**
 * Registers /service-worker.js after `delayMs` (the first view draws first: on a slow link the worker's download of the
 * whole app must not compete with it). Service workers need a secure context: https, or localhost / 127.0.0.1.
 */
export function registerServiceWorker(delayMs = 4000): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.setTimeout(() => {
    void (async () => {
      try {
        await navigator.serviceWorker.register('/service-worker.js');
        const ready = await navigator.serviceWorker.ready;
        tellOwner(ready.active);
        if (!controlledFromStart) {
          // The first visit: what the page loaded before the worker took over is kept now.
          ready.active?.postMessage({ type: 'keep', urls: [...loadedUrls(), ...viewUrls()] });
        }
      } catch (error) {
        // Offline use is an extra: the app works without it.
        console.warn('service worker', error);
      }
    })();
  }, delayMs);
}

/** Drops every kept answer of the account (on sign-out, expiry, another account, presentation mode on or off). */
export async function dropKeptAnswers(): Promise<void> {
  namedOwner = null;
  tellOwner(navigator.serviceWorker?.controller);
  try {
    localStorage.removeItem(OWNER_KEY);
    if ('caches' in window) await caches.delete(DATA_CACHE);
  } catch {
    // Storage refused (private mode): nothing was kept either.
  }
}

/** The kept answers are this owner's from now on; another owner's are dropped first. */
export async function bindKeptAnswers(owner: string): Promise<void> {
  namedOwner = owner;
  tellOwner(navigator.serviceWorker?.controller);
  try {
    if (localStorage.getItem(OWNER_KEY) === owner) return;
    if ('caches' in window) await caches.delete(DATA_CACHE);
    localStorage.setItem(OWNER_KEY, owner);
  } catch {
    // As above.
  }
}
