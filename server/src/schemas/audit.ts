import { Type, type Static } from 'typebox';
import { MAX_ID } from './common.ts';
import { oneOf } from './enums.ts';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from './vocabulary.ts';

const Outcome = oneOf(AUDIT_OUTCOMES);

export const AuditQuery = Type.Object(
  {
    action: Type.Optional(oneOf(AUDIT_ACTIONS, { description: 'One of the actions the server records' })),
    username: Type.Optional(Type.String({ maxLength: 100 })),
    outcome: Type.Optional(Outcome),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    before: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'Entries with a smaller id: the next page' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntrySchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: MAX_ID }),
  at: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  outcome: Outcome,
  before: Type.Unknown(),
  after: Type.Unknown(),
  details: Type.Unknown(),
});

export const AuditListResponse = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
