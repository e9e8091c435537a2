/**
 * Spreadsheet imports: upload → mapping and preview (every bad row with its line and reason) → all-or-nothing
 * commit, recorded in the audit trail. Rows must lie inside the importer's area; residents need a role that may see
 * people.
 */
import type { FastifyRequest } from 'fastify';
import type { Pool } from '../db/pool.ts';
import { AppError, type BilingualMessage } from '../errors.ts';
import { IMPORT_FIELDS, suggestMapping, type ImportKind } from '../import/operational/fields.ts';
import { readUpload } from '../import/operational/read-upload.ts';
import type { Account } from '../repositories/account-repository.ts';
import type { ImportDraft, ImportRepository, LocationAnswer } from '../repositories/import-repository.ts';
import type { AuditService } from './audit.ts';
import { maySeePeople } from './redaction-policy.ts';

export interface RowProblem {
  line: number;
  errors: { field: string; message: BilingualMessage }[];
  suggestions?: string[];
}

export interface Preview {
  importId: string;
  kind: ImportKind;
  fileName: string;
  rowCount: number;
  validCount: number;
  invalid: RowProblem[];
  mapping: Record<string, string>;
}

const LOCATION_PROBLEMS: Record<
  NonNullable<LocationAnswer['problem']>,
  (row: Record<string, unknown>) => BilingualMessage
> = {
  unknown_code: (row) => ({
    id: `kode desa '${row.desaCode}' tidak ada`,
    en: `there is no desa with code '${row.desaCode}'`,
  }),
  unknown_kabupaten: (row) =>
    row.kabupaten
      ? { id: `kabupaten/kota '${row.kabupaten}' tidak dikenal`, en: `unknown kabupaten/kota '${row.kabupaten}'` }
      : { id: 'nama desa perlu kabupaten/kota-nya', en: 'a desa name needs its kabupaten/kota' },
  unknown_name: (row) => ({
    id: `desa '${row.desaName}' tidak ditemukan di ${row.kabupaten}`,
    en: `no desa '${row.desaName}' in ${row.kabupaten}`,
  }),
  outside_coverage: () => ({
    id: 'titik berada di Indonesia tetapi di luar provinsi yang dimuat Pantau',
    en: 'the point is in Indonesia but outside the provinces Pantau holds',
  }),
  outside_indonesia: () => ({ id: 'koordinat berada di luar Indonesia', en: 'the coordinates lie outside Indonesia' }),
};

const notFound = () =>
  new AppError(404, 'IMPORT_NOT_FOUND', { id: 'Impor tidak ditemukan.', en: 'This import was not found.' });

export function createImportService(pool: Pool, repository: ImportRepository, audit: AuditService) {
  function checkRole(account: Account, kind: ImportKind): void {
    if (kind === 'residents' && !maySeePeople(account.role)) {
      throw new AppError(403, 'FORBIDDEN', {
        id: 'Hanya peran intel yang boleh mengimpor data orang asing.',
        en: 'Only the intel role may import foreign residents.',
      });
    }
  }

  async function draftOf(account: Account, id: string): Promise<ImportDraft> {
    const draft = await repository.findDraft(id, account.id);
    if (!draft) throw notFound();
    if (draft.committedAt) {
      throw new AppError(409, 'IMPORT_ALREADY_COMMITTED', {
        id: 'Impor ini sudah disimpan.',
        en: 'This import was already committed.',
      });
    }
    return draft;
  }

  /** Parses and checks every row; returns the clean records and the problems, line by line. */
  async function validate(account: Account, draft: ImportDraft, mapping: Record<string, string>) {
    const fields = IMPORT_FIELDS[draft.kind];
    const unknownColumns = Object.entries(mapping).filter(([, column]) => !draft.columns.includes(column));
    const missingRequired = fields.filter((definition) => definition.required && !mapping[definition.key]);
    if (unknownColumns.length > 0 || missingRequired.length > 0) {
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
    const parsed = draft.rows.map((row) => {
      const record: Record<string, unknown> = {};
      const errors: RowProblem['errors'] = [];
      for (const definition of fields) {
        const column = mapping[definition.key];
        const cell = column ? (row.values[column] ?? null) : null;
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
            message: {
              id: `${definition.label.id}: ${result.error.id}`,
              en: `${definition.label.en}: ${result.error.en}`,
            },
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
      return { line: row.line, record, errors };
    });
    const located = await repository.locate(
      parsed.map((row, index) => ({
        index,
        desaCode: (row.record.desaCode as string) ?? null,
        desaName: (row.record.desaName as string) ?? null,
        kabupaten: (row.record.kabupaten as string) ?? null,
        lon: (row.record.lon as number) ?? null,
        lat: (row.record.lat as number) ?? null,
      })),
    );
    const areaCodes = account.areas.map((area) => area.code);
    const invalid: RowProblem[] = [];
    const records: Record<string, unknown>[] = [];
    for (const answer of located) {
      const row = parsed[answer.index]!;
      const hasLocation = row.record.desaCode || row.record.desaName || row.record.lon !== undefined;
      if (hasLocation && answer.problem) {
        row.errors.push({ field: 'desa', message: LOCATION_PROBLEMS[answer.problem](row.record) });
      } else if (answer.desaCode && !areaCodes.some((code) => answer.desaCode!.startsWith(`${code}.`))) {
        row.errors.push({
          field: 'desa',
          message: {
            id: `desa ${answer.desaCode} di luar wilayah akun Anda`,
            en: `desa ${answer.desaCode} is outside your account's area`,
          },
        });
      }
      if (row.errors.length > 0) {
        invalid.push({
          line: row.line,
          errors: row.errors,
          ...(answer.problem === 'unknown_name' ? { suggestions: answer.suggestions } : {}),
        });
      } else records.push({ ...row.record, desaCode: answer.desaCode });
    }
    invalid.sort((a, b) => a.line - b.line);
    return { records, invalid };
  }

  return {
    async upload(account: Account, kind: ImportKind, fileName: string, buffer: Buffer) {
      checkRole(account, kind);
      const table = await readUpload(buffer, fileName);
      const id = await repository.insertDraft({
        accountId: account.id,
        kind,
        fileName,
        columns: table.columns,
        rows: table.rows,
      });
      return {
        importId: id,
        kind,
        fileName,
        columns: table.columns,
        rowCount: table.rows.length,
        sample: table.rows.slice(0, 5),
        suggestedMapping: suggestMapping(kind, table.columns),
        fields: IMPORT_FIELDS[kind].map(({ key, required, label }) => ({ key, required, label })),
      };
    },

    async preview(account: Account, id: string, mapping?: Record<string, string>): Promise<Preview> {
      const draft = await draftOf(account, id);
      const chosen = mapping ?? draft.mapping ?? suggestMapping(draft.kind, draft.columns);
      const { records, invalid } = await validate(account, draft, chosen);
      await repository.saveMapping(id, chosen);
      return {
        importId: id,
        kind: draft.kind,
        fileName: draft.fileName,
        rowCount: draft.rows.length,
        validCount: records.length,
        invalid,
        mapping: chosen,
      };
    },

    async commit(request: FastifyRequest, id: string) {
      const account = request.account!;
      const draft = await draftOf(account, id);
      checkRole(account, draft.kind);
      const { records, invalid } = await validate(
        account,
        draft,
        draft.mapping ?? suggestMapping(draft.kind, draft.columns),
      );
      if (invalid.length > 0) {
        throw new AppError(
          422,
          'IMPORT_HAS_ERRORS',
          {
            id: `${invalid.length} baris bermasalah; tidak ada yang disimpan. Perbaiki berkasnya lalu unggah lagi.`,
            en: `${invalid.length} rows have problems; nothing was saved. Fix the file and upload it again.`,
          },
          { invalid },
        );
      }
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (draft.kind === 'residents') await repository.insertResidents(client, records);
        else if (draft.kind === 'workplaces') await repository.insertWorkplaces(client, records);
        else await repository.insertIncidents(client, records);
        await repository.markCommitted(client, id);
        await audit.record(
          request,
          {
            action: 'import.commit',
            targetType: draft.kind,
            targetId: id,
            details: { fileName: draft.fileName, rows: records.length },
          },
          client,
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      return { importId: id, kind: draft.kind, saved: records.length };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
