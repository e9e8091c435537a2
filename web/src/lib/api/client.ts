import { translateAll, type LocalizedText } from '$lib/i18n/translate';
import { FROM_CACHE_HEADER } from '$lib/offline/cachePolicy';
import type { ApiAnswer, ApiBody, ApiErrorBody, ApiPathParams, ApiQuery, HttpMethod, PathWith } from './contract';
import type { Health, SessionResponse } from './types';

/**
 * A failed API call, with a message ready in both languages.
 * `code` is the server's error code, or NETWORK / UNEXPECTED_RESPONSE when the server's answer never arrived or made no sense.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly text: LocalizedText,
    /** The server's `details`, when it sent any (e.g. the bad rows of a refused import). */
    readonly details?: unknown,
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'ApiError';
  }
}

/** True for the rejection a fetch gets when its AbortSignal fires; callers ignore those. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Text to show for any failure of an API call, in both languages. */
export function describeError(error: unknown): LocalizedText {
  if (error instanceof ApiError) return error.text;
  // Not a server answer but a bug on our side: log it, and still tell the user something went wrong.
  console.error(error);
  return translateAll('error.client');
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Partial<ApiErrorBody>;
  return (
    typeof code === 'string' &&
    typeof message === 'object' &&
    message !== null &&
    typeof message.id === 'string' &&
    typeof message.en === 'string'
  );
}

interface RawAnswer {
  response: Response;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown;
}

interface RequestOptions {
  method?: Uppercase<HttpMethod>;
  /** Sent as they are, before ours (accept, content type, CSRF), which they cannot replace. */
  extraHeaders?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data instead of `body`; the browser sets the content type with its boundary. */
  form?: FormData;
  signal?: AbortSignal;
  /**
   * Whether a 401 NOT_SIGNED_IN / SESSION_EXPIRED answer means the session was lost. False for the session
   * endpoints themselves, whose 401 is an ordinary answer ("nobody is signed in", "wrong password").
   */
  watchSession?: boolean;
}

/** Error codes with which the server says the request came without a (valid) session. */
const sessionLostCodes: ReadonlySet<string> = new Set(['NOT_SIGNED_IN', 'SESSION_EXPIRED']);

let csrfToken: string | null = null;
let sessionLostListener: ((code: string) => void) | null = null;

/** The token from the current session, sent with every state-changing request; null after signing out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever any API call answers that the session is gone (at most one listener: the session state). */
export function onSessionLost(listener: (code: string) => void): void {
  sessionLostListener = listener;
}

/**
 * What each call learnt about the connection: `reached` is false when the server could not be reached; `storedAt` is
 * set when the answer came from the device (the service worker's copy of that time) because the network failed.
 */
type ConnectivityListener = (reached: boolean, storedAt: string | null) => void;
let connectivityListener: ConnectivityListener | null = null;

/** At most one listener: the connectivity state behind the offline banner. */
export function onConnectivity(listener: ConnectivityListener): void {
  connectivityListener = listener;
}

/** The one place every API call goes through: same origin, JSON both ways, CSRF header on changes. */
async function request(url: string, options: RequestOptions = {}): Promise<RawAnswer> {
  const { method = 'GET', body, form, signal, watchSession = true, extraHeaders = {} } = options;
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    connectivityListener?.(false, null);
    throw new ApiError('NETWORK', 0, translateAll('error.network'));
  }
  const storedAt = response.headers.get(FROM_CACHE_HEADER);
  connectivityListener?.(storedAt === null, storedAt);
  let parsed: unknown;
  try {
    parsed = response.status === 204 ? undefined : await response.json();
  } catch (error) {
    if (isAbortError(error)) throw error;
    parsed = undefined;
  }
  if (watchSession && response.status === 401 && isApiErrorBody(parsed) && sessionLostCodes.has(parsed.code)) {
    sessionLostListener?.(parsed.code);
  }
  return { response, body: parsed };
}

function errorFor({ response, body }: RawAnswer): ApiError {
  if (isApiErrorBody(body)) return new ApiError(body.code, response.status, body.message, body.details);
  return new ApiError(
    'UNEXPECTED_RESPONSE',
    response.status,
    translateAll('error.unexpected', { status: response.status }),
  );
}

/** The JSON body of a successful answer; anything else becomes an ApiError. */
async function call<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const answer = await request(url, options);
  if (!answer.response.ok || answer.body === undefined) throw errorFor(answer);
  // The body is trusted to follow the documented contract; the server validates its own responses.
  return answer.body as T;
}

// --- Typed calls: paths, parameters, bodies and answers from the generated contract (openapi.d.ts) ---------------

/** What a query parameter of the contract can hold; lists are comma-separated strings there. */
type QueryValue = string | number | boolean | null | undefined;

/**
 * A query string, parameters in the order given; empty ones are left out, so the server applies its default.
 * Two requests with the same query string are the same request (see `paramsKey` in layers.ts).
 */
export function queryString(query: Readonly<Record<string, QueryValue>> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.append(name, String(value));
  }
  return search.toString();
}

/** The path with its `{name}` parameters filled in, and the query string. Relative: the API is on our origin. */
function urlFor(path: string, parts: { query?: unknown; path?: unknown }): string {
  // What the contract's path and query types hold: strings, numbers and booleans.
  const pathParams = (parts.path ?? {}) as Readonly<Record<string, QueryValue>>;
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(pathParams[name] ?? '')));
  const search = queryString((parts.query ?? {}) as Readonly<Record<string, QueryValue>>);
  return search ? `${filled}?${search}` : filled;
}

interface TypedOptions<M extends HttpMethod, P extends PathWith<M>> {
  query?: ApiQuery<M, P>;
  path?: ApiPathParams<M, P>;
  body?: ApiBody<M, P>;
  /** Sent as multipart/form-data, for the operations that take a file (the contract does not describe that body). */
  form?: FormData;
  signal?: AbortSignal;
  watchSession?: boolean;
  /** Headers the contract names for the operation (an Idempotency-Key). */
  headers?: Record<string, string>;
}

/**
 * One call of the API as the contract describes it: `api('get', '/api/regions/at', { query: { lon, lat } })` is
 * checked against server/openapi.json — a wrong path, parameter or body fails the type check, and the answer has
 * the documented type.
 */
export function api<M extends HttpMethod, P extends PathWith<M>>(
  method: M,
  path: P,
  options: TypedOptions<M, P> = {},
): Promise<ApiAnswer<M, P>> {
  const { body, form, signal, watchSession, headers } = options;
  return call(urlFor(path, options), {
    method: method.toUpperCase() as Uppercase<M>,
    body,
    form,
    signal,
    watchSession,
    extraHeaders: headers,
  });
}

/**
 * The address of a GET as the contract describes it, for a link rather than a fetch: the downloads (an analysis
 * as CSV or GeoJSON, an import template), which the browser fetches itself with the session cookie.
 */
export function apiUrl<P extends PathWith<'get'>>(
  path: P,
  options: { query?: ApiQuery<'get', P>; path?: ApiPathParams<'get', P> } = {},
): string {
  return urlFor(path, options);
}

function isHealthDocument(body: unknown): body is Health {
  return typeof body === 'object' && body !== null && 'status' in body && 'database' in body;
}

/** Whether the server and its database are up, and which boundary data is loaded. */
export async function getHealth(signal: AbortSignal): Promise<Health> {
  const answer = await request('/api/health', { signal, watchSession: false });
  // An unhealthy server may answer 503 and still send the health document; that document is what we want to show.
  if (isHealthDocument(answer.body)) return answer.body;
  throw errorFor(answer);
}

// --- Session -----------------------------------------------------------------------------------------------------

/** The signed-in account; rejects with 401 NOT_SIGNED_IN or SESSION_EXPIRED when there is none. */
export function getSession(signal: AbortSignal): Promise<SessionResponse> {
  return api('get', '/api/session', { signal, watchSession: false });
}

/** Rejects with 401 INVALID_CREDENTIALS, or 429 TOO_MANY_ATTEMPTS whose message says when to try again. */
export function signIn(username: string, password: string): Promise<SessionResponse> {
  return api('post', '/api/session', { body: { username, password }, watchSession: false });
}

/** Ends the session on the server. An answer that there was no session any more counts as done. */
export async function signOut(): Promise<void> {
  const answer = await request('/api/session', { method: 'DELETE', watchSession: false });
  if (answer.response.ok || answer.response.status === 401) return;
  throw errorFor(answer);
}

/** Presentation mode for this session: while on, the server answers it as the projector's viewer role. */
export function setPresentation(presenting: boolean): Promise<SessionResponse> {
  return api('put', '/api/session/presentation', { body: { presenting } });
}

/**
 * A file from the API (a PDF): its bytes and the name the server gave it, or an ApiError with the server's message
 * in both languages — so a refused download is said on the page instead of being saved as a file.
 */
export async function downloadFile(url: string): Promise<{ blob: Blob; name: string }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError('NETWORK', 0, translateAll('error.network'));
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    if (isApiErrorBody(body)) throw new ApiError(body.code, response.status, body.message, body.details);
    throw new ApiError(
      'UNEXPECTED_RESPONSE',
      response.status,
      translateAll('error.unexpected', { status: response.status }),
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'pantau.pdf';
  return { blob: await response.blob(), name };
}
