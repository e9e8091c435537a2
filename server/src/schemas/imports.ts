import { Type } from 'typebox';
import { BilingualMessageSchema } from './common.ts';

export const ImportIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ImportKindSchema = Type.Union(
  [Type.Literal('residents'), Type.Literal('workplaces'), Type.Literal('incidents')],
  { description: 'What the file holds' },
);

export const TemplateParams = Type.Object({ kind: ImportKindSchema });

const MappingSchema = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 }), {
  description: 'field → column of the file, e.g. { "fullName": "Nama", "desaCode": "Kode Desa" }',
});

export const PreviewBody = Type.Object(
  {
    mapping: Type.Optional(MappingSchema),
  },
  { additionalProperties: false },
);

export const CorrectCellsBody = Type.Object(
  {
    cells: Type.Array(
      Type.Object(
        {
          line: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'The line as the preview names it' }),
          column: Type.String({ minLength: 1, maxLength: 200, description: 'A column of the file' }),
          value: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], {
            description: 'The new text; empty or null clears the cell',
          }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
    mapping: Type.Optional(MappingSchema),
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
      cells: Type.Record(Type.String(), Cell, {
        description: 'The current value of each column the errors concern, to correct in place',
      }),
    }),
  ),
});

export const CommitResponse = Type.Object({ importId: Type.String(), kind: Type.String(), saved: Type.Integer() });
