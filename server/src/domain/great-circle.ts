/**
 * Distances on the Earth and near points without comparing every pair: one dependency-free module for the analyses,
 * the planner on the server and the planner in the browser.
 */

export interface LonLat {
  lon: number;
  lat: number;
}

/** The mean Earth radius (IUGG), the one turf uses. */
export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

/** Great-circle distance in kilometres (haversine), as turf's `distance` computes it. */
export function haversineKm(a: LonLat, b: LonLat): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A grid of square cells (in degrees) over the points, for finding near points without comparing all pairs. */
class PointGrid {
  private readonly cells = new Map<string, number[]>();
  constructor(
    points: readonly LonLat[],
    readonly cellDegrees: number,
  ) {
    points.forEach((point, index) => {
      const key = this.key(this.column(point.lon), this.row(point.lat));
      const cell = this.cells.get(key);
      if (cell) cell.push(index);
      else this.cells.set(key, [index]);
    });
  }
  column = (lon: number) => Math.floor(lon / this.cellDegrees);
  row = (lat: number) => Math.floor(lat / this.cellDegrees);
  key = (column: number, row: number) => `${column}:${row}`;
  /** Indexes in the point's cell and the eight around it. */
  around(point: LonLat): number[] {
    const column = this.column(point.lon);
    const row = this.row(point.lat);
    const found: number[] = [];
    for (let dc = -1; dc <= 1; dc += 1) {
      for (let dr = -1; dr <= 1; dr += 1) {
        const cell = this.cells.get(this.key(column + dc, row + dr));
        if (cell) found.push(...cell);
      }
    }
    return found;
  }
}

/**
 * For each of `points`, the indexes (ascending, itself excluded) of the `others` within `km` (great circle, or the
 * distance given). `others` defaults to `points` themselves.
 */
export function pointsWithin(
  points: readonly LonLat[],
  km: number,
  options: { others?: readonly LonLat[]; distance?: (a: LonLat, b: LonLat) => number } = {},
): number[][] {
  const others = options.others ?? points;
  const distance = options.distance ?? haversineKm;
  const all = [...points, ...others];
  if (all.length === 0) return [];
  const maxAbsLat = Math.min(80, Math.max(...all.map((point) => Math.abs(point.lat))));
  // The shortest ground distance one degree of longitude can span among these points, with a margin.
  const minKmPerDegree = KM_PER_DEGREE * Math.cos((maxAbsLat * Math.PI) / 180) * 0.99;
  const grid = new PointGrid(others, Math.max(km, 1e-6) / minKmPerDegree);
  const self = others === points;
  return points.map((point, i) =>
    grid
      .around(point)
      .filter((j) => !(self && j === i) && distance(point, others[j]!) <= km)
      .sort((a, b) => a - b),
  );
}
