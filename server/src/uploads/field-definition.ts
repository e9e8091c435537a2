/**
 * What one field of an import is: its label, the template's header and example, the column names people use for it,
 * and how a cell is parsed (cell-parsers.ts). The fields themselves are listed per kind of record (fields.ts).
 */
import type { BilingualMessage } from '../errors.ts';
import type { Parsed } from './cell-parsers.ts';
import type { Cell } from './uploaded-table.ts';

export interface FieldDefinition {
  key: string;
  required: boolean;
  label: BilingualMessage;
  /** The column name in the template; the mapper recognises it like the aliases. */
  header: string;
  /** The template's example value. */
  example: string;
  /** Other column names people use for this field, in any case and punctuation. */
  aliases: string[];
  parse(cell: Cell): Parsed;
}

interface FieldSpec {
  key: string;
  required?: boolean;
  label: [id: string, en: string];
  header: string;
  example: string;
  aliases: string[];
  parse: FieldDefinition['parse'];
}

/** A field from its spec: the label as a pair [Indonesian, English], `required` false unless said. */
export const field = ({ key, required = false, label: [id, en], header, example, aliases, parse }: FieldSpec) => ({
  key,
  required,
  label: { id, en },
  header,
  example,
  aliases,
  parse,
});
