/**
 * DBSCAN (Ester et al. 1996) over planar points, as PostGIS's `ST_ClusterDBSCAN` defines it (issue #14): a point is a
 * core point when at least `minPoints` points (itself included) lie within `eps` of it (distance ≤ eps); core points
 * within `eps` of each other are in one cluster; a point that is not a core point but lies within `eps` of one is a
 * border point of a cluster of such a core point; every other point is noise.
 *
 * PostGIS leaves open which cluster gets a border point within reach of two ("either assignment would be correct"):
 * here it is the cluster of the first such core point in input order, so the answer depends only on the input.
 * Clusters are numbered from 0 in the order of their first point in the input.
 *
 * The grid algorithm of Gunawan (2013): cells of side eps/√2, so any two points of one cell are within eps. A cell
 * with at least `minPoints` points holds only core points, and all core points of a cell are one cluster at once;
 * two cells are joined as soon as one pair of their core points is within eps. Each point looks only at the 21 cells
 * that can hold its neighbours, and the dense places — where pairwise checks cost the most — are settled per cell.
 */

/** Cluster of each point (0, 1, …), or -1 for noise. */
export function dbscan(xs: Float64Array, ys: Float64Array, eps: number, minPoints: number): Int32Array {
  const count = xs.length;
  const labels = new Int32Array(count).fill(-1);
  if (count === 0 || !(eps >= 0)) return labels;
  const grid = buildGrid(xs, ys, eps);
  const eps2 = eps * eps;
  const near = (a: number, b: number) => {
    const dx = xs[a]! - xs[b]!;
    const dy = ys[a]! - ys[b]!;
    return dx * dx + dy * dy <= eps2;
  };
  const { cells, cellOf, order } = grid;

  // Core points: a full cell at once, otherwise counted over the neighbouring cells until there are enough.
  const core = new Uint8Array(count);
  for (let cell = 0; cell < cells.length; cell++) {
    const [start, end] = cells[cell]!;
    if (end - start >= minPoints) {
      for (let at = start; at < end; at++) core[order[at]!] = 1;
      continue;
    }
    for (let at = start; at < end; at++) {
      const point = order[at]!;
      let neighbours = 0;
      grid.forEachNearCell(cell, (other) => {
        const [from, to] = cells[other]!;
        for (let near2 = from; near2 < to && neighbours < minPoints; near2++)
          if (near(point, order[near2]!)) neighbours++;
        return neighbours >= minPoints;
      });
      if (neighbours >= minPoints) core[point] = 1;
    }
  }

  // Components of core points, per cell (union–find over cells; the smaller cell index stays the root).
  const parent = new Int32Array(cells.length);
  for (let cell = 0; cell < cells.length; cell++) parent[cell] = cell;
  const find = (cell: number): number => {
    let at = cell;
    while (parent[at] !== at) {
      parent[at] = parent[parent[at]!]!;
      at = parent[at]!;
    }
    return at;
  };
  const cores: Int32Array[] = cells.map(([start, end]) => {
    const list: number[] = [];
    for (let at = start; at < end; at++) if (core[order[at]!]) list.push(order[at]!);
    return Int32Array.from(list);
  });
  for (let cell = 0; cell < cells.length; cell++) {
    const mine = cores[cell]!;
    if (mine.length === 0) continue;
    grid.forEachNearCell(cell, (other) => {
      if (other <= cell || cores[other]!.length === 0) return false;
      const [a, b] = [find(cell), find(other)];
      if (a === b) return false;
      const theirs = cores[other]!;
      outer: for (const point of mine) {
        for (const candidate of theirs) {
          if (near(point, candidate)) {
            parent[Math.max(a, b)] = Math.min(a, b);
            break outer;
          }
        }
      }
      return false;
    });
  }

  // Each point's component: its cell's for a core point; for a border point, that of its first core point in input
  // order (each cell's points are in input order, so the first one within reach in each cell is that cell's first).
  const component = new Int32Array(count).fill(-1);
  for (let point = 0; point < count; point++) {
    if (core[point]) {
      component[point] = find(cellOf[point]!);
      continue;
    }
    let first = -1;
    grid.forEachNearCell(cellOf[point]!, (other) => {
      for (const candidate of cores[other]!) {
        if (first !== -1 && candidate > first) break;
        if (near(point, candidate)) {
          first = candidate;
          break;
        }
      }
      return false;
    });
    if (first !== -1) component[point] = find(cellOf[first]!);
  }

  // Numbered by the first point of each cluster, in input order.
  const numberOf = new Map<number, number>();
  for (let point = 0; point < count; point++) {
    const root = component[point]!;
    if (root === -1) continue;
    let number = numberOf.get(root);
    if (number === undefined) numberOf.set(root, (number = numberOf.size));
    labels[point] = number;
  }
  return labels;
}

interface Grid {
  /** Each cell's run [start, end) in `order`. */
  cells: [number, number][];
  /** The cell of each point. */
  cellOf: Int32Array;
  /** The points, sorted by cell and, within a cell, by input order. */
  order: Int32Array;
  /** Calls `visit` for the cell itself and every cell that can hold a point within eps, until it answers true. */
  forEachNearCell(cell: number, visit: (other: number) => boolean): void;
}

/** Cells that can hold a point within eps of a point of cell (0, 0), for cells of side eps/√2. */
const NEAR_CELLS: readonly (readonly [number, number])[] = (() => {
  const offsets: [number, number][] = [];
  for (let dx = -2; dx <= 2; dx++)
    for (let dy = -2; dy <= 2; dy++) if (Math.abs(dx) + Math.abs(dy) < 4) offsets.push([dx, dy]);
  return offsets;
})();

function buildGrid(xs: Float64Array, ys: Float64Array, eps: number): Grid {
  const count = xs.length;
  // A zero eps still needs cells: points at the same place are neighbours.
  const side = eps > 0 ? eps / Math.SQRT2 : 1;
  const cellX = new Float64Array(count);
  const cellY = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    cellX[index] = Math.floor(xs[index]! / side);
    cellY[index] = Math.floor(ys[index]! / side);
  }
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  order.sort((a, b) => cellX[a]! - cellX[b]! || cellY[a]! - cellY[b]! || a - b);
  // One number per cell, exact in a double for cells within ±2^25 of the origin (web-mercator metres: any eps ≥ 1 m).
  const key = (x: number, y: number) => (x + 2 ** 25) * 2 ** 26 + (y + 2 ** 25);
  const cellAt = new Map<number, number>();
  const cells: [number, number][] = [];
  const position: [number, number][] = [];
  const cellOf = new Int32Array(count);
  for (let start = 0; start < count;) {
    const first = order[start]!;
    let end = start + 1;
    while (end < count && cellX[order[end]!] === cellX[first] && cellY[order[end]!] === cellY[first]) end++;
    cellAt.set(key(cellX[first]!, cellY[first]!), cells.length);
    for (let at = start; at < end; at++) cellOf[order[at]!] = cells.length;
    cells.push([start, end]);
    position.push([cellX[first]!, cellY[first]!]);
    start = end;
  }
  // Each cell's neighbouring cells, looked up once (each pass below visits them again).
  const nearStart = new Int32Array(cells.length + 1);
  const nearList: number[] = [];
  for (let cell = 0; cell < cells.length; cell++) {
    nearStart[cell] = nearList.length;
    const [x, y] = position[cell]!;
    for (const [dx, dy] of NEAR_CELLS) {
      const other = cellAt.get(key(x + dx, y + dy));
      if (other !== undefined) nearList.push(other);
    }
  }
  nearStart[cells.length] = nearList.length;
  const near = Int32Array.from(nearList);
  return {
    cells,
    cellOf,
    order,
    forEachNearCell(cell, visit) {
      for (let at = nearStart[cell]!; at < nearStart[cell + 1]!; at++) if (visit(near[at]!)) return;
    },
  };
}
