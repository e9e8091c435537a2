/**
 * Query and answer schemas of the analyses of where records lie (issue #5): per distance band to the border, in
 * DBSCAN clusters and per H3 cell. The hot-spot, emerging-hot-spot and change analyses are in analysis.ts.
 */
import { Type } from 'typebox';
import { ExportFormat } from './common.ts';
import { layerFilterProperties } from './layer-filters.ts';
import { DisclosureControl, Nullable, PeopleCount } from './response-parts.ts';

export const BorderBandQuery = Type.Object(
  {
    ...layerFilterProperties,
    bands: Type.Optional(
      Type.String({
        pattern: '^\\d+(\\.\\d+)?(,\\d+(\\.\\d+)?){1,9}$',
        description: 'Band edges in km, comma-separated, from 0 upwards (default 0,5,15,30,50: the last band is open)',
      }),
    ),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

export const BorderBandResponse = Type.Object({
  kind: Type.Union([Type.Literal('land'), Type.Literal('sea'), Type.Literal('nearest')]),
  disclosureControl: DisclosureControl,
  bands: Type.Array(
    Type.Object({
      minKm: Type.Number(),
      maxKm: Nullable(Type.Number()),
      residents: Type.Union([Type.Integer(), Type.String(), Type.Null()], {
        description: 'null: withheld for roles that may not see people when the band edges are not the standard ones',
      }),
      incidents: Type.Integer(),
      desa: Type.Integer(),
    }),
  ),
});

export const ClusterQuery = Type.Object(
  {
    ...layerFilterProperties,
    layer: Type.Union([Type.Literal('incidents'), Type.Literal('residents'), Type.Literal('workplaces')]),
    distanceM: Type.Number({
      minimum: 10,
      maximum: 50_000,
      default: 1000,
      description: 'DBSCAN neighbourhood radius in metres',
    }),
    minPoints: Type.Integer({ minimum: 2, maximum: 1000, default: 5, description: 'DBSCAN minimum cluster size' }),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

export const ClusterResponse = Type.Object({
  layer: Type.String(),
  disclosureControl: DisclosureControl,
  parameters: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The parameters used, for the record and exports',
  }),
  clusters: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      size: PeopleCount,
      memberIds: Type.Array(Type.Integer(), {
        description: 'Empty for clusters of people when the role may not see people',
      }),
      hull: Type.Unknown({ description: 'GeoJSON polygon' }),
      lon: Type.Number(),
      lat: Type.Number(),
      from: Nullable(Type.String()),
      to: Nullable(Type.String()),
      types: Type.Record(Type.String(), PeopleCount),
      nationalities: Type.Record(Type.String(), PeopleCount),
      landBorderKm: Type.Number(),
      seaBorderKm: Type.Number(),
    }),
  ),
});

export const HexagonQuery = Type.Object(
  {
    ...layerFilterProperties,
    layer: Type.Union([Type.Literal('incidents'), Type.Literal('residents'), Type.Literal('workplaces')]),
    resolution: Type.Integer({
      minimum: 5,
      maximum: 9,
      default: 7,
      description: 'H3 resolution: 5 (~250 km²) to 9 (~0.1 km²)',
    }),
    geometry: Type.Boolean({
      default: true,
      description: 'false: each cell without its polygon (the heat map needs only the centres and counts)',
    }),
    format: ExportFormat,
  },
  { additionalProperties: false },
);

export const HexagonResponse = Type.Object({
  layer: Type.String(),
  disclosureControl: DisclosureControl,
  parameters: Type.Record(Type.String(), Type.Unknown()),
  cells: Type.Array(
    Type.Object({
      h3: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      count: PeopleCount,
      geometry: Type.Optional(Type.Unknown({ description: 'The cell as a GeoJSON polygon (unless geometry=false)' })),
    }),
  ),
});
