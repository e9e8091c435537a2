/**
 * The one place that decides which fields of each kind of record may leave the server for each role, and how small
 * counts are shown to roles that may not see people. Route code never decides this on its own: it passes records
 * and counts through `redactRecord` and `redactCount`.
 */
import { ROLES_SEEING_PEOPLE, type Role } from './access-policy.ts';

/** Fields that identify or locate a person, per kind of record (the JSON names the API uses). */
export const PERSONAL_FIELDS = {
  foreignResident: [
    'fullName',
    'passportNumber',
    'permitNumber',
    'birthYear',
    'homePoint',
    'sponsor',
    'address',
    'phoneNumber',
  ],
  workplace: ['contactName', 'contactPhone', 'residentIds'],
  // Where an incident happened is not a person's home: its point is shown to every role inside the area.
  incident: ['peopleNames', 'passportNumbers', 'reporterName', 'reporterPhone'],
  desaBinaan: ['pimpasaPhone'],
  timporaTeam: [],
  account: ['passwordHash'],
} as const satisfies Record<string, readonly string[]>;

export type RecordKind = keyof typeof PERSONAL_FIELDS;

/** Every personal field name of every kind: what the crawl test looks for in responses to other roles. */
export const ALL_PERSONAL_FIELD_NAMES: ReadonlySet<string> = new Set(Object.values(PERSONAL_FIELDS).flat());

/** Fields that never leave the server, whoever asks. */
const NEVER_SENT: ReadonlySet<string> = new Set(['passwordHash']);

export const DEFAULT_SMALL_COUNT_THRESHOLD = 3;

export function maySeePeople(role: Role): boolean {
  return ROLES_SEEING_PEOPLE.includes(role);
}

export function redactRecord<T extends Record<string, unknown>>(kind: RecordKind, role: Role, record: T): Partial<T> {
  const hidden = new Set<string>(PERSONAL_FIELDS[kind]);
  const result: Partial<T> = {};
  for (const [field, value] of Object.entries(record)) {
    if (NEVER_SENT.has(field)) continue;
    if (hidden.has(field) && !maySeePeople(role)) continue;
    (result as Record<string, unknown>)[field] = value;
  }
  return result;
}

/** A count of people as a role may see it: below the threshold, "< 3" for roles that may not see people. */
export function redactCount(role: Role, count: number, threshold = DEFAULT_SMALL_COUNT_THRESHOLD): number | string {
  if (maySeePeople(role) || count === 0 || count >= threshold) return count;
  return `< ${threshold}`;
}
