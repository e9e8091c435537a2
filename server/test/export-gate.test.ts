/** The PDF gate: a few exports at a time, the next refused at once with 429 (never queued), a slot freed after each. */
import { describe, expect, test } from 'vitest';
import { createExportGate } from '../src/services/export-gate.ts';

describe('the export gate', () => {
  test('two run at once; a third is refused with EXPORT_BUSY in both languages; then there is room again', async () => {
    const gate = createExportGate(2);
    const releases: (() => void)[] = [];
    const held = () => new Promise<string>((resolve) => releases.push(() => resolve('done')));
    const first = gate(held);
    const second = gate(held);
    await expect(gate(async () => 'third')).rejects.toMatchObject({
      statusCode: 429,
      code: 'EXPORT_BUSY',
      bilingual: { id: expect.stringContaining('PDF'), en: expect.stringContaining('PDF') },
    });
    releases.forEach((release) => release());
    await expect(Promise.all([first, second])).resolves.toEqual(['done', 'done']);
    await expect(gate(async () => 'fourth')).resolves.toBe('fourth');
  });

  test('a failed export frees its slot too', async () => {
    const gate = createExportGate(1);
    await expect(gate(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate(async () => 'next')).resolves.toBe('next');
  });
});
