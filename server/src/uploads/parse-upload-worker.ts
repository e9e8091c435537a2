/**
 * The upload worker's entry: parses one file off the main thread and posts one answer (see read-upload.ts). The
 * rows come back already serialised, so the main thread neither rebuilds nor re-serialises 100,000 objects.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type BilingualMessage } from '../errors.ts';
import { parseUpload } from './parse-upload.ts';
import type { UploadedRow } from './uploaded-table.ts';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
}

export type ParseAnswer =
  | { ok: true; columns: string[]; rowCount: number; sample: UploadedRow[]; rowsJson: string }
  | { ok: false; statusCode: number; code: string; message: BilingualMessage };

const SAMPLE_ROWS = 5;

async function answer({ bytes, fileName }: ParseRequest): Promise<ParseAnswer> {
  try {
    const table = await parseUpload(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName);
    return {
      ok: true,
      columns: table.columns,
      rowCount: table.rows.length,
      sample: table.rows.slice(0, SAMPLE_ROWS),
      rowsJson: JSON.stringify(table.rows),
    };
  } catch (error) {
    // Only the refusals a file can cause travel back as answers; a bug stays an error of the worker.
    if (!(error instanceof AppError)) throw error;
    return { ok: false, statusCode: error.statusCode, code: error.code, message: error.bilingual };
  }
}

parentPort!.postMessage(await answer(workerData as ParseRequest));
