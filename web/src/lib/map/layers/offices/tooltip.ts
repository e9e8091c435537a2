// What the tooltip says about an immigration office.
import type { ImmigrationOffice } from '$lib/api/types';
import { translate, type Lang } from '$lib/i18n/translate';
import type { TooltipContent } from '../common';

export function describeOffice(office: ImmigrationOffice, lang: Lang): TooltipContent {
  const lines = [
    office.areaNames.length > 0
      ? translate(lang, 'offices.area', { areas: office.areaNames.join(', ') })
      : translate(lang, 'offices.areaUnknown'),
    translate(lang, office.located === 'corrected' ? 'offices.located.corrected' : 'offices.located.town', {
      town: office.town,
    }),
  ];
  return { title: office.name, lines, clickable: false };
}
