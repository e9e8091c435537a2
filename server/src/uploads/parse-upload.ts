/**
 * Turns the bytes of an uploaded CSV, XLSX or GeoJSON file into rows of named cells, each with the line a person
 * would look for in their spreadsheet (the header is line 1). Runs inside the upload worker (read-upload.ts), so it
 * may be synchronous; it stops at MAX_IMPORT_ROWS + 1 rows rather than reading a huge file whole. Anything
 * unreadable becomes one clear, bilingual AppError.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError, type BilingualMessage } from '../errors.ts';
import { MAX_IMPORT_ROWS, type Cell, type UploadedRow, type UploadedTable } from './uploaded-table.ts';

export const unreadable = (fileName: string, reason: BilingualMessage) =>
  new AppError(400, 'UNREADABLE_FILE', {
    id: `Berkas '${fileName}' tidak dapat dibaca: ${reason.id}`,
    en: `The file '${fileName}' cannot be read: ${reason.en}`,
  });

export const tooManyRows = () =>
  new AppError(413, 'TOO_MANY_ROWS', {
    id: `Berkas berisi lebih dari ${MAX_IMPORT_ROWS.toLocaleString('id-ID')} baris data; pecah menjadi beberapa berkas.`,
    en: `The file holds more than ${MAX_IMPORT_ROWS.toLocaleString('en')} data rows; split it into several files.`,
  });

export function toCell(value: unknown): Cell {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
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
    records = parseCsv(text, {
      columns: true,
      bom: true,
      delimiter,
      skip_empty_lines: true,
      info: true,
      trim: true,
      // One row past the limit is enough to refuse the file; the parser stops there.
      to: MAX_IMPORT_ROWS + 1,
    });
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
    if (line === 1 || rows.length > MAX_IMPORT_ROWS) return;
    const values: Record<string, Cell> = {};
    columns.forEach((column, index) => {
      if (column) values[column] = toCell(row.getCell(index + 1).value);
    });
    if (Object.values(values).some((value) => value !== null)) rows.push({ line, values });
  });
  return { columns: columns.filter(Boolean), rows };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readGeoJson(buffer: Buffer, fileName: string): UploadedTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.toString('utf8'));
  } catch {
    throw unreadable(fileName, { id: 'bukan JSON yang sah', en: 'not valid JSON' });
  }
  if (!isObject(parsed) || parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw unreadable(fileName, {
      id: 'harus berupa GeoJSON FeatureCollection',
      en: 'it must be a GeoJSON FeatureCollection',
    });
  }
  if (parsed.features.length > MAX_IMPORT_ROWS) throw tooManyRows();
  const columns = new Set<string>(['lon', 'lat']);
  const rows = parsed.features.map((feature: unknown, index: number) => {
    // "Line" of a GeoJSON file: the feature's position, counted from 1.
    const line = index + 1;
    if (!isObject(feature) || feature.type !== 'Feature') {
      throw unreadable(fileName, {
        id: `fitur ke-${line} bukan GeoJSON Feature`,
        en: `feature ${line} is not a GeoJSON Feature`,
      });
    }
    const values: Record<string, Cell> = {};
    // A feature may have no properties (null) and no geometry (null): it is then located by its properties or not
    // at all, which the preview reports for that line.
    for (const [key, value] of Object.entries(isObject(feature.properties) ? feature.properties : {})) {
      columns.add(key);
      values[key] = toCell(value);
    }
    const geometry = isObject(feature.geometry) ? feature.geometry : null;
    const coordinates =
      geometry?.type === 'Point' && Array.isArray(geometry.coordinates) ? (geometry.coordinates as unknown[]) : null;
    values.lon = typeof coordinates?.[0] === 'number' ? coordinates[0] : null;
    values.lat = typeof coordinates?.[1] === 'number' ? coordinates[1] : null;
    return { line, values };
  });
  return { columns: [...columns], rows };
}

export type UploadFormat = 'csv' | 'xlsx' | 'geojson';

/** The format by the file's extension; 415 for anything else, before a byte is read. */
export function formatOf(fileName: string): UploadFormat {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (extension === 'xlsx') return 'xlsx';
  if (extension === 'geojson' || extension === 'json') return 'geojson';
  throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', {
    id: `Jenis berkas '${extension}' tidak didukung. Gunakan CSV, XLSX, atau GeoJSON.`,
    en: `File type '${extension}' is not supported. Use CSV, XLSX or GeoJSON.`,
  });
}

export async function parseUpload(buffer: Buffer, fileName: string): Promise<UploadedTable> {
  const format = formatOf(fileName);
  const table =
    format === 'csv'
      ? readCsv(buffer, fileName)
      : format === 'xlsx'
        ? await readXlsx(buffer, fileName)
        : readGeoJson(buffer, fileName);
  if (table.rows.length === 0) throw unreadable(fileName, { id: 'tidak ada baris data', en: 'it holds no data rows' });
  if (table.rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
  return table;
}
