/**
 * A desa binaan plan as a PDF page for the meeting (issue #12): on the left the map — kecamatan and kabupaten
 * outlines, every candidate as a dot shaded by its score, the existing desa binaan, the planned desa numbered with
 * their reach drawn as circles — and the weights with their methods; on the right the coverage and the shortlist with
 * each desa's decision, score and its three largest contributions. Everything arrives in `PlanContent` as the services
 * published it for the reader's role (server/src/services/planner-plan-service.ts).
 */
import { PLAN_COLOURS } from '../domain/category-colours.ts';
import type { BoundingBox, MapArea } from '../domain/map-geometry.ts';
import type { PlanCoverage, RankedCandidate } from '../domain/planner-plan.ts';
import { DISTANCE_SCALE_KM, NORMALISATION, PLANNER_CRITERIA, type Criterion } from '../domain/planner-score.ts';
import type { PlanItem } from '../schemas/planner.ts';
import {
  CRITERION_LABELS,
  CRITERION_SHORT_LABELS,
  NORMALISATION_LABELS,
  PLAN_DECISION_LABELS,
} from '../schemas/planner-labels.ts';
import type { Classification } from '../schemas/vocabulary.ts';
import { formatCount, formatDate, printable, type PrintLanguage } from './pdf-format.ts';
import {
  CONTENT,
  createPdfDocument,
  drawHeading,
  finishDocument,
  FONT,
  INK,
  pageFrame,
  placeText,
  type Box,
  type PdfDocument,
} from './pdf-layout.ts';
import { drawKeyNumbers } from './pdf-charts.ts';
import { drawRegionMap } from './pdf-map.ts';
import { drawTable } from './pdf-table.ts';

export const PLAN_MAP_BOX: Box = { x: CONTENT.x, y: CONTENT.y + 44, width: 330, height: 290 };
const RIGHT_X = CONTENT.x + 350;
const RIGHT_WIDTH = CONTENT.width - 350;

const PLANNED_COLOUR = PLAN_COLOURS.a;
const BINAAN_COLOUR = '#009E73';
/** Grey to vermilion (Okabe–Ito): a candidate's score (0–1). */
const scoreColour = (score: number) => {
  const t = Math.min(1, Math.max(0, score));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  const hex = (value: number) => value.toString(16).padStart(2, '0');
  return `#${hex(mix(134, 213))}${hex(mix(142, 94))}${hex(mix(150, 0))}`;
};

export interface PlanContent {
  lang: PrintLanguage;
  title: string;
  region: string | null;
  /** Whether the plan was made in an area drawn on the map. */
  drawn: boolean;
  generatedAt: Date;
  agencyName: string;
  classification: Classification;
  source: string;
  synthetic: boolean;
  weights: Record<Criterion, number>;
  radiusKm: number;
  sameKecamatan: boolean;
  period: { from: string; to: string };
  disclosureControl: boolean;
  rows: { candidate: RankedCandidate; item: PlanItem | null }[];
  coverage: PlanCoverage;
  binaan: (readonly [number, number])[];
  candidates: { lon: number; lat: number; score: number }[];
}

export interface PlanMap {
  bbox: BoundingBox;
  kecamatan: MapArea[];
  kabupaten: MapArea[];
}

/** The box around the points, widened by the reach so a circle at the edge is drawn whole. */
export function planBox(points: readonly (readonly [number, number])[], radiusKm: number): BoundingBox {
  if (points.length === 0) return [95, -11, 141, 6];
  const lons = points.map((point) => point[0]);
  const lats = points.map((point) => point[1]);
  const margin = Math.min(radiusKm, 50) / 111.32;
  return [
    Math.min(...lons) - margin,
    Math.min(...lats) - margin,
    Math.max(...lons) + margin,
    Math.max(...lats) + margin,
  ];
}

const WORDS = {
  id: {
    heading: 'Rencana desa binaan',
    region: (code: string | null) => (code ? `Wilayah ${code}` : 'Seluruh wilayah kerja'),
    drawn: 'di dalam area yang digambar',
    madeBy: (agency: string, day: string) => `${agency} · dibuat ${day}`,
    coverage: 'Jangkauan rencana',
    reach: (km: string, kecamatan: boolean) =>
      `Petugas PIMPASA menjangkau desa dalam ${km} km${kecamatan ? ' atau sekecamatan' : ''}`,
    foreigners: 'WNA terjangkau',
    incidents: 'Kejadian terjangkau (berbobot)',
    plannedCount: 'Desa direncanakan',
    weights: 'Bobot dan cara penilaian',
    weight: 'Bobot',
    method: 'Normalisasi',
    shortlist: 'Daftar pendek',
    rank: 'Peringkat',
    desa: 'Desa',
    kecamatan: 'Kecamatan',
    score: 'Skor',
    decision: 'Keputusan',
    why: 'Sumbangan terbesar',
    note: 'Catatan',
    empty: 'Tidak ada desa calon.',
    key: {
      candidate: 'Desa calon (warna: skor)',
      planned: 'Direncanakan (lingkar: jangkauan)',
      binaan: 'Desa binaan yang ada',
    },
    incidentsPeriod: (from: string, to: string) => `Kejadian ${from} – ${to}`,
    disclosure: 'Jumlah orang mengikuti aturan pengungkapan peran Anda (angka kecil disembunyikan).',
  },
  en: {
    heading: 'Desa binaan plan',
    region: (code: string | null) => (code ? `Region ${code}` : 'The whole area'),
    drawn: 'within the area drawn',
    madeBy: (agency: string, day: string) => `${agency} · made ${day}`,
    coverage: 'What the plan reaches',
    reach: (km: string, kecamatan: boolean) =>
      `A PIMPASA officer reaches the desa within ${km} km${kecamatan ? ' or in the same kecamatan' : ''}`,
    foreigners: 'Foreigners reached',
    incidents: 'Incidents reached (weighted)',
    plannedCount: 'Desa planned',
    weights: 'Weights and scoring methods',
    weight: 'Weight',
    method: 'Normalisation',
    shortlist: 'Shortlist',
    rank: 'Rank',
    desa: 'Desa',
    kecamatan: 'Kecamatan',
    score: 'Score',
    decision: 'Decision',
    why: 'Largest contributions',
    note: 'Note',
    empty: 'No candidate desa.',
    key: {
      candidate: 'Candidate desa (colour: score)',
      planned: 'Planned (circle: reach)',
      binaan: 'Existing desa binaan',
    },
    incidentsPeriod: (from: string, to: string) => `Incidents ${from} – ${to}`,
    disclosure: 'Counts of people follow your role’s disclosure rule (small counts withheld).',
  },
} as const;

const percent = (lang: PrintLanguage, share: number) =>
  `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 0 }).format(share * 100)} %`;
const decimal = (lang: PrintLanguage, value: number, digits = 2) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);

function drawMap(doc: PdfDocument, content: PlanContent, map: PlanMap): void {
  const projection = drawRegionMap(
    doc,
    { bbox: map.bbox, units: map.kecamatan, outlines: [{ areas: map.kabupaten, width: 1.2 }] },
    PLAN_MAP_BOX,
    { lang: content.lang },
  );
  const box = PLAN_MAP_BOX;
  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).clip();
  for (const candidate of content.candidates) {
    const [x, y] = projection.project([candidate.lon, candidate.lat]);
    doc.circle(x, y, 1.2 + 1.6 * candidate.score).fill(scoreColour(candidate.score));
  }
  for (const [lon, lat] of content.binaan) {
    const [x, y] = projection.project([lon, lat]);
    doc
      .rect(x - 2.5, y - 2.5, 5, 5)
      .lineWidth(0.6)
      .fillAndStroke(BINAAN_COLOUR, '#ffffff');
  }
  const radius = content.radiusKm / projection.kilometresPerPoint;
  const planned = content.rows.filter((row) => row.item?.decision === 'planned');
  for (const row of planned) {
    const [x, y] = projection.project([row.candidate.lon, row.candidate.lat]);
    doc.circle(x, y, radius).fillOpacity(0.12).lineWidth(0.9).fillAndStroke(PLANNED_COLOUR, PLANNED_COLOUR);
    doc.fillOpacity(1);
  }
  planned.forEach((row, index) => {
    const [x, y] = projection.project([row.candidate.lon, row.candidate.lat]);
    doc.circle(x, y, 5.5).lineWidth(0.8).fillAndStroke(PLANNED_COLOUR, '#ffffff');
    placeText(doc, String(index + 1), x - 5.5, y - 3, {
      font: FONT.bold,
      size: 6,
      colour: '#ffffff',
      width: 11,
      align: 'center',
    });
  });
  doc.restore();
  // The key under the map.
  const words = WORDS[content.lang];
  const keyY = box.y + box.height + 6;
  doc.circle(box.x + 4, keyY + 4, 2.5).fill(scoreColour(0.8));
  placeText(doc, words.key.candidate, box.x + 10, keyY + 1, { size: 7, width: 120 });
  doc.circle(box.x + 134, keyY + 4, 4).fill(PLANNED_COLOUR);
  placeText(doc, words.key.planned, box.x + 141, keyY + 1, { size: 7, width: 110 });
  doc.rect(box.x + 254, keyY + 1.5, 5, 5).fill(BINAAN_COLOUR);
  placeText(doc, words.key.binaan, box.x + 262, keyY + 1, { size: 7, width: 70 });
}

function drawWeights(doc: PdfDocument, content: PlanContent, y: number): void {
  const words = WORDS[content.lang];
  const { lang } = content;
  const top = drawHeading(doc, words.weights, CONTENT.x, y, PLAN_MAP_BOX.width);
  const total = PLANNER_CRITERIA.reduce((sum, name) => sum + content.weights[name], 0) || 1;
  const scale = {
    landBorder: DISTANCE_SCALE_KM.border,
    seaBorder: DISTANCE_SCALE_KM.border,
    officeDistance: DISTANCE_SCALE_KM.office,
    binaanGap: DISTANCE_SCALE_KM.binaanGap,
  } as Partial<Record<Criterion, number>>;
  drawTable(
    doc,
    {
      columns: [
        { header: '', share: 4.2 },
        { header: words.weight, share: 1.3, align: 'right' },
        { header: words.method, share: 5.8 },
      ],
      rows: PLANNER_CRITERIA.map((name) => [
        CRITERION_LABELS[name][lang],
        `${formatCount(lang, content.weights[name])} (${percent(lang, content.weights[name] / total)})`,
        NORMALISATION_LABELS[NORMALISATION[name]][lang].replaceAll('{scale}', String(scale[name] ?? '')),
      ]),
      empty: '',
    },
    CONTENT.x,
    top,
    PLAN_MAP_BOX.width,
  );
}

function drawCoverage(doc: PdfDocument, content: PlanContent, y: number): number {
  const words = WORDS[content.lang];
  const { lang, coverage } = content;
  let top = drawHeading(doc, words.coverage, RIGHT_X, y, RIGHT_WIDTH);
  placeText(doc, words.reach(decimal(lang, content.radiusKm, 0), content.sameKecamatan), RIGHT_X, top, {
    size: 8,
    colour: INK.muted,
    width: RIGHT_WIDTH,
  });
  top += 13;
  const planned = content.rows.filter((row) => row.item?.decision === 'planned').length;
  const items = [
    { label: words.plannedCount, value: formatCount(lang, planned) },
    {
      label: words.foreigners,
      value: percent(lang, coverage.foreignersShare),
      note: `${formatCount(lang, coverage.foreignersCovered)} / ${formatCount(lang, coverage.foreignersTotal)}`,
    },
    {
      label: words.incidents,
      value: percent(lang, coverage.incidentsShare),
      note: `${decimal(lang, coverage.incidentsCovered, 1)} / ${decimal(lang, coverage.incidentsTotal, 1)}`,
    },
  ];
  return drawKeyNumbers(doc, items, { x: RIGHT_X, y: top, width: RIGHT_WIDTH, height: 46 }, 3) + 4;
}

function topContributions(candidate: RankedCandidate, lang: PrintLanguage): string {
  return PLANNER_CRITERIA.map((name) => ({ name, value: candidate.contributions[name] }))
    .filter((entry) => entry.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, 3)
    .map((entry) => `${CRITERION_SHORT_LABELS[entry.name][lang]} ${decimal(lang, entry.value)}`)
    .join(', ');
}

/** The notes of the decisions in full, below the table (marked * there). */
function drawNotes(doc: PdfDocument, content: PlanContent, y: number): void {
  const words = WORDS[content.lang];
  const noted = content.rows.filter((row) => row.item?.note);
  if (noted.length === 0) return;
  let top = y + 8;
  const bottom = CONTENT.y + CONTENT.height;
  if (top + 40 > bottom) {
    doc.addPage();
    top = CONTENT.y;
  }
  top = drawHeading(doc, `* ${words.note}`, RIGHT_X, top, RIGHT_WIDTH);
  for (const row of noted) {
    const text = printable(`${row.candidate.name} (${row.candidate.kecamatan}): ${row.item!.note}`);
    doc.font(FONT.regular).fontSize(7.5);
    const height = doc.heightOfString(text, { width: RIGHT_WIDTH });
    if (top + height > bottom) {
      doc.addPage();
      top = CONTENT.y;
    }
    doc.fillColor(INK.text).text(text, RIGHT_X, top, { width: RIGHT_WIDTH });
    top += height + 3;
  }
}

function drawShortlist(doc: PdfDocument, content: PlanContent, y: number): number {
  const words = WORDS[content.lang];
  const { lang } = content;
  const top = drawHeading(doc, words.shortlist, RIGHT_X, y, RIGHT_WIDTH);
  // Planned first (numbered as on the map), then the rest by rank.
  const planned = content.rows.filter((row) => row.item?.decision === 'planned');
  const others = content.rows.filter((row) => row.item?.decision !== 'planned');
  return drawTable(
    doc,
    {
      columns: [
        { header: '#', share: 0.5, align: 'right' },
        { header: words.rank, share: 1.5, align: 'right' },
        { header: words.desa, share: 3 },
        { header: words.kecamatan, share: 2.3 },
        { header: words.score, share: 1, align: 'right' },
        { header: words.decision, share: 2.1 },
        { header: words.why, share: 6.6 },
      ],
      rows: [...planned, ...others].map((row, index) => [
        row.item?.decision === 'planned' ? String(index + 1) : '',
        formatCount(lang, row.candidate.rank),
        row.candidate.name,
        row.candidate.kecamatan,
        decimal(lang, row.candidate.score),
        row.item ? PLAN_DECISION_LABELS[row.item.decision][lang] : '',
        topContributions(row.candidate, lang) + (row.item?.note ? ' *' : ''),
      ]),
      empty: words.empty,
    },
    RIGHT_X,
    top,
    RIGHT_WIDTH,
  );
}

export async function renderPlan(content: PlanContent, map: PlanMap): Promise<Buffer> {
  const words = WORDS[content.lang];
  const { lang } = content;
  const doc = createPdfDocument({ title: `${words.heading}: ${content.title}`, subject: content.region ?? '' });
  placeText(doc, `${words.heading}: ${content.title}`, CONTENT.x, CONTENT.y, {
    font: FONT.bold,
    size: 16,
    width: CONTENT.width,
  });
  const day = formatDate(lang, content.generatedAt.toISOString().slice(0, 10));
  placeText(
    doc,
    `${words.region(content.region)}${content.drawn ? `, ${words.drawn}` : ''} · ${words.incidentsPeriod(formatDate(lang, content.period.from), formatDate(lang, content.period.to))} · ${words.madeBy(content.agencyName, day)}`,
    CONTENT.x,
    CONTENT.y + 21,
    { size: 8.5, colour: INK.muted, width: CONTENT.width },
  );
  if (content.disclosureControl) {
    placeText(doc, words.disclosure, CONTENT.x, CONTENT.y + 32, { size: 7.5, colour: INK.muted, width: CONTENT.width });
  }
  drawMap(doc, content, map);
  const afterCoverage = drawCoverage(doc, content, PLAN_MAP_BOX.y);
  drawNotes(doc, content, drawShortlist(doc, content, afterCoverage));
  doc.switchToPage(0);
  drawWeights(doc, content, PLAN_MAP_BOX.y + PLAN_MAP_BOX.height + 22);
  pageFrame(doc, {
    classification: content.classification,
    source: content.source,
    synthetic: content.synthetic,
    lang,
  });
  return finishDocument(doc);
}
