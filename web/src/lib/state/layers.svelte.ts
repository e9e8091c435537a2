import { LAYERS } from '../../../../server/src/schemas/vocabulary.ts';
import type { BBox, Role } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

/** The operational layers, in the order the panel lists them (also the suffix of their test ids). */
/** The operational layers: the server's vocabulary (server/src/schemas/vocabulary.ts). */
export const layerIds = LAYERS;
export type LayerId = (typeof layerIds)[number];

/** Layers shown when the map opens. */
const shownAtStart: ReadonlySet<LayerId> = new Set(['residents', 'incidents']);

const defaultOpacity: Record<LayerId, number> = {
  residents: 0.7,
  workplaces: 0.85,
  desaBinaan: 0.95,
  incidents: 0.85,
  teams: 0.6,
};

/** Residents one by one (name, passport) are personal data: only Inteldakim may see them. */
export function mayUseResidentPoints(role: Role): boolean {
  return role === 'intel';
}

/** What the user chose in the layer panel. */
export class LayerSettings {
  visible: Record<LayerId, boolean> = $state(
    Object.fromEntries(layerIds.map((id) => [id, shownAtStart.has(id)])) as Record<LayerId, boolean>,
  );
  opacity: Record<LayerId, number> = $state({ ...defaultOpacity });
  /** Intel only: residents as points from zoom 11 (the choropleth stays underneath). */
  residentPoints = $state(true);
}

export interface ViewState {
  zoom: number;
  /** [west, south, east, north] */
  bbox: BBox;
}

/** How far each layer has got, as the panel shows it next to the layer's name. */
export interface LayerProgress {
  loading: boolean;
  error: LocalizedText | null;
  /** The server returned its maximum number of points: more exist than are drawn. */
  truncated: boolean;
}

/** What the map learned from the server, for the panels around it. */
export class LayerStatus {
  progress: Record<LayerId, LayerProgress> = $state(
    Object.fromEntries(layerIds.map((id) => [id, { loading: false, error: null, truncated: false }])) as Record<
      LayerId,
      LayerProgress
    >,
  );
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
