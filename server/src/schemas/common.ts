import { Type } from 'typebox';

export const BilingualMessageSchema = Type.Object({ id: Type.String(), en: Type.String() });

export const ErrorSchema = Type.Object(
  { code: Type.String(), message: BilingualMessageSchema, details: Type.Optional(Type.Unknown()) },
  { $id: 'Error', description: 'Every error: a stable code and a message in Bahasa Indonesia and English.' },
);

export const ExportFormat = Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('geojson')], {
  default: 'json',
  description: 'json for the app; csv or geojson to download, with the parameters written into the file',
});

export const errorResponses = {
  400: ErrorSchema,
  503: ErrorSchema,
};
