/**
 * The operational layers as a role may see them: the caller's area always limits the rows, and every count of
 * people passes through the redaction policy. Routes call this; they never query or redact on their own.
 */
import { STANDARD_BAND_EDGES } from '../schemas/vocabulary.ts';
import { withTransaction } from '../db/transaction.ts';
import type { Account } from '../repositories/account-repository.ts';
import type { OperationalFilter, OperationalRepository } from '../repositories/operational-repository.ts';
import type { LayerFilterQuery, RegionLevel } from '../schemas/layers.ts';
import { AppError } from '../errors.ts';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  generalise,
  mayReadIncidentText,
  maySeePeople,
  redactRecord,
  seesExactIncidentLocations,
} from './redaction-policy.ts';
import {
  addCells,
  cell,
  EMPTY_CELL,
  isSuppressed,
  publishBreakdown,
  publishCount,
  publishedNumber,
  type Cell,
} from '../domain/disclosure-control.ts';
import { ALL_KNOWN_CODES, codesOfGroup, nationalityGroupOf } from './nationality-groups.ts';
import { checkTileCoordinates } from './tile-service.ts';

const gzipAsync = promisify(gzipCallback);
/** Operational tiles differ per caller (area, filters), so they are not cached; gzip them off the event loop. */
const gzip = async (tile: Buffer) => (tile.length === 0 ? tile : gzipAsync(tile));
import type { FastifyRequest } from 'fastify';
import type { Pool } from '../db/pool.ts';
import type { NewIncidentBody } from '../schemas/layers.ts';
import type { AuditService } from './audit.ts';
import type { SettingsService } from './settings-service.ts';

export const MAX_INCIDENT_POINTS = 20_000;
export const MAX_RESIDENT_POINTS = 50_000;
export const DEFAULT_BAND_EDGES: readonly number[] = STANDARD_BAND_EDGES;

const recordNotFound = (kind: { id: string; en: string }, id: number) =>
  new AppError(404, 'NOT_FOUND', {
    id: `${kind.id} ${id} tidak ditemukan di wilayah Anda.`,
    en: `${kind.en} ${id} was not found in your area.`,
  });

const split = (list: string | undefined) => (list ? list.split(',') : undefined);

const refuse = (code: string, id: string, en: string) => new AppError(400, code, { id, en });

/** Whether a band is one of the standard bands (DEFAULT_BAND_EDGES): the only bands roles that may not see people use. */
export function isStandardBand(minKm: number, maxKm: number | null): boolean {
  // From 0 without an upper edge is every distance: no band at all.
  if (minKm === 0 && maxKm === null) return true;
  const index = DEFAULT_BAND_EDGES.indexOf(minKm);
  return index >= 0 && (DEFAULT_BAND_EDGES[index + 1] ?? null) === maxKm;
}

/**
 * What roles that may not see people may ask (ADR 0007): each of these restrictions closes a way of isolating a
 * person by combining requests. One breakdown at a time (nationality group, permit type or resident status), one
 * value each, nationalities only as groups, and only the standard distance bands.
 */
function checkProtectedQuery(query: LayerFilterQuery): void {
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
    bbox,
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

/**
 * For roles that may not see people, a bounding box picks whole regions of the level counted (every record of a
 * region that touches the box), never the records inside it: a box drawn around one home would isolate it.
 */
export function countingFilter(account: Account, filter: OperationalFilter, level: RegionLevel): OperationalFilter {
  return maySeePeople(account.role) || !filter.bbox ? filter : { ...filter, bboxWholeRegions: level };
}

export function createLayerService(
  pool: Pool,
  repository: OperationalRepository,
  settings: SettingsService,
  audit: AuditService,
) {
  const threshold = async () => (await settings.read()).smallCountThreshold;

  /**
   * The residents per region as the role may see them: counts published (ADR 0007); for roles that may not see people
   * a suppressed region is not listed, so that it looks like a region without anyone.
   */
  async function publishedRegions(account: Account, level: RegionLevel, query: LayerFilterQuery) {
    const filter = countingFilter(account, toOperationalFilter(account, query), level);
    const [rows, limit] = await Promise.all([repository.summariseResidents(level, filter), threshold()]);
    const count = (value: Cell) => publishCount(account.role, value, limit);
    const regions = rows.map((row) => ({
      code: row.code,
      name: row.name,
      people: count(row.people),
      overstay: count(row.overstay),
      overstayOver60Days: count(row.overstayOver60Days),
      expiringWithin30Days: count(row.expiringWithin30Days),
    }));
    return maySeePeople(account.role) ? regions : regions.filter((region) => !isSuppressed(region.people));
  }

  return {
    async summariseResidents(account: Account, level: RegionLevel, query: LayerFilterQuery) {
      const [regions, synthetic] = await Promise.all([
        publishedRegions(account, level, query),
        repository.hasSyntheticData(),
      ]);
      return { level, synthetic, disclosureControl: !maySeePeople(account.role), regions };
    },

    async summariseIncidents(account: Account, level: RegionLevel, query: LayerFilterQuery) {
      const filter = countingFilter(account, toOperationalFilter(account, query), level);
      const [rows, limit, synthetic] = await Promise.all([
        repository.summariseIncidents(level, filter),
        threshold(),
        repository.hasSyntheticData(),
      ]);
      const regions = new Map<
        string,
        { code: string; name: string; incidents: number; people: Cell; byType: Record<string, number> }
      >();
      for (const row of rows) {
        const region = regions.get(row.code) ?? {
          code: row.code,
          name: row.name,
          incidents: 0,
          people: EMPTY_CELL,
          byType: {},
        };
        region.incidents += row.incidents;
        region.people = addCells(region.people, row.people);
        region.byType[row.type] = row.incidents;
        regions.set(row.code, region);
      }
      return {
        level,
        synthetic,
        disclosureControl: !maySeePeople(account.role),
        // People involved, summed per region: only for roles that may see people. Incident filters take lists and any
        // period, so for the others these sums could be re-composed from many cells and averaged (ADR 0007).
        regions: [...regions.values()].map((region) => ({
          ...region,
          people: maySeePeople(account.role) ? publishCount(account.role, region.people, limit) : null,
        })),
      };
    },

    /**
     * The summary strip for the current view. For roles that may not see people, the people it shows are the sum of
     * the published counts of the regions of `level` in view — nothing a combination of views could difference.
     */
    async summariseView(account: Account, query: LayerFilterQuery & { level?: RegionLevel }) {
      const { level = 'kabupaten', ...filters } = query;
      const filter = toOperationalFilter(account, filters);
      const [people, incidents, synthetic] = await Promise.all([
        maySeePeople(account.role)
          ? repository.countResidents(filter).then((counts) => ({
              people: counts.people.count,
              overstay: counts.overstay.count,
              expiringWithin30Days: counts.expiringWithin30Days.count,
            }))
          : publishedRegions(account, level, filters).then((regions) => {
              const sum = (pick: (region: (typeof regions)[number]) => number | string) =>
                regions.reduce((total, region) => total + publishedNumber(pick(region)), 0);
              return {
                people: sum((region) => region.people),
                overstay: sum((region) => region.overstay),
                expiringWithin30Days: sum((region) => region.expiringWithin30Days),
              };
            }),
        repository.summariseIncidents(null, filter),
        repository.hasSyntheticData(),
      ]);
      const incidentsByType = Object.fromEntries(incidents.map((row) => [row.type, row.incidents]));
      return {
        synthetic,
        disclosureControl: !maySeePeople(account.role),
        ...people,
        incidents: incidents.reduce((sum, row) => sum + row.incidents, 0),
        incidentsByType,
      };
    },

    async findWorkplaces(account: Account, query: LayerFilterQuery) {
      const [workplaces, limit, synthetic] = await Promise.all([
        repository.findWorkplaces(toOperationalFilter(account, query)),
        threshold(),
        repository.hasSyntheticData(),
      ]);
      const count = (value: Cell) => publishCount(account.role, value, limit);
      return {
        synthetic,
        disclosureControl: !maySeePeople(account.role),
        workplaces: workplaces.map((workplace) => ({
          ...workplace,
          foreignWorkers: count(workplace.foreignWorkers),
          // For roles that may not see people: by nationality group, entries below the threshold left out.
          byNationality: publishBreakdown(account.role, workplace.byNationality, limit, nationalityGroupOf),
        })),
      };
    },

    async findDesaBinaan(account: Account, query: LayerFilterQuery) {
      const rows = await repository.findDesaBinaan(toOperationalFilter(account, query));
      return { desaBinaan: rows.map((row) => redactRecord('desaBinaan', account.role, { ...row })) as typeof rows };
    },

    findTimporaTeams: (account: Account) => repository.findTimporaTeams(account.areas.map((area) => area.code)),

    /** Exact home locations: only roles that may see people reach this (the route allows intel only). */
    async findResidentPoints(account: Account, query: LayerFilterQuery) {
      if (!maySeePeople(account.role))
        throw new AppError(403, 'FORBIDDEN', { id: 'Tidak diizinkan.', en: 'Not allowed.' });
      const points = await repository.findResidentPoints(toOperationalFilter(account, query), MAX_RESIDENT_POINTS + 1);
      return { truncated: points.length > MAX_RESIDENT_POINTS, points: points.slice(0, MAX_RESIDENT_POINTS) };
    },

    /** One person's record: for roles that may see people only (the route allows intel alone; this is the backstop). */
    async findResident(account: Account, id: number) {
      if (!maySeePeople(account.role))
        throw new AppError(403, 'FORBIDDEN', { id: 'Tidak diizinkan.', en: 'Not allowed.' });
      const record = await repository.findResident(
        id,
        account.areas.map((area) => area.code),
      );
      if (!record) throw recordNotFound({ id: 'Orang asing', en: 'Foreign resident' }, id);
      return redactRecord('foreignResident', account.role, record);
    },

    async findIncident(account: Account, id: number) {
      const record = await repository.findIncident(
        id,
        account.areas.map((area) => area.code),
      );
      if (!record) throw recordNotFound({ id: 'Kejadian', en: 'Incident' }, id);
      const limit = await threshold();
      const { disclosureKey, description, ...rest } = record;
      const redacted = redactRecord('incident', account.role, rest);
      const exact = seesExactIncidentLocations(account.role);
      return {
        ...redacted,
        ...(exact ? {} : { lon: generalise(Number(record.lon)), lat: generalise(Number(record.lat)) }),
        locationGeneralised: !exact,
        description: mayReadIncidentText(account.role, account.agency.code, String(record.reportingAgency))
          ? description
          : null,
        peopleCount: publishCount(account.role, cell(record.peopleCount as number, disclosureKey as number), limit),
      };
    },

    /** Files one incident at a point picked on the map, inside the caller's area; audited with what was filed. */
    async fileIncident(request: FastifyRequest, body: NewIncidentBody) {
      const account = request.account!;
      return withTransaction(pool, async (client) => {
        const created = await repository.insertIncident(client, {
          ...body,
          description: body.description ?? null,
          reportingAgency: account.agency.code,
          accountId: account.id,
        });
        if (!created) {
          throw new AppError(400, 'OUTSIDE_COVERAGE', {
            id: 'Titik ini tidak berada di desa/kelurahan mana pun yang dimuat Pantau.',
            en: 'This point is not in any desa/kelurahan Pantau holds.',
          });
        }
        if (!account.areas.some((area) => created.desaCode.startsWith(`${area.code}.`))) {
          throw new AppError(403, 'OUTSIDE_AREA', {
            id: `Desa ${created.desa} di luar wilayah akun Anda.`,
            en: `Desa ${created.desa} is outside your account's area.`,
          });
        }
        await audit.record(
          request,
          {
            action: 'incident.create',
            targetType: 'incident',
            targetId: String(created.id),
            // Not the free text: the audit trail is read by admins, and the text is for the filing agency (ADR 0007).
            after: {
              type: body.type,
              occurredAt: body.occurredAt,
              desaCode: created.desaCode,
              severity: body.severity,
            },
          },
          client,
        );
        return created;
      });
    },

    async findIncidentTile(
      account: Account,
      query: LayerFilterQuery,
      z: number,
      x: number,
      y: number,
    ): Promise<Buffer> {
      checkTileCoordinates(z, x, y);
      const generalised = !seesExactIncidentLocations(account.role);
      return gzip(await repository.findIncidentTile(toOperationalFilter(account, query), z, x, y, generalised));
    },

    async findResidentTile(
      account: Account,
      query: LayerFilterQuery,
      z: number,
      x: number,
      y: number,
    ): Promise<Buffer> {
      if (!maySeePeople(account.role))
        throw new AppError(403, 'FORBIDDEN', { id: 'Tidak diizinkan.', en: 'Not allowed.' });
      checkTileCoordinates(z, x, y);
      return gzip(await repository.findResidentTile(toOperationalFilter(account, query), z, x, y));
    },

    /** Distance bands to the border: default 0–5, 5–15, 15–30, 30–50 and over 50 km, adjustable (issue #5). */
    async summariseBorderBands(account: Account, query: LayerFilterQuery & { bands?: string }) {
      const { bands, ...filters } = query;
      const edges = (bands ?? DEFAULT_BAND_EDGES.join(',')).split(',').map(Number);
      if (edges[0] !== 0 || edges.some((edge, index) => index > 0 && edge <= edges[index - 1]!)) {
        throw new AppError(400, 'INVALID_BANDS', {
          id: 'Batas pita jarak harus dimulai dari 0 dan terus naik, mis. 0,5,15,30,50.',
          en: 'Band edges must start at 0 and increase, e.g. 0,5,15,30,50.',
        });
      }
      const kind = query.borderKind ?? 'nearest';
      const standard = edges.join(',') === DEFAULT_BAND_EDGES.join(',');
      // The bands are the filter here: any band filter of the request is not applied on top.
      // A box picks whole desa for roles that may not see people (the bands are made of desa).
      const filter = countingFilter(
        account,
        toOperationalFilter(account, { ...filters, borderMinKm: undefined, borderMaxKm: undefined }),
        'desa',
      );
      const [rows, limit] = await Promise.all([repository.countByBorderBand(filter, kind, edges), threshold()]);
      return {
        kind,
        disclosureControl: !maySeePeople(account.role),
        bands: rows.map((row) => ({
          minKm: edges[row.band]!,
          maxKm: edges[row.band + 1] ?? null,
          // Only the standard bands are cells these roles may see; other edges would re-compose them.
          residents: maySeePeople(account.role) || standard ? publishCount(account.role, row.residents, limit) : null,
          incidents: row.incidents,
          desa: row.desa,
        })),
      };
    },

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
  };
}

export type LayerService = ReturnType<typeof createLayerService>;
