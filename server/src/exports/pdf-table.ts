/**
 * A plain table (issue #11): a header row, rows of text, columns of fixed share of the width. A table longer than the
 * page goes on to a new page and repeats its header there.
 */
import { CONTENT, FONT, INK, placeText, type PdfDocument } from './pdf-layout.ts';

export interface TableColumn {
  header: string;
  /** Share of the table's width (the shares are scaled to add up to the width). */
  share: number;
  align?: 'left' | 'right' | 'center';
}

export interface Table {
  columns: TableColumn[];
  rows: string[][];
  /** Printed as the only row when there are no rows. */
  empty: string;
}

const ROW_HEIGHT = 14;
const PADDING = 4;

function drawHeaderRow(doc: PdfDocument, columns: TableColumn[], widths: number[], x: number, y: number): number {
  const width = widths.reduce((sum, value) => sum + value, 0);
  doc.rect(x, y, width, ROW_HEIGHT).fill('#e9ecef');
  let left = x;
  columns.forEach((column, index) => {
    placeText(doc, column.header, left + PADDING, y + 4, {
      font: FONT.bold,
      size: 7.5,
      width: widths[index]! - 2 * PADDING,
      align: column.align ?? 'left',
    });
    left += widths[index]!;
  });
  return y + ROW_HEIGHT;
}

/**
 * Draws the table from `y` down, across `width` from `x`; returns the y below its last row (on the page it ended on).
 */
export function drawTable(doc: PdfDocument, table: Table, x: number, y: number, width: number): number {
  const totalShare = table.columns.reduce((sum, column) => sum + column.share, 0);
  const widths = table.columns.map((column) => (column.share / totalShare) * width);
  const bottom = CONTENT.y + CONTENT.height;
  let top = drawHeaderRow(doc, table.columns, widths, x, y);
  const rows = table.rows.length > 0 ? table.rows : [[table.empty]];
  rows.forEach((row, rowIndex) => {
    if (top + ROW_HEIGHT > bottom) {
      doc.addPage();
      top = drawHeaderRow(doc, table.columns, widths, x, CONTENT.y);
    }
    if (rowIndex % 2 === 1) doc.rect(x, top, width, ROW_HEIGHT).fill('#f8f9fa');
    let left = x;
    row.forEach((text, index) => {
      const cellWidth = row.length === 1 ? width : widths[index]!;
      placeText(doc, text, left + PADDING, top + 4, {
        size: 7.5,
        colour: row.length === 1 && table.rows.length === 0 ? INK.muted : INK.text,
        width: cellWidth - 2 * PADDING,
        align: row.length === 1 ? 'left' : (table.columns[index]!.align ?? 'left'),
      });
      left += cellWidth;
    });
    top += ROW_HEIGHT;
  });
  doc
    .moveTo(x, top)
    .lineTo(x + width, top)
    .lineWidth(0.5)
    .strokeColor(INK.rule)
    .stroke();
  return top;
}
