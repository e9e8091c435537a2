/** What an uploaded file becomes: named cells per row, each row with the line a person would look for. */

export type Cell = string | number | boolean | null;

export interface UploadedRow {
  /** The line in the file as a spreadsheet shows it (the header is line 1; in GeoJSON, the feature number). */
  line: number;
  values: Record<string, Cell>;
}

export interface UploadedTable {
  columns: string[];
  rows: UploadedRow[];
}

/** More rows than this are refused: split the file. Counted while reading, so a huge file stops early. */
export const MAX_IMPORT_ROWS = 100_000;
