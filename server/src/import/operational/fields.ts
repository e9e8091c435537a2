/**
 * The fields each kind of import can fill, how a cell becomes a value, and the column names people tend to use for
 * them (Indonesian and English), so the first mapping is usually right. Every refusal says why, in both languages.
 */
import type { BilingualMessage } from '../../errors.ts';
import type { Cell } from './read-upload.ts';

export type ImportKind = 'residents' | 'workplaces' | 'incidents';
export type Parsed = { value: unknown } | { error: BilingualMessage };

export interface FieldDefinition {
  key: string;
  required: boolean;
  label: BilingualMessage;
  aliases: string[];
  parse(cell: Cell): Parsed;
}

const fail = (id: string, en: string): Parsed => ({ error: { id, en } });
const ok = (value: unknown): Parsed => ({ value });

const text = (max: number) => (cell: Cell) => {
  const value = String(cell).trim();
  return value.length > max ? fail(`lebih dari ${max} karakter`, `longer than ${max} characters`) : ok(value);
};

const NATIONALITY_NAMES: Record<string, string> = {
  malaysia: 'MYS',
  singapura: 'SGP',
  singapore: 'SGP',
  tiongkok: 'CHN',
  china: 'CHN',
  cina: 'CHN',
  rrt: 'CHN',
  india: 'IND',
  filipina: 'PHL',
  philippines: 'PHL',
  'timor leste': 'TLS',
  'timor-leste': 'TLS',
  korea: 'KOR',
  'korea selatan': 'KOR',
  jepang: 'JPN',
  japan: 'JPN',
  australia: 'AUS',
  taiwan: 'TWN',
  indonesia: 'IDN',
};
const nationality = (cell: Cell): Parsed => {
  const value = String(cell).trim();
  if (/^[A-Za-z]{3}$/.test(value)) return ok(value.toUpperCase());
  const named = NATIONALITY_NAMES[value.toLowerCase()];
  return named
    ? ok(named)
    : fail(
        `'${value}' bukan kode negara ISO 3 huruf (mis. MYS, CHN)`,
        `'${value}' is not a 3-letter ISO country code (e.g. MYS, CHN)`,
      );
};

const oneOf =
  (allowed: Record<string, string>, what: BilingualMessage) =>
  (cell: Cell): Parsed => {
    const key = String(cell).trim().toLowerCase();
    const value = allowed[key];
    return value ? ok(value) : fail(`'${cell}' bukan ${what.id} yang dikenal`, `'${cell}' is not a known ${what.en}`);
  };

const PERMITS = {
  itk: 'ITK',
  'visa kunjungan': 'ITK',
  voa: 'ITK',
  kunjungan: 'ITK',
  itas: 'ITAS',
  kitas: 'ITAS',
  itap: 'ITAP',
  kitap: 'ITAP',
  plb: 'PLB',
  'pas lintas batas': 'PLB',
  diplomatik: 'DIPLOMATIK',
  dinas: 'DIPLOMATIK',
  lainnya: 'LAINNYA',
  other: 'LAINNYA',
};
const SEXES = { m: 'M', l: 'M', 'laki-laki': 'M', male: 'M', f: 'F', p: 'F', perempuan: 'F', female: 'F' };
const RESIDENT_STATUSES = {
  active: 'active',
  aktif: 'active',
  departed: 'departed',
  keluar: 'departed',
  deported: 'deported',
  dideportasi: 'deported',
};
const SECTORS = {
  kelapa_sawit: 'kelapa_sawit',
  'kelapa sawit': 'kelapa_sawit',
  sawit: 'kelapa_sawit',
  karet: 'karet',
  tambang: 'tambang',
  pabrik: 'pabrik',
  perikanan: 'perikanan',
  konstruksi: 'konstruksi',
  lainnya: 'lainnya',
};
const INCIDENT_TYPES = {
  overstay: 'overstay',
  'penyalahgunaan izin': 'permit_misuse',
  permit_misuse: 'permit_misuse',
  'pekerja ilegal': 'illegal_work',
  illegal_work: 'illegal_work',
  tppo: 'tppo',
  tppm: 'tppm',
  'pmi nonprosedural': 'pmi_nonprosedural',
  pmi_nonprosedural: 'pmi_nonprosedural',
  'pelintasan ilegal': 'illegal_crossing',
  illegal_crossing: 'illegal_crossing',
  'kawin campur': 'sham_marriage',
  sham_marriage: 'sham_marriage',
  lainnya: 'other',
  other: 'other',
};
const INCIDENT_STATUSES = {
  reported: 'reported',
  dilaporkan: 'reported',
  verified: 'verified',
  terverifikasi: 'verified',
  acted_on: 'acted_on',
  ditindak: 'acted_on',
  closed: 'closed',
  selesai: 'closed',
};
const SEVERITIES = {
  rendah: 'rendah',
  low: 'rendah',
  sedang: 'sedang',
  medium: 'sedang',
  tinggi: 'tinggi',
  high: 'tinggi',
};
const AGENCIES = Object.fromEntries(
  ['IMIGRASI', 'POLRI', 'TNI', 'PEMDA', 'DISNAKER', 'DISDUKCAPIL', 'KEJAKSAAN', 'BNN', 'SATPOL_PP'].map((code) => [
    code.toLowerCase(),
    code,
  ]),
);

/** Excel stores dates as days since 1899-12-30; people type 31/12/2025 or 2025-12-31. */
export function parseDate(cell: Cell): Parsed {
  if (typeof cell === 'number' && cell > 20000 && cell < 80000) {
    return ok(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10));
  }
  const value = String(cell).trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
  let year: number, month: number, day: number;
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value)))
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else
    return fail(
      `'${value}' bukan tanggal (gunakan TTTT-BB-HH atau HH/BB/TTTT)`,
      `'${value}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)`,
    );
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900 || year > 2100) {
    return fail(`'${value}' bukan tanggal yang ada`, `'${value}' is not a real date`);
  }
  return ok(date.toISOString().slice(0, 10));
}

function parseDateTime(cell: Cell): Parsed {
  const value = String(cell).trim();
  const full = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(value);
  if (full) return ok(`${full[1]}T${full[2]}:${full[3]}:00+07:00`);
  const day = parseDate(cell);
  return 'value' in day ? ok(`${day.value}T00:00:00+07:00`) : day;
}

const number =
  (min: number, max: number, what: BilingualMessage) =>
  (cell: Cell): Parsed => {
    const value = typeof cell === 'number' ? cell : Number(String(cell).replace(',', '.'));
    return Number.isFinite(value) && value >= min && value <= max
      ? ok(value)
      : fail(`${what.id} harus angka antara ${min} dan ${max}`, `${what.en} must be a number from ${min} to ${max}`);
  };
const integer =
  (min: number, max: number, what: BilingualMessage) =>
  (cell: Cell): Parsed => {
    const parsed = number(min, max, what)(cell);
    return 'value' in parsed && !Number.isInteger(parsed.value)
      ? fail(`${what.id} harus bilangan bulat`, `${what.en} must be a whole number`)
      : parsed;
  };

const field = (
  key: string,
  required: boolean,
  id: string,
  en: string,
  aliases: string[],
  parse: FieldDefinition['parse'],
): FieldDefinition => ({
  key,
  required,
  label: { id, en },
  aliases,
  parse,
});

/** Where a row is: a desa code, or a desa name with its kabupaten, or a point. */
const LOCATION_FIELDS: FieldDefinition[] = [
  field(
    'desaCode',
    false,
    'Kode desa',
    'Desa code',
    ['kode desa', 'kode_desa', 'kode wilayah', 'desa code', 'village code'],
    text(13),
  ),
  field(
    'desaName',
    false,
    'Nama desa/kelurahan',
    'Desa name',
    ['desa', 'kelurahan', 'desa/kelurahan', 'nama desa', 'village'],
    text(100),
  ),
  field(
    'kabupaten',
    false,
    'Kabupaten/kota (nama atau kode)',
    'Regency (name or code)',
    ['kabupaten', 'kab', 'kota', 'kabupaten/kota', 'regency'],
    text(100),
  ),
  field(
    'lon',
    false,
    'Bujur',
    'Longitude',
    ['lon', 'lng', 'longitude', 'bujur', 'x'],
    number(-180, 180, { id: 'Bujur', en: 'Longitude' }),
  ),
  field(
    'lat',
    false,
    'Lintang',
    'Latitude',
    ['lat', 'latitude', 'lintang', 'y'],
    number(-90, 90, { id: 'Lintang', en: 'Latitude' }),
  ),
];

export const IMPORT_FIELDS: Record<ImportKind, FieldDefinition[]> = {
  residents: [
    field('fullName', true, 'Nama lengkap', 'Full name', ['nama', 'nama lengkap', 'name', 'full name'], text(200)),
    field(
      'nationality',
      true,
      'Kewarganegaraan',
      'Nationality',
      ['kewarganegaraan', 'negara', 'warga negara', 'nationality', 'citizenship'],
      nationality,
    ),
    field(
      'sex',
      true,
      'Jenis kelamin',
      'Sex',
      ['jenis kelamin', 'jk', 'kelamin', 'sex', 'gender'],
      oneOf(SEXES, { id: 'jenis kelamin', en: 'sex' }),
    ),
    field(
      'birthYear',
      false,
      'Tahun lahir',
      'Birth year',
      ['tahun lahir', 'birth year', 'year of birth'],
      integer(1900, 2100, { id: 'Tahun lahir', en: 'Birth year' }),
    ),
    field(
      'passportNumber',
      false,
      'Nomor paspor',
      'Passport number',
      ['paspor', 'no paspor', 'nomor paspor', 'passport', 'passport number'],
      text(30),
    ),
    field(
      'permitType',
      true,
      'Jenis izin tinggal',
      'Permit type',
      ['izin tinggal', 'jenis izin', 'jenis izin tinggal', 'permit', 'permit type'],
      oneOf(PERMITS, { id: 'jenis izin tinggal', en: 'permit type' }),
    ),
    field('permitNumber', false, 'Nomor izin', 'Permit number', ['nomor izin', 'no izin', 'permit number'], text(40)),
    field(
      'permitIssuedOn',
      true,
      'Tanggal terbit izin',
      'Permit issued on',
      ['tanggal terbit', 'terbit', 'tgl terbit', 'issued', 'issued on'],
      parseDate,
    ),
    field(
      'permitExpiresOn',
      false,
      'Tanggal habis izin',
      'Permit expires on',
      ['tanggal habis', 'berlaku sampai', 'habis', 'expires', 'expiry'],
      parseDate,
    ),
    field(
      'sponsor',
      false,
      'Sponsor/penjamin',
      'Sponsor',
      ['sponsor', 'penjamin', 'perusahaan', 'employer'],
      text(200),
    ),
    field('status', false, 'Status', 'Status', ['status'], oneOf(RESIDENT_STATUSES, { id: 'status', en: 'status' })),
    ...LOCATION_FIELDS,
  ],
  workplaces: [
    field('company', true, 'Perusahaan', 'Company', ['perusahaan', 'nama perusahaan', 'company', 'pt'], text(200)),
    field(
      'sector',
      true,
      'Sektor',
      'Sector',
      ['sektor', 'bidang', 'sector'],
      oneOf(SECTORS, { id: 'sektor', en: 'sector' }),
    ),
    field(
      'nationality',
      false,
      'Kewarganegaraan pekerja',
      'Workers’ nationality',
      ['kewarganegaraan', 'negara', 'nationality'],
      nationality,
    ),
    field(
      'foreignWorkers',
      false,
      'Jumlah pekerja asing',
      'Foreign workers',
      ['jumlah', 'jumlah tka', 'tka', 'pekerja asing', 'workers'],
      integer(0, 100000, { id: 'Jumlah pekerja', en: 'Workers' }),
    ),
    ...LOCATION_FIELDS,
  ],
  incidents: [
    field(
      'type',
      true,
      'Jenis kejadian',
      'Incident type',
      ['jenis', 'jenis kejadian', 'kejadian', 'type'],
      oneOf(INCIDENT_TYPES, { id: 'jenis kejadian', en: 'incident type' }),
    ),
    field(
      'occurredAt',
      true,
      'Waktu kejadian',
      'Occurred at',
      ['tanggal', 'waktu', 'tanggal kejadian', 'date', 'occurred at'],
      parseDateTime,
    ),
    field(
      'peopleCount',
      true,
      'Jumlah orang',
      'Number of people',
      ['jumlah orang', 'jumlah', 'orang', 'people'],
      integer(0, 10000, { id: 'Jumlah orang', en: 'Number of people' }),
    ),
    field(
      'nationalities',
      false,
      'Kewarganegaraan (dipisah koma)',
      'Nationalities (comma-separated)',
      ['kewarganegaraan', 'negara', 'nationalities'],
      (cell) => {
        const parts = String(cell)
          .split(/[,;]/)
          .map((part) => part.trim())
          .filter(Boolean)
          .map((part) => nationality(part));
        const failed = parts.find((part) => 'error' in part);
        return failed ?? ok(parts.map((part) => (part as { value: string }).value));
      },
    ),
    field(
      'severity',
      true,
      'Tingkat',
      'Severity',
      ['tingkat', 'keparahan', 'severity'],
      oneOf(SEVERITIES, { id: 'tingkat', en: 'severity' }),
    ),
    field('status', false, 'Status', 'Status', ['status'], oneOf(INCIDENT_STATUSES, { id: 'status', en: 'status' })),
    field(
      'reportingAgency',
      true,
      'Instansi pelapor',
      'Reporting agency',
      ['instansi', 'pelapor', 'instansi pelapor', 'agency'],
      oneOf(AGENCIES, { id: 'instansi', en: 'agency' }),
    ),
    field(
      'description',
      false,
      'Uraian',
      'Description',
      ['uraian', 'keterangan', 'deskripsi', 'description'],
      text(2000),
    ),
    ...LOCATION_FIELDS,
  ],
};

const normalise = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();

/** Column → field, by the names people use; each column used once. */
export function suggestMapping(kind: ImportKind, columns: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const definition of IMPORT_FIELDS[kind]) {
    const candidates = [definition.key.toLowerCase(), ...definition.aliases].map(normalise);
    const column = columns.find((name) => !used.has(name) && candidates.includes(normalise(name)));
    if (column) {
      mapping[definition.key] = column;
      used.add(column);
    }
  }
  return mapping;
}
