/** Analysis near the border (issue #5), inside the caller's area and redacted like every layer. */
import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import type { Account } from '../repositories/account-repository.ts';
import type { AnalysisRepository, ClusterLayer } from '../repositories/analysis-repository.ts';
import type { LayerFilterQuery } from '../schemas/layers.ts';
import { AppError } from '../errors.ts';
import { maySeePeople, redactCount } from './redaction-policy.ts';
import type { SettingsService } from './settings-service.ts';
import { toOperationalFilter } from './layer-service.ts';

export const MAX_CLUSTERS = 200;

/** An H3 cell as a closed GeoJSON polygon, to 5 decimals (about 1 m). */
export function hexagonPolygon(h3: string): { type: 'Polygon'; coordinates: number[][][] } {
  const ring = cellToBoundary(h3, true).map(([lon, lat]) => [
    Math.round(lon! * 1e5) / 1e5,
    Math.round(lat! * 1e5) / 1e5,
  ]);
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

/**
 * Counts per H3 cell (h3-js). Resolution 5 (~250 km²) to 9 (~0.1 km²). For roles that may not see people, a cell of
 * residents with fewer than the threshold shows "< 3", like every other count of people.
 */
export function binIntoHexagons(points: [number, number][], resolution: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [lon, lat] of points) {
    const cell = latLngToCell(lat, lon, resolution);
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  return counts;
}

export function createAnalysisService(repository: AnalysisRepository, settings: SettingsService) {
  return {
    async countHexagons(account: Account, layer: ClusterLayer, resolution: number, query: LayerFilterQuery) {
      const [points, { smallCountThreshold }] = await Promise.all([
        repository.findPoints(layer, toOperationalFilter(account, query)),
        settings.read(),
      ]);
      const people = layer === 'residents';
      const cells = [...binIntoHexagons(points, resolution)].sort(([a], [b]) => (a < b ? -1 : 1));
      return {
        layer,
        parameters: { resolution, ...query },
        cells: cells.map(([h3, count]) => {
          const [lat, lon] = cellToLatLng(h3);
          return {
            h3,
            lon,
            lat,
            count: people ? redactCount(account.role, count, smallCountThreshold) : count,
            geometry: hexagonPolygon(h3),
          };
        }),
      };
    },

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
      const hidesPeople = people && !maySeePeople(account.role);
      const clusters = await repository.findClusters(
        layer,
        toOperationalFilter(account, query),
        distanceM,
        minPoints,
        MAX_CLUSTERS,
        hidesPeople,
      );
      const redactAll = (counts: Record<string, number>) =>
        hidesPeople
          ? Object.fromEntries(
              Object.entries(counts).map(([code, n]) => [code, redactCount(account.role, n, smallCountThreshold)]),
            )
          : counts;
      return {
        layer,
        parameters: { distanceM, minPoints, ...query },
        clusters: clusters.map((cluster, rank) => ({
          rank: rank + 1,
          size: people ? redactCount(account.role, cluster.size, smallCountThreshold) : cluster.size,
          // Who is in a cluster of people is personal; incidents and workplaces are not people.
          memberIds: hidesPeople ? [] : cluster.memberIds,
          hull: cluster.hull,
          lon: cluster.lon,
          lat: cluster.lat,
          from: cluster.from,
          to: cluster.to,
          types: redactAll(cluster.types),
          nationalities: redactAll(cluster.nationalities),
          landBorderKm: Math.round(cluster.landBorderKm * 10) / 10,
          seaBorderKm: Math.round(cluster.seaBorderKm * 10) / 10,
        })),
      };
    },
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
