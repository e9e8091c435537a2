/** Builds synthetic records in memory (deterministic for a seed and a date); demo-data.ts writes them. */
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus } from '../schemas/vocabulary.ts';
import { loadDesaSampler, type DesaCandidate, type DesaSampler } from './desa-weights.ts';
import {
  FALLBACK_NAMES,
  INCIDENT_TYPE_WEIGHTS,
  NAME_PARTS,
  NATIONALITY_MIX,
  PLANTED_CLUSTERS,
  SECTORS_BY_PROVINCE,
} from './profiles.ts';
import type { Random } from './random.ts';

export { loadDesaSampler, type DesaSampler };

const DAY_MS = 86_400_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

export function personName(random: Random, nationality: string): string {
  const parts = NAME_PARTS[nationality] ?? FALLBACK_NAMES;
  return `${random.pick(parts.given)} ${random.pick(parts.family)}`;
}

function nationalityFor(random: Random, provinsi: string): string {
  const mix = NATIONALITY_MIX[provinsi] ?? NATIONALITY_MIX['61']!;
  return random.weighted(Object.keys(mix), Object.values(mix));
}

export interface WorkplaceRecord {
  company: string;
  sector: string;
  desaCode: string;
  workers: { nationality: string; workers: number }[];
}

const COMPANY_WORDS = [
  'Sinar',
  'Borneo',
  'Khatulistiwa',
  'Mitra',
  'Lestari',
  'Nusantara',
  'Jaya',
  'Makmur',
  'Abadi',
  'Sentosa',
];

export function buildWorkplaces(random: Random, sampler: DesaSampler, count: number): WorkplaceRecord[] {
  return Array.from({ length: count }, () => {
    // Plantations and mines lie in rural desa; factories in towns: prefer desa for land sectors.
    const desa = sampler.pick(random, (candidate) => (candidate.kind === 'desa' ? 3 : 1));
    const sectors = SECTORS_BY_PROVINCE[desa.provinsi] ?? SECTORS_BY_PROVINCE['61']!;
    const sector = random.weighted(Object.keys(sectors), Object.values(sectors));
    const nationalities = new Set(
      Array.from({ length: random.integer(1, 3) }, () => nationalityFor(random, desa.provinsi)),
    );
    return {
      company: `PT ${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_WORDS)} ${sector === 'kelapa_sawit' ? 'Sawit' : sector === 'tambang' ? 'Mineral' : 'Indah'}`,
      sector,
      desaCode: desa.code,
      workers: [...nationalities].map((nationality) => ({ nationality, workers: random.integer(1, 40) })),
    };
  });
}

export interface ResidentRecord {
  fullName: string;
  nationality: string;
  sex: 'M' | 'F';
  birthYear: number;
  passportNumber: string;
  permitType: string;
  permitNumber: string;
  permitIssuedOn: string;
  permitExpiresOn: string | null;
  sponsor: string | null;
  workplaceIndex: number | null;
  desaCode: string;
  status: 'active' | 'departed' | 'deported';
  leftOn: string | null;
}

const PERMIT_DAYS: Record<string, [number, number]> = {
  ITK: [60, 180],
  ITAS: [180, 730],
  ITAP: [1825, 1825],
  PLB: [14, 14],
  DIPLOMATIK: [365, 1095],
  LAINNYA: [90, 365],
};

function permitTypeFor(random: Random, nationality: string, desa: DesaCandidate): string {
  if ((nationality === 'MYS' || nationality === 'TLS') && desa.borderKm < 25 && random.chance(0.5)) return 'PLB';
  return random.weighted(
    ['ITAS', 'ITK', 'ITAP', 'DIPLOMATIK', 'LAINNYA'],
    [65, 18, 12, desa.kind === 'kelurahan' ? 1 : 0, 4],
  );
}

export function buildResidents(
  random: Random,
  sampler: DesaSampler,
  workplaces: WorkplaceRecord[],
  count: number,
  asOf: Date,
): ResidentRecord[] {
  const workplacesByKabupaten = new Map<string, number[]>();
  workplaces.forEach((workplace, index) => {
    const kabupaten = workplace.desaCode.slice(0, 5);
    workplacesByKabupaten.set(kabupaten, [...(workplacesByKabupaten.get(kabupaten) ?? []), index]);
  });
  const today = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate());
  return Array.from({ length: count }, () => {
    const desa = sampler.pick(random);
    const nationality = nationalityFor(random, desa.provinsi);
    const permitType = permitTypeFor(random, nationality, desa);
    const [minDays, maxDays] = PERMIT_DAYS[permitType]!;
    const issued = today - random.integer(0, 3 * 365) * DAY_MS;
    const expires = issued + random.integer(minDays, maxDays) * DAY_MS;
    let status: ResidentRecord['status'] = 'active';
    let leftOn: string | null = null;
    if (expires < today) {
      // Most leave in time; some are deported after the 60-day overstay threshold; some are still here: overstay.
      const fate = random.weighted(['departed', 'deported', 'overstay'], [86, 4, 10]);
      if (fate === 'departed') {
        status = 'departed';
        leftOn = isoDate(Math.min(today, expires + random.integer(-10, 3) * DAY_MS));
      } else if (fate === 'deported') {
        status = 'deported';
        leftOn = isoDate(Math.min(today, expires + random.integer(61, 150) * DAY_MS));
      }
    }
    if (leftOn && leftOn < isoDate(issued)) leftOn = isoDate(issued);
    const candidates = workplacesByKabupaten.get(desa.kabupaten);
    const works = permitType === 'ITAS' && candidates && random.chance(0.6);
    return {
      fullName: personName(random, nationality),
      nationality,
      sex: random.chance(0.68) ? 'M' : 'F',
      birthYear: random.integer(1958, 2004),
      passportNumber: `${String.fromCharCode(65 + random.integer(0, 25))}${random.integer(1000000, 9999999)}`,
      permitType,
      permitNumber: `${permitType}-${random.integer(100000, 999999)}`,
      permitIssuedOn: isoDate(issued),
      permitExpiresOn: permitType === 'ITAP' && random.chance(0.3) ? null : isoDate(expires),
      sponsor: works ? null : random.chance(0.3) ? `Keluarga ${personName(random, 'MYS').split(' ')[0]}` : null,
      workplaceIndex: works ? random.pick(candidates) : null,
      desaCode: desa.code,
      status,
      leftOn,
    };
  });
}

export interface IncidentRecord {
  type: string;
  occurredAt: string;
  desaCode: string | null;
  /** Set for planted clusters: a point near the cluster's centre; otherwise a random point of the desa is used. */
  point: [number, number] | null;
  nationalities: string[];
  peopleCount: number;
  peopleNames: string[];
  severity: 'rendah' | 'sedang' | 'tinggi';
  status: IncidentStatus;
  reportingAgency: string;
  cluster: string | null;
}

const AGENCY_BY_TYPE: Record<string, string[]> = {
  overstay: ['IMIGRASI'],
  permit_misuse: ['IMIGRASI', 'DISNAKER'],
  illegal_work: ['DISNAKER', 'IMIGRASI'],
  illegal_crossing: ['TNI', 'POLRI'],
  pmi_nonprosedural: ['IMIGRASI', 'POLRI'],
  tppm: ['POLRI', 'IMIGRASI'],
  tppo: ['POLRI'],
  sham_marriage: ['DISDUKCAPIL', 'IMIGRASI'],
  other: ['PEMDA', 'POLRI', 'SATPOL_PP'],
};

function typeSuitability(type: string, desa: DesaCandidate): number {
  switch (type) {
    case 'illegal_crossing':
      return desa.borderKm < 10 ? 8 : 0.05;
    case 'pmi_nonprosedural':
      return desa.borderKm < 30 ? 4 : 0.3;
    case 'tppm':
      return desa.seaBorderKm < 25 ? 4 : 0.3;
    case 'overstay':
    case 'sham_marriage':
      return desa.kind === 'kelurahan' ? 2 : 1;
    default:
      return 1;
  }
}

function incidentDetails(random: Random, type: string, desa: DesaCandidate | null, occurredAt: number, today: number) {
  const provinsi = desa?.provinsi ?? '61';
  const peopleCount = type === 'tppm' || type === 'pmi_nonprosedural' ? random.integer(2, 12) : random.integer(1, 4);
  // Indonesians leaving irregularly are the people in PMI nonprosedural cases.
  const nationality = type === 'pmi_nonprosedural' ? 'IDN' : nationalityFor(random, provinsi);
  const ageDays = (today - occurredAt) / DAY_MS;
  const status = random.weighted(
    INCIDENT_STATUSES,
    // Reported, verified, not substantiated (none: the demo's follow-up is left to the users), acted on, closed.
    ageDays < 30 ? [50, 30, 0, 15, 5] : ageDays < 180 ? [10, 25, 0, 35, 30] : [2, 8, 0, 20, 70],
  );
  return {
    nationalities: [nationality],
    peopleCount,
    peopleNames: Array.from({ length: Math.min(peopleCount, 3) }, () => personName(random, nationality)),
    severity: type === 'tppo' || type === 'tppm' ? ('tinggi' as const) : random.weighted(SEVERITIES, [45, 40, 15]),
    status,
    reportingAgency: random.pick(AGENCY_BY_TYPE[type] ?? ['IMIGRASI']),
  };
}

/** Month weight: more incidents over time (+40% over three years) and after the holidays and in mid-year. */
function monthWeight(monthsAgo: number, month: number): number {
  const season = month === 0 || month === 11 ? 1.3 : month === 5 || month === 6 ? 1.2 : 1;
  return (1 + 0.4 * (1 - monthsAgo / 36)) * season;
}

export function buildIncidents(random: Random, sampler: DesaSampler, count: number, asOf: Date): IncidentRecord[] {
  const today = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate());
  const records: IncidentRecord[] = [];
  for (const cluster of PLANTED_CLUSTERS) {
    const from = Date.parse(cluster.from);
    const to = Math.min(Date.parse(cluster.to), today);
    const clusterCount = Math.round(count * cluster.share);
    for (let index = 0; index < clusterCount; index++) {
      // Later months hold more: these clusters grow (what "emerging hot spot" should detect).
      const occurredAt = from + Math.sqrt(random.next()) * (to - from);
      const spread = cluster.radiusKm / 2 / 111.32;
      const point: [number, number] = [cluster.lon + random.normal() * spread, cluster.lat + random.normal() * spread];
      records.push({
        type: cluster.type,
        occurredAt: new Date(occurredAt).toISOString(),
        desaCode: null,
        point,
        ...incidentDetails(random, cluster.type, null, occurredAt, today),
        cluster: cluster.name,
      });
    }
  }
  const months = Array.from({ length: 36 }, (_, monthsAgo) => monthsAgo);
  const monthWeights = months.map((monthsAgo) => {
    const date = new Date(today);
    date.setUTCMonth(date.getUTCMonth() - monthsAgo);
    return monthWeight(monthsAgo, date.getUTCMonth());
  });
  const types = Object.keys(INCIDENT_TYPE_WEIGHTS);
  const typeWeights = Object.values(INCIDENT_TYPE_WEIGHTS);
  while (records.length < count) {
    const monthsAgo = random.weighted(months, monthWeights);
    const occurredAt = today - (monthsAgo * 30.44 + random.next() * 30.44) * DAY_MS;
    const type = random.weighted(types, typeWeights);
    const desa = sampler.pick(random, (candidate) => typeSuitability(type, candidate));
    records.push({
      type,
      occurredAt: new Date(occurredAt).toISOString(),
      desaCode: desa.code,
      point: null,
      ...incidentDetails(random, type, desa, occurredAt, today),
      cluster: null,
    });
  }
  return records;
}
