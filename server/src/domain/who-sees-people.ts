/** Which roles may see people (names, passport numbers, exact homes): the one rule every layer asks (ADR 0005, 0007). */
import type { Role } from '../schemas/vocabulary.ts';

export const ROLES_SEEING_PEOPLE: readonly Role[] = ['intel'];

export function maySeePeople(role: Role): boolean {
  return ROLES_SEEING_PEOPLE.includes(role);
}
