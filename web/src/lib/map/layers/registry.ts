// The operational layers: every folder here with an `index.ts` exporting `layer` (see module.ts). Adding a layer
// means adding its folder and its words to the dictionaries; the server's vocabulary names the layers, and the
// registry refuses to start when a folder and the vocabulary disagree.
import type { RecordKind } from '$lib/api/layers';
import { LAYERS as layerIds, type LayerId } from '../../../../../server/src/schemas/vocabulary.ts';
import type { DetailsView, LayerModule } from './module';

const found = import.meta.glob<LayerModule>('./*/index.ts', { eager: true, import: 'layer' });

function collect(): Record<LayerId, LayerModule> {
  const byId = new Map(Object.values(found).map((module) => [module.id, module]));
  const missing = layerIds.filter((id) => !byId.has(id));
  const unknown = [...byId.keys()].filter((id) => !layerIds.includes(id));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`map layers and the server's vocabulary disagree: missing ${missing}, unknown ${unknown}`);
  }
  return Object.fromEntries(layerIds.map((id) => [id, byId.get(id)!])) as Record<LayerId, LayerModule>;
}

/** Every layer by id. */
export const layerModules: Readonly<Record<LayerId, LayerModule>> = collect();

/** In the order the layer panel lists them (the vocabulary's). */
export const panelOrder: readonly LayerModule[] = layerIds.map((id) => layerModules[id]);

/** Bottom to top. */
export const drawOrder: readonly LayerModule[] = [...panelOrder].sort((a, b) => a.drawOrder - b.drawOrder);

/** Asked first to last when something is under the pointer. */
export const pickOrder: readonly LayerModule[] = [...panelOrder].sort((a, b) => a.pickOrder - b.pickOrder);

/** How the details drawer shows a record of this kind. */
export function detailsView(kind: RecordKind): DetailsView | undefined {
  return panelOrder.find((module) => module.details?.kind === kind)?.details;
}
