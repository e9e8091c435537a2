import { Type } from 'typebox';
import { BilingualMessageSchema } from './common.ts';

export const ImportIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const PreviewBody = Type.Object(
  {
    mapping: Type.Optional(
      Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 }), {
        description: 'field → column of the file, e.g. { "fullName": "Nama", "desaCode": "Kode Desa" }',
      }),
    ),
  },
  { additionalProperties: false },
);

const Cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const UploadResponse = Type.Object({
  importId: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  columns: Type.Array(Type.String()),
  rowCount: Type.Integer(),
  sample: Type.Array(Type.Object({ line: Type.Integer(), values: Type.Record(Type.String(), Cell) })),
  suggestedMapping: Type.Record(Type.String(), Type.String()),
  fields: Type.Array(Type.Object({ key: Type.String(), required: Type.Boolean(), label: BilingualMessageSchema })),
});

export const PreviewResponse = Type.Object({
  importId: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  rowCount: Type.Integer(),
  validCount: Type.Integer(),
  mapping: Type.Record(Type.String(), Type.String()),
  invalid: Type.Array(
    Type.Object({
      line: Type.Integer({ description: 'Line in the file (the header is line 1; in GeoJSON, the feature number)' }),
      errors: Type.Array(Type.Object({ field: Type.String(), message: BilingualMessageSchema })),
      suggestions: Type.Optional(Type.Array(Type.String())),
    }),
  ),
});

export const CommitResponse = Type.Object({ importId: Type.String(), kind: Type.String(), saved: Type.Integer() });
