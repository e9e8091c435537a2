/**
 * Spreadsheet imports: upload → mapping and preview (every bad row with its line and reason, its cells correctable
 * in place) → all-or-nothing commit, recorded in the audit trail whether it is saved or refused. Rows must lie inside
 * the importer's area; residents need a role that may see people.
 */
import { withTransaction } from '../db/transaction.ts';
import type { Pool } from '../db/pool.ts';
import type { Actor, SignedInActor } from '../domain/actor.ts';
import { AppError } from '../errors.ts';
import { suggestMapping } from '../uploads/column-mapping.ts';
import { IMPORT_FIELDS, type ImportKind } from '../uploads/fields.ts';
import { templateCsv, templateFileName } from '../uploads/import-template.ts';
import { readUpload } from '../uploads/read-upload.ts';
import type { Account } from '../repositories/account-repository.ts';
import type { CellCorrection, ImportDraft, ImportRepository } from '../repositories/import-repository.ts';
import type { AuditService } from './audit.ts';
import { validateDraft, type RowProblem } from './import-validation.ts';
import { maySeePeople } from './redaction-policy.ts';

export interface Preview {
  importId: string;
  kind: ImportKind;
  fileName: string;
  rowCount: number;
  validCount: number;
  invalid: RowProblem[];
  mapping: Record<string, string>;
}

const notFound = () =>
  new AppError(404, 'IMPORT_NOT_FOUND', { id: 'Impor tidak ditemukan.', en: 'This import was not found.' });

/** What a person typed into a cell: trimmed, and empty means empty. */
const typedCell = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());

export function createImportService(
  pool: Pool,
  repository: ImportRepository,
  audit: AuditService,
  arrivals: { notify(): void } = { notify: () => undefined },
) {
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

  async function previewOf(account: Account, draft: ImportDraft, mapping?: Record<string, string>): Promise<Preview> {
    const chosen = mapping ?? draft.mapping ?? suggestMapping(draft.kind, draft.columns);
    const { records, invalid } = await validateDraft(repository, account, draft, chosen);
    await repository.saveMapping(draft.id, chosen);
    return {
      importId: draft.id,
      kind: draft.kind,
      fileName: draft.fileName,
      rowCount: draft.rows.length,
      validCount: records.length,
      invalid,
      mapping: chosen,
    };
  }

  /** A commit refused by validation is recorded like a saved one, with what stopped it. */
  async function auditRefusal(actor: Actor, draft: ImportDraft, code: string, invalidRows?: number) {
    await audit.record(actor, {
      action: 'import.commit',
      outcome: 'failed',
      targetType: draft.kind,
      targetId: draft.id,
      details: { fileName: draft.fileName, rows: draft.rows.length, refused: code, invalidRows },
    });
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
        rowsJson: table.rowsJson,
      });
      return {
        importId: id,
        kind,
        fileName,
        columns: table.columns,
        rowCount: table.rowCount,
        sample: table.sample,
        suggestedMapping: suggestMapping(kind, table.columns),
        fields: IMPORT_FIELDS[kind].map(({ key, required, label }) => ({ key, required, label })),
      };
    },

    template(account: Account, kind: ImportKind) {
      checkRole(account, kind);
      return { fileName: templateFileName(kind), csv: templateCsv(kind) };
    },

    async preview(account: Account, id: string, mapping?: Record<string, string>): Promise<Preview> {
      return previewOf(account, await draftOf(account, id), mapping);
    },

    /** Replaces the given cells of the draft (by line and column), then checks every row again. */
    async correctCells(
      account: Account,
      id: string,
      cells: { line: number; column: string; value: string | null }[],
      mapping?: Record<string, string>,
    ): Promise<Preview> {
      const draft = await draftOf(account, id);
      const lines = new Set(draft.rows.map((row) => row.line));
      const unknownLines = [...new Set(cells.filter((cell) => !lines.has(cell.line)).map((cell) => cell.line))];
      const unknownColumns = [
        ...new Set(cells.filter((cell) => !draft.columns.includes(cell.column)).map((cell) => cell.column)),
      ];
      if (unknownLines.length > 0 || unknownColumns.length > 0) {
        throw new AppError(
          400,
          'INVALID_CORRECTION',
          {
            id: `Perbaikan tidak dapat diterapkan: ${[...unknownLines.map((line) => `baris ${line} tidak ada`), ...unknownColumns.map((column) => `kolom '${column}' tidak ada`)].join('; ')}.`,
            en: `The corrections cannot be applied: ${[...unknownLines.map((line) => `there is no line ${line}`), ...unknownColumns.map((column) => `there is no column '${column}'`)].join('; ')}.`,
          },
          { unknownLines, unknownColumns },
        );
      }
      const corrections: CellCorrection[] = cells.map((cell) => ({ ...cell, value: typedCell(cell.value) }));
      await repository.correctCells(id, account.id, corrections);
      const rowByLine = new Map(draft.rows.map((row) => [row.line, row]));
      for (const correction of corrections)
        rowByLine.get(correction.line)!.values[correction.column] = correction.value;
      return previewOf(account, draft, mapping);
    },

    async commit(actor: SignedInActor, id: string) {
      const { account } = actor;
      const draft = await draftOf(account, id);
      checkRole(account, draft.kind);
      let checked: Awaited<ReturnType<typeof validateDraft>>;
      try {
        checked = await validateDraft(
          repository,
          account,
          draft,
          draft.mapping ?? suggestMapping(draft.kind, draft.columns),
        );
      } catch (error) {
        if (error instanceof AppError) await auditRefusal(actor, draft, error.code);
        throw error;
      }
      const { records, invalid } = checked;
      if (invalid.length > 0) {
        await auditRefusal(actor, draft, 'IMPORT_HAS_ERRORS', invalid.length);
        throw new AppError(
          422,
          'IMPORT_HAS_ERRORS',
          {
            id: `${invalid.length} baris bermasalah; tidak ada yang disimpan. Perbaiki sel di pratinjau atau berkasnya, lalu simpan lagi.`,
            en: `${invalid.length} rows have problems; nothing was saved. Correct the cells in the preview or fix the file, then save again.`,
          },
          { invalid },
        );
      }
      await withTransaction(pool, async (client) => {
        if (draft.kind === 'residents') await repository.insertResidents(client, records);
        else if (draft.kind === 'workplaces') await repository.insertWorkplaces(client, records);
        // Who filed an incident decides who may read its text: other agencies file under their own name only.
        else
          await repository.insertIncidents(
            client,
            maySeePeople(account.role)
              ? records
              : records.map((record) => ({ ...record, reportingAgency: account.agency.code })),
          );
        await repository.markCommitted(client, id);
        // Data arrived (issue #13): the alert rules look at it, in this transaction so no restart loses it.
        await repository.insertArrival(client);
        await audit.record(
          actor,
          {
            action: 'import.commit',
            targetType: draft.kind,
            targetId: id,
            details: { fileName: draft.fileName, rows: records.length },
          },
          client,
        );
      });
      arrivals.notify();
      return { importId: id, kind: draft.kind, saved: records.length };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
