// What the tooltip says about a workplace.
import type { Workplace } from '$lib/api/types';
import { nationalityName } from '$lib/i18n/nationality';
import { translate, type Lang } from '$lib/i18n/translate';
import { codeLabel, formatCount } from '$lib/ui/operationalFormat';
import type { TooltipContent } from '../common';

export function describeWorkplace(workplace: Workplace, lang: Lang): TooltipContent {
  const nationalities = Object.entries(workplace.byNationality)
    // ISO codes for intel; nationality groups ("malaysia") for roles that may not see people.
    .map(([code, value]) => {
      const name = /^[A-Z]{3}$/.test(code) ? nationalityName(code, lang) : codeLabel('nationalityGroup', code, lang);
      return `${name} ${formatCount(value, lang)}`;
    })
    .join(', ');
  const lines = [
    codeLabel('sector', workplace.sector, lang),
    translate(lang, 'tooltip.workers', { value: formatCount(workplace.foreignWorkers, lang) }),
  ];
  if (nationalities) lines.push(nationalities);
  return { title: workplace.company, lines, clickable: false };
}
