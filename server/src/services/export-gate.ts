/**
 * PDFs are drawn on the server's own event loop (pdfkit) from many queries: at most a few at a time in one process,
 * so that a burst of downloads cannot hold up the map for everyone. One more is refused at once with 429 and a clear
 * message — it is never queued behind the others to time out.
 */
import { AppError } from '../errors.ts';

export const CONCURRENT_PDF_EXPORTS = 2;

export function createExportGate(limit = CONCURRENT_PDF_EXPORTS) {
  let running = 0;
  return async function withinGate<T>(work: () => Promise<T>): Promise<T> {
    if (running >= limit) {
      throw new AppError(429, 'EXPORT_BUSY', {
        id: 'Server sedang menyiapkan PDF lain. Coba lagi sebentar lagi.',
        en: 'The server is preparing other PDFs. Try again in a moment.',
      });
    }
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
    }
  };
}

export type ExportGate = ReturnType<typeof createExportGate>;
