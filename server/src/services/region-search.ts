/** The rules of region search: what counts as a query, and how many results. The SQL is in the repository. */
import { AppError } from '../errors.ts';
import type { BoundaryRepository, RegionSearchHit } from '../repositories/boundary-repository.ts';

export const DEFAULT_SEARCH_LIMIT = 10;

export async function searchRegions(
  boundaries: BoundaryRepository,
  rawQuery: string,
  limit = DEFAULT_SEARCH_LIMIT,
): Promise<RegionSearchHit[]> {
  const query = rawQuery.trim().replace(/\s+/g, ' ');
  if (query.length < 2) {
    throw new AppError(400, 'QUERY_TOO_SHORT', {
      id: 'Ketik minimal 2 huruf untuk mencari.',
      en: 'Type at least 2 letters to search.',
    });
  }
  return boundaries.searchRegions(query, limit);
}
