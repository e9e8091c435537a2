// Saving the view of the moment as a PNG (issue #11): the audit entry first, then the image drawn in the browser,
// then the download. The legend is read from the page's own layer legends, so the image shows what the key shows.
import { CLASSIFICATION_COLOURS } from '../../../../server/src/domain/category-colours.ts';
import { api } from '$lib/api/client';
import type { Provenance } from '$lib/api/types';
import { translate, type Lang, type MessageKey } from '$lib/i18n/translate';
import type { ImageFrame, ImageSize } from './mapImage';

/** The legends of the layers shown, as the page draws them (each layer's Swatches). */
export function legendOfPage(lang: Lang): ImageFrame['legend'] {
  const seen = new Set<string>();
  const legend: ImageFrame['legend'] = [];
  for (const element of document.querySelectorAll<HTMLElement>('[data-legend-layer]')) {
    const id = element.dataset.legendLayer!;
    if (seen.has(id)) continue;
    seen.add(id);
    const items = [...element.querySelectorAll<HTMLElement>('[data-swatch]')].map((item) => ({
      color: item.dataset.color ?? '#000',
      label: item.dataset.label ?? '',
      shape: item.dataset.swatch ?? 'box',
    }));
    if (items.length > 0) legend.push({ heading: translate(lang, `layers.${id}` as MessageKey), items });
  }
  return legend;
}

/** A distance for the scale bar: "500 m", "20 km". */
export function formatDistance(metres: number, lang: Lang): string {
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  return metres >= 1000 ? `${(metres / 1000).toLocaleString(locale)} km` : `${metres.toLocaleString(locale)} m`;
}

/** The office's classification as the image's banner, or null for none. */
export function classificationBanner(provenance: Provenance | null, lang: Lang): ImageFrame['classification'] {
  if (!provenance || provenance.classification === 'none') return null;
  return {
    text: translate(lang, `classification.${provenance.classification}`),
    colour: CLASSIFICATION_COLOURS[provenance.classification],
  };
}

/** Records the export in the audit trail; the image is saved only once the server has. */
export function recordImageExport(size: ImageSize, title: string, link: string): Promise<unknown> {
  return api('post', '/api/exports/image', { body: { size, title, link } });
}

/** Saves a blob under a file name (a download the browser starts itself). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
