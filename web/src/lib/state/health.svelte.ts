import { getHealth } from '$lib/api/client';
import type { Health } from '$lib/api/types';

/** Server health, fetched once at start-up: it tells the footer which boundary data is loaded. */
export class ServerHealth {
  /** null until the first answer, and also when the server could not be reached at all. */
  health: Health | null = $state.raw(null);
  unreachable = $state(false);

  async load(signal: AbortSignal): Promise<void> {
    try {
      this.health = await getHealth(signal);
      this.unreachable = false;
    } catch {
      if (signal.aborted) return;
      // The map and search show their own errors; here it is enough to flag the server as down.
      this.unreachable = true;
    }
  }

  get databaseDown(): boolean {
    return this.unreachable || this.health?.status === 'unavailable' || this.health?.database.reachable === false;
  }
}
