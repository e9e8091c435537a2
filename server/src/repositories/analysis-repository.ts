/**
 * Spatial analysis in PostGIS (issue #5): counts per region and time slice (unit-count-queries.ts) and points and
 * DBSCAN clusters (cluster-queries.ts), over what each layer offers an analysis (analysis-sources.ts).
 */
import type { Pool } from '../db/pool.ts';
import { createClusterQueries } from './cluster-queries.ts';
import { createUnitCountQueries } from './unit-count-queries.ts';

export function createAnalysisRepository(pool: Pool) {
  return { ...createUnitCountQueries(pool), ...createClusterQueries(pool) };
}

export type AnalysisRepository = ReturnType<typeof createAnalysisRepository>;
