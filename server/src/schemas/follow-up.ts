/**
 * The follow-up from report to outcome (issue #13): triage, the lead agency, joint actions with their target lists,
 * outcomes, an incident's timeline and the outcome statistics — what the API takes and answers.
 */
import { Type, type Static } from 'typebox';
import { IdSchema, PeriodDay } from './common.ts';
import { oneOf } from './enums.ts';
import { FilingHeaders } from './layers.ts';
import { DisclosureControl, Nullable, PeopleCount } from './response-parts.ts';
import {
  ADMINISTRATIVE_MEASURES,
  AGENCIES,
  INCIDENT_STATUSES,
  JOINT_ACTION_KINDS,
  OUTCOME_KINDS,
  TARGET_KINDS,
  TARGET_SOURCES,
  TRIAGE_DECISIONS,
} from './vocabulary.ts';

const Note = Type.String({
  maxLength: 4000,
  description: 'Free text; read by roles that may see people and by the writer’s agency',
});
const Agency = oneOf(AGENCIES);
const Day = (description: string) => PeriodDay(description);

/** A kecamatan or desa code. */
const AreaCode = Type.String({
  pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}(\\.\\d{4})?$',
  description: 'A kecamatan or desa code',
});

export const IncidentIdParams = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const TriageBody = Type.Object(
  { decision: oneOf(TRIAGE_DECISIONS), note: Type.Optional(Note) },
  { additionalProperties: false },
);

export const LeadAgencyBody = Type.Object(
  { agency: Agency, note: Type.Optional(Note) },
  { additionalProperties: false },
);

export const CloseBody = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });

/** The most entries one request adds to a target list. */
export const MAX_TARGETS = 500;

export const TargetInput = Type.Object(
  {
    kind: oneOf(TARGET_KINDS),
    ref: Type.String({
      pattern: '^(\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?|[1-9]\\d{0,14})$',
      description: 'A region code (kind region) or a record id',
    }),
    source: oneOf(TARGET_SOURCES, { default: 'manual' }),
  },
  { additionalProperties: false },
);

export const NewJointActionBody = Type.Object(
  {
    kind: oneOf(JOINT_ACTION_KINDS),
    title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Not only spaces' }),
    startsOn: Day('First day'),
    endsOn: Day('Last day'),
    agencies: Type.Array(Agency, { minItems: 1, maxItems: 20, uniqueItems: true }),
    areaCodes: Type.Array(AreaCode, { minItems: 1, maxItems: 500, uniqueItems: true }),
    notes: Type.Optional(Note),
    targets: Type.Optional(Type.Array(TargetInput, { maxItems: MAX_TARGETS })),
  },
  { additionalProperties: false },
);
export type NewJointActionBody = Static<typeof NewJointActionBody>;

export const TargetsBody = Type.Object(
  { targets: Type.Array(TargetInput, { minItems: 1, maxItems: MAX_TARGETS }) },
  { additionalProperties: false },
);
export type TargetInput = Static<typeof TargetInput>;

export const JointActionTarget = Type.Object({
  kind: oneOf(TARGET_KINDS),
  ref: Type.String(),
  source: oneOf(TARGET_SOURCES),
  label: Type.String({
    description: 'What it is: a region’s name, an incident’s type and desa, a person (intel only)',
  }),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
});

export const JointActionSchema = Type.Object({
  id: IdSchema,
  kind: oneOf(JOINT_ACTION_KINDS),
  title: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  agencies: Type.Array(Type.String()),
  areaCodes: Type.Array(Type.String()),
  areaNames: Type.Array(Type.String()),
  notes: Nullable(Type.String()),
  agency: Type.String({ description: 'The agency that created it' }),
  createdAt: Type.String(),
  targets: Type.Array(JointActionTarget),
  targetsWithheld: Type.Union([Type.Integer(), Type.String()], {
    description:
      'Targets left out: outside the caller’s area, and people for roles that may not see them (through the disclosure rule for those roles)',
  }),
  outcomes: Type.Union([Type.Integer(), Type.String()], {
    description:
      'People of the outcomes recorded with this action (through the disclosure rule for roles that may not see people)',
  }),
});
export type JointAction = Static<typeof JointActionSchema>;

export const JointActionListResponse = Type.Object({
  actions: Type.Array(JointActionSchema, { description: 'Those whose area meets the caller’s, newest first (100)' }),
});

export const JointActionIdParams = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const NewOutcomeBody = Type.Object(
  {
    incidentId: Type.Optional(IdSchema),
    residentId: Type.Optional(IdSchema),
    jointActionId: Type.Optional(IdSchema),
    kind: oneOf(OUTCOME_KINDS),
    measure: Type.Optional(oneOf(ADMINISTRATIVE_MEASURES, { description: 'Required for administrative_measure' })),
    people: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      description: 'How many people it applies to (1 for a person)',
    }),
    decidedOn: Day('The day it was decided'),
    agency: Agency,
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type NewOutcomeBody = Static<typeof NewOutcomeBody>;

export const OutcomeHeaders = FilingHeaders;

export const OutcomeSchema = Type.Object({
  id: IdSchema,
  incidentId: Nullable(Type.Integer()),
  residentId: Type.Optional(Nullable(Type.Integer({ description: 'Roles that may see people only' }))),
  residentName: Type.Optional(Nullable(Type.String({ description: 'Roles that may see people only' }))),
  jointActionId: Nullable(Type.Integer()),
  kind: oneOf(OUTCOME_KINDS),
  measure: Nullable(oneOf(ADMINISTRATIVE_MEASURES)),
  people: PeopleCount,
  decidedOn: Type.String(),
  agency: Type.String(),
  desaCode: Type.String(),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  replayed: Type.Optional(
    Type.Boolean({ description: 'A retry with the same key: the outcome recorded the first time' }),
  ),
});
export type Outcome = Static<typeof OutcomeSchema>;

export const TimelineStep = Type.Object({
  at: Type.String({ description: 'When (ISO 8601, UTC)' }),
  kind: oneOf(['status', 'lead_agency', 'joint_action', 'outcome'] as const),
  status: Nullable(oneOf(INCIDENT_STATUSES, { description: 'The new status (kind status)' })),
  agency: Nullable(Type.String({ description: 'The agency that took the step' })),
  leadAgency: Nullable(Type.String({ description: 'The lead agency set (kind lead_agency)' })),
  jointAction: Nullable(Type.Object({ id: IdSchema, title: Type.String() })),
  outcome: Nullable(
    Type.Object({ id: IdSchema, kind: oneOf(OUTCOME_KINDS), measure: Nullable(oneOf(ADMINISTRATIVE_MEASURES)) }),
  ),
  note: Nullable(Type.String({ description: 'Roles that may see people, and the agency that wrote it' })),
});

export const FollowUpResponse = Type.Object({
  incidentId: IdSchema,
  status: oneOf(INCIDENT_STATUSES),
  leadAgency: Nullable(Type.String()),
  jointActions: Type.Array(Type.Object({ id: IdSchema, title: Type.String(), kind: oneOf(JOINT_ACTION_KINDS) })),
  outcomes: Type.Array(OutcomeSchema),
  timeline: Type.Array(TimelineStep, { description: 'Oldest first' }),
  mayFollowUp: Type.Boolean({ description: 'Whether the caller may take the next steps' }),
});
export type FollowUp = Static<typeof FollowUpResponse>;

export const OutcomeStatsQuery = Type.Object(
  {
    region: Type.Optional(
      Type.String({ pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2})?)?$', description: 'A province, kabupaten or kecamatan' }),
    ),
    from: Type.Optional(Day('First day (default: 12 months before `to`)')),
    to: Type.Optional(Day('Last day (default today)')),
  },
  { additionalProperties: false },
);
export type OutcomeStatsQuery = Static<typeof OutcomeStatsQuery>;

export const OutcomeStatsResponse = Type.Object({
  disclosureControl: DisclosureControl,
  from: Type.String(),
  to: Type.String(),
  months: Type.Array(
    Type.Object({
      month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
      byKind: Type.Record(Type.String(), Type.Integer(), {
        description:
          'People per outcome kind decided that month; for roles that may not see people the sum of the kabupaten’s published cells',
      }),
    }),
  ),
  totals: Type.Record(Type.String(), Type.Integer(), { description: 'The sums of the months' }),
  reports: Type.Object({
    filed: Type.Integer({ description: 'Reports filed in the period (incidents filed by hand)' }),
    triaged: Type.Integer(),
    withOutcome: Type.Integer(),
  }),
});
