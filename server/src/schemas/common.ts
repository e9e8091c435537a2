import { Type } from 'typebox';

export const BilingualMessageSchema = Type.Object({ id: Type.String(), en: Type.String() });

export const ErrorSchema = Type.Object(
  { code: Type.String(), message: BilingualMessageSchema, details: Type.Optional(Type.Unknown()) },
  { $id: 'Error', description: 'Every error: a stable code and a message in Bahasa Indonesia and English.' },
);

export const errorResponses = {
  400: ErrorSchema,
  503: ErrorSchema,
};
