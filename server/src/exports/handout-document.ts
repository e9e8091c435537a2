/**
 * The agenda handout as a PDF (issue #11): page 1 the cover (the agenda's title, day and place, its views in order,
 * who printed it and when), then one page per saved view — its title, period and filters, a map of its box shaded by
 * incidents, and its key numbers. Everything printed arrives in `HandoutContent` as the services published it for the
 * caller's role (server/src/services/pdf-handout.ts). A view's speaker notes are not part of it.
 */
import { ZONE_OFFSETS, type TimeZone } from '../domain/time-zones.ts';
import type { BoundaryLevel } from '../repositories/brief-geometry-queries.ts';
import type { LayerFilterQuery, RegionLevel } from '../schemas/layer-filters.ts';
import {
  INCIDENT_TYPES,
  type Classification,
  type IncidentStatus,
  type IncidentType,
  type ResidentStatus,
} from '../schemas/vocabulary.ts';
import { BRIEF_LABELS, type BriefLabels } from './brief-labels.ts';
import { HANDOUT_LABELS, type HandoutLabels } from './handout-labels.ts';
import { drawKeyNumbers, type KeyNumber } from './pdf-charts.ts';
import { formatCount, formatDate, formatDateTime, printable, type PrintLanguage } from './pdf-format.ts';
import {
  CONTENT,
  createPdfDocument,
  drawHeading,
  finishDocument,
  FONT,
  INK,
  pageFrame,
  placeText,
  SYNTHETIC_MARK,
  type Box,
  type PdfDocument,
} from './pdf-layout.ts';
import { drawMapKey, drawRegionMap, shadingClasses, type MapLayers } from './pdf-map.ts';
import { drawTable } from './pdf-table.ts';

/** The map of a view page: the screen's 16:9, so the page shows what the meeting room's screen showed. */
export const VIEW_MAP_BOX: Box = { x: CONTENT.x, y: CONTENT.y + 78, width: 496, height: 279 };

/** A view's key numbers as published for the caller's role, or why its role may not have them. */
export type SlideNumbers =
  | {
      residents: number;
      overstays: number;
      expiringWithin30Days: number;
      incidents: number;
      incidentsByType: Partial<Record<IncidentType, number>>;
      disclosureControl: boolean;
    }
  | { unavailable: string };

export interface HandoutSlide {
  title: string;
  period: { from: string; to: string };
  level: RegionLevel;
  /** The link held no camera: the numbers and the map cover the caller's whole area. */
  wholeArea: boolean;
  /** The filters the numbers were asked with (described under the title). */
  query: LayerFilterQuery;
  map: { layers: MapLayers; unitLevel: BoundaryLevel; incidents: ReadonlyMap<string, number> };
  numbers: SlideNumbers;
}

export interface HandoutContent {
  lang: PrintLanguage;
  title: string;
  meetingOn: string | null;
  place: string | null;
  generatedAt: Date;
  timeZone: TimeZone;
  agencyName: string;
  classification: Classification;
  source: string;
  synthetic: boolean;
  /** The small-count threshold, for the disclosure-control note. */
  threshold: number;
  slides: HandoutSlide[];
}

/** A line of bold text at the largest of `sizes` that fits `width` (cut at the smallest). */
function placeTitle(doc: PdfDocument, text: string, y: number, width: number, sizes: number[]): void {
  doc.font(FONT.bold);
  const size = sizes.find((entry) => doc.fontSize(entry).widthOfString(printable(text)) <= width) ?? sizes.at(-1)!;
  placeText(doc, text, CONTENT.x, y, { font: FONT.bold, size, width });
}

const COVER_ROW = 14;

function drawCover(doc: PdfDocument, content: HandoutContent, labels: HandoutLabels, brief: BriefLabels): void {
  const { lang } = content;
  placeText(doc, labels.handout, CONTENT.x, CONTENT.y, { size: 10, colour: INK.muted });
  if (content.synthetic) {
    placeText(doc, SYNTHETIC_MARK, CONTENT.x, CONTENT.y, {
      font: FONT.bold,
      size: 11,
      colour: INK.synthetic,
      width: CONTENT.width,
      align: 'right',
    });
  }
  placeTitle(doc, content.title, CONTENT.y + 16, CONTENT.width, [22, 18, 14]);
  const zone = ZONE_OFFSETS[content.timeZone].label;
  const facts = [
    content.meetingOn ? `${labels.meetingOn}: ${formatDate(lang, content.meetingOn)}` : null,
    content.place ? `${labels.place}: ${content.place}` : null,
    `${brief.generated}: ${formatDateTime(lang, content.generatedAt, content.timeZone)} ${zone}`,
    `${brief.agency}: ${content.agencyName}`,
  ].filter((line): line is string => line !== null);
  facts.forEach((line, index) => {
    placeText(doc, line, CONTENT.x, CONTENT.y + 48 + index * COVER_ROW, { size: 10, width: CONTENT.width });
  });
  const listTop = drawHeading(doc, labels.slides, CONTENT.x, CONTENT.y + 56 + facts.length * COVER_ROW, CONTENT.width);
  if (content.slides.length === 0) {
    placeText(doc, labels.noSlides, CONTENT.x, listTop, { size: 10, colour: INK.muted });
    return;
  }
  // Up to three columns, filled top to bottom: an agenda holds at most 60 views.
  const perColumn = Math.floor((CONTENT.y + CONTENT.height - listTop) / COVER_ROW);
  const columns = Math.min(3, Math.ceil(content.slides.length / perColumn));
  const columnWidth = CONTENT.width / columns;
  content.slides.forEach((slide, index) => {
    const column = Math.floor(index / perColumn);
    if (column >= columns) return;
    const x = CONTENT.x + column * columnWidth;
    const y = listTop + (index % perColumn) * COVER_ROW;
    placeText(doc, `${index + 1}. ${slide.title}`, x, y, { size: 10, width: columnWidth - 12 });
  });
}

/** The filters of a view in words: "Saringan: Jenis kejadian: TPPO; Jenis izin tinggal: ITAS". */
function describeFilters(query: LayerFilterQuery, labels: HandoutLabels, brief: BriefLabels, lang: PrintLanguage) {
  const names = labels.filterNames;
  const words = (list: string | undefined, word: (value: string) => string) =>
    list ? list.split(',').map(word).join(', ') : null;
  let band: string | null = null;
  if (query.borderMinKm !== undefined) {
    const range =
      query.borderMaxKm === undefined
        ? labels.bandOver(formatCount(lang, query.borderMinKm))
        : `${formatCount(lang, query.borderMinKm)}–${formatCount(lang, query.borderMaxKm)} km`;
    band = `${range} (${labels.borderKind[query.borderKind ?? 'nearest']})`;
  }
  const parts: [string, string | null][] = [
    [names.nationality, words(query.nationality, (code) => code)],
    [names.nationalityGroup, query.nationalityGroup ? labels.nationalityGroup[query.nationalityGroup] : null],
    [names.permitType, words(query.permitType, (code) => code)],
    [names.residentStatus, words(query.residentStatus, (value) => labels.residentStatus[value as ResidentStatus])],
    [names.incidentType, words(query.incidentType, (value) => brief.incidentType[value as IncidentType])],
    [names.incidentStatus, words(query.incidentStatus, (value) => labels.incidentStatus[value as IncidentStatus])],
    [names.band, band],
  ];
  const given = parts.filter(([, value]) => value !== null).map(([name, value]) => `${name}: ${value}`);
  return `${labels.filters}: ${given.join('; ') || labels.noFilters}`;
}

function keyNumbers(slide: HandoutSlide, numbers: Exclude<SlideNumbers, { unavailable: string }>, lang: PrintLanguage) {
  const brief = BRIEF_LABELS[lang];
  // Roles that may not see people are counted as at the period's end; the others as present during it.
  const residentsNote = numbers.disclosureControl
    ? `${brief.asAt} ${formatDate(lang, slide.period.to)}`
    : brief.inPeriod;
  const items: KeyNumber[] = [
    { label: brief.residents, value: formatCount(lang, numbers.residents), note: residentsNote },
    { label: brief.overstays, value: formatCount(lang, numbers.overstays), note: residentsNote },
    { label: brief.expiring, value: formatCount(lang, numbers.expiringWithin30Days), note: residentsNote },
    { label: brief.incidents, value: formatCount(lang, numbers.incidents), note: brief.inPeriod },
  ];
  return items;
}

const SIDE = { x: CONTENT.x + VIEW_MAP_BOX.width + 20, width: CONTENT.width - VIEW_MAP_BOX.width - 20 };

function drawNumbers(doc: PdfDocument, content: HandoutContent, slide: HandoutSlide, top: number): void {
  const { lang } = content;
  const brief = BRIEF_LABELS[lang];
  const below = drawHeading(doc, brief.keyNumbers, SIDE.x, top, SIDE.width);
  const numbers = slide.numbers;
  if ('unavailable' in numbers) {
    placeText(doc, HANDOUT_LABELS[lang].notAvailable, SIDE.x, below, { font: FONT.bold, size: 10, width: SIDE.width });
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor(INK.muted)
      .text(printable(numbers.unavailable), SIDE.x, below + 16, { width: SIDE.width });
    return;
  }
  let y = drawKeyNumbers(doc, keyNumbers(slide, numbers, lang), { x: SIDE.x, y: below, width: SIDE.width, height: 0 });
  if (numbers.disclosureControl) {
    doc
      .font(FONT.regular)
      .fontSize(7)
      .fillColor(INK.muted)
      .text(printable(brief.publishedNote(content.threshold)), SIDE.x, y, { width: SIDE.width });
    y = doc.y + 4;
  }
  const tableTop = drawHeading(doc, brief.incidentsByType, SIDE.x, y + 6, SIDE.width);
  const rows = INCIDENT_TYPES.filter((type) => (numbers.incidentsByType[type] ?? 0) > 0).map((type) => [
    brief.incidentType[type],
    formatCount(lang, numbers.incidentsByType[type]!),
  ]);
  if (rows.length > 0) rows.push([brief.total, formatCount(lang, numbers.incidents)]);
  drawTable(
    doc,
    {
      columns: [
        { header: brief.type, share: 3 },
        { header: brief.count, share: 1, align: 'right' },
      ],
      rows,
      empty: brief.none,
    },
    SIDE.x,
    tableTop,
    SIDE.width,
  );
}

function drawSlide(doc: PdfDocument, content: HandoutContent, slide: HandoutSlide, index: number): void {
  const { lang } = content;
  const labels = HANDOUT_LABELS[lang];
  const brief = BRIEF_LABELS[lang];
  doc.addPage();
  placeTitle(doc, slide.title, CONTENT.y, CONTENT.width, [18, 15, 12]);
  const where = slide.wholeArea ? labels.wholeArea : `${labels.level}: ${labels.levels[slide.level]}`;
  const line = [
    labels.slide(index + 1, content.slides.length),
    `${brief.period}: ${formatDate(lang, slide.period.from)} – ${formatDate(lang, slide.period.to)}`,
    where,
  ].join('   ·   ');
  placeText(doc, line, CONTENT.x, CONTENT.y + 24, { size: 9, colour: INK.muted, width: CONTENT.width });
  placeText(doc, describeFilters(slide.query, labels, brief, lang), CONTENT.x, CONTENT.y + 38, {
    size: 8.5,
    colour: INK.muted,
    width: CONTENT.width,
  });
  const top = CONTENT.y + 56;
  drawHeading(doc, labels.mapTitle(labels.levels[slide.map.unitLevel]), CONTENT.x, top, VIEW_MAP_BOX.width);
  const classes = shadingClasses(slide.map.incidents.values());
  drawRegionMap(doc, slide.map.layers, VIEW_MAP_BOX, { lang, values: slide.map.incidents, classes });
  drawMapKey(
    doc,
    classes,
    { title: brief.mapKey, outline: slide.map.layers.outlines.length > 0 ? labels.outlines : undefined },
    CONTENT.x,
    VIEW_MAP_BOX.y + VIEW_MAP_BOX.height + 10,
    lang,
  );
  drawNumbers(doc, content, slide, top);
}

export async function renderHandout(content: HandoutContent): Promise<Buffer> {
  const labels = HANDOUT_LABELS[content.lang];
  const brief = BRIEF_LABELS[content.lang];
  const doc = createPdfDocument({ title: `${labels.handout}: ${content.title}`, subject: content.meetingOn ?? '' });
  drawCover(doc, content, labels, brief);
  content.slides.forEach((slide, index) => drawSlide(doc, content, slide, index));
  pageFrame(doc, {
    classification: content.classification,
    source: content.source,
    synthetic: content.synthetic,
    lang: content.lang,
  });
  return finishDocument(doc);
}
