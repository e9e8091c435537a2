/** Parts several answers share: counts of people, whether they are disclosure-controlled, and nullable values. */
import { Type } from 'typebox';

/**
 * A count of people: exact for roles that may see people; for the others perturbed by the cell-key method and, below
 * the threshold (zeros included), the marker "< 3" (ADR 0007).
 */
export const PeopleCount = Type.Union([Type.Integer(), Type.String()]);

/** True when the counts of people in this answer are perturbed and suppressed for the caller's role (ADR 0007). */
export const DisclosureControl = Type.Boolean({
  description: 'Counts of people are perturbed (cell-key method) and small ones suppressed for the caller’s role',
});

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
