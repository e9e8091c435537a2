/**
 * Checks every row of a draft against a column mapping: each mapped cell parsed, each row located (by desa code,
 * desa name + kabupaten, or point) and kept inside the importer's area. Answers the clean records and, line by line,
 * what is wrong, with the cells concerned so they can be corrected in the preview.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError, type BilingualMessage } from '../errors.ts';
import { IMPORT_FIELDS } from '../uploads/fields.ts';
import type { Cell } from '../uploads/uploaded-table.ts';
import type { Account } from '../repositories/account-repository.ts';
import type {
  DesaElsewhere,
  ImportDraft,
  ImportRepository,
  LocationAnswer,
} from '../repositories/import-repository.ts';

export interface RowProblem {
  line: number;
  errors: { field: string; message: BilingualMessage }[];
  suggestions?: string[];
  /** The current value of each column the errors concern, by column name. */
  cells: Record<string, Cell>;
}

/** Rows parsed between two turns of the event loop, so a 100,000-row preview does not stall other requests. */
const ROWS_PER_TURN = 2_000;
const LOCATION_KEYS = ['desaCode', 'desaName', 'kabupaten', 'lon', 'lat'];

/** "Kabupaten Sanggau" → "Kab. Sanggau", as people write it; "Kota Pontianak" stays. */
const shortKabupaten = (name: string) => name.replace(/^Kabupaten /, 'Kab. ');

function whereElsewhere(elsewhere: DesaElsewhere[]): BilingualMessage | null {
  if (elsewhere.length === 0) return null;
  const places = elsewhere.map((desa) => `Kec. ${desa.kecamatan}, ${shortKabupaten(desa.kabupaten)}`);
  return {
    id: places.map((place) => `${elsewhere[0]!.name} ada di ${place}`).join('; '),
    en: places.map((place) => `${elsewhere[0]!.name} is in ${place}`).join('; '),
  };
}

function locationProblem(answer: LocationAnswer, row: Record<string, unknown>): BilingualMessage {
  const join = (message: BilingualMessage) => {
    const elsewhere = whereElsewhere(answer.elsewhere);
    return elsewhere ? { id: `${message.id}; ${elsewhere.id}`, en: `${message.en}; ${elsewhere.en}` } : message;
  };
  switch (answer.problem) {
    case 'unknown_code':
      return { id: `kode desa '${row.desaCode}' tidak ada`, en: `there is no desa with code '${row.desaCode}'` };
    case 'unknown_kabupaten':
      return join(
        row.kabupaten
          ? { id: `kabupaten/kota '${row.kabupaten}' tidak dikenal`, en: `unknown kabupaten/kota '${row.kabupaten}'` }
          : { id: 'nama desa perlu kabupaten/kota-nya', en: 'a desa name needs its kabupaten/kota' },
      );
    case 'unknown_name':
      return join({
        id: `desa '${row.desaName}' tidak ditemukan di ${row.kabupaten}`,
        en: `no desa '${row.desaName}' in ${row.kabupaten}`,
      });
    case 'outside_coverage':
      return {
        id: 'titik berada di Indonesia tetapi di luar provinsi yang dimuat Pantau',
        en: 'the point is in Indonesia but outside the provinces Pantau holds',
      };
    default:
      return { id: 'koordinat berada di luar Indonesia', en: 'the coordinates lie outside Indonesia' };
  }
}

function checkMapping(draft: ImportDraft, mapping: Record<string, string>): void {
  const fields = IMPORT_FIELDS[draft.kind];
  const unknownColumns = Object.entries(mapping).filter(([, column]) => !draft.columns.includes(column));
  const missingRequired = fields.filter((definition) => definition.required && !mapping[definition.key]);
  if (unknownColumns.length === 0 && missingRequired.length === 0) return;
  throw new AppError(
    400,
    'INVALID_MAPPING',
    {
      id: `Pemetaan kolom tidak lengkap: ${[...missingRequired.map((f) => `'${f.label.id}' belum dipetakan`), ...unknownColumns.map(([, c]) => `kolom '${c}' tidak ada`)].join('; ')}.`,
      en: `The column mapping is incomplete: ${[...missingRequired.map((f) => `'${f.label.en}' is not mapped`), ...unknownColumns.map(([, c]) => `there is no column '${c}'`)].join('; ')}.`,
    },
    { missing: missingRequired.map((f) => f.key), unknownColumns: unknownColumns.map(([, column]) => column) },
  );
}

function parseRow(draft: ImportDraft, mapping: Record<string, string>, values: Record<string, Cell>) {
  const record: Record<string, unknown> = {};
  const errors: RowProblem['errors'] = [];
  for (const definition of IMPORT_FIELDS[draft.kind]) {
    const column = mapping[definition.key];
    const cell = column ? (values[column] ?? null) : null;
    if (cell === null) {
      if (definition.required)
        errors.push({
          field: definition.key,
          message: { id: `'${definition.label.id}' kosong`, en: `'${definition.label.en}' is empty` },
        });
      continue;
    }
    const result = definition.parse(cell);
    if ('error' in result) {
      errors.push({
        field: definition.key,
        message: { id: `${definition.label.id}: ${result.error.id}`, en: `${definition.label.en}: ${result.error.en}` },
      });
    } else record[definition.key] = result.value;
  }
  if ((record.lon === undefined) !== (record.lat === undefined)) {
    errors.push({
      field: 'lon',
      message: { id: 'bujur dan lintang harus diisi keduanya', en: 'give both longitude and latitude' },
    });
  }
  if (!record.desaCode && !record.desaName && record.lon === undefined) {
    errors.push({
      field: 'desaCode',
      message: {
        id: 'lokasi kosong: isi kode desa, nama desa + kabupaten, atau koordinat',
        en: 'no location: give a desa code, a desa name with its kabupaten, or coordinates',
      },
    });
  }
  if (
    record.permitExpiresOn &&
    record.permitIssuedOn &&
    String(record.permitExpiresOn) < String(record.permitIssuedOn)
  ) {
    errors.push({
      field: 'permitExpiresOn',
      message: {
        id: 'Tanggal habis izin: sebelum tanggal terbit',
        en: 'Permit expires on: expires before it was issued',
      },
    });
  }
  return { record, errors };
}

/** The columns a row's errors concern: a location problem concerns every mapped location column. */
function cellsConcerned(mapping: Record<string, string>, values: Record<string, Cell>, fields: string[]) {
  const keys = fields.flatMap((field) => (field === 'desa' || LOCATION_KEYS.includes(field) ? LOCATION_KEYS : [field]));
  const columns = [...new Set(keys.map((key) => mapping[key]).filter((column): column is string => !!column))];
  return Object.fromEntries(columns.map((column) => [column, values[column] ?? null]));
}

export async function validateDraft(
  repository: ImportRepository,
  account: Account,
  draft: ImportDraft,
  mapping: Record<string, string>,
) {
  checkMapping(draft, mapping);
  const parsed: ({ line: number; values: Record<string, Cell> } & ReturnType<typeof parseRow>)[] = [];
  for (const [index, row] of draft.rows.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await nextTurn();
    parsed.push({ line: row.line, values: row.values, ...parseRow(draft, mapping, row.values) });
  }
  const areaCodes = account.areas.map((area) => area.code);
  const located = await repository.locate(
    parsed.map((row, index) => ({
      index,
      desaCode: (row.record.desaCode as string) ?? null,
      desaName: (row.record.desaName as string) ?? null,
      kabupaten: (row.record.kabupaten as string) ?? null,
      lon: (row.record.lon as number) ?? null,
      lat: (row.record.lat as number) ?? null,
    })),
    areaCodes,
  );
  const invalid: RowProblem[] = [];
  const records: Record<string, unknown>[] = [];
  for (const answer of located) {
    const row = parsed[answer.index]!;
    const hasLocation = row.record.desaCode || row.record.desaName || row.record.lon !== undefined;
    if (hasLocation && answer.problem) {
      row.errors.push({ field: 'desa', message: locationProblem(answer, row.record) });
    } else if (answer.desaCode && !areaCodes.some((code) => answer.desaCode!.startsWith(`${code}.`))) {
      row.errors.push({
        field: 'desa',
        message: {
          id: `desa ${answer.desaCode} di luar wilayah akun Anda`,
          en: `desa ${answer.desaCode} is outside your account's area`,
        },
      });
    }
    if (row.errors.length === 0) {
      records.push({ ...row.record, desaCode: answer.desaCode });
      continue;
    }
    const suggestions = [
      ...(answer.problem === 'unknown_name' ? answer.suggestions : []),
      ...answer.elsewhere.map(
        (desa) => `${desa.name}, Kec. ${desa.kecamatan}, ${shortKabupaten(desa.kabupaten)} (${desa.code})`,
      ),
    ];
    invalid.push({
      line: row.line,
      errors: row.errors,
      ...(suggestions.length > 0 ? { suggestions } : {}),
      cells: cellsConcerned(
        mapping,
        row.values,
        row.errors.map((error) => error.field),
      ),
    });
  }
  invalid.sort((a, b) => a.line - b.line);
  return { records, invalid };
}
