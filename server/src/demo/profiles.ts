/**
 * What the synthetic data is made of: magnitudes and places from ../shared/DOMAIN.md (Batam's thousands of ITAS
 * holders, a few hundred in Kalimantan Barat, PLB holders near the crossings), and clusters planted on purpose so
 * the analysis of issue #5 has something real to find.
 */
export interface Place {
  name: string;
  lon: number;
  lat: number;
  /** How strongly people and incidents gather here. */
  pull: number;
}

/** Border crossings and towns where foreigners and incidents concentrate. */
export const HOTSPOTS: readonly Place[] = [
  { name: 'Batam', lon: 104.03, lat: 1.1, pull: 40 },
  { name: 'Belakang Padang', lon: 103.89, lat: 1.15, pull: 8 },
  { name: 'Tanjung Pinang', lon: 104.45, lat: 0.92, pull: 8 },
  { name: 'Entikong', lon: 110.35, lat: 0.97, pull: 12 },
  { name: 'Aruk (Sajingan Besar)', lon: 109.32, lat: 1.68, pull: 6 },
  { name: 'Badau', lon: 111.87, lat: 1.03, pull: 6 },
  { name: 'Nunukan', lon: 117.66, lat: 4.14, pull: 12 },
  { name: 'Sebatik', lon: 117.85, lat: 4.12, pull: 8 },
  { name: 'Pontianak', lon: 109.33, lat: -0.03, pull: 10 },
  { name: 'Sanggau', lon: 110.6, lat: 0.12, pull: 5 },
  { name: 'Tarakan', lon: 117.6, lat: 3.3, pull: 6 },
  { name: 'Samarinda', lon: 117.15, lat: -0.5, pull: 6 },
  { name: 'Balikpapan', lon: 116.85, lat: -1.25, pull: 8 },
  { name: 'Dumai', lon: 101.45, lat: 1.67, pull: 5 },
  { name: 'Pekanbaru', lon: 101.45, lat: 0.51, pull: 6 },
  { name: 'Palangka Raya', lon: 113.92, lat: -2.21, pull: 3 },
  { name: 'Kupang', lon: 123.6, lat: -10.17, pull: 4 },
  { name: 'Atambua', lon: 124.89, lat: -9.1, pull: 4 },
];

/** Share of the foreign residents per province (Kepri dominates: Batam alone had ~9,000 ITAS holders). */
export const PROVINCE_SHARE: Readonly<Record<string, number>> = {
  '21': 0.5,
  '61': 0.13,
  '64': 0.12,
  '65': 0.09,
  '14': 0.08,
  '62': 0.04,
  '53': 0.04,
};

/** Nationality mix (ISO 3166 alpha-3) per province. */
export const NATIONALITY_MIX: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '21': { SGP: 22, CHN: 20, MYS: 14, IND: 10, KOR: 8, PHL: 7, JPN: 6, GBR: 4, AUS: 4, USA: 3, NLD: 2 },
  '61': { MYS: 42, CHN: 32, PHL: 6, KOR: 5, IND: 4, SGP: 4, TWN: 4, AUS: 3 },
  '64': { CHN: 38, MYS: 15, KOR: 10, AUS: 8, IND: 8, PHL: 8, JPN: 6, USA: 4, GBR: 3 },
  '65': { MYS: 55, CHN: 20, PHL: 15, TWN: 5, KOR: 5 },
  '14': { MYS: 35, SGP: 20, CHN: 20, IND: 15, KOR: 5, JPN: 5 },
  '62': { CHN: 50, MYS: 20, KOR: 10, IND: 10, AUS: 10 },
  '53': { TLS: 60, AUS: 15, CHN: 10, PHL: 5, USA: 5, DEU: 5 },
};

export const SECTORS_BY_PROVINCE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '21': { pabrik: 50, konstruksi: 20, perikanan: 20, lainnya: 10 },
  '61': { kelapa_sawit: 55, karet: 15, tambang: 15, pabrik: 10, lainnya: 5 },
  '64': { tambang: 45, kelapa_sawit: 30, konstruksi: 15, pabrik: 10 },
  '65': { kelapa_sawit: 45, perikanan: 25, tambang: 20, lainnya: 10 },
  '14': { kelapa_sawit: 50, pabrik: 30, perikanan: 10, lainnya: 10 },
  '62': { kelapa_sawit: 50, tambang: 40, karet: 10 },
  '53': { perikanan: 40, konstruksi: 30, lainnya: 30 },
};

/** Syllables to build names that look plausible and belong to nobody. */
export const NAME_PARTS: Readonly<Record<string, { given: readonly string[]; family: readonly string[] }>> = {
  CHN: {
    given: ['Wei', 'Jun', 'Li', 'Ming', 'Hao', 'Xin', 'Yan', 'Lei'],
    family: ['Zhang', 'Wang', 'Chen', 'Liu', 'Huang', 'Zhou'],
  },
  TWN: { given: ['Chia', 'Yu', 'Hsin', 'Ting'], family: ['Lin', 'Tsai', 'Hsu', 'Cheng'] },
  MYS: {
    given: ['Ahmad', 'Siti', 'Lim', 'Raj', 'Nurul', 'Hafiz', 'Aina'],
    family: ['bin Ismail', 'binti Hassan', 'Tan', 'Muthu', 'bin Osman'],
  },
  SGP: { given: ['Jia', 'Kai', 'Priya', 'Farid', 'Hui'], family: ['Tan', 'Ng', 'Goh', 'Pillai', 'Rahman'] },
  IND: { given: ['Arjun', 'Priya', 'Rahul', 'Deepa', 'Vikram'], family: ['Sharma', 'Patel', 'Nair', 'Reddy', 'Singh'] },
  KOR: { given: ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun'], family: ['Kim', 'Lee', 'Park', 'Choi'] },
  JPN: { given: ['Haruto', 'Yui', 'Sota', 'Aoi'], family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka'] },
  PHL: { given: ['Jose', 'Maria', 'Mark', 'Angel', 'Paolo'], family: ['Santos', 'Reyes', 'Cruz', 'Bautista'] },
  IDN: {
    given: ['Budi', 'Sri', 'Agus', 'Dewi', 'Hendra', 'Rina', 'Yusuf', 'Fitri'],
    family: ['Santoso', 'Wijaya', 'Saputra', 'Lestari', 'Siregar', 'Hidayat'],
  },
  TLS: {
    given: ['Joao', 'Maria', 'Domingos', 'Filomena', 'Agostinho'],
    family: ['da Costa', 'Soares', 'Pereira', 'Guterres', 'Belo'],
  },
};
export const FALLBACK_NAMES = {
  given: ['Alex', 'Sam', 'Chris', 'Jordan', 'Robin'],
  family: ['Smith', 'Brown', 'Miller', 'Jansen', 'Weber'],
};

/** The incident mix, before the place shifts it (crossings draw crossings, towns draw overstays). */
export const INCIDENT_TYPE_WEIGHTS: Readonly<Record<string, number>> = {
  overstay: 30,
  permit_misuse: 15,
  illegal_work: 15,
  illegal_crossing: 12,
  pmi_nonprosedural: 10,
  tppm: 5,
  tppo: 4,
  sham_marriage: 3,
  other: 6,
};

/**
 * Clusters planted on purpose, each a burst of one incident type around a point within a period — what issue #5's
 * DBSCAN and emerging-hot-spot analysis must find. `share` is the fraction of all incidents.
 */
export const PLANTED_CLUSTERS = [
  {
    name: 'jalan tikus Jagoi Babang',
    type: 'illegal_crossing',
    lon: 109.62,
    lat: 1.4,
    radiusKm: 2.5,
    from: '2025-06-01',
    to: '2026-11-20',
    share: 0.02,
  },
  {
    name: 'TPPM Sebatik',
    type: 'tppm',
    lon: 117.82,
    lat: 4.13,
    radiusKm: 2,
    from: '2024-09-01',
    to: '2026-11-20',
    share: 0.015,
  },
  {
    name: 'PMI nonprosedural Entikong',
    type: 'pmi_nonprosedural',
    lon: 110.34,
    lat: 0.98,
    radiusKm: 2,
    from: '2026-03-01',
    to: '2026-11-20',
    share: 0.015,
  },
] as const;

/** The public record: Desa Sungai Batu, Kec. Kapuas, Kab. Sanggau, inaugurated as desa binaan on 18 November 2025. */
export const REAL_DESA_BINAAN = { desaCode: '61.03.01.2019', inauguratedOn: '2025-11-18' };

/** Target numbers of kecamatan TIMPORA teams per province (Kalimantan Tengah: 77, of which 17 were formed in 2019). */
export const TEAM_TARGETS: Readonly<Record<string, { target: number; formedShare: number }>> = {
  '62': { target: 77, formedShare: 17 / 77 },
  '61': { target: 60, formedShare: 0.55 },
  '65': { target: 25, formedShare: 0.7 },
  '64': { target: 50, formedShare: 0.4 },
  '21': { target: 40, formedShare: 0.75 },
  '14': { target: 45, formedShare: 0.35 },
  '53': { target: 40, formedShare: 0.3 },
};
