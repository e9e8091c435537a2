/**
 * The words of the desa binaan planner (issue #12) in both languages, defined once: the web's panel, the CSV and the
 * PDF read them from here.
 */
import type { Criterion } from '../domain/planner-score.ts';
import type { PlanDecision } from './vocabulary.ts';

type Words = { id: string; en: string };

export const CRITERION_LABELS: Record<Criterion, Words> = {
  foreigners: { id: 'WNA di dalam dan dekat desa', en: 'Foreigners in and near the desa' },
  workers: { id: 'TKA di dalam dan dekat desa', en: 'Foreign workers in and near the desa' },
  incidents: { id: 'Kejadian 12 bulan (berbobot jenis)', en: 'Incidents, 12 months (weighted by type)' },
  landBorder: { id: 'Dekat perbatasan darat', en: 'Close to the land border' },
  seaBorder: { id: 'Dekat batas laut', en: 'Close to the sea boundary' },
  officeDistance: { id: 'Jauh dari kantor imigrasi', en: 'Far from an immigration office' },
  binaanGap: { id: 'Jauh dari desa binaan yang ada', en: 'Far from an existing desa binaan' },
};

/** Short names for narrow columns (CSV headers use the criterion's own name). */
export const CRITERION_SHORT_LABELS: Record<Criterion, Words> = {
  foreigners: { id: 'WNA', en: 'Foreigners' },
  workers: { id: 'TKA', en: 'Workers' },
  incidents: { id: 'Kejadian', en: 'Incidents' },
  landBorder: { id: 'Batas darat', en: 'Land border' },
  seaBorder: { id: 'Batas laut', en: 'Sea boundary' },
  officeDistance: { id: 'Kanim', en: 'Office' },
  binaanGap: { id: 'Celah binaan', en: 'Binaan gap' },
};

/** How each normalisation reads, with {scale} the criterion's distance scale in km. */
export const NORMALISATION_LABELS: Record<'log-of-largest' | 'closer-within' | 'farther-up-to', Words> = {
  'log-of-largest': {
    id: 'log(1 + nilai) ÷ log(1 + nilai terbesar di wilayah)',
    en: 'log(1 + value) ÷ log(1 + the largest in the area)',
  },
  'closer-within': { id: '1 − jarak ÷ {scale} km (0 di luar {scale} km)', en: '1 − distance ÷ {scale} km (0 beyond)' },
  'farther-up-to': { id: 'jarak ÷ {scale} km (paling tinggi 1)', en: 'distance ÷ {scale} km (at most 1)' },
};

export const PLAN_DECISION_LABELS: Record<PlanDecision, Words> = {
  planned: { id: 'Direncanakan', en: 'Planned' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
};
