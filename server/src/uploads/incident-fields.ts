/** The fields of an incident import (one incident per row). */
import {
  AGENCIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  SEVERITIES,
  integer,
  nationality,
  ok,
  oneOf,
  parseDateTime,
  text,
} from './cell-parsers.ts';
import { field, type FieldDefinition } from './field-definition.ts';

export const INCIDENT_FIELDS: FieldDefinition[] = [
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
