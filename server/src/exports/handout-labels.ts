/**
 * The words of the agenda handout (issue #11), in Bahasa Indonesia and English; the words it shares with the region
 * brief (key numbers, incident types, the frame) come from `BRIEF_LABELS`. Vocabulary labels follow the web app's
 * dictionaries (web/src/lib/i18n/id.ts and en.ts: `level.*`, `filters.*`, `residentStatus.*`, `incidentStatus.*`,
 * `nationalityGroup.*`), typed by the vocabularies so a new value fails the type check until it has its words here.
 */
import type { RegionLevel } from '../schemas/layer-filters.ts';
import type { IncidentStatus, NationalityGroup, ResidentStatus } from '../schemas/vocabulary.ts';
import type { PrintLanguage } from './pdf-format.ts';

export type BorderKind = 'nearest' | 'land' | 'sea';

export interface HandoutLabels {
  handout: string;
  meetingOn: string;
  place: string;
  slides: string;
  noSlides: string;
  slide: (index: number, count: number) => string;
  level: string;
  levels: Record<RegionLevel, string>;
  mapTitle: (unit: string) => string;
  wholeArea: string;
  filters: string;
  noFilters: string;
  filterNames: {
    nationality: string;
    nationalityGroup: string;
    permitType: string;
    residentStatus: string;
    incidentType: string;
    incidentStatus: string;
    band: string;
  };
  bandOver: (km: string) => string;
  borderKind: Record<BorderKind, string>;
  residentStatus: Record<ResidentStatus, string>;
  incidentStatus: Record<IncidentStatus, string>;
  nationalityGroup: Record<NationalityGroup, string>;
  notAvailable: string;
  outlines: string;
}

export const HANDOUT_LABELS: Record<PrintLanguage, HandoutLabels> = {
  id: {
    handout: 'Bahan rapat',
    meetingOn: 'Tanggal rapat',
    place: 'Tempat',
    slides: 'Daftar tampilan',
    noSlides: 'Agenda ini belum berisi tampilan.',
    slide: (index, count) => `Tampilan ${index} dari ${count}`,
    level: 'Tingkat',
    levels: { provinsi: 'Provinsi', kabupaten: 'Kab/Kota', kecamatan: 'Kecamatan', desa: 'Desa/Kelurahan' },
    mapTitle: (unit) => `Kejadian per ${unit.toLowerCase()}`,
    wholeArea: 'Tampilan tanpa posisi peta: seluruh wilayah kerja akun',
    filters: 'Saringan',
    noFilters: 'tidak ada',
    filterNames: {
      nationality: 'Kewarganegaraan',
      nationalityGroup: 'Kelompok kewarganegaraan',
      permitType: 'Jenis izin tinggal',
      residentStatus: 'Status WNA',
      incidentType: 'Jenis kejadian',
      incidentStatus: 'Status kejadian',
      band: 'Jarak ke perbatasan',
    },
    bandOver: (km) => `lebih dari ${km} km`,
    borderKind: { nearest: 'terdekat', land: 'perbatasan darat', sea: 'batas laut' },
    residentStatus: { active: 'Masih tinggal', departed: 'Sudah keluar', deported: 'Dideportasi' },
    incidentStatus: {
      reported: 'Dilaporkan',
      verified: 'Terverifikasi',
      not_substantiated: 'Tidak terbukti',
      acted_on: 'Ditindaklanjuti',
      closed: 'Selesai',
    },
    nationalityGroup: {
      malaysia: 'Malaysia',
      singapura: 'Singapura',
      asean_lain: 'ASEAN lainnya',
      tiongkok: 'Tiongkok, Hong Kong, Makau, Taiwan',
      asia_lain: 'Asia lainnya',
      eropa: 'Eropa',
      amerika: 'Amerika',
      afrika: 'Afrika',
      oseania: 'Oseania',
      lainnya: 'Lainnya / tidak diketahui',
    },
    notAvailable: 'Tidak tersedia untuk peran Anda',
    outlines: 'Batas wilayah',
  },
  en: {
    handout: 'Meeting handout',
    meetingOn: 'Meeting date',
    place: 'Place',
    slides: 'Views',
    noSlides: 'This agenda holds no views yet.',
    slide: (index, count) => `View ${index} of ${count}`,
    level: 'Level',
    levels: { provinsi: 'Province', kabupaten: 'Regency/City', kecamatan: 'District', desa: 'Village' },
    mapTitle: (unit) => `Incidents per ${unit.toLowerCase()}`,
    wholeArea: 'A view without a map position: the account’s whole area',
    filters: 'Filters',
    noFilters: 'none',
    filterNames: {
      nationality: 'Nationality',
      nationalityGroup: 'Nationality group',
      permitType: 'Stay permit type',
      residentStatus: 'Resident status',
      incidentType: 'Incident type',
      incidentStatus: 'Incident status',
      band: 'Distance to the border',
    },
    bandOver: (km) => `over ${km} km`,
    borderKind: { nearest: 'nearest', land: 'land border', sea: 'sea boundary' },
    residentStatus: { active: 'Still resident', departed: 'Departed', deported: 'Deported' },
    incidentStatus: {
      reported: 'Reported',
      verified: 'Verified',
      not_substantiated: 'Not substantiated',
      acted_on: 'Acted on',
      closed: 'Closed',
    },
    nationalityGroup: {
      malaysia: 'Malaysia',
      singapura: 'Singapore',
      asean_lain: 'Other ASEAN',
      tiongkok: 'China, Hong Kong, Macao, Taiwan',
      asia_lain: 'Other Asia',
      eropa: 'Europe',
      amerika: 'Americas',
      afrika: 'Africa',
      oseania: 'Oceania',
      lainnya: 'Other / unknown',
    },
    notAvailable: 'Not available for your role',
    outlines: 'Boundaries',
  },
};
