/** A body as JSON with its keys sorted, so the same write always has the same digest (idempotent retries). */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The SHA-256 of a body's canonical JSON, in hex. */
export const bodyDigest = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');
