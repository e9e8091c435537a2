/**
 * Hot spots (Getis-Ord Gi*, gi-star-hot-spots.ts), emerging hot spots (Gi* per time slice + Mann-Kendall,
 * emerging-hot-spots.ts) and the change between two periods (period-change.ts), over desa or H3 cells of the caller's
 * area (study-area-units.ts) (issue #5). The statistics are in `../analysis/`; these modules gather the counts from
 * PostGIS, apply the caller's area and role, and shape the answer. This one gives them what they read from.
 */
import type { AnalysisRepository } from '../repositories/analysis-repository.ts';
import { findEmergingHotSpots } from './emerging-hot-spots.ts';
import { findHotSpots } from './gi-star-hot-spots.ts';
import { comparePeriods } from './period-change.ts';
import type { SettingsService } from './settings-service.ts';
import { createStudyAreaUnits, type HotSpotContext } from './study-area-units.ts';

export function createHotSpotService(repository: AnalysisRepository, settings: SettingsService) {
  // One context per service: the H3 cover cache in it is shared by every analysis.
  const context: HotSpotContext = { repository, settings, units: createStudyAreaUnits(repository) };
  return {
    findHotSpots: findHotSpots.bind(null, context),
    findEmergingHotSpots: findEmergingHotSpots.bind(null, context),
    comparePeriods: comparePeriods.bind(null, context),
  };
}

export type HotSpotService = ReturnType<typeof createHotSpotService>;
