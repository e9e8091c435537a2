/** Query and answer schemas of the charts (issue #11): incidents and residents over time, breakdowns, provenance. */
import { Type, type Static } from 'typebox';
import { oneOf } from './enums.ts';
import { layerFilterProperties } from './layer-filters.ts';
import { DisclosureControl, Nullable } from './response-parts.ts';
import { CLASSIFICATIONS } from './vocabulary.ts';

/** The longest series a chart draws: five years of months. */
export const MAX_CHART_MONTHS = 60;

export const ChartQuery = Type.Object(
  {
    ...layerFilterProperties,
    level: Type.Optional(
      oneOf(['provinsi', 'kabupaten', 'kecamatan', 'desa'] as const, {
        description:
          'For roles that may not see people: the level whose published counts are summed for the view (default kabupaten)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ChartQuery = Static<typeof ChartQuery>;

const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'A calendar month, YYYY-MM' });

export const IncidentSeriesResponse = Type.Object({
  synthetic: Type.Boolean(),
  months: Type.Array(
    Type.Object({
      month: Month,
      total: Type.Integer(),
      byType: Type.Record(Type.String(), Type.Integer(), {
        description: 'Incidents per type; types without any left out',
      }),
    }),
  ),
});

export const ResidentSeriesResponse = Type.Object({
  synthetic: Type.Boolean(),
  disclosureControl: DisclosureControl,
  breakdownWithheld: Type.Boolean({
    description:
      'For roles that may not see people: the filter already breaks down by another dimension (one breakdown at a time), so only totals are given',
  }),
  months: Type.Array(
    Type.Object({
      month: Month,
      day: Type.String({ format: 'date', description: 'The day the residents are counted on: the month’s end' }),
      total: Type.Integer({
        description:
          'The sum of `byPermit` (of the published values, a suppressed one as 0); without a breakdown the sum of the regions’ published counts',
      }),
      byPermit: Nullable(Type.Record(Type.String(), Type.Integer())),
    }),
  ),
});

export const BreakdownResponse = Type.Object({
  synthetic: Type.Boolean(),
  disclosureControl: DisclosureControl,
  day: Type.String({ format: 'date', description: 'Residents present on this day (the period’s end)' }),
  nationality: Nullable(
    Type.Object({
      grouped: Type.Boolean({ description: 'By nationality group (roles that may not see people), else by country' }),
      entries: Type.Array(Type.Object({ key: Type.String(), people: Type.Integer() })),
    }),
  ),
  permit: Nullable(Type.Array(Type.Object({ key: Type.String(), people: Type.Integer() }))),
});

export const ProvenanceResponse = Type.Object({
  classification: oneOf(CLASSIFICATIONS),
  dataUpdatedAt: Nullable(
    Type.String({
      description: 'When a resident, workplace or incident of the caller’s area last changed, to the hour (UTC)',
    }),
  ),
  synthetic: Type.Boolean(),
});
