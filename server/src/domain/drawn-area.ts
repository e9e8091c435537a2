/**
 * An area drawn on the map (issue #12, "draw and measure"): a polygon — or a circle, which the browser sends as a
 * polygon of its edge (turf `circle`) — that every layer and analysis can be limited to. As the API takes it
 * (`within=lon,lat,lon,lat,…`), its box, and whether a point lies inside it (even-odd rule, in degrees).
 */

/** The most corners a drawn area may have (a circle is sent with 64). */
export const MAX_DRAWN_VERTICES = 200;

export type Ring = [number, number][];

/** The corners of `within`, or null when it is not 3 to 200 corners of valid degrees. */
export function parseRing(text: string): Ring | null {
  const numbers = text.split(',').map(Number);
  if (numbers.length % 2 !== 0 || numbers.some((value) => !Number.isFinite(value))) return null;
  const ring: Ring = [];
  for (let index = 0; index < numbers.length; index += 2) ring.push([numbers[index]!, numbers[index + 1]!]);
  // A closed ring repeats its first corner: it counts once.
  const [first, last] = [ring[0], ring.at(-1)];
  if (ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) ring.pop();
  if (ring.length < 3 || ring.length > MAX_DRAWN_VERTICES) return null;
  if (ring.some(([lon, lat]) => Math.abs(lon) > 180 || Math.abs(lat) > 90)) return null;
  return ringArea(ring) > 0 ? ring : null;
}

/** The planar area of a ring in square degrees (shoelace): 0 for corners on one line. */
function ringArea(ring: Ring): number {
  let twice = 0;
  ring.forEach(([x1, y1], index) => {
    const [x2, y2] = ring[(index + 1) % ring.length]!;
    twice += x1 * y2 - x2 * y1;
  });
  return Math.abs(twice) / 2;
}

export const ringBox = (ring: Ring): [number, number, number, number] => [
  Math.min(...ring.map((corner) => corner[0])),
  Math.min(...ring.map((corner) => corner[1])),
  Math.max(...ring.map((corner) => corner[0])),
  Math.max(...ring.map((corner) => corner[1])),
];

/** The ring as well-known text, closed, for PostGIS (`ST_GeomFromText`, then `ST_MakeValid`). */
export const ringWkt = (ring: Ring): string =>
  `POLYGON((${[...ring, ring[0]!].map(([lon, lat]) => `${lon} ${lat}`).join(',')}))`;

/** Whether a point lies inside the ring (even-odd rule), as PostGIS decides for a valid polygon. */
export function insideRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
