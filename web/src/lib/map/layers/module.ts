// What a map layer declares about itself. Each operational layer is one folder beside this file with an `index.ts`
// exporting `layer: LayerModule`; the registry finds them, and the map, the layer panel, the legend, the tooltip and
// the details drawer iterate over it. See docs/architecture.md, "Adding a map layer".
import type { Component } from 'svelte';
import type { RecordKind } from '$lib/api/layers';
import type { Role } from '$lib/api/types';
import type { MessageKey } from '$lib/i18n/translate';
import type { LayerId, LayerSettings, LayerStatus } from '$lib/state/layers.svelte';
import type { LayerHost, OperationalLayer } from './common';

/** What every layer's legend is given. */
export interface LegendProps {
  role: Role;
  settings: LayerSettings;
  status: LayerStatus;
}

/** How the details drawer shows a record of this layer (fields come from the server, already redacted). */
export interface DetailsView {
  kind: RecordKind;
  /** The drawer's heading. */
  heading: MessageKey;
  /** Fields holding a code, and the dictionary prefix of their labels (`status` → `incidentStatus.verified`). */
  codes: Record<string, string>;
  /** The dictionary prefix of the statuses in the record's status history. */
  historyCodes?: string;
}

export interface LayerModule {
  /** One of the server's layers (server/src/schemas/vocabulary.ts); its name is `layers.<id>` in the dictionaries. */
  id: LayerId;
  /** Shown when the map opens. */
  shownAtStart: boolean;
  /** Opacity when the map opens (0.1–1). */
  opacity: number;
  /**
   * Lower is drawn first: the order the layers install their style layers in (among those inserted at the same
   * place) and the order of their points (point tiles and deck.gl's), bottom to top.
   */
  drawOrder: number;
  /** Lower is asked first when something is under the pointer (points always before areas and markers). */
  pickOrder: number;
  /** The data source and style: fetches for the view and filters, draws, and picks. */
  create(host: LayerHost): OperationalLayer;
  /** Below the layer's name in the panel while it is shown. */
  Legend: Component<LegendProps>;
  /** Records a click on this layer opens in the details drawer. */
  details?: DetailsView;
}
