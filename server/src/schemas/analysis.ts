/** Query and answer schemas of the hot-spot, emerging-hot-spot and change analyses (issue #5). */
import { Type } from 'typebox';
import { ExportFormat, PeriodDay } from './common.ts';
import { layerFilterProperties } from './layer-filters.ts';
import { DisclosureControl, Nullable, PeopleCount } from './response-parts.ts';

const neighbourProperties = {
  neighbours: Type.Union([Type.Literal('knn'), Type.Literal('distance')], {
    default: 'knn',
    description: 'Neighbours of a unit: its k nearest, or every unit within distanceKm (centre to centre)',
  }),
  k: Type.Integer({ minimum: 1, maximum: 50, default: 8, description: 'k for k-nearest neighbours' }),
  distanceKm: Type.Number({ minimum: 0.5, maximum: 200, default: 10, description: 'Fixed-distance band in km' }),
  fdr: Type.Boolean({
    default: true,
    description: 'Correct p-values for the false discovery rate (Benjamini-Hochberg) before classing',
  }),
};

export const HotSpotQuery = Type.Object(
  {
    ...layerFilterProperties,
    ...neighbourProperties,
    layer: Type.Union([Type.Literal('incidents'), Type.Literal('residents'), Type.Literal('workplaces')]),
    unit: Type.Union([Type.Literal('desa'), Type.Literal('h3')], { default: 'desa' }),
    resolution: Type.Integer({ minimum: 5, maximum: 8, default: 6, description: 'H3 resolution when unit=h3' }),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

export const EmergingQuery = Type.Object(
  {
    ...layerFilterProperties,
    ...neighbourProperties,
    layer: Type.Union([Type.Literal('incidents'), Type.Literal('residents')]),
    slice: Type.Union([Type.Literal('month'), Type.Literal('quarter')], {
      default: 'quarter',
      description:
        'Time slice; the period (from, to; default the last 12 slices) is cut into 5 to 72 of them (with 4 no Mann-Kendall trend can reach p < 0.05)',
    }),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

export const ChangeQuery = Type.Object(
  {
    ...layerFilterProperties,
    layer: Type.Union([Type.Literal('incidents'), Type.Literal('residents')]),
    level: Type.Union([Type.Literal('desa'), Type.Literal('kecamatan'), Type.Literal('kabupaten')], {
      default: 'kecamatan',
    }),
    compareFrom: Type.Optional(PeriodDay('First day of the earlier period (default: the last quarter)')),
    compareTo: Type.Optional(PeriodDay('Last day of the earlier period')),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

const Parameters = Type.Record(Type.String(), Type.Unknown(), { description: 'The parameters used' });
const UnitProperties = {
  id: Type.String({ description: 'Desa/kecamatan/kabupaten code or H3 cell' }),
  name: Type.String(),
  parentName: Nullable(Type.String()),
  lon: Type.Number(),
  lat: Type.Number(),
  landBorderKm: Nullable(Type.Number()),
  seaBorderKm: Nullable(Type.Number()),
  geometry: Type.Unknown({ description: 'GeoJSON outline, or null when not asked for' }),
};

export const HotSpotResponse = Type.Object({
  analysis: Type.Literal('hotspots'),
  layer: Type.String(),
  disclosureControl: DisclosureControl,
  parameters: Parameters,
  summary: Type.Object({
    units: Type.Integer(),
    hot: Type.Record(Type.String(), Type.Integer()),
    cold: Type.Record(Type.String(), Type.Integer()),
  }),
  features: Type.Array(
    Type.Object({
      ...UnitProperties,
      count: PeopleCount,
      z: Nullable(Type.Number({ description: 'null where undefined, and for people to roles that may not see them' })),
      p: Nullable(Type.Number()),
      q: Nullable(Type.Number({ description: 'FDR-adjusted p-value' })),
      confidence: Type.Integer({ description: '99, 95, 90 or 0' }),
      bin: Type.Integer({ description: '+3..−3: hot/cold at 99/95/90 %, 0 not significant' }),
    }),
  ),
});

export const EmergingResponse = Type.Object({
  analysis: Type.Literal('emerging'),
  layer: Type.String(),
  disclosureControl: DisclosureControl,
  parameters: Parameters,
  slices: Type.Array(Type.Object({ first: Type.String(), last: Type.String() })),
  summary: Type.Object({
    units: Type.Integer(),
    categories: Type.Record(Type.String(), Type.Integer(), { description: 'direction:category → units' }),
  }),
  features: Type.Array(
    Type.Object({
      ...UnitProperties,
      count: PeopleCount,
      category: Type.String({ description: 'new, intensifying, persistent, diminishing, sporadic or none' }),
      direction: Nullable(Type.String()),
      significantSlices: Type.Integer(),
      trendZ: Nullable(
        Type.Number({
          description: 'Mann-Kendall Z of the Gi* series (null for people to roles that may not see them)',
        }),
      ),
      trendP: Nullable(Type.Number()),
      zs: Type.Array(Nullable(Type.Number())),
      bins: Type.Array(Type.Integer()),
    }),
  ),
});

export const ChangeResponse = Type.Object({
  analysis: Type.Literal('change'),
  layer: Type.String(),
  disclosureControl: DisclosureControl,
  level: Type.String(),
  parameters: Parameters,
  summary: Type.Object({
    units: Type.Integer(),
    before: PeopleCount,
    after: PeopleCount,
    rising: Type.Integer(),
    falling: Type.Integer(),
  }),
  features: Type.Array(
    Type.Object({
      ...UnitProperties,
      before: PeopleCount,
      after: PeopleCount,
      change: Nullable(Type.Integer({ description: 'null where it would give away a redacted count' })),
      changePercent: Nullable(Type.Number()),
    }),
  ),
});
