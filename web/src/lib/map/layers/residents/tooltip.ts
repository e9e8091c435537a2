// What the tooltip says about a resident point or a region of the choropleth.
import type { ResidentRegion } from '$lib/api/types';
import { nationalityName } from '$lib/i18n/nationality';
import { translate, type Lang } from '$lib/i18n/translate';
import { codeLabel, formatCount } from '$lib/ui/operationalFormat';
import type { TooltipContent } from '../common';

/** A resident under the pointer (intel only), from its tile's properties. */
export interface ResidentSketch {
  nationality: string;
  permitType: string;
  status: string;
  overstayDays: number;
}

export function describeResident(resident: ResidentSketch, lang: Lang): TooltipContent {
  const lines = [
    codeLabel('permitType', resident.permitType, lang),
    codeLabel('residentStatus', resident.status, lang),
  ];
  if (resident.overstayDays > 0) {
    lines.push(translate(lang, 'tooltip.overstayDays', { days: formatCount(resident.overstayDays, lang) }));
  }
  return { title: nationalityName(resident.nationality, lang), lines, clickable: true };
}

/** A region of the current level; no row means nobody is recorded there (the layer is drawn at this level). */
export function describeRegion(name: string, residents: ResidentRegion | null, lang: Lang): TooltipContent {
  const count = (value: number | string) => formatCount(value, lang);
  const lines = residents
    ? [
        translate(lang, 'tooltip.people', { value: count(residents.people) }),
        translate(lang, 'tooltip.overstay', {
          value: count(residents.overstay),
          over60: count(residents.overstayOver60Days),
        }),
        translate(lang, 'tooltip.expiring', { value: count(residents.expiringWithin30Days) }),
      ]
    : [translate(lang, 'tooltip.noResidents')];
  return { title: name, lines, clickable: false };
}
