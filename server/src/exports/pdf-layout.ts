/**
 * The page every Pantau PDF is printed on (issue #11): A4 landscape, the classification banner at the top and the
 * bottom, and a footer with the page number, the source line and — for the demo data — the synthetic-data mark.
 * Pages are buffered, so `pageFrame` runs once at the end and knows how many pages there are.
 */
import { CLASSIFICATION_COLOURS } from '../domain/category-colours.ts';
import PDFDocument from 'pdfkit';
import type { Classification } from '../schemas/vocabulary.ts';
import { printable, type PrintLanguage } from './pdf-format.ts';

export type PdfDocument = PDFKit.PDFDocument;

/** A rectangle on the page, in points (1/72 inch), from the top left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A4 landscape, in points. */
export const PAGE = { width: 841.89, height: 595.28, margin: 36 } as const;

/** Where content goes: between the top banner and the footer. */
export const CONTENT: Box = { x: PAGE.margin, y: 40, width: PAGE.width - 2 * PAGE.margin, height: 500 };

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;
export const INK = { text: '#212529', muted: '#495057', rule: '#adb5bd', synthetic: '#c2255c' } as const;

const BANNER_HEIGHT = 16;
const BANNER_COLOUR = CLASSIFICATION_COLOURS;

export const SYNTHETIC_MARK = 'DATA SINTETIS / SYNTHETIC DATA';

export interface PageFrame {
  classification: Classification;
  /** The source line: where the data and the boundaries come from. */
  source: string;
  /** Whether what is printed comes from the synthetic demo data. */
  synthetic: boolean;
  lang: PrintLanguage;
}

/** A document with its metadata; pages are kept until `finishDocument` so the frame can number them. */
export function createPdfDocument(info: { title: string; subject?: string }): PdfDocument {
  return new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    bufferPages: true,
    margins: {
      top: CONTENT.y,
      bottom: PAGE.height - CONTENT.y - CONTENT.height,
      left: PAGE.margin,
      right: PAGE.margin,
    },
    info: { Title: printable(info.title), Subject: printable(info.subject ?? ''), Creator: 'Pantau', Author: 'Pantau' },
  });
}

/** The text, cut with "…" where it would run past `width` in the current font. */
function fitToWidth(doc: PdfDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 0 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * One line of text at a point, cut to `width` when one is given; it never flows onto a new page (pdfkit adds one when
 * text passes the bottom margin, so the margin is lifted while it is written).
 */
export function placeText(
  doc: PdfDocument,
  text: string,
  x: number,
  y: number,
  options: PDFKit.Mixins.TextOptions & { font?: string; size?: number; colour?: string } = {},
): void {
  const { font = FONT.regular, size = 9, colour = INK.text, ...textOptions } = options;
  doc.font(font).fontSize(size).fillColor(colour);
  const line = printable(text);
  const fitted = textOptions.width === undefined ? line : fitToWidth(doc, line, textOptions.width);
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.text(fitted, x, y, { lineBreak: false, ...textOptions });
  doc.page.margins.bottom = bottom;
}

function drawBanner(doc: PdfDocument, classification: Classification, y: number): void {
  if (classification === 'none') return;
  doc.rect(0, y, PAGE.width, BANNER_HEIGHT).fill(BANNER_COLOUR[classification]);
  placeText(doc, classification.toUpperCase(), 0, y + 4, {
    font: FONT.bold,
    size: 9,
    colour: '#ffffff',
    width: PAGE.width,
    align: 'center',
  });
}

/**
 * The frame of every page: banners, footer rule, "Halaman 1 dari 3", the source line and the synthetic mark. Call it
 * once, after all content, on a document made by `createPdfDocument`.
 */
export function pageFrame(doc: PdfDocument, frame: PageFrame): void {
  const range = doc.bufferedPageRange();
  const footerY = CONTENT.y + CONTENT.height + 8;
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    drawBanner(doc, frame.classification, 0);
    drawBanner(doc, frame.classification, PAGE.height - BANNER_HEIGHT);
    doc
      .moveTo(CONTENT.x, footerY)
      .lineTo(CONTENT.x + CONTENT.width, footerY)
      .lineWidth(0.5)
      .strokeColor(INK.rule)
      .stroke();
    const page = index - range.start + 1;
    const pageText = frame.lang === 'en' ? `Page ${page} of ${range.count}` : `Halaman ${page} dari ${range.count}`;
    placeText(doc, pageText, CONTENT.x, footerY + 6, {
      size: 8,
      colour: INK.muted,
      width: CONTENT.width,
      align: 'right',
    });
    placeText(doc, frame.source, CONTENT.x, footerY + 6, { size: 7, colour: INK.muted, width: CONTENT.width - 90 });
    if (frame.synthetic) {
      placeText(doc, SYNTHETIC_MARK, CONTENT.x, footerY + 18, { font: FONT.bold, size: 9, colour: INK.synthetic });
    }
  }
}

/** Ends the document and resolves with its bytes. */
export function finishDocument(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A section heading at the top of a box; returns the y below it. */
export function drawHeading(doc: PdfDocument, text: string, x: number, y: number, width: number): number {
  placeText(doc, text, x, y, { font: FONT.bold, size: 12, width });
  doc
    .moveTo(x, y + 16)
    .lineTo(x + width, y + 16)
    .lineWidth(0.5)
    .strokeColor(INK.rule)
    .stroke();
  return y + 22;
}
