import { untrack } from 'svelte';
import { viewHashName } from '$lib/map/initialView';
import { AnalysisState } from './analysis.svelte';
import { ChartsState } from './charts.svelte';
import { LayerFilters } from './filters.svelte';
import { LayerSettings } from './layers.svelte';
import {
  applyViewParams,
  hashParams,
  hashWith,
  parseCamera,
  resetView,
  viewParams,
  type Camera,
  type LinkedView,
} from './viewLink';

/**
 * Keeps the view and the link in step: the link the page opened with is applied before anything is drawn, every
 * change of the view is written back into it (replacing the entry, so Back leaves the map rather than undoing a
 * filter), and a link changed by hand in the address bar is followed.
 */
export class LinkSync {
  readonly #view: LinkedView;
  /** The opening view, against which only the differences are written. */
  readonly #defaults = {
    settings: new LayerSettings(),
    filters: new LayerFilters(),
    analysis: new AnalysisState(),
    charts: new ChartsState(),
  };
  /** The link opened an analysis: it runs once the session is known. */
  #pendingAnalysis: boolean;

  constructor(view: LinkedView) {
    this.#view = view;
    this.#pendingAnalysis = applyViewParams(view, hashParams(location.hash));
  }

  /** Writes the view into the link; called from an effect, so it runs again whenever any part of the view changes. */
  write(): void {
    const params = viewParams(this.#view, this.#defaults);
    untrack(() => {
      const hash = hashWith(location.hash, params);
      if (hash === location.hash) return;
      // Straight on history, as maplibre does for `peta`: the hash is ours, not a route of the app.
      history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    });
  }

  /** True once, when the link opened an analysis that should now run. */
  takePendingAnalysis(): boolean {
    const pending = this.#pendingAnalysis;
    this.#pendingAnalysis = false;
    return pending;
  }

  /**
   * The hash was changed by hand (or a link followed within the page): the view becomes that link's. A hash with only
   * the map's place (`#peta=…`) moves the map and leaves the rest of the view as it is.
   */
  follow(): boolean {
    const params = hashParams(location.hash);
    if ([...params.keys()].every((name) => name === viewHashName)) {
      // The rest of the view stays, and goes back into the link beside the new place.
      this.write();
      return false;
    }
    return this.#apply(params);
  }

  /**
   * Shows a saved view (an agenda's slide): its layers, filters, period and panel at once, and the camera it was saved
   * with for the map to fly to (null when the link holds no place). True in `opensAnalysis` when it opens an analysis.
   */
  show(link: string): { opensAnalysis: boolean; camera: Camera | null } {
    const params = hashParams(link);
    return { opensAnalysis: this.#apply(params), camera: parseCamera(params.get(viewHashName)) };
  }

  #apply(params: URLSearchParams): boolean {
    this.#view.filters.pause();
    resetView(this.#view, this.#defaults);
    const opensAnalysis = applyViewParams(this.#view, params);
    // What a role that may not see people may not ask is dropped from the link's filters, as at sign-in.
    this.#view.filters.useProtectedRules(this.#view.filters.protectedRole);
    return opensAnalysis;
  }
}
