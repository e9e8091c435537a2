import { Type, type Static } from 'typebox';
import { TILE_LAYER_NAMES } from '../services/tile-layers.ts';

export const TileParams = Type.Object({
  layer: Type.String({ description: `One of: ${TILE_LAYER_NAMES.join(', ')}` }),
  z: Type.Integer({ minimum: 0, maximum: 22 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});
export type TileParams = Static<typeof TileParams>;

export const StyleQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { default: 'id' })) },
  { additionalProperties: false },
);
export type StyleQuery = Static<typeof StyleQuery>;
