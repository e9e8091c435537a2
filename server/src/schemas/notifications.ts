/** The early warning's notifications (issue #13): what the API answers and takes. */
import { Type } from 'typebox';
import { BilingualMessageSchema, IdSchema } from './common.ts';
import { oneOf } from './enums.ts';
import { Nullable } from './response-parts.ts';
import { ALERT_RULES } from './vocabulary.ts';

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

const Rule = oneOf(ALERT_RULES);

export const SubscriptionsSchema = Type.Object({
  email: Nullable(Type.String({ description: 'Where alerts asked for by e-mail go' })),
  rules: Type.Array(
    Type.Object({
      rule: Rule,
      inApp: Type.Boolean({ description: 'Told in the notification centre' }),
      email: Type.Boolean({ description: 'Also by e-mail (through the office’s SMTP relay)' }),
    }),
  ),
});

export const SubscriptionsBody = Type.Object(
  {
    email: Nullable(
      Type.String({
        maxLength: 254,
        pattern: '^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,63}$',
        description: 'An e-mail address',
      }),
    ),
    rules: Type.Array(
      Type.Object({ rule: Rule, inApp: Type.Boolean(), email: Type.Boolean() }, { additionalProperties: false }),
      { minItems: 1, maxItems: ALERT_RULES.length, uniqueItems: true },
    ),
  },
  { additionalProperties: false },
);

export const OfficeRulesSchema = Type.Object({
  office: Type.String(),
  rules: Type.Array(
    Type.Object({
      rule: Rule,
      enabled: Type.Boolean(),
      params: Type.Record(Type.String(), Type.Unknown(), { description: 'The rule’s parameters as they apply' }),
      adjusted: Type.Boolean({ description: 'The office changed it (else the defaults)' }),
    }),
  ),
});

export const OfficeRuleParams = Type.Object(
  { code: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }), rule: Rule },
  { additionalProperties: false },
);
export const OfficeCodeParams = Type.Object(
  { code: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }) },
  { additionalProperties: false },
);

export const OfficeRuleBody = Type.Object(
  {
    enabled: Type.Boolean(),
    params: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), {
      maxProperties: 10,
      description:
        'incident_near_border: types, withinKm · permit_expiring: days · overstay_60_days: days · incident_burst: days, baselineDays, minIncidents, pValue',
    }),
  },
  { additionalProperties: false },
);
