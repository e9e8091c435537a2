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
    case 'finite':
      return { id: `'${field}' harus berupa angka terhingga`, en: `'${field}' must be a finite number` };
    case 'noNulCharacter':
      return {
        id: `'${field}' berisi karakter NUL yang tidak diizinkan`,
        en: `'${field}' contains a NUL character, which is not allowed`,
      };
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

/** An idempotency key sent again with another body (`what`: "laporan" / "report"): a new form, not a retry. */
export const idempotencyKeyReused = (what: BilingualMessage): AppError =>
  new AppError(409, 'IDEMPOTENCY_KEY_REUSED', {
    id: `Kunci pengiriman ini sudah dipakai untuk ${what.id} lain. Muat ulang formulir, lalu kirim lagi.`,
    en: `This submission key was already used for another ${what.en}. Reload the form, then send it again.`,
  });

/** Fastify's own 4xx errors (body parsing, addresses), in the codes and words of this API. */
const FRAMEWORK_ERRORS: Record<string, { code: string; message: BilingualMessage }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'INVALID_JSON',
    message: { id: 'Isi permintaan bukan JSON yang sah.', en: 'The request body is not valid JSON.' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'EMPTY_BODY',
    message: {
      id: 'Isi permintaan kosong; kirim sebuah objek JSON.',
      en: 'The request body is empty; send a JSON object.',
    },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_CONTENT_TYPE',
    message: {
      id: 'Jenis isi permintaan tidak didukung; kirim application/json.',
      en: 'Unsupported content type; send application/json.',
    },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'BODY_TOO_LARGE',
    message: { id: 'Isi permintaan terlalu besar.', en: 'The request body is too large.' },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'INVALID_CONTENT_LENGTH',
    message: {
      id: 'Panjang isi permintaan tidak sesuai dengan Content-Length.',
      en: 'The request body does not match its Content-Length.',
    },
  },
  FST_ERR_BAD_URL: {
    code: 'INVALID_URL',
    message: { id: 'Alamat permintaan tidak valid.', en: 'The request address is not valid.' },
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'URL_TOO_LONG',
    message: { id: 'Sebagian alamat permintaan terlalu panjang.', en: 'Part of the request address is too long.' },
  },
};

const STATUS_ERRORS: Record<number, { code: string; message: BilingualMessage }> = {
  404: { code: 'NOT_FOUND', message: { id: 'Alamat tidak ditemukan.', en: 'Not found.' } },
  408: {
    code: 'REQUEST_TIMEOUT',
    message: { id: 'Permintaan tidak selesai dikirim tepat waktu.', en: 'The request was not sent in time.' },
  },
  413: FRAMEWORK_ERRORS.FST_ERR_CTP_BODY_TOO_LARGE!,
  415: FRAMEWORK_ERRORS.FST_ERR_CTP_INVALID_MEDIA_TYPE!,
  429: {
    code: 'TOO_MANY_REQUESTS',
    message: {
      id: 'Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.',
      en: 'Too many requests. Wait a moment and try again.',
    },
  },
  431: {
    code: 'HEADERS_TOO_LARGE',
    message: {
      id: 'Kepala (header) permintaan terlalu besar. Hapus cookie situs ini, lalu coba lagi.',
      en: 'The request headers are too large. Clear this site’s cookies and try again.',
    },
  },
};

/**
 * A 4xx that did not come from our own code: Fastify's (known by its code) or a plugin's (known by its status; an
 * unknown code is kept, so a plugin's distinct failures stay distinct).
 */
export function clientError(statusCode: number, frameworkCode?: string): AppError {
  const framework = frameworkCode ? FRAMEWORK_ERRORS[frameworkCode] : undefined;
  const byStatus = STATUS_ERRORS[statusCode];
  return new AppError(
    statusCode,
    framework?.code ?? frameworkCode ?? byStatus?.code ?? 'BAD_REQUEST',
    framework?.message ??
      byStatus?.message ?? { id: 'Permintaan tidak dapat diproses.', en: 'The request could not be processed.' },
  );
}
