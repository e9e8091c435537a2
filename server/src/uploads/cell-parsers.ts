/**
 * How one cell becomes a value: text of a bounded length, numbers in a range, dates in the formats people type or
 * Excel stores, nationalities, and the Indonesian and English words for each coded value. Every refusal says why,
 * in both languages.
 */
import type { BilingualMessage } from '../errors.ts';
import {
  AGENCIES as AGENCY_CODES,
  type AgencyCode,
  type IncidentStatus,
  type IncidentType,
  type PermitType,
  type ResidentStatus,
  type Severity,
  type WorkplaceSector,
} from '../schemas/vocabulary.ts';
import { findNationality } from './nationality.ts';
import type { Cell } from './uploaded-table.ts';

export type Parsed = { value: unknown } | { error: BilingualMessage };

const fail = (id: string, en: string): Parsed => ({ error: { id, en } });
export const ok = (value: unknown): Parsed => ({ value });

export const text = (max: number) => (cell: Cell) => {
  const value = String(cell).trim();
  return value.length > max ? fail(`lebih dari ${max} karakter`, `longer than ${max} characters`) : ok(value);
};

export const nationality = (cell: Cell): Parsed => {
  const answer = findNationality(String(cell));
  return 'code' in answer ? ok(answer.code) : { error: answer.error };
};

export const oneOf =
  (allowed: Record<string, string>, what: BilingualMessage) =>
  (cell: Cell): Parsed => {
    const key = String(cell).trim().toLowerCase();
    const value = allowed[key];
    return value ? ok(value) : fail(`'${cell}' bukan ${what.id} yang dikenal`, `'${cell}' is not a known ${what.en}`);
  };

export const PERMITS = {
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
} satisfies Record<string, PermitType>;
export const SEXES = { m: 'M', l: 'M', 'laki-laki': 'M', male: 'M', f: 'F', p: 'F', perempuan: 'F', female: 'F' };
export const RESIDENT_STATUSES = {
  active: 'active',
  aktif: 'active',
  departed: 'departed',
  keluar: 'departed',
  deported: 'deported',
  dideportasi: 'deported',
} satisfies Record<string, ResidentStatus>;
export const SECTORS = {
  kelapa_sawit: 'kelapa_sawit',
  'kelapa sawit': 'kelapa_sawit',
  sawit: 'kelapa_sawit',
  karet: 'karet',
  tambang: 'tambang',
  pabrik: 'pabrik',
  perikanan: 'perikanan',
  konstruksi: 'konstruksi',
  lainnya: 'lainnya',
} satisfies Record<string, WorkplaceSector>;
export const INCIDENT_TYPES = {
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
} satisfies Record<string, IncidentType>;
export const INCIDENT_STATUSES = {
  reported: 'reported',
  dilaporkan: 'reported',
  verified: 'verified',
  terverifikasi: 'verified',
  acted_on: 'acted_on',
  ditindak: 'acted_on',
  closed: 'closed',
  selesai: 'closed',
} satisfies Record<string, IncidentStatus>;
export const SEVERITIES = {
  rendah: 'rendah',
  low: 'rendah',
  sedang: 'sedang',
  medium: 'sedang',
  tinggi: 'tinggi',
  high: 'tinggi',
} satisfies Record<string, Severity>;
export const AGENCIES: Record<string, AgencyCode> = Object.fromEntries(
  AGENCY_CODES.map((code) => [code.toLowerCase(), code]),
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

/**
 * A date and time as the office wrote it: without an offset it is local time in the row's desa (WIB, WITA or WIT),
 * which the commit applies once the desa is known; an explicit offset (`Z`, `+08:00`) is kept.
 */
export function parseDateTime(cell: Cell): Parsed {
  const value = String(cell).trim();
  const full = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
  if (full) {
    const offset = full[4] ? full[4].toUpperCase() : '';
    return ok(`${full[1]}T${full[2]}:${full[3]}:00${offset}`);
  }
  const day = parseDate(cell);
  return 'value' in day ? ok(`${day.value}T00:00:00`) : day;
}

export const number =
  (min: number, max: number, what: BilingualMessage) =>
  (cell: Cell): Parsed => {
    const value = typeof cell === 'number' ? cell : Number(String(cell).replace(',', '.'));
    return Number.isFinite(value) && value >= min && value <= max
      ? ok(value)
      : fail(`${what.id} harus angka antara ${min} dan ${max}`, `${what.en} must be a number from ${min} to ${max}`);
  };
export const integer =
  (min: number, max: number, what: BilingualMessage) =>
  (cell: Cell): Parsed => {
    const parsed = number(min, max, what)(cell);
    return 'value' in parsed && !Number.isInteger(parsed.value)
      ? fail(`${what.id} harus bilangan bulat`, `${what.en} must be a whole number`)
      : parsed;
  };

/** A birth year, or a whole date of birth (registers often keep that) of which the year is taken. */
export const birthYear = (cell: Cell): Parsed => {
  const what = { id: 'Tahun lahir', en: 'Birth year' };
  if (typeof cell === 'number' && cell < 3000) return integer(1900, 2100, what)(cell);
  if (/^\s*\d{4}\s*$/.test(String(cell))) return integer(1900, 2100, what)(String(cell).trim());
  const date = parseDate(cell);
  return 'value' in date ? ok(Number(String(date.value).slice(0, 4))) : integer(1900, 2100, what)(cell);
};
