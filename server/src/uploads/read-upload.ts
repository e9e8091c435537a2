/**
 * Reads an uploaded file in a worker thread, so a 20 MB spreadsheet does not stall everybody else's requests while
 * it is parsed (parse-upload.ts does the reading, and stops at the row limit). At most two files are parsed at
 * once; a file that takes too long or too much memory is refused, like any other unreadable file.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { ParseAnswer, ParseRequest } from './parse-upload-worker.ts';
import { formatOf } from './parse-upload.ts';

export type ReadUpload = Omit<Extract<ParseAnswer, { ok: true }>, 'ok'>;

const MAX_PARALLEL_PARSES = 2;
const PARSE_TIMEOUT_MS = 60_000;
const WORKER_HEAP_MB = 1024;

// Node 20 starts a worker's entry without the TypeScript loader the app runs under; tsx's API loads it there. Its
// ESM entry is found through tsx's own exports map, since require.resolve would answer the CommonJS one.
const WORKER_ENTRY = new URL('./parse-upload-worker.ts', import.meta.url).href;
const requireHere = createRequire(import.meta.url);
const tsxExports = (requireHere('tsx/package.json') as { exports: Record<string, { import: { default: string } }> })
  .exports;
const TSX_API = pathToFileURL(
  path.join(path.dirname(requireHere.resolve('tsx/package.json')), tsxExports['./esm/api']!.import.default),
).href;
const WORKER_BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_ENTRY)}, ${JSON.stringify(WORKER_ENTRY)}));`;

const tooComplex = (fileName: string) =>
  new AppError(413, 'FILE_TOO_COMPLEX', {
    id: `Berkas '${fileName}' terlalu berat untuk dibaca. Pecah menjadi beberapa berkas yang lebih kecil.`,
    en: `The file '${fileName}' is too heavy to read. Split it into several smaller files.`,
  });

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when one of the parse slots is free; a finished parse hands its slot straight to the next. */
async function inParseSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL_PARSES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

function parseInWorker(request: ParseRequest): Promise<ParseAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(tooComplex(request.fileName))), PARSE_TIMEOUT_MS);
    worker.once('message', (answer: ParseAnswer) => settle(() => resolve(answer)));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex(request.fileName) : error)),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the upload worker stopped (exit code ${code}) without an answer`))),
    );
  });
}

export async function readUpload(buffer: Buffer, fileName: string): Promise<ReadUpload> {
  formatOf(fileName);
  const answer = await inParseSlot(() => parseInWorker({ bytes: buffer, fileName }));
  if (!answer.ok) throw new AppError(answer.statusCode, answer.code, answer.message);
  return { columns: answer.columns, rowCount: answer.rowCount, sample: answer.sample, rowsJson: answer.rowsJson };
}
