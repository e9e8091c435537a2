// What the tooltip says about a kecamatan's TIMPORA team.
import type { TimporaTeam } from '$lib/api/types';
import { translate, type Lang } from '$lib/i18n/translate';
import { formatDay } from '$lib/ui/operationalFormat';
import type { TooltipContent } from '../common';

export function describeTeam(name: string, team: TimporaTeam | null, lang: Lang): TooltipContent {
  const lines: string[] = [];
  if (team && !team.formed) lines.push(translate(lang, 'tooltip.teamNotFormed'));
  else if (team?.formedOn) lines.push(translate(lang, 'tooltip.teamFormed', { date: formatDay(team.formedOn, lang) }));
  else if (team) lines.push(translate(lang, 'tooltip.teamFormedUndated'));
  return { title: name, lines, clickable: false };
}
