/**
 * Reads an uploaded CSV, XLSX or GeoJSON file into rows of named cells, each with the line a person would look for
 * in their spreadsheet (the header is line 1). Anything unreadable becomes one clear, bilingual error.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';

export type Cell = string | number | boolean | null;

export interface UploadedRow {
  line: number;
  values: Record<string, Cell>;
}

export interface UploadedTable {
  columns: string[];
  rows: UploadedRow[];
}

export const MAX_IMPORT_ROWS = 100_000;

const unreadable = (fileName: string, reason: { id: string; en: string }) =>
  new AppError(400, 'UNREADABLE_FILE', {
    id: `Berkas '${fileName}' tidak dapat dibaca: ${reason.id}`,
    en: `The file '${fileName}' cannot be read: ${reason.en}`,
  });

function toCell(value: unknown): Cell {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null) {
    const rich = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (rich.richText) return rich.richText.map((part) => part.text).join('');
    if (rich.result !== undefined) return toCell(rich.result);
    if (rich.text !== undefined) return toCell(rich.text);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return value as number | boolean;
}

function readCsv(buffer: Buffer, fileName: string): UploadedTable {
  const text = buffer.toString('utf8');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets saved in Indonesian locales separate with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, { columns: true, bom: true, delimiter, skip_empty_lines: true, info: true, trim: true });
  } catch (error) {
    const message = (error as Error).message;
    throw unreadable(fileName, { id: `format CSV rusak (${message})`, en: `malformed CSV (${message})` });
  }
  const columns = records[0] ? Object.keys(records[0].record) : [];
  return {
    columns,
    rows: records.map(({ record, info }) => ({
      line: info.lines,
      values: Object.fromEntries(Object.entries(record).map(([key, value]) => [key, toCell(value)])),
    })),
  };
}

async function readXlsx(buffer: Buffer, fileName: string): Promise<UploadedTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable(fileName, { id: 'bukan berkas Excel (.xlsx) yang sah', en: 'not a valid Excel (.xlsx) file' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable(fileName, { id: 'tidak ada lembar kerja', en: 'it has no worksheet' });
  const header = sheet.getRow(1);
  const columns: string[] = [];
  header.eachCell({ includeEmpty: false }, (cell, column) => {
    columns[column - 1] = String(toCell(cell.value) ?? `Kolom ${column}`);
  });
  const rows: UploadedRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, Cell> = {};
    columns.forEach((column, index) => {
      if (column) values[column] = toCell(row.getCell(index + 1).value);
    });
    if (Object.values(values).some((value) => value !== null)) rows.push({ line, values });
  });
  return { columns: columns.filter(Boolean), rows };
}

function readGeoJson(buffer: Buffer, fileName: string): UploadedTable {
  let parsed: {
    type?: string;
    features?: { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> }[];
  };
  try {
    parsed = JSON.parse(buffer.toString('utf8'));
  } catch {
    throw unreadable(fileName, { id: 'bukan JSON yang sah', en: 'not valid JSON' });
  }
  if (parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw unreadable(fileName, {
      id: 'harus berupa GeoJSON FeatureCollection',
      en: 'it must be a GeoJSON FeatureCollection',
    });
  }
  const columns = new Set<string>(['lon', 'lat']);
  const rows = parsed.features.map((feature, index) => {
    const values: Record<string, Cell> = {};
    for (const [key, value] of Object.entries(feature.properties ?? {})) {
      columns.add(key);
      values[key] = toCell(value);
    }
    const coordinates = feature.geometry?.type === 'Point' ? (feature.geometry.coordinates as unknown[]) : null;
    values.lon = typeof coordinates?.[0] === 'number' ? coordinates[0] : null;
    values.lat = typeof coordinates?.[1] === 'number' ? coordinates[1] : null;
    // "Line" of a GeoJSON file: the feature's position, counted from 1.
    return { line: index + 1, values };
  });
  return { columns: [...columns], rows };
}

export async function readUpload(buffer: Buffer, fileName: string): Promise<UploadedTable> {
  const extension = fileName.toLowerCase().split('.').pop();
  const table =
    extension === 'csv' || extension === 'txt'
      ? readCsv(buffer, fileName)
      : extension === 'xlsx'
        ? await readXlsx(buffer, fileName)
        : extension === 'geojson' || extension === 'json'
          ? readGeoJson(buffer, fileName)
          : null;
  if (!table) {
    throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', {
      id: `Jenis berkas '${extension}' tidak didukung. Gunakan CSV, XLSX, atau GeoJSON.`,
      en: `File type '${extension}' is not supported. Use CSV, XLSX or GeoJSON.`,
    });
  }
  if (table.rows.length === 0) throw unreadable(fileName, { id: 'tidak ada baris data', en: 'it holds no data rows' });
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw unreadable(fileName, {
      id: `lebih dari ${MAX_IMPORT_ROWS.toLocaleString('id-ID')} baris; pecah menjadi beberapa berkas`,
      en: `more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split it into several files`,
    });
  }
  return table;
}
