// What the tooltip says about a picked feature, in the reader's language.
import { nationalityName } from '$lib/i18n/nationality';
import { translate, type Lang, type MessageKey } from '$lib/i18n/translate';
import { codeLabel, formatCount, formatDay, formatWhen } from '$lib/ui/operationalFormat';
import { incidentColor } from './operational-palette';
import type { Picked } from './operationalMap';

export interface TooltipContent {
  title: string;
  /** A small colour swatch before the title (incident type). */
  color?: string;
  lines: string[];
  /** Clicking opens the details drawer. */
  clickable: boolean;
}

/** Incident types of a region, most frequent first, as "Overstay 12". */
function typeLines(byType: Record<string, number>, lang: Lang, limit = 4): string[] {
  return Object.entries(byType)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => b - a)
    .slice(0, limit)
    .map(([type, count]) => `${codeLabel('incidentType', type, lang)}: ${formatCount(count, lang)}`);
}

export function describePicked(picked: Picked, lang: Lang): TooltipContent {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const count = (value: number | string) => formatCount(value, lang);
  switch (picked.kind) {
    case 'incident': {
      const { incident } = picked;
      return {
        title: codeLabel('incidentType', incident.type, lang),
        color: incidentColor(incident.type),
        lines: [
          formatWhen(incident.occurredAt, lang),
          `${codeLabel('incidentStatus', incident.status, lang)} · ${codeLabel('severity', incident.severity, lang)}`,
          t('tooltip.peopleInvolved', { value: count(incident.peopleCount) }),
        ],
        clickable: true,
      };
    }
    case 'resident': {
      const { resident } = picked;
      const lines = [
        codeLabel('permitType', resident.permitType, lang),
        codeLabel('residentStatus', resident.status, lang),
      ];
      if (resident.overstayDays > 0) lines.push(t('tooltip.overstayDays', { days: count(resident.overstayDays) }));
      return { title: nationalityName(resident.nationality, lang), lines, clickable: true };
    }
    case 'workplace': {
      const { workplace } = picked;
      const nationalities = Object.entries(workplace.byNationality)
        // ISO codes for intel; nationality groups ("malaysia") for roles that may not see people.
        .map(([code, value]) => {
          const name = /^[A-Z]{3}$/.test(code)
            ? nationalityName(code, lang)
            : codeLabel('nationalityGroup', code, lang);
          return `${name} ${count(value)}`;
        })
        .join(', ');
      const lines = [
        codeLabel('sector', workplace.sector, lang),
        t('tooltip.workers', { value: count(workplace.foreignWorkers) }),
      ];
      if (nationalities) lines.push(nationalities);
      return { title: workplace.company, lines, clickable: false };
    }
    case 'desaBinaan': {
      const { village } = picked;
      const lines = [
        `${village.kecamatan}, ${village.kabupaten}`,
        codeLabel('desaBinaan.status', village.status, lang),
      ];
      if (village.inauguratedOn) lines.push(t('tooltip.inaugurated', { date: formatDay(village.inauguratedOn, lang) }));
      if (village.pimpasaName) lines.push(t('tooltip.pimpasa', { name: village.pimpasaName }));
      if (village.synthetic) lines.push(t('details.synthetic'));
      return { title: village.name, lines, clickable: false };
    }
    case 'incidentRegion': {
      const { region } = picked;
      return {
        title: region.name,
        lines: [
          t('tooltip.incidents', { value: count(region.incidents) }),
          // People involved per region are withheld from roles that may not see people (ADR 0007).
          ...(region.people === null ? [] : [t('tooltip.peopleInvolved', { value: count(region.people) })]),
          ...typeLines(region.byType, lang),
        ],
        clickable: false,
      };
    }
    case 'region': {
      const lines: string[] = [];
      const { residents, team } = picked;
      if (residents) {
        lines.push(t('tooltip.people', { value: count(residents.people) }));
        lines.push(
          t('tooltip.overstay', { value: count(residents.overstay), over60: count(residents.overstayOver60Days) }),
        );
        lines.push(t('tooltip.expiring', { value: count(residents.expiringWithin30Days) }));
      } else if (picked.residentsShown) {
        lines.push(t('tooltip.noResidents'));
      }
      if (team) {
        if (!team.formed) lines.push(t('tooltip.teamNotFormed'));
        else if (team.formedOn) lines.push(t('tooltip.teamFormed', { date: formatDay(team.formedOn, lang) }));
        else lines.push(t('tooltip.teamFormedUndated'));
      }
      return { title: picked.name, lines, clickable: false };
    }
  }
}
