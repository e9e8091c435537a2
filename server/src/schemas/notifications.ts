/** The early warning's notifications (issue #13): what the API answers and takes. */
import { Type } from 'typebox';
import { BilingualMessageSchema, IdSchema } from './common.ts';
import { Nullable } from './response-parts.ts';

export const NotificationSchema = Type.Object({
  id: IdSchema,
  rule: Type.String({ description: 'The rule that fired, e.g. incident_near_border' }),
  subject: Type.String({ description: 'What it is about, e.g. incident:123' }),
  incidentId: Nullable(Type.Integer()),
  title: BilingualMessageSchema,
  body: BilingualMessageSchema,
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
  snoozedUntil: Nullable(Type.String()),
});

export const NotificationListResponse = Type.Object({
  unread: Type.Integer({ description: 'Unread and not snoozed now' }),
  notifications: Type.Array(NotificationSchema, { description: 'The newest 100' }),
});

export const UnreadResponse = Type.Object({ unread: Type.Integer() });

export const SnoozeBody = Type.Object(
  { minutes: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60, description: 'How long to snooze: 5 min – 7 days' }) },
  { additionalProperties: false },
);

export const NotificationIdParams = Type.Object({ id: IdSchema }, { additionalProperties: false });
