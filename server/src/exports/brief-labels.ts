/**
 * The words of the region brief (issue #11), in Bahasa Indonesia and English. The vocabulary labels follow the web
 * app's dictionaries (web/src/lib/i18n/id.ts and en.ts, `incidentType.*`, `desaBinaan.status.*`), which the server
 * cannot import; typed by the vocabularies, so a new value fails the type check until it has its words here.
 */
import type { IncidentType } from '../schemas/vocabulary.ts';
import type { PrintLanguage } from './pdf-format.ts';

export interface BriefLabels {
  title: string;
  kabupatenPrefix: string;
  kecamatanPrefix: string;
  period: string;
  generated: string;
  agency: string;
  mapTitle: string;
  mapKey: string;
  desaBinaanMark: string;
  kecamatanOutline: string;
  keyNumbers: string;
  residents: string;
  overstays: string;
  expiring: string;
  incidents: string;
  peopleInvolved: string;
  desaBinaan: string;
  teams: string;
  asAt: string;
  inPeriod: string;
  teamsNote: string;
  publishedNote: (threshold: number) => string;
  incidentsOverTime: string;
  incidentsPerQuarter: string;
  quarter: string;
  incidentsByType: string;
  type: string;
  count: string;
  share: string;
  total: string;
  desaBinaanList: string;
  desa: string;
  kecamatan: string;
  status: string;
  inaugurated: string;
  teamsList: string;
  formed: string;
  formedOn: string;
  members: string;
  yes: string;
  no: string;
  none: string;
  source: string;
  incidentType: Record<IncidentType, string>;
  desaBinaanStatus: Record<string, string>;
}

export const BRIEF_LABELS: Record<PrintLanguage, BriefLabels> = {
  id: {
    title: 'Ringkasan wilayah',
    kabupatenPrefix: 'Kab.',
    kecamatanPrefix: 'Kec.',
    period: 'Periode',
    generated: 'Dibuat',
    agency: 'Instansi',
    mapTitle: 'Peta kejadian per desa',
    mapKey: 'Kejadian dalam periode',
    desaBinaanMark: 'Desa binaan',
    kecamatanOutline: 'Batas kecamatan',
    keyNumbers: 'Angka utama',
    residents: 'Orang asing',
    overstays: 'Overstay',
    expiring: 'Izin habis dalam 30 hari',
    incidents: 'Kejadian',
    peopleInvolved: 'Orang terlibat',
    desaBinaan: 'Desa binaan',
    teams: 'Tim TIMPORA terbentuk / target',
    asAt: 'per',
    inPeriod: 'dalam periode',
    teamsNote: 'kecamatan',
    publishedNote: (threshold) =>
      `Jumlah orang dipublikasikan dengan kendali pengungkapan: selisih hingga ±2, jumlah di bawah ${threshold} tampil "< ${threshold}"; angka tidak selalu berjumlah tepat.`,
    incidentsOverTime: 'Kejadian per bulan',
    incidentsPerQuarter: 'Kejadian per triwulan',
    quarter: 'Tw',
    incidentsByType: 'Kejadian menurut jenis',
    type: 'Jenis',
    count: 'Jumlah',
    share: 'Porsi',
    total: 'Jumlah seluruhnya',
    desaBinaanList: 'Desa binaan imigrasi',
    desa: 'Desa',
    kecamatan: 'Kecamatan',
    status: 'Status',
    inaugurated: 'Diresmikan',
    teamsList: 'Tim TIMPORA kecamatan',
    formed: 'Terbentuk',
    formedOn: 'Tanggal',
    members: 'Anggota per instansi',
    yes: 'Ya',
    no: 'Belum',
    none: 'Tidak ada.',
    source: 'Sumber: Pantau — data operasional TIMPORA',
    incidentType: {
      overstay: 'Overstay',
      permit_misuse: 'Penyalahgunaan izin',
      illegal_work: 'Bekerja tanpa izin',
      tppo: 'TPPO (perdagangan orang)',
      tppm: 'TPPM (penyelundupan manusia)',
      pmi_nonprosedural: 'PMI nonprosedural',
      illegal_crossing: 'Pelintasan ilegal',
      sham_marriage: 'Perkawinan semu',
      other: 'Lainnya',
    },
    desaBinaanStatus: { aktif: 'Aktif', rencana: 'Direncanakan', nonaktif: 'Nonaktif' },
  },
  en: {
    title: 'Area brief',
    kabupatenPrefix: 'Kab.',
    kecamatanPrefix: 'Kec.',
    period: 'Period',
    generated: 'Generated',
    agency: 'Agency',
    mapTitle: 'Incidents per desa',
    mapKey: 'Incidents in the period',
    desaBinaanMark: 'Desa binaan',
    kecamatanOutline: 'Kecamatan boundary',
    keyNumbers: 'Key numbers',
    residents: 'Foreign residents',
    overstays: 'Overstays',
    expiring: 'Permits expiring within 30 days',
    incidents: 'Incidents',
    peopleInvolved: 'People involved',
    desaBinaan: 'Desa binaan',
    teams: 'TIMPORA teams formed / target',
    asAt: 'as at',
    inPeriod: 'in the period',
    teamsNote: 'kecamatan',
    publishedNote: (threshold) =>
      `Counts of people are published under disclosure control: off by up to ±2, counts below ${threshold} shown as "< ${threshold}"; they need not add up exactly.`,
    incidentsOverTime: 'Incidents per month',
    incidentsPerQuarter: 'Incidents per quarter',
    quarter: 'Q',
    incidentsByType: 'Incidents by type',
    type: 'Type',
    count: 'Number',
    share: 'Share',
    total: 'Total',
    desaBinaanList: 'Desa binaan imigrasi',
    desa: 'Desa',
    kecamatan: 'Kecamatan',
    status: 'Status',
    inaugurated: 'Inaugurated',
    teamsList: 'Kecamatan TIMPORA teams',
    formed: 'Formed',
    formedOn: 'Date',
    members: 'Members by agency',
    yes: 'Yes',
    no: 'Not yet',
    none: 'None.',
    source: 'Source: Pantau — TIMPORA operational data',
    incidentType: {
      overstay: 'Overstay',
      permit_misuse: 'Permit misuse',
      illegal_work: 'Working without a permit',
      tppo: 'Human trafficking (TPPO)',
      tppm: 'People smuggling (TPPM)',
      pmi_nonprosedural: 'Non-procedural migrant worker (PMI)',
      illegal_crossing: 'Illegal border crossing',
      sham_marriage: 'Sham marriage',
      other: 'Other',
    },
    desaBinaanStatus: { aktif: 'Active', rencana: 'Planned', nonaktif: 'Inactive' },
  },
};

/** The map's colours of the incident types (one definition), so a printed bar reads like the map's legend. */
export { INCIDENT_TYPE_COLOURS } from '../domain/category-colours.ts';
