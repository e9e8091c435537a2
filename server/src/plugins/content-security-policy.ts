/**
 * A strict Content-Security-Policy: everything from our own origin only. SvelteKit's built page starts the app with
 * one inline script; instead of allowing inline scripts we allow exactly that script, by its SHA-256.
 * maplibre runs its worker from a same-origin file and decodes images from blob: URLs; it and Svelte set inline
 * style attributes, which CSP can only allow with 'unsafe-inline' for styles (no script is allowed that way).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
    );
  }
  return hashes;
}

/**
 * `servedOverHttps` adds upgrade-insecure-requests; over plain HTTP (a field office's LAN address) that directive
 * would send every request of the page to an https:// address that does not exist.
 */
export function contentSecurityPolicy(webBuildDir: string, servedOverHttps: boolean): Record<string, string[] | null> {
  const index = path.join(webBuildDir, 'index.html');
  const scriptHashes = existsSync(index) ? inlineScriptHashes(readFileSync(index, 'utf8')) : [];
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...scriptHashes],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': servedOverHttps ? [] : null,
  };
}
