/** Where the sign-in page lives; also the one route reachable without a session. */
export const signInPath = '/masuk';

/**
 * The `next` value that brings the user back to where they were: path and hash (the map view lives in the hash),
 * never the query string, which might one day carry something that should not be copied around.
 */
export function nextFor(location: Pick<URL, 'pathname' | 'hash'>): string {
  return location.pathname + location.hash;
}

/**
 * The place to go after signing in. Only a path on this site is accepted (starts with one `/`, not `//` or `/\`,
 * which browsers treat as another host); anything else, and the sign-in page itself, fall back to the map.
 */
export function safeNextPath(raw: string | null, origin: string): string {
  if (raw === null || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  // Control characters (tabs, newlines) are stripped by URL parsers and could turn `/\t/host` into `//host`.
  if ([...raw].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return '/';
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin || url.pathname === signInPath) return '/';
  return url.pathname + url.search + url.hash;
}
