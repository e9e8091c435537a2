import { translateAll, type LocalizedText } from '$lib/i18n/translate';
import type { ApiErrorBody, Health, RegionSearchResponse, RegionsAtPoint } from './types';

/** Search limits enforced by the server; checking them here avoids a round trip that can only fail. */
export const searchQueryLength = { min: 2, max: 100 } as const;

/**
 * A failed API call, with a message ready in both languages.
 * `code` is the server's error code, or NETWORK / UNEXPECTED_RESPONSE when the server's answer never arrived or made no sense.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly text: LocalizedText,
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

async function request(path: string, params: Record<string, string>, signal: AbortSignal): Promise<RawAnswer> {
  // Relative to the page: the API always lives on the same origin (vite proxies it in development).
  const search = new URLSearchParams(params).toString();
  const url = search ? `${path}?${search}` : path;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError('NETWORK', 0, translateAll('error.network'));
  }
  try {
    return { response, body: await response.json() };
  } catch (error) {
    if (isAbortError(error)) throw error;
    return { response, body: undefined };
  }
}

function errorFor({ response, body }: RawAnswer): ApiError {
  if (isApiErrorBody(body)) return new ApiError(body.code, response.status, body.message);
  return new ApiError(
    'UNEXPECTED_RESPONSE',
    response.status,
    translateAll('error.unexpected', { status: response.status }),
  );
}

async function getJson<T>(path: string, params: Record<string, string>, signal: AbortSignal): Promise<T> {
  const answer = await request(path, params, signal);
  if (!answer.response.ok || answer.body === undefined) throw errorFor(answer);
  // The body is trusted to follow the documented contract; the server validates its own responses.
  return answer.body as T;
}

/**
 * Which desa, kecamatan, kabupaten and provinsi contain the point, and how far it is from the border.
 * Six decimals (about 10 cm) is far finer than any boundary and keeps repeated clicks cache-friendly.
 */
export function findRegionAt(lon: number, lat: number, signal: AbortSignal): Promise<RegionsAtPoint> {
  return getJson<RegionsAtPoint>('/api/regions/at', { lon: lon.toFixed(6), lat: lat.toFixed(6) }, signal);
}

/** Regions whose name matches `query`, best match first. */
export function searchRegions(query: string, limit: number, signal: AbortSignal): Promise<RegionSearchResponse> {
  const q = query.trim().slice(0, searchQueryLength.max);
  const clampedLimit = Math.min(20, Math.max(1, Math.round(limit)));
  return getJson<RegionSearchResponse>('/api/regions/search', { q, limit: String(clampedLimit) }, signal);
}

/** Whether the server and its database are up, and which boundary data is loaded. */
export async function getHealth(signal: AbortSignal): Promise<Health> {
  const answer = await request('/api/health', {}, signal);
  // An unhealthy server may answer 503 and still send the health document; that document is what we want to show.
  const isHealthDocument =
    typeof answer.body === 'object' && answer.body !== null && 'status' in answer.body && 'database' in answer.body;
  if (isHealthDocument) return answer.body as Health;
  throw errorFor(answer);
}
