// How the planner writes its numbers and words: scores and kilometres the reader's way, the criteria's names and
// methods from the server's one list (server/src/schemas/planner-labels.ts).
import { numberLocale, type Lang } from '$lib/i18n/translate';
import { DISTANCE_SCALE_KM, NORMALISATION, type Criterion } from '../../../../../server/src/domain/planner-score.ts';
import {
  CRITERION_LABELS,
  NORMALISATION_LABELS,
  PLAN_DECISION_LABELS,
} from '../../../../../server/src/schemas/planner-labels.ts';
import type { PlanDecision } from '../../../../../server/src/schemas/vocabulary.ts';

export const decimal = (value: number, lang: Lang, digits = 2): string =>
  value.toLocaleString(numberLocale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const percent = (share: number, lang: Lang): string =>
  `${(share * 100).toLocaleString(numberLocale(lang), { maximumFractionDigits: 0 })} %`;

export const criterionLabel = (name: Criterion, lang: Lang): string => CRITERION_LABELS[name][lang];

export const decisionLabel = (decision: PlanDecision, lang: Lang): string => PLAN_DECISION_LABELS[decision][lang];

const SCALE: Partial<Record<Criterion, number>> = {
  landBorder: DISTANCE_SCALE_KM.border,
  seaBorder: DISTANCE_SCALE_KM.border,
  officeDistance: DISTANCE_SCALE_KM.office,
  binaanGap: DISTANCE_SCALE_KM.binaanGap,
};

/** How a criterion is normalised to 0–1, in words. */
export const methodLabel = (name: Criterion, lang: Lang): string =>
  NORMALISATION_LABELS[NORMALISATION[name]][lang].replaceAll('{scale}', String(SCALE[name] ?? ''));

export const count = (value: number, lang: Lang): string => value.toLocaleString(numberLocale(lang));
