/**
 * The colours of Pantau's categories, defined once for the map, its legend, the charts, the exported images and the
 * PDFs: the Okabe–Ito palette (safe for the common colour-blindnesses and distinct on a washed-out projector).
 * Vermilion is kept for overstay, the offence TIMPORA meets most; grey for the rest.
 */
import type { Classification, IncidentType, OutcomeKind, PermitType } from '../schemas/vocabulary.ts';
import type { Criterion } from './planner-score.ts';

export const INCIDENT_TYPE_COLOURS: Record<IncidentType, string> = {
  overstay: '#d55e00',
  permit_misuse: '#e69f00',
  illegal_work: '#0072b2',
  tppo: '#cc79a7',
  tppm: '#000000',
  pmi_nonprosedural: '#56b4e9',
  illegal_crossing: '#009e73',
  // Not Okabe–Ito's yellow: at 1.2:1 against a light basemap it vanishes on a washed-out projector.
  sham_marriage: '#997700',
  other: '#8c8c8c',
};

export const PERMIT_TYPE_COLOURS: Record<PermitType, string> = {
  ITK: '#e69f00',
  ITAS: '#0072b2',
  ITAP: '#009e73',
  PLB: '#cc79a7',
  DIPLOMATIK: '#56b4e9',
  LAINNYA: '#8c8c8c',
};

/** Residents drawn as points (intel only): overstay (still here, permit over) stands out. */
export const RESIDENT_POINT_COLOURS = {
  active: '#0072b2',
  overstay: '#d55e00',
  departed: '#8c8c8c',
  deported: '#cc79a7',
} as const;

/** Desa binaan imigrasi by status. */
export const DESA_BINAAN_COLOURS: Record<string, string> = {
  aktif: '#009e73',
  rencana: '#0072b2',
  nonaktif: '#8c8c8c',
};

/** TIMPORA team coverage per kecamatan. */
export const TEAM_COLOURS = { formed: '#009e73', notFormed: '#e69f00' } as const;

/** The classification banner of the projector, the images and the PDFs. */
export const CLASSIFICATION_COLOURS: Record<Exclude<Classification, 'none'>, string> = {
  biasa: '#2b8a3e',
  terbatas: '#d9480f',
  rahasia: '#c92a2a',
};

/** Immigration offices: at the town's centre as seeded, or where an admin set the office itself. */
export const OFFICE_COLOURS = { office: '#0b3d91', corrected: '#009e73' } as const;

/** The criteria of the desa binaan planner (issue #12): Okabe–Ito, one colour per criterion's contribution. */
export const CRITERION_COLOURS: Record<Criterion, string> = {
  foreigners: '#0072b2',
  workers: '#56b4e9',
  incidents: '#d55e00',
  landBorder: '#009e73',
  seaBorder: '#2a9d8f',
  officeDistance: '#cc79a7',
  binaanGap: '#e69f00',
};

/** The two plans compared on the map: the working plan and the one it is compared with. */
export const PLAN_COLOURS = { a: '#0072b2', b: '#e69f00', candidate: '#d55e00' } as const;

/** What is drawn on the map to filter and measure (issue #12): the Okabe–Ito reddish purple, apart from every layer. */
export const DRAWING_COLOUR = '#7b3294';

/** What came of the reports (issue #13), in the Okabe–Ito palette; not substantiated in grey. */
export const OUTCOME_COLOURS: Record<OutcomeKind, string> = {
  deportation: '#d55e00',
  administrative_measure: '#e69f00',
  pro_justitia: '#cc79a7',
  warning: '#56b4e9',
  not_substantiated: '#999999',
};
