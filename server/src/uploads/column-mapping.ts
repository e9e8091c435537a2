/**
 * The first column mapping offered after an upload: each field gets the column whose header is the template's
 * header or one of the field's aliases, compared without case, accents, punctuation or spacing, and with the
 * abbreviations registers use written out ("Tgl. Berakhir" is "Tanggal Berakhir", "No. Paspor" is "Nomor Paspor").
 */
import { comparableText } from './comparable-text.ts';
import type { FieldDefinition } from './field-definition.ts';
import { IMPORT_FIELDS, type ImportKind } from './fields.ts';

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  tgl: 'tanggal',
  no: 'nomor',
  nmr: 'nomor',
  nomer: 'nomor',
  kab: 'kabupaten',
  kel: 'kelurahan',
  kec: 'kecamatan',
  jml: 'jumlah',
  thn: 'tahun',
  ket: 'keterangan',
};

export function comparableHeader(header: string): string {
  return comparableText(header)
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

/** Every header a field is recognised by, compared as comparableHeader does. */
export function recognisedHeaders(definition: FieldDefinition): string[] {
  return [...new Set([definition.key, definition.header, ...definition.aliases].map(comparableHeader))];
}

/** Column → field, by the names people use; each column used once. */
export function suggestMapping(kind: ImportKind, columns: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  const comparable = new Map(columns.map((column) => [column, comparableHeader(column)]));
  for (const definition of IMPORT_FIELDS[kind]) {
    const candidates = recognisedHeaders(definition);
    const column = columns.find((name) => !used.has(name) && candidates.includes(comparable.get(name)!));
    if (column) {
      mapping[definition.key] = column;
      used.add(column);
    }
  }
  return mapping;
}
