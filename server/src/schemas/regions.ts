import { Type, type Static } from 'typebox';

const RegionRef = Type.Object({ code: Type.String(), name: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const RegionsAtQuery = Type.Object(
  {
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, WGS84 degrees' }),
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, WGS84 degrees' }),
  },
  { additionalProperties: false },
);
export type RegionsAtQuery = Static<typeof RegionsAtQuery>;

export const RegionsAtResponse = Type.Object({
  desa: Nullable(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      kind: Type.Union([Type.Literal('desa'), Type.Literal('kelurahan')]),
    }),
  ),
  kecamatan: Nullable(RegionRef),
  kabupaten: Nullable(RegionRef),
  provinsi: Nullable(RegionRef),
  borderDistanceKm: Nullable(Type.Number()),
  landBorderDistanceKm: Nullable(Type.Number()),
  seaBorderDistanceKm: Nullable(Type.Number()),
});

export const RegionSearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 2,
      maxLength: 100,
      description: 'Part of a region name; accents and case are ignored',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 10 })),
  },
  { additionalProperties: false },
);
export type RegionSearchQuery = Static<typeof RegionSearchQuery>;

export const RegionSearchResponse = Type.Object({
  results: Type.Array(
    Type.Object({
      level: Type.Union([
        Type.Literal('provinsi'),
        Type.Literal('kabupaten'),
        Type.Literal('kecamatan'),
        Type.Literal('desa'),
      ]),
      code: Type.String(),
      name: Type.String(),
      kind: Nullable(Type.String()),
      context: Type.String(),
      bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
        description: '[west, south, east, north] in WGS84 degrees',
      }),
    }),
  ),
});

export const AreaListResponse = Type.Object({
  areas: Type.Array(
    Type.Object({
      code: Type.String(),
      level: Type.Union([Type.Literal('provinsi'), Type.Literal('kabupaten')]),
      name: Type.String(),
      provinsiCode: Type.String(),
    }),
  ),
});
