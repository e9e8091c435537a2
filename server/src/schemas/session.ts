import { Type, type Static } from 'typebox';
import { AccountSchema } from './accounts.ts';

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const SessionResponse = Type.Object({
  account: AccountSchema,
  csrfToken: Type.String({ description: 'Send as the x-csrf-token header on every POST, PATCH, PUT and DELETE' }),
  presenting: Type.Boolean({
    description:
      "Presentation mode: every answer to this session is the projector's (the account shows the viewer role meanwhile)",
  }),
});

export const PresentationBody = Type.Object({ presenting: Type.Boolean() }, { additionalProperties: false });
