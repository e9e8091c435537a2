import { getHealth, onConnectivity } from '$lib/api/client';

/** How often the server is asked whether it can be reached again, while it cannot. */
const PROBE_MS = 10_000;

/**
 * Whether the server can be reached (issue #14). The browser's own `online` flag is not enough: a border post's link
 * may be up while the server is not reachable over it. So every API call reports what it learnt, and while the server
 * is out of reach /api/health (never answered from the device) is asked every ten seconds.
 */
class Connectivity {
  /** False while the server cannot be reached: the offline banner shows, reports wait on the device. */
  online = $state(true);
  /** The oldest time an answer shown since going offline was stored (the "state of" the offline view). */
  storedAt: string | null = $state(null);

  #listeners: (() => void)[] = [];
  #probe: number | null = null;
  #started = false;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    onConnectivity((reached, storedAt) => (reached ? this.#reached() : this.#lost(storedAt)));
    window.addEventListener('offline', () => this.#lost(null));
    window.addEventListener('online', () => void this.check());
    if (!navigator.onLine) this.#lost(null);
  }

  /** Called each time the server is reachable again (the report outbox sends what waited). */
  onBack(listener: () => void): () => void {
    this.#listeners.push(listener);
    return () => (this.#listeners = this.#listeners.filter((other) => other !== listener));
  }

  /** Asks the server now; resolves to whether it answered with its health (the call itself updates `online`). */
  async check(): Promise<boolean> {
    try {
      await getHealth(new AbortController().signal);
      return true;
    } catch {
      return false;
    }
  }

  #lost(storedAt: string | null): void {
    if (storedAt && (this.storedAt === null || storedAt < this.storedAt)) this.storedAt = storedAt;
    if (!this.online) return;
    this.online = false;
    this.#probe ??= window.setInterval(() => void this.check(), PROBE_MS);
  }

  #reached(): void {
    if (this.online) return;
    this.online = true;
    this.storedAt = null;
    if (this.#probe !== null) window.clearInterval(this.#probe);
    this.#probe = null;
    for (const listener of this.#listeners) listener();
  }
}

export const connectivity = new Connectivity();
