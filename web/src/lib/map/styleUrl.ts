import type { Lang } from '$lib/i18n/translate';

/**
 * Absolute URL of the server-generated map style in the given language.
 * Absolute because maplibre resolves style URLs outside the page's base and would otherwise reject a bare path.
 */
export function styleUrl(lang: Lang): string {
  return new URL(`/api/style.json?lang=${lang}`, window.location.origin).href;
}
