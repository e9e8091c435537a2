// Importing a spreadsheet or GeoJSON of records: upload, check, correct, commit (intel, member).
import { api, apiUrl } from './client';
import type { ImportCellCorrection, ImportCommit, ImportKind, ImportPreview, ImportUpload } from './types';

/** Rejects with 413 FILE_TOO_LARGE, 415 UNSUPPORTED_FILE_TYPE, 400 UNREADABLE_FILE and the like. */
export function uploadImport(kind: ImportKind, file: File): Promise<ImportUpload> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  return api('post', '/api/imports', { form });
}

/** Checks every row with the mapping; rejects with 400 INVALID_MAPPING when a required field has no column. */
export function previewImport(importId: string, mapping: Record<string, string>): Promise<ImportPreview> {
  return api('post', '/api/imports/{id}/preview', { path: { id: importId }, body: { mapping } });
}

/** Replaces cells of the uploaded file and checks every row again; 400 INVALID_CORRECTION for lines or columns not in it. */
export function correctImportCells(
  importId: string,
  cells: ImportCellCorrection[],
  mapping: Record<string, string>,
): Promise<ImportPreview> {
  return api('patch', '/api/imports/{id}/cells', { path: { id: importId }, body: { cells, mapping } });
}

/** Where the CSV template of a kind downloads from: the headers the column mapper recognises and one example row. */
export function importTemplateUrl(kind: ImportKind): string {
  return apiUrl('/api/imports/templates/{kind}', { path: { kind } });
}

/** Saves every row; rejects with 422 IMPORT_HAS_ERRORS (details.invalid: the bad rows) when any row is bad. */
export function commitImport(importId: string): Promise<ImportCommit> {
  return api('post', '/api/imports/{id}/commit', { path: { id: importId } });
}
