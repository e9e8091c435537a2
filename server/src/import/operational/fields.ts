/**
 * The fields each kind of import can fill, how each is parsed (cell-parsers.ts), the header the downloadable
 * template uses with an example value, and the column names immigration offices and partner agencies use for them
 * (Indonesian and English), so the first mapping is usually right (column-mapping.ts).
 */
import type { BilingualMessage } from '../../errors.ts';
import {
  AGENCIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  PERMITS,
  RESIDENT_STATUSES,
  SECTORS,
  SEVERITIES,
  SEXES,
  birthYear,
  integer,
  nationality,
  number,
  ok,
  oneOf,
  parseDate,
  parseDateTime,
  text,
  type Parsed,
} from './cell-parsers.ts';
import type { Cell } from './uploaded-table.ts';

export type ImportKind = 'residents' | 'workplaces' | 'incidents';

export interface FieldDefinition {
  key: string;
  required: boolean;
  label: BilingualMessage;
  /** The column name in the template; the mapper recognises it like the aliases. */
  header: string;
  /** The template's example value. */
  example: string;
  /** Other column names people use for this field, in any case and punctuation. */
  aliases: string[];
  parse(cell: Cell): Parsed;
}

interface FieldSpec {
  key: string;
  required?: boolean;
  label: [id: string, en: string];
  header: string;
  example: string;
  aliases: string[];
  parse: FieldDefinition['parse'];
}

const field = ({ key, required = false, label: [id, en], header, example, aliases, parse }: FieldSpec) => ({
  key,
  required,
  label: { id, en },
  header,
  example,
  aliases,
  parse,
});

/** Where a row is: a desa code, or a desa name with its kabupaten, or a point. */
const LOCATION_FIELDS: FieldDefinition[] = [
  field({
    key: 'desaCode',
    label: ['Kode desa', 'Desa code'],
    header: 'Kode Desa',
    example: '61.03.21.2003',
    aliases: [
      'kode desa',
      'kode kelurahan',
      'kode desa/kelurahan',
      'kode wilayah',
      'kode kemendagri',
      'kode wilayah desa',
      'desa code',
      'village code',
    ],
    parse: text(13),
  }),
  field({
    key: 'desaName',
    label: ['Nama desa/kelurahan', 'Desa name'],
    header: 'Desa/Kelurahan',
    example: 'Entikong',
    aliases: ['desa', 'kelurahan', 'kelurahan/desa', 'nama desa', 'nama kelurahan', 'nama desa/kelurahan', 'village'],
    parse: text(100),
  }),
  field({
    key: 'kabupaten',
    label: ['Kabupaten/kota (nama atau kode)', 'Regency (name or code)'],
    header: 'Kabupaten/Kota',
    example: 'Sanggau',
    aliases: ['kabupaten', 'kab', 'kota', 'kab/kota', 'nama kabupaten', 'nama kabupaten/kota', 'regency', 'city'],
    parse: text(100),
  }),
  field({
    key: 'lon',
    label: ['Bujur', 'Longitude'],
    header: 'Bujur',
    example: '',
    aliases: ['lon', 'lng', 'long', 'longitude', 'bujur timur', 'x', 'koordinat x'],
    parse: number(-180, 180, { id: 'Bujur', en: 'Longitude' }),
  }),
  field({
    key: 'lat',
    label: ['Lintang', 'Latitude'],
    header: 'Lintang',
    example: '',
    aliases: ['lat', 'latitude', 'y', 'koordinat y'],
    parse: number(-90, 90, { id: 'Lintang', en: 'Latitude' }),
  }),
];

const residentFields: FieldDefinition[] = [
  field({
    key: 'fullName',
    required: true,
    label: ['Nama lengkap', 'Full name'],
    header: 'Nama Lengkap',
    example: 'Contoh Nama Orang Asing',
    aliases: ['nama', 'nama wna', 'nama orang asing', 'nama sesuai paspor', 'name', 'full name', 'name of foreigner'],
    parse: text(200),
  }),
  field({
    key: 'nationality',
    required: true,
    label: ['Kewarganegaraan', 'Nationality'],
    header: 'Kewarganegaraan',
    example: 'MYS',
    aliases: [
      'warga negara',
      'negara',
      'kebangsaan',
      'negara asal',
      'asal negara',
      'kode negara',
      'nationality',
      'citizenship',
      'country',
    ],
    parse: nationality,
  }),
  field({
    key: 'sex',
    required: true,
    label: ['Jenis kelamin', 'Sex'],
    header: 'Jenis Kelamin',
    example: 'L',
    aliases: ['jk', 'kelamin', 'l/p', 'sex', 'gender'],
    parse: oneOf(SEXES, { id: 'jenis kelamin', en: 'sex' }),
  }),
  field({
    key: 'birthYear',
    label: ['Tahun lahir', 'Birth year'],
    header: 'Tahun Lahir',
    example: '1985',
    aliases: ['tanggal lahir', 'tgl lahir', 'birth year', 'year of birth', 'date of birth', 'birth date', 'dob'],
    parse: birthYear,
  }),
  field({
    key: 'passportNumber',
    label: ['Nomor paspor', 'Passport number'],
    header: 'No Paspor',
    example: 'A12345678',
    aliases: ['paspor', 'nomor paspor', 'no passport', 'passport', 'passport no', 'passport number'],
    parse: text(30),
  }),
  field({
    key: 'permitType',
    required: true,
    label: ['Jenis izin tinggal', 'Permit type'],
    header: 'Jenis Izin Tinggal',
    example: 'ITAS',
    aliases: [
      'izin tinggal',
      'jenis izin',
      'jenis izin keimigrasian',
      'jenis itas',
      'jenis visa',
      'tipe izin',
      'permit',
      'permit type',
      'stay permit',
      'stay permit type',
    ],
    parse: oneOf(PERMITS, { id: 'jenis izin tinggal', en: 'permit type' }),
  }),
  field({
    key: 'permitNumber',
    label: ['Nomor izin', 'Permit number'],
    header: 'No Izin Tinggal',
    example: '2C11AB1234-K',
    aliases: [
      'nomor izin',
      'no izin',
      'nomor izin tinggal',
      'no itas',
      'no kitas',
      'no itap',
      'no kitap',
      'no register',
      'nomor register',
      'permit number',
      'permit no',
      'stay permit number',
    ],
    parse: text(40),
  }),
  field({
    key: 'permitIssuedOn',
    required: true,
    label: ['Tanggal terbit izin', 'Permit issued on'],
    header: 'Tanggal Terbit',
    example: '2026-01-05',
    aliases: [
      'tgl terbit',
      'terbit',
      'tanggal terbit izin',
      'tanggal dikeluarkan',
      'tanggal pemberian',
      'tanggal izin',
      'berlaku dari',
      'berlaku mulai',
      'tanggal mulai berlaku',
      'issued',
      'issued on',
      'issue date',
      'date of issue',
      'valid from',
    ],
    parse: parseDate,
  }),
  field({
    key: 'permitExpiresOn',
    label: ['Tanggal habis izin', 'Permit expires on'],
    header: 'Tanggal Berakhir',
    example: '2027-01-04',
    aliases: [
      'berakhir',
      'tanggal berakhir izin',
      'tanggal habis',
      'tanggal habis berlaku',
      'tanggal habis izin',
      'habis berlaku',
      'berlaku sampai',
      'berlaku hingga',
      'masa berlaku',
      'tanggal kedaluwarsa',
      'tanggal kadaluarsa',
      'habis',
      'expires',
      'expires on',
      'expiry',
      'expiry date',
      'date of expiry',
      'valid until',
    ],
    parse: parseDate,
  }),
  field({
    key: 'sponsor',
    label: ['Sponsor/penjamin', 'Sponsor'],
    header: 'Sponsor / Perusahaan',
    example: 'PT Contoh Sawit Lestari',
    aliases: [
      'sponsor',
      'penjamin',
      'nama penjamin',
      'nama sponsor',
      'sponsor/penjamin',
      'penjamin/sponsor',
      'perusahaan',
      'perusahaan penjamin',
      'perusahaan sponsor',
      'pemberi kerja',
      'employer',
      'guarantor',
    ],
    parse: text(200),
  }),
  field({
    key: 'status',
    label: ['Status', 'Status'],
    header: 'Status',
    example: 'aktif',
    aliases: ['status wna', 'status keberadaan', 'keberadaan', 'resident status'],
    parse: oneOf(RESIDENT_STATUSES, { id: 'status', en: 'status' }),
  }),
];

const workplaceFields: FieldDefinition[] = [
  field({
    key: 'company',
    required: true,
    label: ['Perusahaan', 'Company'],
    header: 'Nama Perusahaan',
    example: 'PT Contoh Sawit Lestari',
    aliases: [
      'perusahaan',
      'pt',
      'nama pt',
      'badan usaha',
      'nama badan usaha',
      'pemberi kerja',
      'nama pemberi kerja',
      'company',
      'company name',
      'employer',
    ],
    parse: text(200),
  }),
  field({
    key: 'sector',
    required: true,
    label: ['Sektor', 'Sector'],
    header: 'Sektor',
    example: 'kelapa sawit',
    aliases: ['sektor usaha', 'bidang', 'bidang usaha', 'jenis usaha', 'lapangan usaha', 'sector', 'industry'],
    parse: oneOf(SECTORS, { id: 'sektor', en: 'sector' }),
  }),
  field({
    key: 'nationality',
    label: ['Kewarganegaraan pekerja', 'Workers’ nationality'],
    header: 'Kewarganegaraan TKA',
    example: 'CHN',
    aliases: [
      'kewarganegaraan',
      'kewarganegaraan pekerja',
      'warga negara',
      'negara',
      'negara asal',
      'asal negara',
      'nationality',
      'workers nationality',
    ],
    parse: nationality,
  }),
  field({
    key: 'foreignWorkers',
    label: ['Jumlah pekerja asing', 'Foreign workers'],
    header: 'Jumlah TKA',
    example: '12',
    aliases: [
      'jumlah',
      'tka',
      'jumlah pekerja asing',
      'pekerja asing',
      'jumlah tenaga kerja asing',
      'tenaga kerja asing',
      'workers',
      'foreign workers',
      'number of foreign workers',
    ],
    parse: integer(0, 100000, { id: 'Jumlah pekerja', en: 'Workers' }),
  }),
];

const incidentFields: FieldDefinition[] = [
  field({
    key: 'type',
    required: true,
    label: ['Jenis kejadian', 'Incident type'],
    header: 'Jenis Kejadian',
    example: 'pelintasan ilegal',
    aliases: [
      'jenis',
      'kejadian',
      'jenis pelanggaran',
      'pelanggaran',
      'jenis kasus',
      'kasus',
      'jenis temuan',
      'type',
      'incident type',
    ],
    parse: oneOf(INCIDENT_TYPES, { id: 'jenis kejadian', en: 'incident type' }),
  }),
  field({
    key: 'occurredAt',
    required: true,
    label: ['Waktu kejadian', 'Occurred at'],
    header: 'Tanggal Kejadian',
    example: '2026-05-10 14:30',
    aliases: [
      'tanggal',
      'waktu',
      'waktu kejadian',
      'tanggal dan waktu',
      'tanggal/waktu',
      'date',
      'date time',
      'datetime',
      'occurred at',
      'incident date',
    ],
    parse: parseDateTime,
  }),
  field({
    key: 'peopleCount',
    required: true,
    label: ['Jumlah orang', 'Number of people'],
    header: 'Jumlah Orang',
    example: '3',
    aliases: ['jumlah', 'orang', 'jumlah wna', 'jumlah pelaku', 'jumlah orang terlibat', 'people', 'number of people'],
    parse: integer(0, 10000, { id: 'Jumlah orang', en: 'Number of people' }),
  }),
  field({
    key: 'nationalities',
    label: ['Kewarganegaraan (dipisah koma)', 'Nationalities (comma-separated)'],
    header: 'Kewarganegaraan',
    example: 'MYS, CHN',
    aliases: ['negara', 'warga negara', 'negara asal', 'asal negara', 'nationality', 'nationalities'],
    parse: (cell) => {
      const parts = String(cell)
        .split(/[,;]/)
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => nationality(part));
      const failed = parts.find((part) => 'error' in part);
      return failed ?? ok(parts.map((part) => (part as { value: string }).value));
    },
  }),
  field({
    key: 'severity',
    required: true,
    label: ['Tingkat', 'Severity'],
    header: 'Tingkat',
    example: 'sedang',
    aliases: ['tingkat keparahan', 'keparahan', 'tingkat kerawanan', 'kerawanan', 'prioritas', 'severity', 'priority'],
    parse: oneOf(SEVERITIES, { id: 'tingkat', en: 'severity' }),
  }),
  field({
    key: 'status',
    label: ['Status', 'Status'],
    header: 'Status',
    example: 'dilaporkan',
    aliases: ['status penanganan', 'status kasus', 'tindak lanjut', 'case status'],
    parse: oneOf(INCIDENT_STATUSES, { id: 'status', en: 'status' }),
  }),
  field({
    key: 'reportingAgency',
    required: true,
    label: ['Instansi pelapor', 'Reporting agency'],
    header: 'Instansi Pelapor',
    example: 'IMIGRASI',
    aliases: ['instansi', 'pelapor', 'sumber laporan', 'satuan pelapor', 'agency', 'reporting agency', 'reported by'],
    parse: oneOf(AGENCIES, { id: 'instansi', en: 'agency' }),
  }),
  field({
    key: 'description',
    label: ['Uraian', 'Description'],
    header: 'Uraian',
    example: 'Tiga orang melintas di luar PLBN pada malam hari',
    aliases: [
      'uraian kejadian',
      'keterangan',
      'deskripsi',
      'kronologi',
      'kronologis',
      'catatan',
      'description',
      'notes',
      'remarks',
    ],
    parse: text(2000),
  }),
];

export const IMPORT_FIELDS: Record<ImportKind, FieldDefinition[]> = {
  residents: [...residentFields, ...LOCATION_FIELDS],
  workplaces: [...workplaceFields, ...LOCATION_FIELDS],
  incidents: [...incidentFields, ...LOCATION_FIELDS],
};
