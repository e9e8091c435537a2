/**
 * The region brief as a PDF (issue #11): page 1 the title, the map of incidents per desa and the key numbers; page 2
 * incidents per month and by type; page 3 (and on) the desa binaan and the TIMPORA teams. Everything printed arrives
 * in `BriefContent` as the services published it for the caller's role (server/src/services/pdf-brief.ts).
 */
import { ZONE_OFFSETS, type TimeZone } from '../domain/time-zones.ts';
import { AGENCIES, INCIDENT_TYPES, type Classification, type IncidentType } from '../schemas/vocabulary.ts';
import { BRIEF_LABELS, INCIDENT_TYPE_COLOURS, type BriefLabels } from './brief-labels.ts';
import { drawKeyNumbers, drawMonthlyBars, type KeyNumber } from './pdf-charts.ts';
import { formatCount, formatDate, formatDateTime, formatMonth, printable, type PrintLanguage } from './pdf-format.ts';
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
  type PdfDocument,
} from './pdf-layout.ts';
import { drawMapKey, drawRegionMap, shadingClasses, type MapLayers } from './pdf-map.ts';
import { drawTable } from './pdf-table.ts';

export interface BriefContent {
  lang: PrintLanguage;
  region: { code: string; level: 'kabupaten' | 'kecamatan'; name: string; kabupatenName: string; provinsiName: string };
  period: { from: string; to: string };
  generatedAt: Date;
  timeZone: TimeZone;
  agencyName: string;
  classification: Classification;
  /** The source line of the footer. */
  source: string;
  synthetic: boolean;
  map: {
    layers: MapLayers;
    /** Incidents in the period per desa code. */
    incidents: ReadonlyMap<string, number>;
    desaBinaan: ReadonlySet<string>;
    markers: (readonly [number, number])[];
  };
  keyNumbers: {
    residents: number | string;
    overstays: number | string;
    expiringWithin30Days: number | string;
    incidents: number;
    /** Only for roles that may see people; null leaves the figure out. */
    peopleInvolved: number | string | null;
    desaBinaan: number;
    teamsFormed: number;
    teamsTarget: number;
    disclosureControl: boolean;
    /** The small-count threshold: published counts below it show as "< n". */
    threshold: number;
  };
  /** The first day of each month (or quarter) of the bars, and the incidents per type in each. */
  incidentsOverTime: { slice: 'month' | 'quarter'; periods: string[]; byType: Record<IncidentType, number[]> };
  incidentsByType: Partial<Record<IncidentType, number>>;
  desaBinaan: { name: string; kecamatan: string; status: string; inauguratedOn: string | null }[];
  teams: { kecamatan: string; formed: boolean; formedOn: string | null; members: Record<string, number> }[];
}

/** "Kabupaten Sanggau" → "Kab. Sanggau"; a Kota keeps its name. */
const shortKabupaten = (name: string, labels: BriefLabels) =>
  name.replace(/^Kabupaten\s+/i, `${labels.kabupatenPrefix} `);

export function briefTitle(content: Pick<BriefContent, 'lang' | 'region'>): string {
  const labels = BRIEF_LABELS[content.lang];
  const { region } = content;
  const name =
    region.level === 'kabupaten' ? shortKabupaten(region.name, labels) : `${labels.kecamatanPrefix} ${region.name}`;
  return `${labels.title}: ${name}`;
}

function drawTitlePage(doc: PdfDocument, content: BriefContent, labels: BriefLabels): void {
  const { lang, region, period } = content;
  placeText(doc, briefTitle(content), CONTENT.x, CONTENT.y, { font: FONT.bold, size: 18, width: CONTENT.width - 200 });
  const place =
    region.level === 'kabupaten'
      ? region.provinsiName
      : `${shortKabupaten(region.kabupatenName, labels)}, ${region.provinsiName}`;
  placeText(doc, `${place} (${region.code})`, CONTENT.x, CONTENT.y + 22, { size: 10, colour: INK.muted });
  const zone = ZONE_OFFSETS[content.timeZone].label;
  const line = [
    `${labels.period}: ${formatDate(lang, period.from)} – ${formatDate(lang, period.to)}`,
    `${labels.generated}: ${formatDateTime(lang, content.generatedAt, content.timeZone)} ${zone}`,
    `${labels.agency}: ${content.agencyName}`,
  ].join('   ·   ');
  placeText(doc, line, CONTENT.x, CONTENT.y + 37, { size: 8.5, colour: INK.muted, width: CONTENT.width });
  if (content.synthetic) {
    placeText(doc, SYNTHETIC_MARK, CONTENT.x, CONTENT.y + 4, {
      font: FONT.bold,
      size: 11,
      colour: INK.synthetic,
      width: CONTENT.width,
      align: 'right',
    });
  }

  const top = CONTENT.y + 56;
  const mapWidth = 470;
  const mapTop = drawHeading(doc, labels.mapTitle, CONTENT.x, top, mapWidth);
  const classes = shadingClasses(content.map.incidents.values());
  drawRegionMap(
    doc,
    content.map.layers,
    { x: CONTENT.x, y: mapTop, width: mapWidth, height: CONTENT.y + CONTENT.height - mapTop - 4 },
    { lang, values: content.map.incidents, classes, marked: content.map.desaBinaan, markers: content.map.markers },
  );

  const sideX = CONTENT.x + mapWidth + 20;
  const sideWidth = CONTENT.width - mapWidth - 20;
  const numbersTop = drawHeading(doc, labels.keyNumbers, sideX, top, sideWidth);
  const below = drawKeyNumbers(doc, keyNumbers(content, labels), {
    x: sideX,
    y: numbersTop,
    width: sideWidth,
    height: 0,
  });
  let keyTop = below + 4;
  if (content.keyNumbers.disclosureControl) {
    doc
      .font(FONT.regular)
      .fontSize(7)
      .fillColor(INK.muted)
      .text(printable(labels.publishedNote(content.keyNumbers.threshold)), sideX, keyTop, { width: sideWidth });
    keyTop = doc.y + 8;
  }
  drawMapKey(
    doc,
    classes,
    {
      title: labels.mapKey,
      marked: labels.desaBinaanMark,
      outline: region.level === 'kabupaten' ? labels.kecamatanOutline : undefined,
    },
    sideX,
    keyTop,
    lang,
  );
}

function keyNumbers(content: BriefContent, labels: BriefLabels): KeyNumber[] {
  const { lang, keyNumbers: numbers, period } = content;
  const count = (value: number | string) => formatCount(lang, value);
  const asAt = `${labels.asAt} ${formatDate(lang, period.to)}`;
  const items: KeyNumber[] = [
    { label: labels.residents, value: count(numbers.residents), note: asAt },
    { label: labels.overstays, value: count(numbers.overstays), note: asAt },
    { label: labels.expiring, value: count(numbers.expiringWithin30Days), note: asAt },
    { label: labels.incidents, value: count(numbers.incidents), note: labels.inPeriod },
  ];
  if (numbers.peopleInvolved !== null) {
    items.push({ label: labels.peopleInvolved, value: count(numbers.peopleInvolved), note: labels.inPeriod });
  }
  items.push(
    { label: labels.desaBinaan, value: count(numbers.desaBinaan) },
    {
      label: labels.teams,
      value: `${count(numbers.teamsFormed)} / ${count(numbers.teamsTarget)}`,
      note: labels.teamsNote,
    },
  );
  return items;
}

function drawIncidentsPage(doc: PdfDocument, content: BriefContent, labels: BriefLabels): void {
  const { lang, incidentsOverTime } = content;
  doc.addPage();
  const quarterly = incidentsOverTime.slice === 'quarter';
  const heading = quarterly ? labels.incidentsPerQuarter : labels.incidentsOverTime;
  const chartTop = drawHeading(doc, heading, CONTENT.x, CONTENT.y, CONTENT.width);
  const barLabel = (day: string) =>
    quarterly
      ? `${labels.quarter}${Math.floor(Number(day.slice(5, 7)) / 3) + 1} ${day.slice(2, 4)}`
      : formatMonth(lang, day);
  drawMonthlyBars(
    doc,
    {
      labels: incidentsOverTime.periods.map(barLabel),
      stacks: INCIDENT_TYPES.map((type) => ({
        key: type,
        label: labels.incidentType[type],
        colour: INCIDENT_TYPE_COLOURS[type],
        values: incidentsOverTime.byType[type],
      })),
    },
    { x: CONTENT.x, y: chartTop, width: CONTENT.width, height: 250 },
    lang,
  );
  const tableTop = drawHeading(doc, labels.incidentsByType, CONTENT.x, chartTop + 266, CONTENT.width / 2);
  const total = Object.values(content.incidentsByType).reduce((sum, value) => sum + (value ?? 0), 0);
  const rows = INCIDENT_TYPES.filter((type) => (content.incidentsByType[type] ?? 0) > 0).map((type) => {
    const value = content.incidentsByType[type]!;
    return [
      labels.incidentType[type],
      formatCount(lang, value),
      `${formatCount(lang, Math.round((value / total) * 100))} %`,
    ];
  });
  if (rows.length > 0) rows.push([labels.total, formatCount(lang, total), '100 %']);
  drawTable(
    doc,
    {
      columns: [
        { header: labels.type, share: 3 },
        { header: labels.count, share: 1, align: 'right' },
        { header: labels.share, share: 1, align: 'right' },
      ],
      rows,
      empty: labels.none,
    },
    CONTENT.x,
    tableTop,
    CONTENT.width / 2,
  );
}

function drawProgrammePage(doc: PdfDocument, content: BriefContent, labels: BriefLabels): void {
  const { lang } = content;
  doc.addPage();
  const listTop = drawHeading(doc, labels.desaBinaanList, CONTENT.x, CONTENT.y, CONTENT.width);
  let y = drawTable(
    doc,
    {
      columns: [
        { header: labels.desa, share: 3 },
        { header: labels.kecamatan, share: 3 },
        { header: labels.status, share: 2 },
        { header: labels.inaugurated, share: 2 },
      ],
      rows: content.desaBinaan.map((desa) => [
        desa.name,
        desa.kecamatan,
        labels.desaBinaanStatus[desa.status] ?? desa.status,
        desa.inauguratedOn ? formatDate(lang, desa.inauguratedOn) : '–',
      ]),
      empty: labels.none,
    },
    CONTENT.x,
    listTop,
    CONTENT.width,
  );
  if (y + 60 > CONTENT.y + CONTENT.height) {
    doc.addPage();
    y = CONTENT.y - 20;
  }
  const teamsTop = drawHeading(doc, labels.teamsList, CONTENT.x, y + 20, CONTENT.width);
  drawTable(
    doc,
    {
      columns: [
        { header: labels.kecamatan, share: 3 },
        { header: labels.formed, share: 1.2 },
        { header: labels.formedOn, share: 1.6 },
        { header: labels.members, share: 6 },
      ],
      rows: content.teams.map((team) => [
        team.kecamatan,
        team.formed ? labels.yes : labels.no,
        team.formedOn ? formatDate(lang, team.formedOn) : '–',
        AGENCIES.filter((agency) => team.members[agency])
          .map((agency) => `${agency} ${formatCount(lang, team.members[agency]!)}`)
          .join(', ') || '–',
      ]),
      empty: labels.none,
    },
    CONTENT.x,
    teamsTop,
    CONTENT.width,
  );
}

export async function renderBrief(content: BriefContent): Promise<Buffer> {
  const labels = BRIEF_LABELS[content.lang];
  const title = briefTitle(content);
  const doc = createPdfDocument({ title, subject: `${content.period.from} – ${content.period.to}` });
  drawTitlePage(doc, content, labels);
  drawIncidentsPage(doc, content, labels);
  drawProgrammePage(doc, content, labels);
  pageFrame(doc, {
    classification: content.classification,
    source: content.source,
    synthetic: content.synthetic,
    lang: content.lang,
  });
  return finishDocument(doc);
}
