/**
 * Every analysis as CSV or GeoJSON, with the parameters used written into the file: a CSV opens with `#` lines
 * (analysis, time, each parameter), a GeoJSON FeatureCollection carries them in a `pantau` member (a foreign member,
 * RFC 7946 §6.1). Columns are the same in both. Every download is audited (`exportAnalysis`).
 */
import type { Actor } from '../domain/actor.ts';
import type { AuditService } from './audit.ts';

export interface ExportTable {
  analysis: string;
  parameters: Record<string, unknown>;
  columns: string[];
  rows: { properties: Record<string, unknown>; geometry: unknown }[];
}

export type ExportFormat = 'csv' | 'geojson';

/** Objects as `key: value; …`, arrays joined with spaces: readable in a spreadsheet cell. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => cellText(item)).join(' ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${cellText(item)}`)
      .join('; ');
  }
  return String(value);
}

function csvField(value: unknown): string {
  let text = cellText(value);
  // A text cell starting with = + - @ would be run as a formula by a spreadsheet (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: ExportTable, generatedAt = new Date()): string {
  // A header line is one line, whatever a title holds.
  const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const lines = [
    `# Pantau: ${oneLine(table.analysis)}`,
    `# dibuat / generated: ${generatedAt.toISOString()}`,
    ...Object.entries(table.parameters)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `# ${oneLine(key)}=${oneLine(cellText(value))}`),
    table.columns.join(','),
    ...table.rows.map((row) => table.columns.map((column) => csvField(row.properties[column])).join(',')),
  ];
  // The byte-order mark lets spreadsheet programs read the file as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function toGeoJson(table: ExportTable, generatedAt = new Date()): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    pantau: { analysis: table.analysis, generatedAt: generatedAt.toISOString(), parameters: table.parameters },
    features: table.rows.map((row) => ({
      type: 'Feature',
      geometry: row.geometry ?? null,
      properties: Object.fromEntries(table.columns.map((column) => [column, row.properties[column] ?? null])),
    })),
  });
}

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
};

export const exportFileName = (analysis: string, format: ExportFormat, day = new Date()) =>
  `pantau-${analysis}-${day.toISOString().slice(0, 10)}.${format}`;

/** A file to download: what the route sends, as it is. */
export interface ExportFile {
  contentType: string;
  fileName: string;
  body: string;
}

export function createAnalysisExportService(audit: AuditService) {
  return {
    /** The result as a file, audited first: who took what out, in which format, with which parameters. */
    async exportAnalysis(actor: Actor, format: ExportFormat, table: ExportTable): Promise<ExportFile> {
      await audit.record(actor, {
        action: 'analysis.export',
        targetType: 'analysis',
        targetId: table.analysis,
        details: { format, rows: table.rows.length, parameters: table.parameters },
      });
      return {
        contentType: EXPORT_CONTENT_TYPE[format],
        fileName: exportFileName(table.analysis, format),
        body: format === 'csv' ? toCsv(table) : toGeoJson(table),
      };
    },
  };
}

export type AnalysisExportService = ReturnType<typeof createAnalysisExportService>;
