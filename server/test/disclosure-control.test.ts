/** The cell-key method on its own (ADR 0007): deterministic, bounded, zero-mean noise; suppression hides zeros too. */
import { describe, expect, test } from 'vitest';
import { createRandom } from '../src/demo/random.ts';
import {
  addCells,
  cellKey,
  KEY_MODULUS,
  MAX_PERTURBATION,
  perturb,
  PERTURBATION_TABLE,
  publishCount,
  type Cell,
} from '../src/domain/disclosure-control.ts';

const random = createRandom(7);
const randomKey = () => Math.floor(random.next() * KEY_MODULUS);
/** A cell of `count` records with random keys. */
const cellOf = (count: number): Cell =>
  Array.from({ length: count }, () => ({ count: 1, key: randomKey() })).reduce(addCells, { count: 0, key: 0 });

describe('perturb', () => {
  test('the same records always get the same noise; an empty cell stays empty', () => {
    const cell = cellOf(17);
    expect(new Set(Array.from({ length: 20 }, () => perturb(cell))).size).toBe(1);
    // The key depends only on which records are in the cell, not on the order they were summed in.
    const parts = [cellOf(3), cellOf(5), cellOf(9)];
    expect(perturb(parts.reduce(addCells))).toBe(perturb([...parts].reverse().reduce(addCells)));
    expect(perturb({ count: 0, key: 12345 })).toBe(0);
  });

  test('the noise never exceeds the bound, never makes a count negative, and follows the table', () => {
    const tally = new Map<number, number>();
    const trials = 20_000;
    for (let i = 0; i < trials; i += 1) {
      const count = 10 + (i % 50);
      const noise = perturb({ count, key: randomKey() }) - count;
      expect(Math.abs(noise)).toBeLessThanOrEqual(MAX_PERTURBATION);
      tally.set(noise, (tally.get(noise) ?? 0) + 1);
    }
    for (const { noise, probability } of PERTURBATION_TABLE) {
      expect(Math.abs((tally.get(noise) ?? 0) / trials - probability)).toBeLessThan(0.015);
    }
    const mean = [...tally].reduce((sum, [noise, n]) => sum + noise * n, 0) / trials;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    for (let count = 1; count <= 3; count += 1)
      for (let i = 0; i < 200; i += 1) expect(perturb(cellOf(count))).toBeGreaterThanOrEqual(0);
  });

  test('cells that differ by one record get unrelated noise (what differencing meets)', () => {
    let same = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i += 1) {
      const base = cellOf(20);
      const plusOne = addCells(base, { count: 1, key: randomKey() });
      if (perturb(plusOne) - perturb(base) === 1) same += 1;
    }
    // Exactly right only as often as two independent draws of the table's noise agree (Σp² = 0.26).
    const agree = PERTURBATION_TABLE.reduce((sum, row) => sum + row.probability ** 2, 0);
    expect(Math.abs(same / trials - agree)).toBeLessThan(0.03);
  });

  test('cell keys wrap modulo 2^31, also for sums built from arrivals minus departures', () => {
    expect(cellKey(KEY_MODULUS + 5)).toBe(5);
    expect(cellKey(-3)).toBe(KEY_MODULUS - 3);
    expect(cellKey('4294967301')).toBe(5);
  });
});

describe('publishCount', () => {
  test('roles that may see people get the exact count', () => {
    expect(publishCount('intel', { count: 2, key: 99 }, 3)).toBe(2);
    expect(publishCount('intel', { count: 0, key: 0 }, 3)).toBe(0);
  });

  test('for the others, anything below the threshold after perturbation — zero included — is "< 3"', () => {
    for (const role of ['member', 'viewer', 'admin'] as const) {
      expect(publishCount(role, { count: 0, key: 0 }, 3)).toBe('< 3');
      for (let i = 0; i < 300; i += 1) {
        const value = publishCount(role, cellOf(1 + (i % 6)), 3);
        expect(value === '< 3' || (typeof value === 'number' && value >= 3)).toBe(true);
      }
      expect(String(publishCount(role, { count: 4, key: 0 }, 5))).toMatch(/^< 5$|^[5-6]$/);
    }
  });
});
