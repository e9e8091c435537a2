/**
 * Disclosure control for counts of people shown to roles that may not see people (ADR 0007): the cell-key method of
 * the ABS TableBuilder, with small-cell suppression that also hides zeros.
 *
 * Every record that counts people carries a random key (`disclosure_key`, 0 ≤ key < 2^31) fixed for its lifetime. A
 * cell — the set of records behind one published count — gets the key sum of its records modulo 2^31; its
 * perturbation is a deterministic function of that cell key and the true count. The same records therefore always get
 * the same noise, however the query that reaches them is composed, so repeating or re-composing a query yields the
 * same number again and averaging gains nothing. The published value is then suppressed below the threshold — zeros
 * included, so an empty cell and a cell of one or two people cannot be told apart.
 */
import { maySeePeople } from './who-sees-people.ts';
import type { Role } from '../schemas/vocabulary.ts';

/** Record keys are integers in [0, KEY_MODULUS); a cell key is their sum modulo the same. */
export const KEY_MODULUS = 2 ** 31;

/** The largest change the perturbation makes to any count (the "D" of the ABS method). */
export const MAX_PERTURBATION = 2;

/**
 * The perturbation table: the noise added and how likely it is, the same for every count ≥ 1 (zero-mean, variance 1.2).
 * Counts below 1 + MAX_PERTURBATION are clamped at 0, which matters only below the threshold, where nothing is shown.
 */
export const PERTURBATION_TABLE: readonly { noise: number; probability: number }[] = [
  { noise: -2, probability: 0.1 },
  { noise: -1, probability: 0.2 },
  { noise: 0, probability: 0.4 },
  { noise: 1, probability: 0.2 },
  { noise: 2, probability: 0.1 },
];

/** A count of people and the key of the records behind it. */
export interface Cell {
  count: number;
  key: number;
}

export const EMPTY_CELL: Cell = { count: 0, key: 0 };

/** The marker a suppressed count is published as. */
export const suppressedMarker = (threshold: number) => `< ${threshold}`;

/** A cell key from a key sum (a database `sum()` may arrive as a string or a negative delta). */
export function cellKey(sum: number | string | null | undefined): number {
  const value = Number(sum ?? 0);
  return ((value % KEY_MODULUS) + KEY_MODULUS) % KEY_MODULUS;
}

export const cell = (count: number | string | null | undefined, keySum: number | string | null | undefined): Cell => ({
  count: Number(count ?? 0),
  key: cellKey(keySum),
});

/** Two cells together (their records are disjoint). */
export const addCells = (a: Cell, b: Cell): Cell => ({ count: a.count + b.count, key: cellKey(a.key + b.key) });

/**
 * Where a cell falls in [0, 1): the cell key mixed with the count (a multiplicative hash, so cells with the same key
 * sum but different counts — e.g. the people and the overstays of one region — do not share their noise position).
 */
function position(value: Cell): number {
  const mixed = (value.key + Math.imul(value.count, 0x9e3779b1)) >>> 0;
  return (mixed % KEY_MODULUS) / KEY_MODULUS;
}

/** The perturbed count of a cell, before suppression: the true count plus the table's noise at the cell's position. */
export function perturb(value: Cell): number {
  if (value.count <= 0) return 0;
  const at = position(value);
  let cumulative = 0;
  for (const row of PERTURBATION_TABLE) {
    cumulative += row.probability;
    if (at < cumulative) return Math.max(0, value.count + row.noise);
  }
  return Math.max(0, value.count + PERTURBATION_TABLE[PERTURBATION_TABLE.length - 1]!.noise);
}

/** A count of people as a role may see it: exact for roles that may see people, else perturbed and suppressed. */
export function publishCount(role: Role, value: Cell, threshold: number): number | string {
  if (maySeePeople(role)) return value.count;
  const published = perturb(value);
  return published < threshold ? suppressedMarker(threshold) : published;
}

/**
 * A breakdown of people (a cluster's permit types, a workplace's workers by nationality) as a role may see it. For
 * roles that may not see people the entries are first merged by `group` (nationalities into their groups), then each
 * is published, and suppressed entries are left out: a key shown as "< 3" would say that at least one such person is
 * there.
 */
export function publishBreakdown(
  role: Role,
  cells: Record<string, Cell>,
  threshold: number,
  group: (key: string) => string = (key) => key,
): Record<string, number | string> {
  if (maySeePeople(role)) return Object.fromEntries(Object.entries(cells).map(([key, value]) => [key, value.count]));
  const merged = new Map<string, Cell>();
  for (const [key, value] of Object.entries(cells)) {
    const name = group(key);
    merged.set(name, addCells(merged.get(name) ?? EMPTY_CELL, value));
  }
  const published: Record<string, number | string> = {};
  for (const [key, value] of [...merged].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const shown = publishCount(role, value, threshold);
    if (!isSuppressed(shown)) published[key] = shown;
  }
  return published;
}

/** True when a published value is a suppressed marker rather than a number. */
export const isSuppressed = (value: number | string): value is string => typeof value === 'string';

/** The number behind a published value for arithmetic on published values (a suppressed cell counts as 0). */
export const publishedNumber = (value: number | string): number => (typeof value === 'number' ? value : 0);

/**
 * The value analyses (Gi*, trends) compute on for a role: the true count for roles that may see people; for the others
 * the published value, a suppressed one as 0 — so no statistic rests on an exact count they may not see, and a class
 * cannot tell a suppressed unit of one or two people from an empty one.
 */
export const analysisCount = (role: Role, value: Cell, threshold: number): number =>
  maySeePeople(role) ? value.count : publishedNumber(publishCount(role, value, threshold));
