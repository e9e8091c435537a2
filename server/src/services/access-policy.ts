/**
 * Who may call what. Every route declares `config.access`; the auth hook enforces it and the authorization-matrix
 * test reads the same table, so a route without a rule fails the test.
 */
import { ROLES, type Role } from '../schemas/vocabulary.ts';

export { ROLES, type Role };

/**
 * `public`: anyone; `signedIn`: any active account of the office and its partners — every role but `reporter`, who
 * sees nothing but the base map and its own reports; `anyAccount`: every active account, the reporter too (signing
 * out, the base map, naming a picked point); a list: only these roles.
 */
export type RouteAccess = 'public' | 'signedIn' | 'anyAccount' | readonly Role[];

export const ADMIN_ONLY: RouteAccess = ['admin'];

export function isAllowed(access: RouteAccess, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'anyAccount') return true;
  if (access === 'signedIn') return role !== 'reporter';
  return access.includes(role);
}

/** Roles that may see people: names, passport numbers, exact home locations (the domain's one rule). */
export { ROLES_SEEING_PEOPLE } from '../domain/who-sees-people.ts';
