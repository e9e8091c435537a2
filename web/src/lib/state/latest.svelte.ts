import { describeError, isAbortError } from '$lib/api/client';
import type { LocalizedText } from '$lib/i18n/translate';

/**
 * The answer to the latest of a series of requests (a chart for the view of the moment): a new request aborts the
 * one before, the same request again is not sent, and an error is kept in both languages.
 */
export class Latest<T> {
  data: T | null = $state.raw(null);
  loading = $state(false);
  error: LocalizedText | null = $state(null);
  #controller: AbortController | null = null;
  #key = '';

  async load(key: string, fetch: (signal: AbortSignal) => Promise<T>): Promise<void> {
    if (key === this.#key && (this.loading || this.data)) return;
    this.#key = key;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const data = await fetch(controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.error = describeError(error);
      this.#key = '';
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  }

  cancel(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#key = '';
    this.loading = false;
  }
}
