import { describeError, isAbortError } from '$lib/api/client';
import { findRegionAt } from '$lib/api/regions';
import type { GeoPoint, RegionsAtPoint } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

export type LookupState =
  | { status: 'idle' }
  | { status: 'loading'; point: GeoPoint }
  | { status: 'found'; point: GeoPoint; regions: RegionsAtPoint }
  | { status: 'failed'; point: GeoPoint; error: LocalizedText };

/** What is at the point the user last clicked. Only the newest click counts: older requests are aborted. */
export class RegionLookup {
  state: LookupState = $state({ status: 'idle' });
  #controller: AbortController | null = null;

  /** The clicked point while the panel is open, for the map marker. */
  get point(): GeoPoint | null {
    return this.state.status === 'idle' ? null : this.state.point;
  }

  async lookUp(point: GeoPoint): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.state = { status: 'loading', point };
    try {
      const regions = await findRegionAt(point.lon, point.lat, controller.signal);
      if (controller.signal.aborted) return;
      this.state = { status: 'found', point, regions };
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.state = { status: 'failed', point, error: describeError(error) };
    }
  }

  close(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.state = { status: 'idle' };
  }
}
