/**
 * Local time (issue #9): Indonesia's three zones, decided by the province code — WIB (UTC+7) for Sumatra, Java,
 * Kalimantan Barat and Tengah, Riau and Kepulauan Riau; WITA (UTC+8) for Bali, Nusa Tenggara, Kalimantan Selatan,
 * Timur and Utara, Sulawesi; WIT (UTC+9) for Maluku and Papua. No daylight saving. The database has the same table
 * (`pantau_time_zone`, migration 0008); server/test/local-time.test.ts checks that the two agree.
 */
export type TimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);

export function timeZoneOf(regionCode: string): TimeZone {
  if (WITA_PROVINCES.has(regionCode.slice(0, 2))) return 'Asia/Makassar';
  if (regionCode.startsWith('8') || regionCode.startsWith('9')) return 'Asia/Jayapura';
  return 'Asia/Jakarta';
}

/** The UTC offset and the name Indonesians use for each zone. */
export const ZONE_OFFSETS: Record<TimeZone, { offset: string; label: string }> = {
  'Asia/Jakarta': { offset: '+07:00', label: 'WIB' },
  'Asia/Makassar': { offset: '+08:00', label: 'WITA' },
  'Asia/Jayapura': { offset: '+09:00', label: 'WIT' },
};

/** The wall-clock time (YYYY-MM-DDTHH:MM) at `instant` in a zone, as a datetime-local input shows it. */
export function localMinuteIn(zone: TimeZone, instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** The calendar day (YYYY-MM-DD) at `instant` in a zone. */
export function localDayIn(zone: TimeZone, instant: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** "Today" for an account: in the zone of its first area (an account's area rarely spans two zones). */
export const accountToday = (areaCodes: readonly string[], instant = new Date()): string =>
  localDayIn(timeZoneOf(areaCodes[0] ?? '61'), instant);
