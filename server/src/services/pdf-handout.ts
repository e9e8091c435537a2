/**
 * The agenda handout (issue #11, meeting mode): an agenda of the caller's agency as a PDF to hand out at the meeting —
 * a cover listing the views, then one page per saved view with its map and key numbers. A view is read from its link
 * as the web reads it (`parseViewLink`); its box is what a 1920×1080 screen shows at the link's camera, its level the
 * one the web's summary strip uses at that zoom. Every number is the layer service's answer to the caller's role (a
 * presenting session is the `viewer`), with its redaction and disclosure control (ADR 0007); a view whose filters the
 * role may not ask for is printed as not available rather than failing the handout. Audited as `export.pdf`.
 */
import type { Account, SignedInActor } from '../domain/actor.ts';
import type { BoundingBox } from '../domain/map-geometry.ts';
import { bboxParam, levelForZoom, viewportBox } from '../domain/map-viewport.ts';
import { accountToday, timeZoneOf } from '../domain/time-zones.ts';
import { AppError } from '../errors.ts';
import { BRIEF_LABELS } from '../exports/brief-labels.ts';
import { renderHandout, VIEW_MAP_BOX, type HandoutSlide, type SlideNumbers } from '../exports/handout-document.ts';
import type { PrintLanguage } from '../exports/pdf-format.ts';
import { simplificationTolerance } from '../exports/pdf-map.ts';
import type { BoundaryLevel, BriefGeometryQueries } from '../repositories/brief-geometry-queries.ts';
import type { LayerFilterQuery, RegionLevel } from '../schemas/layer-filters.ts';
import type { SavedView } from '../schemas/saved-views.ts';
import { parseViewLink } from '../schemas/view-link.ts';
import type { AuditService } from './audit.ts';
import { boundaryAttribution } from './basemap-style.ts';
import type { LayerService } from './layer-service.ts';
import type { PdfFile } from './pdf-brief.ts';
import { maySeePeople } from './redaction-policy.ts';
import type { SavedViewService } from './saved-view-service.ts';
import type { SettingsService } from './settings-service.ts';

/** Indonesia, for a view without a camera whose account's area has no known extent. */
const INDONESIA: BoundingBox = [95, -11, 141.1, 6.1];

/** The outlines drawn above the shaded units, finest first. */
const OUTLINES: Record<BoundaryLevel, { level: BoundaryLevel; width: number }[]> = {
  desa: [
    { level: 'kecamatan', width: 0.9 },
    { level: 'kabupaten', width: 1.6 },
  ],
  kecamatan: [{ level: 'kabupaten', width: 1.6 }],
  kabupaten: [{ level: 'provinsi', width: 1.2 }],
  provinsi: [],
};

/**
 * All the map's frame shows around the view's box — more than the box itself where the two differ in shape (a turned
 * view's box is taller than the screen) — with a small margin: the boundaries are cut to it, not to the box.
 */
function visibleBox([west, south, east, north]: BoundingBox, frame = VIEW_MAP_BOX, margin = 0.02): BoundingBox {
  // As drawRegionMap fits the box: cos(latitude) at the centre, into the frame less 10 points all round.
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min(
    (frame.width - 20) / Math.max((east - west) * shrink, 1e-6),
    (frame.height - 20) / Math.max(north - south, 1e-6),
  );
  const halfLon = (frame.width / scale / shrink / 2) * (1 + margin);
  const halfLat = (frame.height / scale / 2) * (1 + margin);
  const [lon, lat] = [(west + east) / 2, (south + north) / 2];
  return [
    Math.max(-180, lon - halfLon),
    Math.max(-90, lat - halfLat),
    Math.min(180, lon + halfLon),
    Math.min(90, lat + halfLat),
  ];
}

/**
 * A refusal of the role's query (ADR 0007: a list of countries, two breakdowns, a non-standard band for roles that
 * may not see people) is printed on the view's page; anything else fails the handout.
 */
async function unlessRefused<T>(work: () => Promise<T>): Promise<T | AppError> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 400) return error;
    throw error;
  }
}

export function createPdfHandoutService(
  savedViews: SavedViewService,
  layers: LayerService,
  settings: SettingsService,
  geometry: BriefGeometryQueries,
  audit: AuditService,
) {
  async function numbersOf(account: Account, query: LayerFilterQuery & { level: RegionLevel }, lang: PrintLanguage) {
    const summary = await unlessRefused(() => layers.summariseView(account, query));
    if (summary instanceof AppError) {
      return { numbers: { unavailable: summary.bilingual[lang] } satisfies SlideNumbers, synthetic: false };
    }
    const numbers: SlideNumbers = {
      residents: summary.people,
      overstays: summary.overstay,
      expiringWithin30Days: summary.expiringWithin30Days,
      incidents: summary.incidents,
      incidentsByType: summary.incidentsByType,
      disclosureControl: summary.disclosureControl,
    };
    return { numbers, synthetic: summary.synthetic };
  }

  /** The boundaries within the box and the incidents per unit of the view, as the map of its page draws them. */
  async function mapOf(account: Account, box: BoundingBox, unitLevel: BoundaryLevel, query: LayerFilterQuery) {
    const clip = visibleBox(box);
    const tolerance = simplificationTolerance(box, VIEW_MAP_BOX);
    const [units, outlines, incidents] = await Promise.all([
      geometry.findAreasInBox(unitLevel, clip, tolerance),
      Promise.all(
        OUTLINES[unitLevel].map(async ({ level, width }) => ({
          areas: await geometry.findAreasInBox(level, clip, tolerance),
          width,
        })),
      ),
      unlessRefused(() => layers.summariseIncidents(account, unitLevel, query)),
    ]);
    const perUnit =
      incidents instanceof AppError ? [] : incidents.regions.map((row) => [row.code, row.incidents] as const);
    return {
      map: { layers: { bbox: box, units, outlines }, unitLevel, incidents: new Map(perUnit) },
      synthetic: !(incidents instanceof AppError) && incidents.synthetic,
    };
  }

  async function slideOf(account: Account, view: SavedView, today: string, lang: PrintLanguage) {
    const { camera, query: linked } = parseViewLink(view.link, today);
    // The web sends a nationality group only for roles that may not see people, a list of countries only for the
    // others (which are then refused for those roles and printed as not available): the same here.
    const { nationalityGroup: _group, ...withoutGroup } = linked;
    const query = maySeePeople(account.role) ? withoutGroup : linked;
    const level: RegionLevel = camera ? levelForZoom(camera.zoom) : 'kabupaten';
    const box = camera
      ? viewportBox(camera)
      : ((await geometry.findAreaExtent(account.areas.map((area) => area.code))) ?? INDONESIA);
    const inBox = camera ? { ...query, bbox: bboxParam(box) } : query;
    const [numbers, map] = await Promise.all([
      numbersOf(account, { ...inBox, level }, lang),
      mapOf(account, box, level, inBox),
    ]);
    // The view's speaker notes are the presenter's own: they are never printed (nor read here).
    const slide: HandoutSlide = {
      title: view.title,
      period: { from: query.from, to: query.to },
      level,
      wholeArea: camera === null,
      query,
      map: map.map,
      numbers: numbers.numbers,
    };
    return { slide, synthetic: numbers.synthetic || map.synthetic };
  }

  return {
    /** The handout of one agenda of the caller's agency (404 for any other, as reading it). */
    async exportHandout(actor: SignedInActor, agendaId: number, lang: PrintLanguage): Promise<PdfFile> {
      const account = actor.account;
      const agenda = await savedViews.readAgenda(account, agendaId);
      const areaCodes = account.areas.map((area) => area.code);
      const today = accountToday(areaCodes);
      const { smallCountThreshold, classification } = await settings.read();
      // One view after another: each is a handful of statements, and the machine serves other requests meanwhile.
      const slides: Awaited<ReturnType<typeof slideOf>>[] = [];
      for (const view of agenda.views) slides.push(await slideOf(account, view, today, lang));
      const body = await renderHandout({
        lang,
        title: agenda.title,
        meetingOn: agenda.meetingOn,
        place: agenda.place,
        generatedAt: new Date(),
        timeZone: timeZoneOf(areaCodes[0] ?? '61'),
        agencyName: account.agency.name[lang],
        classification,
        source: `${BRIEF_LABELS[lang].source}; ${boundaryAttribution(lang)}`,
        synthetic: slides.some((entry) => entry.synthetic),
        threshold: smallCountThreshold,
        slides: slides.map((entry) => entry.slide),
      });
      await audit.record(actor, {
        action: 'export.pdf',
        targetType: 'agenda',
        targetId: String(agenda.id),
        details: { kind: 'handout', views: agenda.views.length, lang, classification },
      });
      return { fileName: `agenda-${agenda.id}.pdf`, body };
    },
  };
}

export type PdfHandoutService = ReturnType<typeof createPdfHandoutService>;
