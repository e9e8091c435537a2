import { maySeePeople } from '$lib/api/rules';
import { ApiError, describeError } from '$lib/api/client';
import { commitImport, correctImportCells, previewImport, uploadImport } from '$lib/api/imports';
import type {
  ImportCellCorrection,
  ImportKind,
  ImportPreview,
  ImportUpload,
  InvalidImportRow,
  Role,
} from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

/** A cell of the uploaded file as text (empty for a missing one). */
export function cellText(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

const editKey = (line: number, column: string) => JSON.stringify([line, column]);

/** The bad rows a refused commit names (422 IMPORT_HAS_ERRORS, details.invalid), or null. */
function invalidFrom(error: unknown): InvalidImportRow[] | null {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT_HAS_ERRORS') return null;
  const invalid = (error.details as { invalid?: unknown } | undefined)?.invalid;
  return Array.isArray(invalid) ? (invalid as InvalidImportRow[]) : null;
}

/**
 * The import wizard, step by step: upload a file of one kind, map its columns to the fields, check every row (and
 * correct bad cells in place), and save all rows or none. A new upload or a new mapping forgets the last check.
 */
export class ImportWizardState {
  readonly #role: () => Role;

  kind: ImportKind | '' = $state('');
  file: File | null = $state.raw(null);
  uploading = $state(false);
  uploadError: LocalizedText | null = $state(null);
  upload: ImportUpload | null = $state.raw(null);

  /** field → column of the file; '' when the field is not used. */
  mapping: Record<string, string> = $state({});
  previewing = $state(false);
  mappingError: LocalizedText | null = $state(null);
  preview: ImportPreview | null = $state.raw(null);
  /** The bad rows to show: from the last check, or from a refused commit. */
  badRows: InvalidImportRow[] | null = $state.raw(null);

  /** What was typed into the bad rows' cells, by line and column, until it is saved. */
  edits: Record<string, string> = $state({});
  correcting = $state(false);
  correctionError: LocalizedText | null = $state(null);

  committing = $state(false);
  commitError: LocalizedText | null = $state(null);
  saved: number | null = $state(null);

  /** `role`: who imports, read when needed (the page's signed-in account). */
  constructor(role: () => Role) {
    this.#role = role;
  }

  /** Personal data of residents may only be imported by Inteldakim. */
  get kinds(): ImportKind[] {
    return maySeePeople(this.#role()) ? ['residents', 'workplaces', 'incidents'] : ['workplaces', 'incidents'];
  }

  get chosenKind(): ImportKind {
    const kinds = this.kinds;
    return this.kind === '' || !kinds.includes(this.kind) ? (kinds[0] ?? 'workplaces') : this.kind;
  }

  get canCommit(): boolean {
    const { preview, badRows, committing, saved } = this;
    return preview !== null && preview.invalid.length === 0 && badRows?.length === 0 && !committing && saved === null;
  }

  /** The typed cells that differ from what the server holds. */
  pendingCorrections: ImportCellCorrection[] = $derived(
    (this.badRows ?? []).flatMap((row) =>
      Object.entries(row.cells).flatMap(([column, value]) => {
        const typed = this.edits[editKey(row.line, column)];
        return typed === undefined || typed === cellText(value) ? [] : [{ line: row.line, column, value: typed }];
      }),
    ),
  );

  /** The cell as shown in the correction table: what was typed, else what the file holds. */
  typedCell(line: number, column: string, value: string | number | boolean | null | undefined): string {
    return this.edits[editKey(line, column)] ?? cellText(value);
  }

  type(line: number, column: string, text: string): void {
    this.edits[editKey(line, column)] = text;
  }

  forgetCheck(): void {
    this.preview = null;
    this.badRows = null;
    this.mappingError = null;
    this.commitError = null;
    this.edits = {};
    this.correctionError = null;
  }

  reset(): void {
    this.upload = null;
    this.mapping = {};
    this.forgetCheck();
    this.saved = null;
  }

  chooseKind(kind: ImportKind): void {
    this.kind = kind;
    this.reset();
  }

  chooseFile(file: File | null): void {
    this.file = file;
    this.uploadError = null;
  }

  async send(): Promise<void> {
    const file = this.file;
    if (!file || this.uploading) return;
    this.uploading = true;
    this.uploadError = null;
    this.reset();
    try {
      const answer = await uploadImport(this.chosenKind, file);
      this.upload = answer;
      this.mapping = Object.fromEntries(
        answer.fields.map((field) => [field.key, answer.suggestedMapping[field.key] ?? '']),
      );
    } catch (error) {
      this.uploadError = describeError(error);
    } finally {
      this.uploading = false;
    }
  }

  #chosenMapping(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.mapping).filter(([, column]) => column !== ''));
  }

  async check(): Promise<void> {
    if (!this.upload || this.previewing) return;
    this.previewing = true;
    this.forgetCheck();
    try {
      const answer = await previewImport(this.upload.importId, this.#chosenMapping());
      this.preview = answer;
      this.badRows = answer.invalid;
    } catch (error) {
      this.mappingError = describeError(error);
    } finally {
      this.previewing = false;
    }
  }

  /** Sends the typed cells; the server checks every row again, so the table shows what is still wrong. */
  async saveCorrections(): Promise<void> {
    if (!this.upload || this.correcting || this.pendingCorrections.length === 0) return;
    this.correcting = true;
    this.correctionError = null;
    this.commitError = null;
    try {
      const answer = await correctImportCells(this.upload.importId, this.pendingCorrections, this.#chosenMapping());
      this.preview = answer;
      this.badRows = answer.invalid;
      this.edits = {};
    } catch (error) {
      this.correctionError = describeError(error);
    } finally {
      this.correcting = false;
    }
  }

  async commit(): Promise<void> {
    if (!this.upload || !this.canCommit) return;
    this.committing = true;
    this.commitError = null;
    try {
      const answer = await commitImport(this.upload.importId);
      this.saved = answer.saved;
    } catch (error) {
      this.commitError = describeError(error);
      const invalid = invalidFrom(error);
      if (invalid) this.badRows = invalid;
    } finally {
      this.committing = false;
    }
  }

  /** After saving: the same kind, a new file. */
  startOver(): void {
    this.reset();
    this.file = null;
  }
}
