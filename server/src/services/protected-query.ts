/**
 * What roles that may not see people may ask (ADR 0007): each restriction here closes a way of isolating a person by
 * combining requests. The layer, analysis and hot-spot services all pass their queries through these rules.
 */
import type { Account } from '../domain/actor.ts';
import { AppError } from '../errors.ts';
import type { OperationalFilter } from '../repositories/operational-filter-sql.ts';
import type { LayerFilterQuery, RegionLevel } from '../schemas/layer-filters.ts';
import { STANDARD_BAND_EDGES, type Role } from '../schemas/vocabulary.ts';
import { maySeePeople } from './redaction-policy.ts';

export const DEFAULT_BAND_EDGES: readonly number[] = STANDARD_BAND_EDGES;

const refuse = (code: string, id: string, en: string) => new AppError(400, code, { id, en });

/** Whether a band is one of the standard bands (DEFAULT_BAND_EDGES): the only bands roles that may not see people use. */
export function isStandardBand(minKm: number, maxKm: number | null): boolean {
  // From 0 without an upper edge is every distance: no band at all.
  if (minKm === 0 && maxKm === null) return true;
  const index = DEFAULT_BAND_EDGES.indexOf(minKm);
  return index >= 0 && (DEFAULT_BAND_EDGES[index + 1] ?? null) === maxKm;
}

/**
 * One breakdown at a time (nationality group, permit type or resident status), one value each, nationalities only as
 * groups, and only the standard distance bands.
 */
export function checkProtectedQuery(query: LayerFilterQuery): void {
  if (query.nationality) {
    throw refuse(
      'NATIONALITY_LIST_NOT_ALLOWED',
      'Peran Anda menyaring kewarganegaraan per kelompok (nationalityGroup), bukan per daftar negara.',
      'Your role filters nationalities by group (nationalityGroup), not by a list of countries.',
    );
  }
  const breakdowns = [query.nationalityGroup, query.permitType, query.residentStatus].filter(Boolean);
  if (breakdowns.length > 1) {
    throw refuse(
      'ONE_BREAKDOWN_ONLY',
      'Peran Anda dapat menyaring menurut satu hal saja: kelompok kewarganegaraan, jenis izin, atau status.',
      'Your role may filter by one of these at a time: nationality group, permit type or status.',
    );
  }
  for (const [name, value] of [
    ['permitType', query.permitType],
    ['residentStatus', query.residentStatus],
  ] as const) {
    if (value?.includes(',')) {
      throw refuse(
        'ONE_VALUE_ONLY',
        `Peran Anda memilih satu nilai '${name}' saja, bukan daftar.`,
        `Your role picks one '${name}' value, not a list.`,
      );
    }
  }
  if (query.borderMinKm !== undefined || query.borderMaxKm !== undefined) {
    if (!isStandardBand(query.borderMinKm ?? 0, query.borderMaxKm ?? null)) {
      throw refuse(
        'BAND_NOT_STANDARD',
        `Peran Anda memakai pita jarak baku saja (${DEFAULT_BAND_EDGES.join(', ')} km dan seterusnya).`,
        `Your role uses the standard distance bands only (${DEFAULT_BAND_EDGES.join(', ')} km and beyond).`,
      );
    }
  }
}

/**
 * For roles that may not see people, a bounding box picks whole regions of the level counted (every record of a
 * region that touches the box, `bboxWholeRegions`), never the records inside it: a box drawn around one home would
 * isolate it.
 */
export function countingFilter(account: Account, filter: OperationalFilter, level: RegionLevel): OperationalFilter {
  return maySeePeople(account.role) || !filter.bbox ? filter : { ...filter, bboxWholeRegions: level };
}

/** Records of people themselves (homes, a person's file): only roles that may see people; the routes say so too. */
export function checkSeesPeople(role: Role): void {
  if (!maySeePeople(role)) throw new AppError(403, 'FORBIDDEN', { id: 'Tidak diizinkan.', en: 'Not allowed.' });
}
