/**
 * A layer query and the caller's account → the `OperationalFilter` the repositories take. The account's area always
 * applies; roles that may not see people pass the protected-query rules first (server/src/services/protected-query.ts).
 */
import type { Account } from '../domain/actor.ts';
import { MAX_DRAWN_VERTICES, parseRing, ringBox, type Ring } from '../domain/drawn-area.ts';
import { AppError } from '../errors.ts';
import type { OperationalFilter } from '../repositories/operational-filter-sql.ts';
import type { LayerFilterQuery } from '../schemas/layer-filters.ts';
import { ALL_KNOWN_CODES, codesOfGroup } from './nationality-groups.ts';
import { checkProtectedQuery } from './protected-query.ts';
import { maySeePeople, seesExactIncidentLocations } from './redaction-policy.ts';

const split = (list: string | undefined) => (list ? list.split(',') : undefined);

/** The corners of a drawn area (`within`), or a 400 INVALID_AREA when it encloses no area. */
export function drawnArea(within: string | undefined): Ring | undefined {
  if (within === undefined) return undefined;
  const ring = parseRing(within);
  if (ring) return ring;
  throw new AppError(400, 'INVALID_AREA', {
    id: `Area gambar harus 3 sampai ${MAX_DRAWN_VERTICES} titik sudut bujur,lintang dalam derajat yang melingkupi luas.`,
    en: `A drawn area must be 3 to ${MAX_DRAWN_VERTICES} corners of lon,lat in degrees that enclose an area.`,
  });
}

export function toOperationalFilter(account: Account, query: LayerFilterQuery): OperationalFilter {
  const bbox = query.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
  if (
    bbox &&
    (bbox[0] >= bbox[2] ||
      bbox[1] >= bbox[3] ||
      bbox.some((value, index) => Math.abs(value) > (index % 2 === 0 ? 180 : 90)))
  ) {
    throw new AppError(400, 'INVALID_BBOX', {
      id: 'bbox harus barat,selatan,timur,utara dalam derajat, dengan barat < timur dan selatan < utara.',
      en: 'bbox must be west,south,east,north in degrees, with west < east and south < north.',
    });
  }
  const within = drawnArea(query.within);
  if (query.from && query.to && query.from > query.to) {
    throw new AppError(400, 'INVALID_PERIOD', {
      id: `Tanggal awal (${query.from}) setelah tanggal akhir (${query.to}).`,
      en: `The start date (${query.from}) is after the end date (${query.to}).`,
    });
  }
  if (query.borderMinKm !== undefined && query.borderMaxKm !== undefined && query.borderMinKm >= query.borderMaxKm) {
    throw new AppError(400, 'INVALID_BAND', {
      id: `Jarak minimum (${query.borderMinKm} km) harus lebih kecil dari jarak maksimum (${query.borderMaxKm} km).`,
      en: `The minimum distance (${query.borderMinKm} km) must be less than the maximum (${query.borderMaxKm} km).`,
    });
  }
  const protectedRole = !maySeePeople(account.role);
  if (protectedRole) checkProtectedQuery(query);
  const banded = query.borderMinKm !== undefined || query.borderMaxKm !== undefined;
  const group = query.nationalityGroup;
  return {
    areaCodes: account.areas.map((area) => area.code),
    border: banded
      ? { kind: query.borderKind ?? 'nearest', minKm: query.borderMinKm ?? 0, maxKm: query.borderMaxKm ?? null }
      : undefined,
    // The drawn area's box stands in for a box where none is given, so every rule about boxes holds for it.
    bbox: bbox ?? (within ? ringBox(within) : undefined),
    within,
    region: query.region,
    from: query.from,
    to: query.to,
    // People are counted as at the end of the period for these roles: a period's start would let the same day's
    // stock be re-composed from many different sets of people.
    residentsAtEnd: protectedRole,
    // The projector's viewer: incidents are placed, filtered and binned by their generalised location only.
    snapIncidents: !seesExactIncidentLocations(account.role),
    nationalities: group ? codesOfGroup(group) : split(query.nationality),
    unknownNationalities: group === 'lainnya' ? ALL_KNOWN_CODES : undefined,
    permitTypes: split(query.permitType),
    residentStatuses: split(query.residentStatus),
    incidentTypes: split(query.incidentType),
    incidentStatuses: split(query.incidentStatus),
  };
}
