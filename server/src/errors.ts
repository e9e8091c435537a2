/**
 * Every error a user can cause has a code and a message in Bahasa Indonesia and English. Route code throws
 * `AppError`; the one error handler in app.ts turns it (and schema validation failures) into JSON.
 */
import type { Static } from 'typebox';
import type { BilingualMessageSchema, ErrorSchema } from './schemas/common.ts';

export type BilingualMessage = Static<typeof BilingualMessageSchema>;
export type ErrorBody = Static<typeof ErrorSchema>;

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly bilingual: BilingualMessage,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(bilingual.en);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.bilingual,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export const RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = (): AppError =>
  new AppError(
    503,
    'DATABASE_UNAVAILABLE',
    {
      id: `Basis data sedang tidak dapat dihubungi. Coba lagi dalam ${RETRY_AFTER_SECONDS} detik.`,
      en: `The database cannot be reached right now. Try again in ${RETRY_AFTER_SECONDS} seconds.`,
    },
    undefined,
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );

interface SchemaIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Turns one JSON-schema (ajv) failure into words a person understands, in both languages. */
function describeIssue(issue: SchemaIssue, context: string): BilingualMessage {
  const field =
    (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') ||
    String(issue.params?.missingProperty ?? context);
  const limit = issue.params?.limit;
  switch (issue.keyword) {
    case 'required':
      return {
        id: `'${issue.params?.missingProperty}' wajib diisi`,
        en: `'${issue.params?.missingProperty}' is required`,
      };
    case 'type':
      return {
        id: `'${field}' harus berupa ${issue.params?.type === 'integer' ? 'bilangan bulat' : issue.params?.type === 'number' ? 'angka' : String(issue.params?.type)}`,
        en: `'${field}' must be ${issue.params?.type === 'integer' ? 'a whole number' : `a ${String(issue.params?.type)}`}`,
      };
    case 'minimum':
      return { id: `'${field}' tidak boleh kurang dari ${limit}`, en: `'${field}' must be at least ${limit}` };
    case 'maximum':
      return { id: `'${field}' tidak boleh lebih dari ${limit}`, en: `'${field}' must be at most ${limit}` };
    case 'minLength':
      return { id: `'${field}' minimal ${limit} karakter`, en: `'${field}' must have at least ${limit} characters` };
    case 'maxLength':
      return { id: `'${field}' maksimal ${limit} karakter`, en: `'${field}' must have at most ${limit} characters` };
    case 'enum':
    case 'anyOf':
    case 'const':
      return { id: `Nilai '${field}' tidak dikenal`, en: `'${field}' has a value that is not allowed` };
    case 'additionalProperties':
      return {
        id: `Parameter '${issue.params?.additionalProperty}' tidak dikenal`,
        en: `Unknown parameter '${issue.params?.additionalProperty}'`,
      };
    default:
      return { id: `'${field}' tidak valid`, en: `'${field}' is not valid: ${issue.message ?? ''}`.trim() };
  }
}

export function validationError(issues: SchemaIssue[], context: string): AppError {
  const described = issues.map((issue) => describeIssue(issue, context));
  return new AppError(
    400,
    'INVALID_REQUEST',
    {
      id: `Permintaan tidak valid: ${described.map((message) => message.id).join('; ')}.`,
      en: `Invalid request: ${described.map((message) => message.en).join('; ')}.`,
    },
    issues.map((issue) => ({ field: issue.instancePath, rule: issue.keyword })),
  );
}

export const notFound = (what: BilingualMessage): AppError => new AppError(404, 'NOT_FOUND', what);
