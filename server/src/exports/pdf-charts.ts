/**
 * Charts and figures drawn by pdfkit (issue #11): stacked bars per period (incidents per month by type) and the key
 * numbers as a grid of tiles. Values arrive as the services published them; nothing here computes a count.
 */
import { formatCount, type PrintLanguage } from './pdf-format.ts';
import { FONT, INK, placeText, type Box, type PdfDocument } from './pdf-layout.ts';

/** One stack of the bars: a label, a colour and one value per bar. */
export interface BarStack {
  key: string;
  label: string;
  colour: string;
  values: number[];
}

export interface BarSeries {
  /** One label per bar (a month). */
  labels: string[];
  stacks: BarStack[];
}

/** A whole, round tick step (1, 2, 5 × 10ⁿ) giving about four ticks, and the axis maximum on a tick. */
function niceAxis(highest: number): { max: number; step: number } {
  if (highest <= 0) return { max: 4, step: 1 };
  const rough = highest / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough)!,
  );
  return { max: Math.ceil(highest / step) * step, step };
}

const LEGEND_ROW = 11;

/**
 * Bars stacked by the series' stacks, with a value axis, the bar labels below and a legend of the stacks that have any
 * value to the right. Returns nothing: the box is the chart.
 */
export function drawMonthlyBars(doc: PdfDocument, series: BarSeries, box: Box, lang: PrintLanguage): void {
  const stacks = series.stacks.filter((stack) => stack.values.some((value) => value > 0));
  const legendWidth = stacks.length > 0 ? 170 : 0;
  const plot: Box = { x: box.x + 32, y: box.y + 6, width: box.width - 40 - legendWidth, height: box.height - 28 };
  const totals = series.labels.map((_, index) => stacks.reduce((sum, stack) => sum + (stack.values[index] ?? 0), 0));
  const { max, step } = niceAxis(Math.max(0, ...totals));
  const yOf = (value: number) => plot.y + plot.height - (value / max) * plot.height;

  for (let tick = 0; tick <= max + 1e-9; tick += step) {
    const y = yOf(tick);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(0.3)
      .strokeColor(tick === 0 ? INK.muted : '#dee2e6')
      .stroke();
    placeText(doc, formatCount(lang, tick), box.x, y - 3.5, { size: 7, colour: INK.muted, width: 28, align: 'right' });
  }

  const slot = plot.width / Math.max(series.labels.length, 1);
  const barWidth = Math.min(slot * 0.7, 36);
  series.labels.forEach((label, index) => {
    const x = plot.x + slot * index + (slot - barWidth) / 2;
    let base = 0;
    for (const stack of stacks) {
      const value = stack.values[index] ?? 0;
      if (value <= 0) continue;
      doc.rect(x, yOf(base + value), barWidth, yOf(base) - yOf(base + value)).fill(stack.colour);
      base += value;
    }
    if (totals[index]! > 0) {
      placeText(doc, formatCount(lang, totals[index]!), x - 6, yOf(base) - 9, {
        size: 6.5,
        width: barWidth + 12,
        align: 'center',
      });
    }
    placeText(doc, label, plot.x + slot * index, plot.y + plot.height + 4, {
      size: 7,
      colour: INK.muted,
      width: slot,
      align: 'center',
    });
  });

  const legendX = box.x + box.width - legendWidth + 10;
  stacks.forEach((stack, index) => {
    const y = plot.y + index * LEGEND_ROW;
    doc.rect(legendX, y, 9, 7).fill(stack.colour);
    placeText(doc, stack.label, legendX + 13, y - 0.5, { size: 7.5, width: legendWidth - 24 });
  });
}

/** One key number: what it counts, the value as published, and a note below it (e.g. "as at 30 Nov 2026"). */
export interface KeyNumber {
  label: string;
  value: string;
  note?: string;
}

/** The key numbers as tiles, `columns` across; returns the y below the last row. */
export function drawKeyNumbers(doc: PdfDocument, items: readonly KeyNumber[], box: Box, columns = 2): number {
  const gap = 6;
  const width = (box.width - gap * (columns - 1)) / columns;
  const height = 46;
  items.forEach((item, index) => {
    const x = box.x + (index % columns) * (width + gap);
    const y = box.y + Math.floor(index / columns) * (height + gap);
    doc.rect(x, y, width, height).lineWidth(0.5).fillAndStroke('#f8f9fa', '#dee2e6');
    placeText(doc, item.label, x + 6, y + 5, { size: 7.5, colour: INK.muted, width: width - 12 });
    placeText(doc, item.value, x + 6, y + 16, { font: FONT.bold, size: 15, width: width - 12 });
    if (item.note) {
      placeText(doc, item.note, x + 6, y + 35, { size: 6.5, colour: INK.muted, width: width - 12 });
    }
  });
  return box.y + Math.ceil(items.length / columns) * (height + gap);
}
