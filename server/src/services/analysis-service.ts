/** Analysis near the border (issue #5), inside the caller's area and redacted like every layer. */
import type { Account } from '../repositories/account-repository.ts';
import type { AnalysisRepository, ClusterLayer } from '../repositories/analysis-repository.ts';
import type { LayerFilterQuery } from '../schemas/layers.ts';
import { AppError } from '../errors.ts';
import { maySeePeople, redactCount } from './redaction-policy.ts';
import type { SettingsService } from './settings-service.ts';
import { toOperationalFilter } from './layer-service.ts';

export const MAX_CLUSTERS = 200;

export function createAnalysisService(repository: AnalysisRepository, settings: SettingsService) {
  return {
    async findClusters(
      account: Account,
      layer: ClusterLayer,
      distanceM: number,
      minPoints: number,
      query: LayerFilterQuery,
    ) {
      const { smallCountThreshold } = await settings.read();
      const people = layer === 'residents';
      if (people && minPoints < smallCountThreshold && !maySeePeople(account.role)) {
        throw new AppError(400, 'MIN_POINTS_TOO_SMALL', {
          id: `Untuk peran Anda, kluster orang harus berisi minimal ${smallCountThreshold} orang.`,
          en: `For your role, clusters of people must have at least ${smallCountThreshold} members.`,
        });
      }
      const clusters = await repository.findClusters(
        layer,
        toOperationalFilter(account, query),
        distanceM,
        minPoints,
        MAX_CLUSTERS,
      );
      return {
        layer,
        parameters: { distanceM, minPoints, ...query },
        clusters: clusters.map((cluster, rank) => ({
          rank: rank + 1,
          size: people ? redactCount(account.role, cluster.size, smallCountThreshold) : cluster.size,
          // Who is in a cluster of people is personal; incidents and workplaces are not people.
          memberIds: people && !maySeePeople(account.role) ? [] : cluster.memberIds,
          hull: cluster.hull,
          lon: cluster.lon,
          lat: cluster.lat,
          from: cluster.from,
          to: cluster.to,
          types: cluster.types,
          nationalities:
            people && !maySeePeople(account.role)
              ? Object.fromEntries(
                  Object.entries(cluster.nationalities).map(([code, n]) => [
                    code,
                    redactCount(account.role, n, smallCountThreshold),
                  ]),
                )
              : cluster.nationalities,
          landBorderKm: Math.round(cluster.landBorderKm * 10) / 10,
          seaBorderKm: Math.round(cluster.seaBorderKm * 10) / 10,
        })),
      };
    },
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
