/**
 * The downloadable template of each kind: one header per field as the mapper recognises it, and one example row.
 * Semicolon-separated with a byte-order mark, as Excel in an Indonesian locale writes and reads CSV.
 */
import { IMPORT_FIELDS, type ImportKind } from './fields.ts';

const quoted = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function templateCsv(kind: ImportKind): string {
  const fields = IMPORT_FIELDS[kind];
  const header = fields.map((definition) => quoted(definition.header)).join(';');
  const example = fields.map((definition) => quoted(definition.example)).join(';');
  return `\uFEFF${header}\r\n${example}\r\n`;
}

export const templateFileName = (kind: ImportKind) => `pantau-templat-${kind}.csv`;
