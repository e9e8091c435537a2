/**
 * The one place that decides which fields of each kind of record may leave the server for each role, and how small
 * counts are shown to roles that may not see people. Route code never decides this on its own: it passes records
 * and counts through `redactRecord` and `redactCount`.
 */
import { maySeePeople } from '../domain/who-sees-people.ts';
import type { Role } from './access-policy.ts';

export { maySeePeople };

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
  // What came of one person (issue #13): who it was.
  outcome: ['residentId', 'residentName'],
  timporaTeam: [],
  account: ['passwordHash'],
} as const satisfies Record<string, readonly string[]>;

export type RecordKind = keyof typeof PERSONAL_FIELDS;

/** Every personal field name of every kind: what the crawl test looks for in responses to other roles. */
export const ALL_PERSONAL_FIELD_NAMES: ReadonlySet<string> = new Set(Object.values(PERSONAL_FIELDS).flat());

/** Fields that never leave the server, whoever asks. */
const NEVER_SENT: ReadonlySet<string> = new Set(['passwordHash']);

export const DEFAULT_SMALL_COUNT_THRESHOLD = 3;

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

/** Roles that see where an incident happened exactly; the projector's `viewer` sees it on a ~1.1 km grid. */
export const seesExactIncidentLocations = (role: Role): boolean => role !== 'viewer';

/** Incident locations for roles that do not see them exactly: snapped to a grid of 1/100° (~1.1 km). */
const GRID_STEPS_PER_DEGREE = 100;

/** A coordinate snapped to the generalisation grid (110.35, not 110.35000000000001). */
export const generalise = (degrees: number): number =>
  Math.round(degrees * GRID_STEPS_PER_DEGREE) / GRID_STEPS_PER_DEGREE;

/**
 * Whether an account may read an incident's free text (its description): roles that may see people always; the
 * others only on incidents their own agency filed — a description often names or describes the people involved; and
 * never on a projector (a presenting session), whatever its agency.
 */
export const mayReadIncidentText = (
  account: { role: Role; agency: { code: string }; presenting?: true },
  reportingAgency: string,
): boolean => !account.presenting && (maySeePeople(account.role) || account.agency.code === reportingAgency);
