import { describeError, isAbortError } from '$lib/api/client';
import { getRecord, type RecordKind } from '$lib/api/layers';
import type { RecordDetails } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

export type DetailsState =
  | { status: 'idle' }
  | { status: 'loading'; kind: RecordKind; id: number }
  | { status: 'found'; kind: RecordKind; id: number; record: RecordDetails }
  | { status: 'failed'; kind: RecordKind; id: number; error: LocalizedText };

/** The resident or incident whose details the drawer shows; only the newest click counts. */
export class RecordDetailsState {
  state: DetailsState = $state.raw({ status: 'idle' });
  #controller: AbortController | null = null;

  async open(kind: RecordKind, id: number): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.state = { status: 'loading', kind, id };
    try {
      const record = await getRecord(kind, id, controller.signal);
      if (controller.signal.aborted) return;
      this.state = { status: 'found', kind, id, record };
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.state = { status: 'failed', kind, id, error: describeError(error) };
    }
  }

  close(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.state = { status: 'idle' };
  }
}
