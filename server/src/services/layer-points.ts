/**
 * The operational layers point by point: incident and resident points for the map, and the same as vector tiles.
 * Homes are for roles that may see people only; incidents are generalised for roles that do not see them exactly.
 */
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Account } from '../domain/actor.ts';
import { publishCount } from '../domain/disclosure-control.ts';
import type { OperationalRepository } from '../repositories/operational-repository.ts';
import type { LayerFilterQuery } from '../schemas/layer-filters.ts';
import { toOperationalFilter } from './operational-filter.ts';
import { checkSeesPeople } from './protected-query.ts';
import { generalise, maySeePeople, seesExactIncidentLocations } from './redaction-policy.ts';
import { checkTileCoordinates } from './tile-service.ts';

export const MAX_INCIDENT_POINTS = 20_000;
export const MAX_RESIDENT_POINTS = 50_000;

const gzipAsync = promisify(gzipCallback);
/** Operational tiles differ per caller (area, filters), so they are not cached; gzip them off the event loop. */
const gzip = async (tile: Buffer) => (tile.length === 0 ? tile : gzipAsync(tile));

/** `threshold` reads the small-count threshold in force (a setting an admin may change). */
export function createLayerPoints(repository: OperationalRepository, threshold: () => Promise<number>) {
  return {
    async findIncidentPoints(account: Account, query: LayerFilterQuery) {
      const exact = seesExactIncidentLocations(account.role);
      const [points, limit] = await Promise.all([
        repository.findIncidentPoints(toOperationalFilter(account, query), MAX_INCIDENT_POINTS + 1),
        threshold(),
      ]);
      return {
        truncated: points.length > MAX_INCIDENT_POINTS,
        locationGeneralised: !exact,
        points: points.slice(0, MAX_INCIDENT_POINTS).map(({ reportingAgency: _agency, ...point }) => ({
          ...point,
          ...(exact ? {} : { lon: generalise(point.lon), lat: generalise(point.lat) }),
          peopleCount: publishCount(account.role, point.peopleCount, limit),
        })),
      };
    },

    /** Exact home locations: only roles that may see people reach this (the route allows intel only). */
    async findResidentPoints(account: Account, query: LayerFilterQuery) {
      checkSeesPeople(account.role);
      const points = await repository.findResidentPoints(toOperationalFilter(account, query), MAX_RESIDENT_POINTS + 1);
      return { truncated: points.length > MAX_RESIDENT_POINTS, points: points.slice(0, MAX_RESIDENT_POINTS) };
    },

    async findIncidentTile(
      account: Account,
      query: LayerFilterQuery,
      z: number,
      x: number,
      y: number,
    ): Promise<Buffer> {
      checkTileCoordinates(z, x, y);
      // The filter snaps incidents to the grid for roles that do not see them exactly (the viewer).
      const filter = toOperationalFilter(account, query);
      // The number of people involved only for roles that may see people (exact); the others' tiles carry none, so a
      // tile holds no count of people at all for them (the details drawer shows the published one).
      return gzip(await repository.findIncidentTile(filter, z, x, y, maySeePeople(account.role)));
    },

    async findResidentTile(
      account: Account,
      query: LayerFilterQuery,
      z: number,
      x: number,
      y: number,
    ): Promise<Buffer> {
      checkSeesPeople(account.role);
      checkTileCoordinates(z, x, y);
      return gzip(await repository.findResidentTile(toOperationalFilter(account, query), z, x, y));
    },
  };
}
