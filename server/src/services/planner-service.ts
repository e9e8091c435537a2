/**
 * The desa binaan planner's answer (issue #12): the candidates of the caller's area with their facts. The counts are
 * the layer service's, published for the role (a withheld count as 0), so the planner — which scores in the browser
 * with the same function (`domain/planner-score.ts`) — never sees a count of people its role may not see.
 */
import type { Account } from '../domain/actor.ts';
import { ringWkt } from '../domain/drawn-area.ts';
import { accountToday } from '../domain/time-zones.ts';
import { drawnArea } from './operational-filter.ts';
import { publishedNumber } from '../domain/disclosure-control.ts';
import {
  DEFAULT_WEIGHTS,
  DISTANCE_SCALE_KM,
  INCIDENT_TYPE_WEIGHTS,
  NEAR_KM,
  NORMALISATION,
} from '../domain/planner-score.ts';
import type { PlannerQueries } from '../repositories/planner-queries.ts';
import type { LayerService } from './layer-service.ts';
import { maySeePeople } from './redaction-policy.ts';
import { twelveSlicesBack } from './time-slices.ts';

export function createPlannerService(layers: LayerService, places: PlannerQueries) {
  return {
    async candidates(account: Account, query: { region?: string; within?: string }) {
      const areaCodes = account.areas.map((area) => area.code);
      // The account's own day (WIB, WITA or WIT), as the layers count it.
      const to = accountToday(areaCodes);
      const from = twelveSlicesBack(to, 'month');
      const region = query.region;
      const ring = drawnArea(query.within);
      const within = ring ? ringWkt(ring) : null;
      const [candidatePlaces, binaanPlaces, residents, incidents, workplaces] = await Promise.all([
        places.findCandidatePlaces(areaCodes, region ?? null, within),
        places.findBinaanPlaces(areaCodes, region ?? null, within),
        layers.summariseResidents(account, 'desa', { region }),
        layers.summariseIncidents(account, 'desa', { region, from, to }),
        layers.findWorkplaces(account, { region }),
      ]);
      const foreigners = new Map(residents.regions.map((row) => [row.code, publishedNumber(row.people)]));
      const incidentsByType = new Map(incidents.regions.map((row) => [row.code, row.byType]));
      const workers = new Map<string, number>();
      for (const workplace of workplaces.workplaces) {
        workers.set(
          workplace.desaCode,
          (workers.get(workplace.desaCode) ?? 0) + publishedNumber(workplace.foreignWorkers),
        );
      }
      return {
        disclosureControl: !maySeePeople(account.role),
        synthetic: residents.synthetic || incidents.synthetic,
        period: { from, to },
        weights: DEFAULT_WEIGHTS,
        incidentTypeWeights: INCIDENT_TYPE_WEIGHTS,
        distanceScaleKm: DISTANCE_SCALE_KM,
        normalisation: NORMALISATION,
        nearKm: NEAR_KM,
        candidates: candidatePlaces.map((place) => ({
          ...place,
          foreigners: foreigners.get(place.code) ?? 0,
          workers: workers.get(place.code) ?? 0,
          incidentsByType: incidentsByType.get(place.code) ?? {},
        })),
        binaan: binaanPlaces.map((place) => ({
          ...place,
          foreigners: foreigners.get(place.code) ?? 0,
          workers: workers.get(place.code) ?? 0,
          incidentsByType: incidentsByType.get(place.code) ?? {},
        })),
      };
    },
  };
}

export type PlannerService = ReturnType<typeof createPlannerService>;
