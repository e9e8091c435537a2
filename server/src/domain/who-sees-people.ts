/**
 * Who may do what with people's data, the rules the server enforces and the web follows (one source for both): which
 * roles may see people (names, passport numbers, exact homes; ADR 0005, 0007) and which may put records in (file an
 * incident, import a file).
 */
import type { Role } from '../schemas/vocabulary.ts';

export const ROLES_SEEING_PEOPLE: readonly Role[] = ['intel'];

export function maySeePeople(role: Role): boolean {
  return ROLES_SEEING_PEOPLE.includes(role);
}

/**
 * The roles that file incidents: the office's own intel staff, TIMPORA members, and reporters in the kecamatan and
 * the villages (issue #13). Imports are for the first two only (`ROLES_IMPORTING`).
 */
export const ROLES_FILING: readonly Role[] = ['intel', 'member', 'reporter'];
export const ROLES_IMPORTING: readonly Role[] = ['intel', 'member'];

export function mayImport(role: Role): boolean {
  return ROLES_IMPORTING.includes(role);
}

export function mayFile(role: Role): boolean {
  return ROLES_FILING.includes(role);
}

/** The roles that save views and agendas for the office's meetings (a presenting session is answered as `viewer`). */
export const ROLES_SAVING_VIEWS = ['admin', 'intel', 'member'] as const satisfies readonly Role[];

export function maySaveViews(role: Role): boolean {
  return (ROLES_SAVING_VIEWS as readonly Role[]).includes(role);
}

/** The roles told of alerts (issue #13): the office and its TIMPORA partners, never the projector or a reporter. */
export const ROLES_ALERTED = ['intel', 'member', 'admin'] as const satisfies readonly Role[];

export function mayBeAlerted(role: Role): boolean {
  return (ROLES_ALERTED as readonly Role[]).includes(role);
}

/**
 * The roles that follow a report up (issue #13): triage, the lead agency, joint actions and outcomes inside their
 * area — the office's intel staff and its TIMPORA partners. Outcomes and targets that name a person are for roles
 * that may see people.
 */
export const ROLES_FOLLOWING_UP = ['intel', 'member'] as const satisfies readonly Role[];

export function mayFollowUp(role: Role): boolean {
  return (ROLES_FOLLOWING_UP as readonly Role[]).includes(role);
}
