/** The fields that place a row: shared by every kind of import. */
import { number, text } from './cell-parsers.ts';
import { field, type FieldDefinition } from './field-definition.ts';

/** Where a row is: a desa code, or a desa name with its kabupaten, or a point. */
export const LOCATION_FIELDS: FieldDefinition[] = [
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
