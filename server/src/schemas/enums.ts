/** Schemas of the vocabularies (vocabulary.ts): one value, or a comma-separated list of values in a query string. */
import { Type, type TLiteral, type TSchemaOptions, type TUnion } from 'typebox';

/** ['a', 'b'] → [TLiteral<'a'>, TLiteral<'b'>]: a tuple TypeBox can infer a union of literals from. */
type Literals<T extends readonly unknown[]> = T extends readonly [infer Head extends string, ...infer Rest]
  ? [TLiteral<Head>, ...Literals<Rest>]
  : [];

/** One value of a vocabulary, as a schema (a union of literals): validator, type and OpenAPI at once. */
export function oneOf<const T extends readonly string[]>(values: T, options?: TSchemaOptions): TUnion<Literals<T>> {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as TUnion<Literals<T>>;
}

/** A comma-separated list of a vocabulary's values, for query strings (`permitType=ITAS,ITK`). */
export function listOf(values: readonly string[], description: string) {
  const value = `(${values.join('|')})`;
  return Type.String({ pattern: `^${value}(,${value})*$`, maxLength: 400, description });
}
