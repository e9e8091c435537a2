import { describeError, isAbortError } from '$lib/api/client';
import { searchQueryLength, searchRegions } from '$lib/api/regions';
import type { RegionSearchResult } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

/** Wait this long after the last keystroke: fast typists should cost one request, not one per letter. */
const debounceMs = 250;
const resultLimit = 10;

export type SearchStatus = 'idle' | 'tooShort' | 'searching' | 'done' | 'failed';

/** Search-as-you-type over region names. Only the newest query's answer is ever shown. */
export class RegionSearch {
  status: SearchStatus = $state('idle');
  results: RegionSearchResult[] = $state.raw([]);
  error: LocalizedText | null = $state(null);
  /** The query the current results answer, for the "nothing found" message. */
  answeredQuery = $state('');

  #timer: ReturnType<typeof setTimeout> | null = null;
  #controller: AbortController | null = null;

  /** Call on every edit of the search box. */
  update(text: string): void {
    this.#cancel();
    const query = text.trim();
    this.error = null;
    if (query.length === 0) {
      this.#reset('idle');
      return;
    }
    if (query.length < searchQueryLength.min) {
      this.#reset('tooShort');
      return;
    }
    this.#timer = setTimeout(() => void this.#run(query), debounceMs);
  }

  /** Skip the rest of the debounce wait, e.g. when Enter is pressed right after typing. */
  searchNow(text: string): void {
    if (this.#timer === null) return;
    this.#cancel();
    void this.#run(text.trim());
  }

  /** Forget the results, e.g. after one was chosen or the box was cleared. */
  clear(): void {
    this.#cancel();
    this.error = null;
    this.#reset('idle');
  }

  async #run(query: string): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'searching';
    try {
      const { results } = await searchRegions(query, resultLimit, controller.signal);
      if (controller.signal.aborted) return;
      this.results = results;
      this.answeredQuery = query;
      this.status = 'done';
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.results = [];
      this.error = describeError(error);
      this.status = 'failed';
    }
  }

  #cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#controller?.abort();
    this.#controller = null;
  }

  #reset(status: SearchStatus): void {
    this.results = [];
    this.answeredQuery = '';
    this.status = status;
  }
}
