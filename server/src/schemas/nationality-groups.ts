/**
 * The nationality groups roles that may not see people filter by (ADR 0007), defined once: the server's schemas and
 * groupings and the web's filter panel read this list. Which country falls in which group is decided in
 * server/src/services/nationality-groups.ts.
 */
export const NATIONALITY_GROUPS = [
  'malaysia',
  'singapura',
  'asean_lain',
  'tiongkok',
  'asia_lain',
  'eropa',
  'amerika',
  'afrika',
  'oseania',
  'lainnya',
] as const;
export type NationalityGroup = (typeof NATIONALITY_GROUPS)[number];
