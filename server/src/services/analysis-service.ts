/** Analysis near the border (issue #5), inside the caller's area and redacted like every layer. */
import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import type { Account } from '../repositories/account-repository.ts';
import type { AnalysisRepository } from '../repositories/analysis-repository.ts';
import type { ClusterLayer } from '../repositories/analysis-sources.ts';
import type { KeyedPoint } from '../repositories/cluster-queries.ts';
import type { OperationalFilter } from '../repositories/operational-filter-sql.ts';
import type { LayerFilterQuery } from '../schemas/layer-filters.ts';
import { insideRing, type Ring } from '../domain/drawn-area.ts';
import { AppError } from '../errors.ts';
import { maySeePeople, seesExactIncidentLocations } from './redaction-policy.ts';
import {
  addCells,
  EMPTY_CELL,
  isSuppressed,
  publishBreakdown,
  publishCount,
  type Cell,
} from '../domain/disclosure-control.ts';
import { nationalityGroupOf } from './nationality-groups.ts';
import type { SettingsService } from './settings-service.ts';
import { toOperationalFilter } from './operational-filter.ts';

export const MAX_CLUSTERS = 200;

/** An H3 cell as a closed GeoJSON polygon, to 5 decimals (about 1 m). */
export function hexagonPolygon(h3: string): { type: 'Polygon'; coordinates: number[][][] } {
  const ring = cellToBoundary(h3, true).map(([lon, lat]) => [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5]);
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

/**
 * Counts per H3 cell (h3-js), each with the key sum of its records (for disclosure control). Resolution 5 (~250 km²)
 * to 9 (~0.1 km²).
 */
export function binIntoHexagons(points: KeyedPoint[], resolution: number): Map<string, Cell> {
  const counts = new Map<string, Cell>();
  for (const [lon, lat, key] of points) {
    const h3 = latLngToCell(lat, lon, resolution);
    counts.set(h3, addCells(counts.get(h3) ?? EMPTY_CELL, { count: 1, key }));
  }
  return counts;
}

export interface Extent {
  bbox?: [number, number, number, number];
  within?: Ring;
}

/** Whether a result's centre lies in the box and the drawn area (where there are any). */
export const insideExtent = (extent: Extent | undefined, lon: number, lat: number) =>
  (!extent?.bbox ||
    (lon >= extent.bbox[0] && lon <= extent.bbox[2] && lat >= extent.bbox[1] && lat <= extent.bbox[3])) &&
  (!extent?.within || insideRing(extent.within, lon, lat));

/**
 * For people and roles that may not see them, a bounding box must not choose which people are counted (a box drawn
 * around one home would isolate it): the analysis runs over the whole area and the box only picks which results are
 * returned, by their centre.
 */
function splitBox(account: Account, layer: ClusterLayer, filter: OperationalFilter) {
  if (layer !== 'residents' || maySeePeople(account.role)) return { filter, pick: undefined };
  return {
    filter: { ...filter, bbox: undefined, within: undefined },
    pick: { bbox: filter.bbox, within: filter.within },
  };
}

export function createAnalysisService(repository: AnalysisRepository, settings: SettingsService) {
  return {
    async countHexagons(
      account: Account,
      layer: ClusterLayer,
      resolution: number,
      query: LayerFilterQuery,
      withGeometry = true,
    ) {
      const { filter, pick } = splitBox(account, layer, toOperationalFilter(account, query));
      const [points, { smallCountThreshold }] = await Promise.all([
        repository.findPoints(layer, filter),
        settings.read(),
      ]);
      const people = layer === 'residents';
      const cells = [...binIntoHexagons(points, resolution)].sort(([a], [b]) => (a < b ? -1 : 1));
      const rows = cells.map(([h3, value]) => {
        const [lat, lon] = cellToLatLng(h3);
        return { h3, lon, lat, count: people ? publishCount(account.role, value, smallCountThreshold) : value.count };
      });
      return {
        layer,
        disclosureControl: people && !maySeePeople(account.role),
        parameters: { resolution, ...query },
        // Suppressed cells are left out like empty ones, so that the two cannot be told apart.
        cells: rows
          .filter((row) => !isSuppressed(row.count) && insideExtent(pick, row.lon, row.lat))
          .map((row) => ({ ...row, geometry: withGeometry ? hexagonPolygon(row.h3) : undefined })),
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
      const { filter, pick } = splitBox(account, layer, toOperationalFilter(account, query));
      const clusters = await repository.findClusters(
        layer,
        filter,
        distanceM,
        minPoints,
        MAX_CLUSTERS,
        // Blurred for people, and for the projector's viewer (who sees incident locations only generalised).
        hidesPeople || !seesExactIncidentLocations(account.role),
      );
      const count = (value: Cell) => (people ? publishCount(account.role, value, smallCountThreshold) : value.count);
      // A cluster's make-up of people: nationalities by group for roles that may not see people, small entries out.
      const makeUp = (counts: Record<string, Cell>, group?: (code: string) => string) =>
        people
          ? publishBreakdown(account.role, counts, smallCountThreshold, group)
          : Object.fromEntries(Object.entries(counts).map(([code, value]) => [code, value.count]));
      const rows = clusters.map((cluster) => ({
        size: count(cluster.size),
        // Who is in a cluster of people is personal; incidents and workplaces are not people.
        memberIds: hidesPeople ? [] : cluster.memberIds,
        hull: cluster.hull,
        lon: cluster.lon,
        lat: cluster.lat,
        // The first and last arrival of a cluster of people would date single members as eps or minPoints vary.
        from: hidesPeople ? null : cluster.from,
        to: hidesPeople ? null : cluster.to,
        types: makeUp(cluster.types),
        nationalities: makeUp(cluster.nationalities, hidesPeople ? nationalityGroupOf : undefined),
        landBorderKm: Math.round(cluster.landBorderKm * 10) / 10,
        seaBorderKm: Math.round(cluster.seaBorderKm * 10) / 10,
      }));
      return {
        layer,
        disclosureControl: hidesPeople,
        parameters: { distanceM, minPoints, ...query },
        clusters: rows
          .filter((row) => !isSuppressed(row.size) && insideExtent(pick, row.lon, row.lat))
          .map((row, rank) => ({ rank: rank + 1, ...row })),
      };
    },
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
