// The projector's map (issue #11): thicker lines and larger labels, so the boundaries and names still read on a
// washed-out projector from the back of a hall. Applied to the style as the server sent it, layer by layer.
import type { Map as MaplibreMap } from 'maplibre-gl';

/** Lines this many times as thick, labels this many times as large. */
export const PROJECTOR_LINE_FACTOR = 1.8;
export const PROJECTOR_TEXT_FACTOR = 1.3;

/**
 * A size scaled: a number, or the outputs of an `interpolate`/`step` over the zoom (["zoom"] may only be the input of
 * a top-level curve, so the curve's stops are scaled rather than the expression wrapped). Anything else is left.
 */
export function scaleSize(value: unknown, factor: number): unknown {
  if (typeof value === 'number') return value * factor;
  if (!Array.isArray(value)) return value;
  const [operator] = value;
  if (operator === 'interpolate') {
    // ["interpolate", curve, input, z0, v0, z1, v1, …]
    return value.map((entry, index) =>
      index >= 4 && index % 2 === 0 && typeof entry === 'number' ? entry * factor : entry,
    );
  }
  if (operator === 'step') {
    // ["step", input, v0, z1, v1, …]
    return value.map((entry, index) =>
      index >= 2 && index % 2 === 0 && typeof entry === 'number' ? entry * factor : entry,
    );
  }
  return value;
}

/** The style layers already scaled (a new style after a language switch has new layer objects: scaled again). */
const scaled = new WeakSet<object>();

/** Thickens the style's lines and enlarges its labels, once per style layer (styledata fires often). */
export function applyProjectorStyle(map: MaplibreMap): void {
  for (const { id, type } of map.getStyle().layers ?? []) {
    const layer = map.getLayer(id);
    if (!layer || scaled.has(layer)) continue;
    if (type === 'line') {
      const width = map.getPaintProperty(id, 'line-width') ?? 1;
      map.setPaintProperty(id, 'line-width', scaleSize(width, PROJECTOR_LINE_FACTOR) as never);
    } else if (type === 'symbol') {
      const size = map.getLayoutProperty(id, 'text-size');
      if (size !== undefined) map.setLayoutProperty(id, 'text-size', scaleSize(size, PROJECTOR_TEXT_FACTOR) as never);
    }
    scaled.add(layer);
  }
}
