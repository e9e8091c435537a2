import { Type, type Static } from 'typebox';
import { IdSchema, MAX_ID } from './common.ts';
import { oneOf } from './enums.ts';
import { CLASSIFICATIONS, ROLES } from './vocabulary.ts';
export const RoleSchema = oneOf(ROLES, {
  description:
    'admin: accounts, settings, audit · intel: may see personal data · member: aggregates, files reports · viewer: read-only aggregates',
});

const BilingualName = Type.Object({ id: Type.String(), en: Type.String() });

export const AccountSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: MAX_ID }),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  agency: Type.Object({ code: Type.String(), name: BilingualName }),
  areas: Type.Array(
    Type.Object({
      code: Type.String(),
      level: Type.Union([Type.Literal('provinsi'), Type.Literal('kabupaten')]),
      name: Type.String(),
    }),
    { description: 'Where the account sees operational data; empty means nowhere (admins manage accounts only).' },
  ),
  active: Type.Boolean(),
  createdAt: Type.String(),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
});

const Username = Type.String({
  pattern: '^[A-Za-z0-9._-]{3,40}$',
  description: '3–40 letters, digits, dot, dash, underscore',
});
const AreaCodes = Type.Array(Type.String({ pattern: '^[0-9]{2}(\\.[0-9]{2})?$' }), {
  maxItems: 100,
  uniqueItems: true,
});

export const NewAccountBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: 120 }),
    role: RoleSchema,
    agencyCode: Type.String({ minLength: 1, maxLength: 40 }),
    areaCodes: AreaCodes,
  },
  { additionalProperties: false },
);
export type NewAccountBody = Static<typeof NewAccountBody>;

export const AccountChangesBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    role: Type.Optional(RoleSchema),
    agencyCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    areaCodes: Type.Optional(AreaCodes),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AccountChangesBody = Static<typeof AccountChangesBody>;

export const AccountIdParams = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const AccountListResponse = Type.Object({ accounts: Type.Array(AccountSchema) });
export const AccountResponse = Type.Object({ account: AccountSchema });
export const CreatedAccountResponse = Type.Object({
  account: AccountSchema,
  initialPassword: Type.String({ description: 'Shown once; never stored in clear' }),
});
export const PasswordResetResponse = Type.Object({ temporaryPassword: Type.String() });

export const AgencyListResponse = Type.Object({
  agencies: Type.Array(Type.Object({ code: Type.String(), name: BilingualName })),
});

/**
 * The range an admin may set: below 2 a count of one person would be shown, above 20 the map says nothing useful.
 * settings-service.ts falls back to the default for a stored value outside it.
 */
export const SMALL_COUNT_THRESHOLD_RANGE = { minimum: 2, maximum: 20 } as const;

const settingsProperties = {
  smallCountThreshold: Type.Integer({
    ...SMALL_COUNT_THRESHOLD_RANGE,
    description: 'Counts of people below this show as "< n" to roles that may not see people (2 to 20)',
  }),
  classification: oneOf(CLASSIFICATIONS, {
    description:
      'The classification marking of what Pantau shows and prints: a banner while presenting, on images and PDFs',
  }),
};

export const SettingsSchema = Type.Object(settingsProperties, { additionalProperties: false });
export type Settings = Static<typeof SettingsSchema>;

/** A change of settings: any of them, at least one. */
export const SettingsChangeSchema = Type.Partial(Type.Object(settingsProperties), {
  additionalProperties: false,
  minProperties: 1,
});
export type SettingsChange = Static<typeof SettingsChangeSchema>;
