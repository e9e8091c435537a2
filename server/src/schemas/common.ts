import { Type } from 'typebox';

export const BilingualMessageSchema = Type.Object({ id: Type.String(), en: Type.String() });

export const ErrorSchema = Type.Object(
  { code: Type.String(), message: BilingualMessageSchema, details: Type.Optional(Type.Unknown()) },
  { $id: 'Error', description: 'Every error: a stable code and a message in Bahasa Indonesia and English.' },
);

/**
 * A calendar day of a period (query parameter), in the years 1900–2099: a date further out names no record, and
 * built into months it would cost the server millions of steps (`to=9999-12-31`).
 */
export const PERIOD_DAY_PATTERN = '^(19|20)\\d{2}-\\d{2}-\\d{2}$';
export const PeriodDay = (description: string) =>
  Type.String({ format: 'date', pattern: PERIOD_DAY_PATTERN, description: `${description} (YYYY-MM-DD, 1900–2099)` });

export const ExportFormat = Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('geojson')], {
  default: 'json',
  description: 'json for the app; csv or geojson to download, with the parameters written into the file',
});

export const errorResponses = {
  400: ErrorSchema,
  503: ErrorSchema,
};

/**
 * Ids are PostgreSQL bigserial, carried in JSON as numbers, which are exact up to 2^53 − 1: a larger id cannot name
 * a record, so the schema refuses it (a 400) instead of the database (a 500).
 */
export const MAX_ID = Number.MAX_SAFE_INTEGER;
export const IdSchema = Type.Integer({ minimum: 1, maximum: MAX_ID });

type SchemaObject = Record<string, unknown>;
const isSchemaObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Keywords whose values are data, not schemas: never rewritten. */
const DATA_KEYWORDS = new Set(['default', 'const', 'enum', 'examples', 'example']);
/** Keywords whose values map names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const DEFAULT_BOUND = { integer: MAX_ID, number: Number.MAX_VALUE } as const;

/**
 * A copy of a request schema in which every integer or number without a lower or upper bound gets one (±(2^53 − 1)
 * for integers, ±Number.MAX_VALUE for numbers): the safety net under a schema that forgot its bounds, so that
 * `99999999999999999999` is a 400 and never reaches SQL. Schemas should still state their own, sane, bounds.
 */
export function withNumericBounds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNumericBounds);
  if (!isSchemaObject(schema)) return schema;
  const copy: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key)) copy[key] = value;
    else if (SCHEMA_MAPS.has(key) && isSchemaObject(value)) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withNumericBounds(sub)]));
    } else copy[key] = withNumericBounds(value);
  }
  if (copy.type === 'integer' || copy.type === 'number') {
    const bound = DEFAULT_BOUND[copy.type];
    if (copy.minimum === undefined && copy.exclusiveMinimum === undefined) copy.minimum = -bound;
    if (copy.maximum === undefined && copy.exclusiveMaximum === undefined) copy.maximum = bound;
  }
  return copy;
}
