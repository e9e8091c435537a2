/**
 * The region brief (issue #11): one kabupaten or kecamatan of the caller's area as a PDF for a meeting. Every number
 * comes from the layer service — the same answers the map gets for this role, with its redaction and disclosure
 * control (ADR 0007) — and nothing personal is printed: no names, passports, phone numbers or incident texts, for any
 * role. Each export is audited (`export.pdf`), as is a refused one.
 */
import { insideArea, type Account, type SignedInActor } from '../domain/actor.ts';
import { suppressedMarker } from '../domain/disclosure-control.ts';
import { accountToday, timeZoneOf } from '../domain/time-zones.ts';
import { AppError } from '../errors.ts';
import { BRIEF_LABELS } from '../exports/brief-labels.ts';
import { renderBrief, type BriefContent } from '../exports/brief-document.ts';
import { CONTENT } from '../exports/pdf-layout.ts';
import { simplificationTolerance } from '../exports/pdf-map.ts';
import type { BriefGeometryQueries, BriefRegion } from '../repositories/brief-geometry-queries.ts';
import type { BriefQuery } from '../schemas/exports.ts';
import { INCIDENT_TYPES, type IncidentType } from '../schemas/vocabulary.ts';
import type { AuditService } from './audit.ts';
import { boundaryAttribution } from './basemap-style.ts';
import type { LayerService } from './layer-service.ts';
import { toOperationalFilter } from './operational-filter.ts';
import { maySeePeople } from './redaction-policy.ts';
import type { SettingsService } from './settings-service.ts';
import { buildSlices, twelveSlicesBack } from './time-slices.ts';

/** Up to three years as monthly bars; longer periods (up to ten years) as quarters. */
const MONTHLY_UP_TO = 36;
const LONGEST_PERIOD_MONTHS = 120;

/** The map's share of the first page, for the simplification of the boundaries. */
const MAP_BOX = { x: 0, y: 0, width: 470, height: CONTENT.height - 80 };

export interface PdfFile {
  fileName: string;
  body: Buffer;
}

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

export function createPdfBriefService(
  layers: LayerService,
  settings: SettingsService,
  geometry: BriefGeometryQueries,
  audit: AuditService,
) {
  /** The period asked for, or the last 12 calendar months to the account's today; checked like any filter's. */
  function periodOf(account: Account, query: BriefQuery): { from: string; to: string } {
    const to = query.to ?? accountToday(account.areas.map((area) => area.code));
    const from = query.from ?? twelveSlicesBack(to, 'month');
    toOperationalFilter(account, { region: query.region, from, to });
    if (monthsBetween(from, to) > LONGEST_PERIOD_MONTHS) {
      throw new AppError(400, 'PERIOD_TOO_LONG', {
        id: `Periode ringkasan paling lama ${LONGEST_PERIOD_MONTHS / 12} tahun.`,
        en: `A brief covers at most ${LONGEST_PERIOD_MONTHS / 12} years.`,
      });
    }
    return { from, to };
  }

  async function findRegionFor(actor: SignedInActor, query: BriefQuery): Promise<BriefRegion> {
    const region = await geometry.findBriefRegion(query.region);
    if (!region) {
      throw new AppError(404, 'REGION_NOT_FOUND', {
        id: `Tidak ada kabupaten atau kecamatan dengan kode ${query.region}.`,
        en: `There is no kabupaten or kecamatan with the code ${query.region}.`,
      });
    }
    if (!insideArea(actor.account, region.code)) {
      await audit.record(actor, {
        action: 'export.pdf',
        targetType: 'region',
        targetId: region.code,
        outcome: 'denied',
        details: { reason: 'outside area', lang: query.lang },
      });
      throw new AppError(403, 'REGION_OUTSIDE_AREA', {
        id: `Wilayah ${region.code} di luar wilayah kerja akun Anda.`,
        en: `Region ${region.code} is outside your account’s area.`,
      });
    }
    return region;
  }

  /** Incidents per type in each month (or quarter) of the period, the first and last cut to the period. */
  async function incidentsOverTime(account: Account, region: BriefRegion, period: { from: string; to: string }) {
    const slice = monthsBetween(period.from, period.to) <= MONTHLY_UP_TO ? 'month' : 'quarter';
    const slices = buildSlices(period.from, period.to, slice).map((entry) => ({
      first: entry.first < period.from ? period.from : entry.first,
      last: entry.last,
      start: entry.first,
    }));
    const answers = await Promise.all(
      slices.map((entry) =>
        layers.summariseIncidents(account, region.level, { region: region.code, from: entry.first, to: entry.last }),
      ),
    );
    const byType = Object.fromEntries(
      INCIDENT_TYPES.map((type) => [
        type,
        answers.map((answer) => answer.regions.find((row) => row.code === region.code)?.byType[type] ?? 0),
      ]),
    ) as Record<IncidentType, number[]>;
    return { slice, periods: slices.map((entry) => entry.start), byType } as const;
  }

  async function gatherContent(
    account: Account,
    region: BriefRegion,
    period: { from: string; to: string },
    lang: BriefQuery['lang'],
  ): Promise<BriefContent> {
    const filters = { region: region.code, from: period.from, to: period.to };
    const [{ smallCountThreshold, classification }, residents, incidents, perDesa, binaan, teams, shapes, overTime] =
      await Promise.all([
        settings.read(),
        // Residents as at the period's end: the region's own roll-up, as the map shows it at this level.
        layers.summariseResidents(account, region.level, { region: region.code, to: period.to }),
        layers.summariseIncidents(account, region.level, filters),
        layers.summariseIncidents(account, 'desa', filters),
        layers.findDesaBinaan(account, { region: region.code }),
        layers.findTimporaTeams(account),
        geometry.findRegionGeometry(region, simplificationTolerance(region.bbox, MAP_BOX)),
        incidentsOverTime(account, region, period),
      ]);
    // A region left out of the roll-up is one whose count is suppressed for this role (ADR 0007).
    const own = residents.regions.find((row) => row.code === region.code);
    const hidden = suppressedMarker(smallCountThreshold);
    const incidentRow = incidents.regions.find((row) => row.code === region.code);
    const regionTeams = teams.teams.filter(
      (team) => team.kecamatanCode === region.code || team.kecamatanCode.startsWith(`${region.code}.`),
    );
    return {
      lang,
      region,
      period,
      generatedAt: new Date(),
      timeZone: timeZoneOf(region.code),
      agencyName: account.agency.name[lang],
      classification,
      source: `${BRIEF_LABELS[lang].source}; ${boundaryAttribution(lang)}`,
      synthetic: residents.synthetic || incidents.synthetic,
      map: {
        layers: {
          bbox: region.bbox,
          units: shapes.desa,
          outlines:
            region.level === 'kabupaten'
              ? [
                  { areas: shapes.kecamatan, width: 1.1 },
                  { areas: shapes.outline, width: 1.8 },
                ]
              : [{ areas: shapes.outline, width: 1.8 }],
        },
        incidents: new Map(perDesa.regions.map((row) => [row.code, row.incidents])),
        desaBinaan: new Set(binaan.desaBinaan.map((desa) => desa.desaCode)),
        markers: binaan.desaBinaan.map((desa) => [desa.lon, desa.lat] as const),
      },
      keyNumbers: {
        residents: own?.people ?? hidden,
        overstays: own?.overstay ?? hidden,
        expiringWithin30Days: own?.expiringWithin30Days ?? hidden,
        incidents: incidentRow?.incidents ?? 0,
        peopleInvolved: maySeePeople(account.role) ? (incidentRow?.people ?? 0) : null,
        desaBinaan: binaan.desaBinaan.length,
        teamsFormed: regionTeams.filter((team) => team.formed).length,
        teamsTarget: regionTeams.length,
        disclosureControl: residents.disclosureControl,
        threshold: smallCountThreshold,
      },
      incidentsOverTime: overTime,
      incidentsByType: incidentRow?.byType ?? {},
      // Only these fields are printed: never the PIMPASA's name or phone, whatever the role's answer holds.
      desaBinaan: binaan.desaBinaan.map((desa) => ({
        name: desa.name,
        kecamatan: desa.kecamatan,
        status: desa.status,
        inauguratedOn: desa.inauguratedOn,
      })),
      teams: regionTeams.map((team) => ({
        kecamatan: team.name,
        formed: team.formed,
        formedOn: team.formedOn,
        members: team.members,
      })),
    };
  }

  return {
    /** The brief of one region for the caller: refused outside the area (403) or for an unknown code (404). */
    async exportBrief(actor: SignedInActor, query: BriefQuery): Promise<PdfFile> {
      const account = actor.account;
      const period = periodOf(account, query);
      const region = await findRegionFor(actor, query);
      const content = await gatherContent(account, region, period, query.lang);
      await audit.record(actor, {
        action: 'export.pdf',
        targetType: 'region',
        targetId: region.code,
        details: {
          kind: 'brief',
          level: region.level,
          from: period.from,
          to: period.to,
          lang: query.lang,
          classification: content.classification,
        },
      });
      return { fileName: `ringkasan-${region.code}-${period.to}.pdf`, body: await renderBrief(content) };
    },
  };
}

export type PdfBriefService = ReturnType<typeof createPdfBriefService>;
