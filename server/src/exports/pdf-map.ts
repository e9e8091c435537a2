/**
 * A map drawn as vector paths (issue #11): areas projected to a box on the page (equirectangular, x scaled by
 * cos(latitude) at the box's centre so shapes keep their proportions), shaded by a value with a colour-blind-safe
 * sequential palette (ColorBrewer YlOrRd), outlines above them, marked areas and points, a scale bar and a north
 * arrow. For a region brief and for any other box (an agenda handout's saved view).
 */
import type { BoundingBox, MapArea, Ring } from '../domain/map-geometry.ts';
import { formatCount, type PrintLanguage } from './pdf-format.ts';
import { FONT, INK, placeText, type Box, type PdfDocument } from './pdf-layout.ts';

/** ColorBrewer YlOrRd, 5 classes (colour-blind safe, prints in grey as a sequence); no value at all is pale grey. */
const SEQUENTIAL = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;
const ZERO_COLOUR = '#f1f3f5';
const MARK_COLOUR = '#1c7ed6';

export interface ShadingClass {
  min: number;
  max: number;
  colour: string;
}

/**
 * The classes for values from 0 to their maximum: 0 alone, then up to five classes of equal width (whole numbers),
 * so a key reads "1–2, 3–4, …".
 */
export function shadingClasses(values: Iterable<number>): ShadingClass[] {
  const highest = Math.max(0, ...values);
  const classes: ShadingClass[] = [{ min: 0, max: 0, colour: ZERO_COLOUR }];
  if (highest === 0) return classes;
  const step = Math.ceil(highest / SEQUENTIAL.length);
  for (let index = 0; index * step < highest; index++) {
    classes.push({ min: index * step + 1, max: Math.min((index + 1) * step, highest), colour: SEQUENTIAL[index]! });
  }
  return classes;
}

const colourOf = (classes: readonly ShadingClass[], value: number): string =>
  classes.find((entry) => value >= entry.min && value <= entry.max)?.colour ?? ZERO_COLOUR;

/** Where a [lon, lat] falls in the box, and how many kilometres one point of the page is. */
export interface MapProjection {
  project(point: readonly [number, number]): [number, number];
  kilometresPerPoint: number;
  /** Points of the page per degree of latitude. */
  scale: number;
}

export function fitProjection(bbox: BoundingBox, box: Box): MapProjection {
  const [west, south, east, north] = bbox;
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const width = Math.max((east - west) * shrink, 1e-6);
  const height = Math.max(north - south, 1e-6);
  const scale = Math.min(box.width / width, box.height / height);
  const left = box.x + (box.width - width * scale) / 2;
  const top = box.y + (box.height - height * scale) / 2;
  return {
    project: ([lon, lat]) => [left + (lon - west) * shrink * scale, top + (north - lat) * scale],
    kilometresPerPoint: 111.32 / scale,
    scale,
  };
}

/** The simplification a map of this box needs: half a point of the page, in degrees. */
export const simplificationTolerance = (bbox: BoundingBox, box: Box): number =>
  0.5 / fitProjection(bbox, inset(box)).scale;

/** The part of a map's box the areas fill: a margin all round, so outlines are not cut at the frame. */
const inset = (box: Box, margin = 10): Box => ({
  x: box.x + margin,
  y: box.y + margin,
  width: box.width - 2 * margin,
  height: box.height - 2 * margin,
});

export interface MapLayers {
  bbox: BoundingBox;
  /** Areas shaded by their value (desa), drawn first with hairline outlines. */
  units: MapArea[];
  /** Outlines drawn above the units in this order, e.g. kecamatan then the region itself. */
  outlines: { areas: MapArea[]; width: number }[];
}

export interface MapStyle {
  lang: PrintLanguage;
  /** A value per unit code; units without one count as 0. */
  values?: ReadonlyMap<string, number>;
  classes?: readonly ShadingClass[];
  /** Units outlined in the mark colour (desa binaan). */
  marked?: ReadonlySet<string>;
  /** Points drawn as a marker ([lon, lat]). */
  markers?: readonly (readonly [number, number])[];
}

function tracePolygons(doc: PdfDocument, polygons: Ring[][], projection: MapProjection): void {
  for (const polygon of polygons) {
    for (const ring of polygon) {
      ring.forEach((point, index) => {
        const [x, y] = projection.project(point);
        if (index === 0) doc.moveTo(x, y);
        else doc.lineTo(x, y);
      });
      doc.closePath();
    }
  }
}

function drawMarker(doc: PdfDocument, x: number, y: number, size = 3.5): void {
  doc
    .polygon([x, y - size], [x + size, y], [x, y + size], [x - size, y])
    .lineWidth(0.8)
    .fillAndStroke(MARK_COLOUR, '#ffffff');
}

const NICE_STEPS = [1, 2, 5];

/** The longest round length (1, 2, 5 × 10ⁿ km) not over a quarter of the map's width. */
function scaleBarKilometres(widthKm: number): number {
  const target = widthKm / 4;
  let best = NICE_STEPS[0]! * 10 ** Math.floor(Math.log10(target));
  for (const step of NICE_STEPS) {
    const candidate = step * 10 ** Math.floor(Math.log10(target));
    if (candidate <= target) best = candidate;
  }
  return best;
}

function drawScaleBar(doc: PdfDocument, box: Box, projection: MapProjection, lang: PrintLanguage): void {
  const kilometres = scaleBarKilometres(box.width * projection.kilometresPerPoint);
  const length = kilometres / projection.kilometresPerPoint;
  const x = box.x + 8;
  const y = box.y + box.height - 16;
  const label = `${formatCount(lang, kilometres)} km`;
  doc
    .rect(x - 4, y - 4, length + 24, 18)
    .fillOpacity(0.8)
    .fill('#ffffff')
    .fillOpacity(1);
  doc.rect(x, y, length / 2, 4).fill(INK.text);
  doc
    .rect(x + length / 2, y, length / 2, 4)
    .lineWidth(0.5)
    .fillAndStroke('#ffffff', INK.text);
  doc.rect(x, y, length, 4).lineWidth(0.5).stroke(INK.text);
  placeText(doc, '0', x - 10, y + 5.5, { size: 6, width: 20, align: 'center' });
  placeText(doc, label, x + length - 20, y + 5.5, { size: 6, width: 40, align: 'center' });
}

function drawNorthArrow(doc: PdfDocument, box: Box, lang: PrintLanguage): void {
  const x = box.x + box.width - 16;
  const y = box.y + 8;
  placeText(doc, lang === 'en' ? 'N' : 'U', x - 5, y, { font: FONT.bold, size: 9, width: 10, align: 'center' });
  doc.polygon([x, y + 11], [x + 5, y + 27], [x, y + 23]).fill(INK.text);
  doc
    .polygon([x, y + 11], [x - 5, y + 27], [x, y + 23])
    .lineWidth(0.6)
    .fillAndStroke('#ffffff', INK.text);
}

/**
 * The map: units shaded, outlines above, marked units and markers on top, then a scale bar (bottom left) and a north
 * arrow (top right), all clipped to the box.
 */
export function drawRegionMap(doc: PdfDocument, layers: MapLayers, box: Box, style: MapStyle): MapProjection {
  const projection = fitProjection(layers.bbox, inset(box));
  const classes = style.classes ?? shadingClasses(style.values?.values() ?? []);
  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).clip();
  for (const unit of layers.units) {
    tracePolygons(doc, unit.polygons, projection);
    const colour = colourOf(classes, style.values?.get(unit.code) ?? 0);
    doc.lineWidth(0.25).fillAndStroke(colour, '#868e96', 'even-odd');
  }
  for (const { areas, width } of layers.outlines) {
    for (const area of areas) tracePolygons(doc, area.polygons, projection);
    doc.lineWidth(width).strokeColor(INK.text).stroke();
  }
  const marked = layers.units.filter((unit) => style.marked?.has(unit.code));
  for (const unit of marked) tracePolygons(doc, unit.polygons, projection);
  if (marked.length > 0) doc.lineWidth(1.6).strokeColor(MARK_COLOUR).stroke();
  for (const point of style.markers ?? []) drawMarker(doc, ...projection.project(point));
  doc.restore();
  drawScaleBar(doc, box, projection, style.lang);
  drawNorthArrow(doc, box, style.lang);
  doc.rect(box.x, box.y, box.width, box.height).lineWidth(0.5).strokeColor(INK.rule).stroke();
  return projection;
}

export interface MapKeyLabels {
  title: string;
  /** The marked units and markers (desa binaan); left out when empty. */
  marked?: string;
  /** The bold outlines (kecamatan boundaries); left out when empty. */
  outline?: string;
}

/** The key: one swatch per class ("0", "1–2", …), then the mark and the outline; returns the y below it. */
export function drawMapKey(
  doc: PdfDocument,
  classes: readonly ShadingClass[],
  labels: MapKeyLabels,
  x: number,
  y: number,
  lang: PrintLanguage,
): number {
  placeText(doc, labels.title, x, y, { font: FONT.bold, size: 8 });
  let line = y + 12;
  for (const entry of classes) {
    doc.rect(x, line, 12, 8).lineWidth(0.25).fillAndStroke(entry.colour, '#868e96');
    const range =
      entry.min === entry.max
        ? formatCount(lang, entry.min)
        : `${formatCount(lang, entry.min)}–${formatCount(lang, entry.max)}`;
    placeText(doc, range, x + 17, line, { size: 8 });
    line += 11;
  }
  if (labels.marked) {
    drawMarker(doc, x + 6, line + 4);
    placeText(doc, labels.marked, x + 17, line, { size: 8 });
    line += 11;
  }
  if (labels.outline) {
    doc
      .moveTo(x, line + 4)
      .lineTo(x + 12, line + 4)
      .lineWidth(1.2)
      .strokeColor(INK.text)
      .stroke();
    placeText(doc, labels.outline, x + 17, line, { size: 8 });
    line += 11;
  }
  return line;
}
