// What the tooltip says about an incident point or a region's proportional circle.
import type { IncidentRegion, PeopleCount } from '$lib/api/types';
import { translate, type Lang } from '$lib/i18n/translate';
import { codeLabel, formatCount, formatWhen } from '$lib/ui/operationalFormat';
import type { TooltipContent } from '../common';
import { incidentColor } from './style';

/** Incident types of a region, most frequent first, as "Overstay 12". */
function typeLines(byType: Record<string, number>, lang: Lang, limit = 4): string[] {
  return Object.entries(byType)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => b - a)
    .slice(0, limit)
    .map(([type, count]) => `${codeLabel('incidentType', type, lang)}: ${formatCount(count, lang)}`);
}

/** An incident under the pointer: its people count where the role may see it (null: not in the tile). */
export interface IncidentSketch {
  type: string;
  status: string;
  severity: string;
  occurredAt: string;
  peopleCount: PeopleCount | null;
}

export function describeIncident(incident: IncidentSketch, lang: Lang): TooltipContent {
  const lines = [
    formatWhen(incident.occurredAt, lang),
    `${codeLabel('incidentStatus', incident.status, lang)} · ${codeLabel('severity', incident.severity, lang)}`,
  ];
  if (incident.peopleCount !== null) {
    lines.push(translate(lang, 'tooltip.peopleInvolved', { value: formatCount(incident.peopleCount, lang) }));
  }
  return {
    title: codeLabel('incidentType', incident.type, lang),
    color: incidentColor(incident.type),
    lines,
    clickable: true,
  };
}

export function describeIncidentRegion(region: IncidentRegion, lang: Lang): TooltipContent {
  const count = (value: number | string) => formatCount(value, lang);
  return {
    title: region.name,
    lines: [
      translate(lang, 'tooltip.incidents', { value: count(region.incidents) }),
      // People involved per region are withheld from roles that may not see people (ADR 0007).
      ...(region.people === null ? [] : [translate(lang, 'tooltip.peopleInvolved', { value: count(region.people) })]),
      ...typeLines(region.byType, lang),
    ],
    clickable: false,
  };
}
