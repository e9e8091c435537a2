import { describeError, isAbortError } from '$lib/api/client';
import { getViewSummary, paramsKey, type LayerParams } from '$lib/api/layers';
import type { ViewSummaryResponse } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

/** Totals for the summary strip: the latest view and filters only (older requests are aborted). */
export class ViewSummary {
  data: ViewSummaryResponse | null = $state.raw(null);
  loading = $state(false);
  error: LocalizedText | null = $state(null);
  #controller: AbortController | null = null;
  #key = '';

  async load(params: LayerParams): Promise<void> {
    const key = paramsKey(params);
    if (key === this.#key && (this.loading || this.data)) return;
    this.#key = key;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const data = await getViewSummary(params, controller.signal);
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
    this.loading = false;
  }
}
