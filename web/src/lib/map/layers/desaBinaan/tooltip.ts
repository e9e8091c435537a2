// What the tooltip says about a desa binaan.
import type { DesaBinaan } from '$lib/api/types';
import { translate, type Lang } from '$lib/i18n/translate';
import { codeLabel, formatDay } from '$lib/ui/operationalFormat';
import type { TooltipContent } from '../common';

export function describeDesaBinaan(village: DesaBinaan, lang: Lang): TooltipContent {
  const lines = [`${village.kecamatan}, ${village.kabupaten}`, codeLabel('desaBinaan.status', village.status, lang)];
  if (village.inauguratedOn) {
    lines.push(translate(lang, 'tooltip.inaugurated', { date: formatDay(village.inauguratedOn, lang) }));
  }
  if (village.pimpasaName) lines.push(translate(lang, 'tooltip.pimpasa', { name: village.pimpasaName }));
  if (village.synthetic) lines.push(translate(lang, 'details.synthetic'));
  return { title: village.name, lines, clickable: false };
}
