import { Type, type Static } from 'typebox';
import { TILE_LAYER_NAMES } from '../domain/tile-layers.ts';

/** The deepest zoom an address may name; tile-service.ts checks that x and y lie within 2^z of it. */
export const MAX_TILE_ZOOM = 22;
const TILE_INDEX = Type.Integer({ minimum: 0, maximum: 2 ** MAX_TILE_ZOOM - 1 });

export const TileParams = Type.Object(
  {
    layer: Type.String({ maxLength: 40, description: `One of: ${TILE_LAYER_NAMES.join(', ')}` }),
    z: Type.Integer({ minimum: 0, maximum: MAX_TILE_ZOOM }),
    x: TILE_INDEX,
    y: TILE_INDEX,
  },
  { additionalProperties: false },
);
export type TileParams = Static<typeof TileParams>;

export const StyleQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { default: 'id' })) },
  { additionalProperties: false },
);
export type StyleQuery = Static<typeof StyleQuery>;
