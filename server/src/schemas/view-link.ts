/**
 * The view link (issue #11): the URL hash the web app writes for a view of the map (web/src/lib/state/viewLink.ts),
 * which saved views keep as their `link`. The parameter names are defined here, once: the web writes and reads them
 * from this object, and the server reads a saved view's link with `parseViewLink` (for the agenda handout) the way the
 * web reads it — leniently: a value that is not one we know is skipped, never an error.
 */
import type { LayerFilterQuery } from './layer-filters.ts';
import {
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  NATIONALITY_GROUPS,
  PERMIT_TYPES,
  RESIDENT_STATUSES,
  STANDARD_BAND_EDGES,
} from './vocabulary.ts';

/** The names of the link's parameters (`#peta=8.2/0.95/110.4&jenis=tppo&periode=2026-01..2026-03`). */
export const VIEW_LINK_PARAMS = {
  /** maplibre's camera: `zoom/lat/lon[/bearing[/pitch]]`. */
  map: 'peta',
  /** The layers shown, `-` for none. */
  layers: 'lapisan',
  /** Opacities: `incidents:0.5,teams:1`. */
  opacity: 'opasitas',
  /** Intel's residents one by one (`0`/`1`). */
  residentPoints: 'titik',
  /** One month `2026-06`, a range `2026-01..2026-06`, or the whole slider `semua`; absent: the current month. */
  period: 'periode',
  /** Nationalities, ISO 3166 alpha-3, comma-separated. */
  nationality: 'wn',
  /** A nationality group (roles that may not see people). */
  nationalityGroup: 'kelompok',
  permitType: 'izin',
  residentStatus: 'status',
  incidentType: 'jenis',
  incidentStatus: 'tahap',
  /** Which border the distance band measures to. */
  borderKind: 'batas',
  /** The band edges in km, comma-separated. */
  bandEdges: 'pita',
  /** Which band (0 = the nearest, -1 = every distance). */
  bandIndex: 'pitaKe',
  /** The open analysis panel. */
  analysis: 'analisis',
  /** Before each analysis parameter: `a.k=8`. */
  analysisPrefix: 'a.',
  /** The charts panel (`1`). */
  charts: 'grafik',
} as const;

/** How many months the web's time slider reaches back, the current month included (web/src/lib/state/period.ts). */
export const SLIDER_MONTHS = 36;

const WHOLE_PERIOD = 'semua';
const NO_VALUES = '-';
const BORDER_KINDS = ['nearest', 'land', 'sea'] as const;

/** Where the map looks. */
export interface Camera {
  zoom: number;
  /** [lon, lat] */
  center: [number, number];
  bearing: number;
  pitch: number;
}

export interface ParsedViewLink {
  /** Null when the link holds no (valid) camera. */
  camera: Camera | null;
  /** The view's filters and period as the web asks the summary strip for them (without bbox and level). */
  query: LayerFilterQuery & { from: string; to: string };
}

const within = <T extends string>(allowed: readonly T[], text: string): T[] =>
  text.split(',').filter((value): value is T => (allowed as readonly string[]).includes(value));
const asNumber = (text: string): number | null =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : null;
const pad = (value: number) => String(value).padStart(2, '0');

/** maplibre's `zoom/lat/lon[/bearing[/pitch]]`, with the web's bounds (web `parseCamera`). */
function parseCamera(text: string | null): Camera | null {
  if (!text) return null;
  const [zoom, lat, lon, bearing = 0, pitch = 0] = text.split('/').map(Number);
  if (![zoom, lat, lon, bearing, pitch].every((value) => Number.isFinite(value))) return null;
  if (Math.abs(lat!) > 85 || Math.abs(lon!) > 180 || zoom! < 0 || zoom! > 24) return null;
  return { zoom: zoom!, center: [lon!, lat!], bearing, pitch };
}

/** The slider's months up to the one `today` (YYYY-MM-DD) is in, oldest first, as YYYY-MM. */
function sliderMonths(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: SLIDER_MONTHS }, (_, index) => {
    const back = SLIDER_MONTHS - 1 - index;
    const serial = year * 12 + (month - 1) - back;
    return `${Math.floor(serial / 12)}-${pad((serial % 12) + 1)}`;
  });
}

const lastDayOf = (month: string) => {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${pad(days)}`;
};

/** The period of `periode` (web `LayerFilters.period`): first day of one month to the last of another, not after today. */
function parsePeriod(text: string | null, today: string): { from: string; to: string } {
  const months = sliderMonths(today);
  let [first, last] = [months.length - 1, months.length - 1];
  if (text === WHOLE_PERIOD) first = 0;
  else if (text !== null) {
    const [from = '', to = from] = text.split('..');
    const start = months.indexOf(from);
    const end = months.indexOf(to);
    if (start >= 0 && end >= 0) [first, last] = [Math.min(start, end), Math.max(start, end)];
  }
  const to = lastDayOf(months[last]!);
  return { from: `${months[first]}-01`, to: to > today ? today : to };
}

/** A list parameter (web `listField`): the known values, sorted and comma-separated; none or `-`: no filter. */
function parseList(text: string | null, allowed: readonly string[] | RegExp): string | undefined {
  if (text === null || text === NO_VALUES) return undefined;
  const values =
    allowed instanceof RegExp ? text.split(',').filter((value) => allowed.test(value)) : within(allowed, text);
  return values.length > 0 ? [...new Set(values)].sort().join(',') : undefined;
}

/** Band edges (web `parseBandEdges`): 2–10 numbers from 0, strictly increasing; null when not. */
function parseBandEdges(text: string): number[] | null {
  const edges = text
    .split(/[,;\s]+/)
    .filter((part) => part !== '')
    .map(Number);
  if (edges.length < 2 || edges.length > 10 || edges[0] !== 0) return null;
  if (edges.some((edge, index) => !Number.isFinite(edge) || (index > 0 && edge <= edges[index - 1]!))) return null;
  return edges;
}

/** The distance band of `batas`, `pita` and `pitaKe`, as the web's `LayerFilters.band`. */
function parseBand(params: URLSearchParams): Pick<LayerFilterQuery, 'borderKind' | 'borderMinKm' | 'borderMaxKm'> {
  const kind = within(BORDER_KINDS, params.get(VIEW_LINK_PARAMS.borderKind) ?? '')[0] ?? 'nearest';
  const edgesText = params.get(VIEW_LINK_PARAMS.bandEdges);
  const edges = (edgesText === null ? null : parseBandEdges(edgesText)) ?? [...STANDARD_BAND_EDGES];
  const index = asNumber(params.get(VIEW_LINK_PARAMS.bandIndex) ?? '');
  if (index === null || !Number.isInteger(index) || index < 0 || index >= edges.length) return {};
  const maxKm = edges[index + 1];
  return { borderKind: kind, borderMinKm: edges[index]!, ...(maxKm === undefined ? {} : { borderMaxKm: maxKm }) };
}

/**
 * A view link (with or without its `#`) read as the web reads it on the day `today` (YYYY-MM-DD): the camera and the
 * query of the view's summary — who (nationalities, group, permit types, statuses, incident types and stages), the
 * distance band and the period. Role-free: both a nationality list and a group are kept when the link holds them (the
 * web sends the group only for roles that may not see people, the list only for the others).
 */
export function parseViewLink(link: string, today: string): ParsedViewLink {
  const params = new URLSearchParams(link.replace(/^#/, ''));
  const query: LayerFilterQuery = {};
  const lists = [
    ['nationality', VIEW_LINK_PARAMS.nationality, /^[A-Z]{3}$/],
    ['permitType', VIEW_LINK_PARAMS.permitType, PERMIT_TYPES],
    ['residentStatus', VIEW_LINK_PARAMS.residentStatus, RESIDENT_STATUSES],
    ['incidentType', VIEW_LINK_PARAMS.incidentType, INCIDENT_TYPES],
    ['incidentStatus', VIEW_LINK_PARAMS.incidentStatus, INCIDENT_STATUSES],
  ] as const;
  for (const [key, name, allowed] of lists) {
    const value = parseList(params.get(name), allowed);
    if (value !== undefined) query[key] = value;
  }
  const group = within(NATIONALITY_GROUPS, params.get(VIEW_LINK_PARAMS.nationalityGroup) ?? '')[0];
  if (group) query.nationalityGroup = group;
  return {
    camera: parseCamera(params.get(VIEW_LINK_PARAMS.map)),
    query: { ...query, ...parseBand(params), ...parsePeriod(params.get(VIEW_LINK_PARAMS.period), today) },
  };
}
