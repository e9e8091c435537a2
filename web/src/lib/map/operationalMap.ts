// Puts the operational layers on the map: one module per layer, a debounced refresh when the view or the filters
// change, one deck.gl overlay for all points (loaded on first need), and picking for tooltips and the details drawer.
import type { Map as MapLibreMap, PointLike } from 'maplibre-gl';
import type {
  DesaBinaan,
  IncidentPoint,
  IncidentRegion,
  ResidentPoint,
  ResidentRegion,
  SummaryLevel,
  TimporaTeam,
  Workplace,
} from '$lib/api/types';
import { layerIds, type LayerId, type LayerStatus } from '$lib/state/layers.svelte';
import type { DrawState, LayerContext, LayerHost, OperationalLayer, ViewState } from './layers/common';
import type { DeckOverlay } from './deckOverlay';
import { DesaBinaanLayer } from './layers/desaBinaan';
import { IncidentsLayer, incidentsDeckLayerId } from './layers/incidents';
import { ResidentsLayer, residentsDeckLayerId } from './layers/residents';
import { TeamsLayer } from './layers/teams';
import { WorkplacesLayer, workplacesDeckLayerId } from './layers/workplaces';

/** Changes within this time make one refresh. */
export const refreshDebounceMs = 200;

/** What is under the pointer, most specific first. */
export type Picked =
  | { kind: 'incident'; incident: IncidentPoint }
  | { kind: 'resident'; resident: ResidentPoint }
  | { kind: 'workplace'; workplace: Workplace }
  | { kind: 'desaBinaan'; village: DesaBinaan }
  | { kind: 'incidentRegion'; level: SummaryLevel; code: string; name: string; region: IncidentRegion }
  | {
      kind: 'region';
      level: SummaryLevel;
      code: string;
      name: string;
      /** The residents layer is drawn at this level, so no row means nobody is recorded there. */
      residentsShown: boolean;
      residents: ResidentRegion | null;
      team: TimporaTeam | null;
    };

export class OperationalMap implements LayerHost {
  #deck: DeckOverlay | null = null;
  /** The deck.gl import and the points last handed to it; resolves once they are drawn or there are none. */
  #deckReady: Promise<void> = Promise.resolve();
  readonly #layers: Record<LayerId, OperationalLayer>;
  readonly #residents: ResidentsLayer;
  readonly #incidents: IncidentsLayer;
  readonly #desaBinaan: DesaBinaanLayer;
  readonly #teams: TeamsLayer;
  #context: Omit<LayerContext, 'view'>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #destroyed = false;

  constructor(
    readonly map: MapLibreMap,
    readonly status: LayerStatus,
    context: Omit<LayerContext, 'view'>,
  ) {
    this.#context = context;
    this.#residents = new ResidentsLayer(this);
    this.#incidents = new IncidentsLayer(this);
    this.#desaBinaan = new DesaBinaanLayer(this);
    this.#teams = new TeamsLayer(this);
    // Install order is drawing order among layers inserted at the same place: teams above residents.
    this.#layers = {
      residents: this.#residents,
      teams: this.#teams,
      workplaces: new WorkplacesLayer(this),
      desaBinaan: this.#desaBinaan,
      incidents: this.#incidents,
    };
    map.on('styledata', this.#install);
    map.on('moveend', this.#onMoveEnd);
    this.#install();
    this.status.view = this.view();
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    for (const id of layerIds) this.#layers[id].setVisible(false);
    this.map.off('styledata', this.#install);
    this.map.off('moveend', this.#onMoveEnd);
    this.#deck?.remove();
    this.#deck = null;
  }

  view(): ViewState {
    const bounds = this.map.getBounds();
    return {
      zoom: this.map.getZoom(),
      bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
    };
  }

  /** New filters or settings: refresh after the debounce. */
  setContext(context: Omit<LayerContext, 'view'>): void {
    this.#context = context;
    this.schedule();
  }

  /** Fetches a layer again although nothing changed (a record was just added). */
  reload(id: LayerId): void {
    this.#layers[id].invalidate();
    this.schedule();
  }

  setVisible(id: LayerId, visible: boolean): void {
    if (this.#layers[id].setVisible(visible) && visible) this.schedule();
  }

  setOpacity(id: LayerId, opacity: number): void {
    this.#layers[id].setOpacity(opacity);
  }

  schedule(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    for (const id of layerIds) this.#layers[id].markPending();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#destroyed) return;
      const context = { ...this.#context, view: this.view() };
      for (const id of layerIds) this.#layers[id].sync(context);
    }, refreshDebounceMs);
  }

  redraw(): void {
    if (this.#destroyed) return;
    // Big workplace circles at the bottom; incidents, the rarest and most urgent, on top of the (many) residents.
    const order: LayerId[] = ['workplaces', 'residents', 'incidents'];
    const specs = order.flatMap((id) => this.#layers[id].pointLayers());
    if (this.#deck) {
      this.#deck.setLayers(specs);
    } else if (specs.length > 0) {
      // The first points: load deck.gl, then draw whatever the layers hold by then.
      this.#deckReady = this.#deckReady.then(() => this.#loadDeck());
    }
  }

  settled(): Promise<void> {
    return this.#deckReady;
  }

  async #loadDeck(): Promise<void> {
    if (this.#deck || this.#destroyed) return;
    try {
      const { DeckOverlay } = await import('./deckOverlay');
      if (this.#destroyed) return;
      this.#deck = new DeckOverlay(this.map);
      this.redraw();
    } catch (error) {
      // The chunk did not arrive (network gone): the areas still work; the next redraw tries again.
      console.error('[map] deck.gl', error);
    }
  }

  mark(id: LayerId, state: DrawState): void {
    const name = `data-layer-${id}`;
    const container = this.map.getContainer();
    if (state === null) container.removeAttribute(name);
    else container.setAttribute(name, state);
  }

  /** The topmost operational feature at a pixel of the map, or null. */
  pick(point: { x: number; y: number }): Picked | null {
    const deckPick = this.#deck?.pick(point.x, point.y);
    if (deckPick) {
      const object = deckPick.object;
      switch (deckPick.layerId) {
        case incidentsDeckLayerId:
          return { kind: 'incident', incident: object as IncidentPoint };
        case residentsDeckLayerId:
          return { kind: 'resident', resident: object as ResidentPoint };
        case workplacesDeckLayerId:
          return { kind: 'workplace', workplace: object as Workplace };
      }
    }
    return this.#pickStyleLayers([point.x, point.y]);
  }

  #pickStyleLayers(point: PointLike): Picked | null {
    const ring = this.#desaBinaan.ringLayerId;
    const circles = this.#incidents.circleLayerId;
    const fill = this.#residents.fillLayerId;
    const teams = this.#teams.fillLayerId;
    const layers = [ring, circles, fill, teams].filter((id): id is string => id !== null && !!this.map.getLayer(id));
    if (layers.length === 0) return null;
    const features = this.map.queryRenderedFeatures(point, { layers });
    const on = (id: string | null) => features.find((feature) => id !== null && feature.layer.id === id);

    const village = on(ring);
    if (village) {
      const found = this.#desaBinaan.village(Number(village.properties.index));
      if (found) return { kind: 'desaBinaan', village: found };
    }
    const circle = on(circles);
    const circleLevel = this.#incidents.level;
    if (circle && circleLevel) {
      const region = this.#incidents.region(String(circle.id));
      if (region) return { kind: 'incidentRegion', level: circleLevel, code: region.code, name: region.name, region };
    }
    const area = on(fill);
    const kecamatan = on(teams);
    const level = this.#residents.level;
    if (area && level) {
      const code = String(area.id);
      const team = level === 'kecamatan' ? (this.#teams.team(code) ?? null) : null;
      const residents = this.#residents.region(code) ?? null;
      const name = residents?.name ?? String(area.properties.name ?? code);
      return { kind: 'region', level, code, name, residentsShown: true, residents, team };
    }
    if (kecamatan) {
      const code = String(kecamatan.id);
      const team = this.#teams.team(code) ?? null;
      const name = team?.name ?? String(kecamatan.properties.name ?? code);
      return { kind: 'region', level: 'kecamatan', code, name, residentsShown: false, residents: null, team };
    }
    return null;
  }

  /** (Re)installs every layer's style layers: at start, and after a language switch replaced the style. */
  #install = (): void => {
    // Before the style has its boundary sources there is nothing to attach to; styledata fires again later.
    if (this.#destroyed || !this.map.getSource('kecamatan')) return;
    for (const id of layerIds) this.#layers[id].install();
  };

  #onMoveEnd = (): void => {
    this.status.view = this.view();
    this.schedule();
  };
}
