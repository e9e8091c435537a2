import { LAYERS } from '../../../../server/src/schemas/vocabulary.ts';
import type { BBox } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';
import { layerModules } from '$lib/map/layers/registry';

/**
 * The operational layers, in the order the panel lists them (also the suffix of their test ids): the server's
 * vocabulary (server/src/schemas/vocabulary.ts). Each is a module in web/src/lib/map/layers/<id>/.
 */
export const layerIds = LAYERS;
export type LayerId = (typeof layerIds)[number];

function perLayer<T>(value: (id: LayerId) => T): Record<LayerId, T> {
  return Object.fromEntries(layerIds.map((id) => [id, value(id)])) as Record<LayerId, T>;
}

/** What the user chose in the layer panel; each layer module says how it starts. */
export class LayerSettings {
  visible: Record<LayerId, boolean> = $state(perLayer((id) => layerModules[id].shownAtStart));
  opacity: Record<LayerId, number> = $state(perLayer((id) => layerModules[id].opacity));
  /** Intel only: residents as points from zoom 11 (the choropleth stays underneath). */
  residentPoints = $state(true);
}

export interface ViewState {
  zoom: number;
  /** [west, south, east, north] */
  bbox: BBox;
  /** Degrees the map is turned from north (the north arrow turns with it). */
  bearing?: number;
}

/** How far each layer has got, as the panel shows it next to the layer's name. */
export interface LayerProgress {
  loading: boolean;
  error: LocalizedText | null;
}

/** What the map learned from the server, for the panels around it. */
export class LayerStatus {
  progress: Record<LayerId, LayerProgress> = $state(perLayer(() => ({ loading: false, error: null })));
  /** The map's view after its last move, for the summary strip and the panel. */
  view: ViewState | null = $state.raw(null);
  /** Some answer was marked as the synthetic demo data. */
  synthetic = $state(false);
  /** Per-province TIMPORA team targets, for the panel. */
  teamTargets: { provinsiCode: string; name: string; target: number; formed: number; year: number }[] = $state.raw([]);

  update(id: LayerId, change: Partial<LayerProgress>): void {
    this.progress[id] = { ...this.progress[id], ...change };
  }
}
