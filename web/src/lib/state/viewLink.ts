// The whole view in the link (issue #11): which layers are on and how opaque, the filters, the period, the distance
// band and the open analysis with its parameters live in the URL's hash beside maplibre's `peta=zoom/lat/lon`, so a
// link shared inside the office — or a reload — opens the same view. Only what differs from the opening view is
// written, so the plain map's link stays `#peta=…`. A link is read leniently: a value that is not one we know (an old
// link, a typo) is skipped, never an error; the server checks every request anyway. The parameters' names are the
// server's (`VIEW_LINK_PARAMS`), which reads saved views' links the same way for the agenda handout.
import {
  ANALYSIS_KINDS,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  LAYERS,
  NATIONALITY_GROUPS,
  PERMIT_TYPES,
  RESIDENT_STATUSES,
} from '../../../../server/src/schemas/vocabulary.ts';
import { VIEW_LINK_PARAMS } from '../../../../server/src/schemas/view-link.ts';
import { viewHashName } from '$lib/map/initialView';
import type { AnalysisState } from './analysis.svelte';
import type { ChartsState } from './charts.svelte';
import { borderKinds, parseBandEdges, type LayerFilters } from './filters.svelte';
import { monthKey } from './period';
import type { LayerSettings } from './layers.svelte';

/** What a link restores. */
export interface LinkedView {
  settings: LayerSettings;
  filters: LayerFilters;
  analysis: AnalysisState;
  /** The charts panel (`grafik=1`); it shares its place with the analysis panel, which wins when both are linked. */
  charts: ChartsState;
}

/** The opening view, to write only what differs from it. */
export type LinkDefaults = LinkedView;

type Field<S> = {
  /** The text in the link, or null when the state is as the opening view has it. */
  write(state: S, defaults: S): string | null;
  /** Applies the text when it is valid. */
  read(state: S, text: string): void;
};

const list = (values: readonly string[]) => [...values].sort().join(',');
const within = <T extends string>(allowed: readonly T[], text: string): T[] =>
  text.split(',').filter((value): value is T => (allowed as readonly string[]).includes(value));
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
const asNumber = (text: string): number | null =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : null;

/** A list of vocabulary values (filters): sorted, comma-separated. */
function listField<K extends 'permitType' | 'residentStatus' | 'incidentType' | 'incidentStatus' | 'nationality'>(
  key: K,
  allowed: readonly string[] | RegExp,
): Field<LayerFilters> {
  return {
    write: (state, defaults) => (list(state[key]) === list(defaults[key]) ? null : list(state[key]) || '-'),
    read: (state, text) => {
      const values =
        text === '-'
          ? []
          : allowed instanceof RegExp
            ? text.split(',').filter((value) => allowed.test(value))
            : within(allowed, text);
      // Nothing we know (an old or mistyped link): the filter stays as it is.
      if (values.length > 0 || text === '-') (state[key] as string[]) = [...new Set(values)];
    },
  };
}

const filterFields: Record<string, Field<LayerFilters>> = {
  /** One month `2026-06`, a range `2026-01..2026-06`, or every month of the slider `semua`. */
  [VIEW_LINK_PARAMS.period]: {
    write: (state, defaults) => {
      const text = state.wholePeriod
        ? 'semua'
        : state.singleMonth
          ? monthKey(state.month)
          : `${monthKey(state.firstMonth)}..${monthKey(state.month)}`;
      const opening = defaults.wholePeriod ? 'semua' : monthKey(defaults.month);
      return text === opening ? null : text;
    },
    read: (state, text) => {
      if (text === 'semua') {
        state.wholePeriod = true;
        return;
      }
      const [from, to = from] = text.split('..');
      const first = state.months.findIndex((month) => monthKey(month) === from);
      const last = state.months.findIndex((month) => monthKey(month) === to);
      if (first >= 0 && last >= 0) state.selectRange(first, last);
    },
  },
  [VIEW_LINK_PARAMS.nationality]: listField('nationality', /^[A-Z]{3}$/),
  [VIEW_LINK_PARAMS.nationalityGroup]: {
    write: (state, defaults) =>
      state.nationalityGroup === defaults.nationalityGroup ? null : (state.nationalityGroup ?? '-'),
    read: (state, text) => {
      state.nationalityGroup = within(NATIONALITY_GROUPS, text)[0] ?? null;
    },
  },
  [VIEW_LINK_PARAMS.permitType]: listField('permitType', PERMIT_TYPES),
  [VIEW_LINK_PARAMS.residentStatus]: listField('residentStatus', RESIDENT_STATUSES),
  [VIEW_LINK_PARAMS.incidentType]: listField('incidentType', INCIDENT_TYPES),
  [VIEW_LINK_PARAMS.incidentStatus]: listField('incidentStatus', INCIDENT_STATUSES),
  [VIEW_LINK_PARAMS.borderKind]: {
    write: (state, defaults) => (state.borderKind === defaults.borderKind ? null : state.borderKind),
    read: (state, text) => {
      const kind = within(borderKinds, text)[0];
      if (kind) state.borderKind = kind;
    },
  },
  [VIEW_LINK_PARAMS.bandEdges]: {
    write: (state, defaults) =>
      state.bandEdges.join(',') === defaults.bandEdges.join(',') ? null : state.bandEdges.join(','),
    read: (state, text) => {
      const edges = parseBandEdges(text);
      if (edges) state.setBandEdges(edges);
    },
  },
  /** Which band (0 = the nearest); read after `pita`, whose edges it counts. */
  [VIEW_LINK_PARAMS.bandIndex]: {
    write: (state, defaults) => (state.bandIndex === defaults.bandIndex ? null : String(state.bandIndex)),
    read: (state, text) => {
      const index = asNumber(text);
      if (index !== null && Number.isInteger(index) && index >= -1 && index < state.bandEdges.length) {
        state.bandIndex = index;
      }
    },
  },
};

const settingsFields: Record<string, Field<LayerSettings>> = {
  /** The layers shown, in the panel's order; `-` for none. */
  [VIEW_LINK_PARAMS.layers]: {
    write: (state, defaults) => {
      const shown = LAYERS.filter((id) => state.visible[id]);
      return shown.join(',') === LAYERS.filter((id) => defaults.visible[id]).join(',') ? null : shown.join(',') || '-';
    },
    read: (state, text) => {
      const shown = new Set(text === '-' ? [] : within(LAYERS, text));
      if (shown.size === 0 && text !== '-') return;
      for (const id of LAYERS) state.visible[id] = shown.has(id);
    },
  },
  /** Opacities that differ from the opening ones: `incidents:0.5,teams:1`. */
  [VIEW_LINK_PARAMS.opacity]: {
    write: (state, defaults) => {
      const changed = LAYERS.filter((id) => state.opacity[id] !== defaults.opacity[id]);
      return changed.length === 0 ? null : changed.map((id) => `${id}:${state.opacity[id]}`).join(',');
    },
    read: (state, text) => {
      for (const pair of text.split(',')) {
        const [id, value] = pair.split(':');
        const opacity = asNumber(value ?? '');
        const layer = within(LAYERS, id ?? '')[0];
        if (layer && opacity !== null && opacity >= 0.1 && opacity <= 1) state.opacity[layer] = opacity;
      }
    },
  },
  /** Intel's residents one by one: `0` when turned off. */
  [VIEW_LINK_PARAMS.residentPoints]: {
    write: (state, defaults) =>
      state.residentPoints === defaults.residentPoints ? null : state.residentPoints ? '1' : '0',
    read: (state, text) => {
      if (text === '0' || text === '1') state.residentPoints = text === '1';
    },
  },
};

type AnalysisKey =
  | 'layer'
  | 'from'
  | 'to'
  | 'unit'
  | 'resolution'
  | 'neighbours'
  | 'k'
  | 'distanceKm'
  | 'fdr'
  | 'slice'
  | 'distanceM'
  | 'minPoints'
  | 'hexResolution'
  | 'level'
  | 'changeFrom'
  | 'changeTo'
  | 'compareFrom'
  | 'compareTo';

/** How each parameter of the analysis panel is checked when read from a link. */
const analysisChecks: Record<AnalysisKey, (text: string) => string | number | boolean | null> = {
  layer: (text) => within(['incidents', 'residents', 'workplaces'], text)[0] ?? null,
  from: (text) => (isDate(text) ? text : null),
  to: (text) => (isDate(text) ? text : null),
  unit: (text) => within(['desa', 'h3'], text)[0] ?? null,
  resolution: asNumber,
  neighbours: (text) => within(['knn', 'distance'], text)[0] ?? null,
  k: asNumber,
  distanceKm: asNumber,
  fdr: (text) => (text === 'true' ? true : text === 'false' ? false : null),
  slice: (text) => within(['month', 'quarter'], text)[0] ?? null,
  distanceM: asNumber,
  minPoints: asNumber,
  hexResolution: asNumber,
  level: (text) => within(['desa', 'kecamatan', 'kabupaten'], text)[0] ?? null,
  changeFrom: (text) => (isDate(text) ? text : null),
  changeTo: (text) => (isDate(text) ? text : null),
  compareFrom: (text) => (isDate(text) ? text : null),
  compareTo: (text) => (isDate(text) ? text : null),
};
const analysisKeys = Object.keys(analysisChecks) as AnalysisKey[];

/** The link's parameters for the view (without `peta`, which maplibre writes). */
export function viewParams(view: LinkedView, defaults: LinkDefaults): [string, string][] {
  const params: [string, string][] = [];
  const add = <S>(fields: Record<string, Field<S>>, state: S, opening: S) => {
    for (const [name, field] of Object.entries(fields)) {
      const text = field.write(state, opening);
      if (text !== null) params.push([name, text]);
    }
  };
  add(settingsFields, view.settings, defaults.settings);
  add(filterFields, view.filters, defaults.filters);
  if (view.analysis.open) {
    params.push([VIEW_LINK_PARAMS.analysis, view.analysis.kind]);
    for (const key of analysisKeys) {
      const value = view.analysis[key];
      if (value !== defaults.analysis[key]) params.push([`${VIEW_LINK_PARAMS.analysisPrefix}${key}`, String(value)]);
    }
  } else if (view.charts.open) {
    params.push([VIEW_LINK_PARAMS.charts, '1']);
  }
  return params;
}

/** Applies a link's parameters to the view; unknown or invalid ones are skipped. True when it opens an analysis. */
export function applyViewParams(view: LinkedView, params: URLSearchParams): boolean {
  const apply = <S>(fields: Record<string, Field<S>>, state: S) => {
    for (const [name, field] of Object.entries(fields)) {
      const text = params.get(name);
      if (text !== null) field.read(state, text);
    }
  };
  apply(settingsFields, view.settings);
  apply(filterFields, view.filters);
  const kind = within(ANALYSIS_KINDS, params.get(VIEW_LINK_PARAMS.analysis) ?? '')[0];
  view.charts.open = !kind && params.get(VIEW_LINK_PARAMS.charts) === '1';
  if (!kind) return false;
  view.analysis.kind = kind;
  view.analysis.open = true;
  const analysis = view.analysis as unknown as Record<AnalysisKey, unknown>;
  for (const key of analysisKeys) {
    const text = params.get(`${VIEW_LINK_PARAMS.analysisPrefix}${key}`);
    const value = text === null ? null : analysisChecks[key](text);
    if (value !== null) analysis[key] = value;
  }
  return true;
}

/** Where the map looks: maplibre's `peta=zoom/lat/lon[/bearing[/pitch]]`. */
export interface Camera {
  zoom: number;
  center: [number, number];
  bearing: number;
  pitch: number;
}

/** The camera of a `peta` value, or null when it is not one. */
export function parseCamera(text: string | null): Camera | null {
  if (!text) return null;
  const [zoom, lat, lon, bearing = 0, pitch = 0] = text.split('/').map(Number);
  if (![zoom, lat, lon, bearing, pitch].every((value) => Number.isFinite(value))) return null;
  if (Math.abs(lat!) > 85 || Math.abs(lon!) > 180 || zoom! < 0 || zoom! > 24) return null;
  return { zoom: zoom!, center: [lon!, lat!], bearing, pitch };
}

/** The hash's parameters (`#peta=…&lapisan=…`). */
export function hashParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.replace(/^#/, ''));
}

/** The hash with the view's parameters after maplibre's own (`peta` first, so it stays readable). */
export function hashWith(hash: string, params: readonly [string, string][]): string {
  const current = hashParams(hash);
  const next = new URLSearchParams();
  const map = current.get(viewHashName);
  if (map !== null) next.set(viewHashName, map);
  for (const [name, value] of params) next.append(name, value);
  // maplibre writes `peta=9/0.97/110.35` with the slashes as they are; keep them readable for people too.
  const text = next.toString().replace(/%2F/g, '/').replace(/%2C/g, ',').replace(/%3A/g, ':');
  return text === '' ? '' : `#${text}`;
}

/** Puts every linked part of the view back as the opening view has it (before applying another link). */
export function resetView(view: LinkedView, defaults: LinkDefaults): void {
  for (const id of LAYERS) {
    view.settings.visible[id] = defaults.settings.visible[id];
    view.settings.opacity[id] = defaults.settings.opacity[id];
  }
  view.settings.residentPoints = defaults.settings.residentPoints;
  const filters = view.filters;
  filters.nationalityGroup = defaults.filters.nationalityGroup;
  filters.nationality = [...defaults.filters.nationality];
  filters.permitType = [...defaults.filters.permitType];
  filters.residentStatus = [...defaults.filters.residentStatus];
  filters.incidentType = [...defaults.filters.incidentType];
  filters.incidentStatus = [...defaults.filters.incidentStatus];
  filters.borderKind = defaults.filters.borderKind;
  filters.setBandEdges([...defaults.filters.bandEdges]);
  filters.bandIndex = defaults.filters.bandIndex;
  filters.selectRange(defaults.filters.fromIndex, defaults.filters.toIndex);
  const analysis = view.analysis as unknown as Record<AnalysisKey, unknown>;
  for (const key of analysisKeys) analysis[key] = defaults.analysis[key];
  view.analysis.kind = defaults.analysis.kind;
  view.analysis.open = false;
  view.charts.open = false;
}
