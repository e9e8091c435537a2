import { ApiError } from '$lib/api/client';
import { fileIncident } from '$lib/api/layers';
import type { CreatedIncident, NewIncident } from '$lib/api/types';
import { deleteEntry, entriesOf, saveEntry, type OutboxEntry } from '$lib/offline/outboxStore';
import { connectivity } from './connectivity.svelte';

/** While reports wait and the server answers (a database briefly away), they are tried again this often. */
const RETRY_MS = 30_000;

/** Failures after which a report waits for the next try, as opposed to being refused for good. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/**
 * The reports waiting on this device for the signed-in account (issue #14): saved when filing could not reach the
 * server, sent again — with the same Idempotency-Key — whenever the server is reachable again, at start, and on demand.
 */
class Outbox {
  entries: OutboxEntry[] = $state.raw([]);
  sending = $state(false);
  /** False when the browser refuses IndexedDB (private mode): reports then cannot wait on the device. */
  available = $state(true);

  #owner: number | null = null;
  #flushing: Promise<void> | null = null;
  #retry: number | null = null;

  get waiting(): OutboxEntry[] {
    return this.entries.filter((entry) => entry.status === 'waiting');
  }

  /** The signed-in account's outbox; sends what waits. Null after signing out. */
  async bind(owner: number | null): Promise<void> {
    if (owner === this.#owner) return;
    this.#owner = owner;
    this.entries = [];
    if (owner === null) return;
    await this.#reload();
    void this.flush();
  }

  /** Saves a report that could not be sent; it goes out with `key` when the server is reachable. */
  async enqueue(body: NewIncident, key: string): Promise<OutboxEntry> {
    if (this.#owner === null) throw new Error('no account');
    const entry: OutboxEntry = {
      key,
      owner: this.#owner,
      body,
      savedAt: new Date().toISOString(),
      status: 'waiting',
      tries: 1,
    };
    await saveEntry(entry);
    await this.#reload();
    return entry;
  }

  async dismiss(key: string): Promise<void> {
    await deleteEntry(key);
    await this.#reload();
  }

  /** Sends every waiting report, oldest first; stops at the first that cannot reach the server. One run at a time. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    const owner = this.#owner;
    if (owner === null || this.waiting.length === 0) return;
    this.sending = true;
    try {
      // Two tabs of the same browser take turns; the key would stop a double filing anyway.
      const run = () => this.#sendAll(owner);
      if (navigator.locks) await navigator.locks.request('pantau-outbox', run);
      else await run();
    } finally {
      this.sending = false;
      await this.#reload();
      if (this.#retry !== null) window.clearTimeout(this.#retry);
      this.#retry = this.waiting.length > 0 ? window.setTimeout(() => void this.flush(), RETRY_MS) : null;
    }
  }

  async #sendAll(owner: number): Promise<void> {
    for (const entry of await entriesOf(owner)) {
      if (entry.status !== 'waiting' || this.#owner !== owner) continue;
      let created: CreatedIncident;
      try {
        created = await fileIncident(entry.body, entry.key);
      } catch (error) {
        if (isTransient(error)) {
          await saveEntry({ ...entry, tries: entry.tries + 1 });
          return;
        }
        // The session ended or changed under us (another tab signed in): the report waits for the next sign-in of its
        // own account, never refused for it.
        if (error instanceof ApiError && (error.status === 401 || error.code === 'CSRF_REJECTED')) return;
        const refusal = error instanceof ApiError ? error.text : { id: String(error), en: String(error) };
        await saveEntry({ ...entry, status: 'refused', tries: entry.tries + 1, refusal });
        continue;
      }
      // Delivered: the device keeps what the list shows (type, time, where it landed), not the report's free text.
      const { type, occurredAt, lon, lat, severity } = entry.body;
      await saveEntry({
        ...entry,
        body: { type, occurredAt, lon, lat, severity, nationalities: [], peopleCount: 0 },
        status: 'sent',
        tries: entry.tries + 1,
        result: {
          id: created.id,
          desa: created.desa,
          office: created.office?.name ?? null,
          sentAt: new Date().toISOString(),
        },
      });
      await this.#reload();
    }
  }

  async #reload(): Promise<void> {
    if (this.#owner === null) return;
    try {
      this.entries = await entriesOf(this.#owner);
      this.available = true;
    } catch {
      this.available = false;
    }
  }
}

export const outbox = new Outbox();
connectivity.onBack(() => void outbox.flush());
