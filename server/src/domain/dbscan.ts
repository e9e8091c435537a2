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
  const { cellCount, cellStart, cellOf, order, nearStart, near } = buildGrid(xs, ys, eps);
  const eps2 = eps * eps;
  const within = (a: number, b: number) => {
    const dx = xs[a]! - xs[b]!;
    const dy = ys[a]! - ys[b]!;
    return dx * dx + dy * dy <= eps2;
  };

  // Core points: a full cell at once, otherwise counted over the neighbouring cells until there are enough.
  const core = new Uint8Array(count);
  for (let cell = 0; cell < cellCount; cell++) {
    const start = cellStart[cell]!;
    const end = cellStart[cell + 1]!;
    if (end - start >= minPoints) {
      for (let at = start; at < end; at++) core[order[at]!] = 1;
      continue;
    }
    for (let at = start; at < end; at++) {
      const point = order[at]!;
      let neighbours = 0;
      for (let n = nearStart[cell]!; n < nearStart[cell + 1]! && neighbours < minPoints; n++) {
        const other = near[n]!;
        const to = cellStart[other + 1]!;
        for (let candidate = cellStart[other]!; candidate < to && neighbours < minPoints; candidate++)
          if (within(point, order[candidate]!)) neighbours++;
      }
      if (neighbours >= minPoints) core[point] = 1;
    }
  }

  // The core points of each cell, in input order, one run per cell in a flat list.
  const coreStart = new Int32Array(cellCount + 1);
  const cores = new Int32Array(count);
  let coreCount = 0;
  for (let cell = 0; cell < cellCount; cell++) {
    coreStart[cell] = coreCount;
    for (let at = cellStart[cell]!; at < cellStart[cell + 1]!; at++)
      if (core[order[at]!]) cores[coreCount++] = order[at]!;
  }
  coreStart[cellCount] = coreCount;

  // Components of core points, per cell (union–find over cells; the smaller cell index stays the root).
  const parent = new Int32Array(cellCount);
  for (let cell = 0; cell < cellCount; cell++) parent[cell] = cell;
  const find = (cell: number): number => {
    let at = cell;
    while (parent[at] !== at) {
      parent[at] = parent[parent[at]!]!;
      at = parent[at]!;
    }
    return at;
  };
  for (let cell = 0; cell < cellCount; cell++) {
    const mineFrom = coreStart[cell]!;
    const mineTo = coreStart[cell + 1]!;
    if (mineFrom === mineTo) continue;
    for (let n = nearStart[cell]!; n < nearStart[cell + 1]!; n++) {
      const other = near[n]!;
      const theirsFrom = coreStart[other]!;
      const theirsTo = coreStart[other + 1]!;
      if (other <= cell || theirsFrom === theirsTo) continue;
      const [a, b] = [find(cell), find(other)];
      if (a === b) continue;
      outer: for (let mine = mineFrom; mine < mineTo; mine++) {
        for (let theirs = theirsFrom; theirs < theirsTo; theirs++) {
          if (within(cores[mine]!, cores[theirs]!)) {
            parent[Math.max(a, b)] = Math.min(a, b);
            break outer;
          }
        }
      }
    }
  }

  // Each point's component: its cell's for a core point; for a border point, that of its first core point in input
  // order (each cell's points are in input order, so the first one within reach in each cell is that cell's first).
  const component = new Int32Array(count).fill(-1);
  for (let point = 0; point < count; point++) {
    const cell = cellOf[point]!;
    if (core[point]) {
      component[point] = find(cell);
      continue;
    }
    let first = -1;
    for (let n = nearStart[cell]!; n < nearStart[cell + 1]!; n++) {
      const other = near[n]!;
      for (let at = coreStart[other]!; at < coreStart[other + 1]!; at++) {
        const candidate = cores[at]!;
        if (first !== -1 && candidate > first) break;
        if (within(point, candidate)) {
          first = candidate;
          break;
        }
      }
    }
    if (first !== -1) component[point] = find(cellOf[first]!);
  }

  // Numbered by the first point of each cluster, in input order.
  const numberOf = new Int32Array(cellCount).fill(-1);
  let clusters = 0;
  for (let point = 0; point < count; point++) {
    const root = component[point]!;
    if (root === -1) continue;
    if (numberOf[root] === -1) numberOf[root] = clusters++;
    labels[point] = numberOf[root]!;
  }
  return labels;
}

interface Grid {
  cellCount: number;
  /** Each cell's run in `order`: [cellStart[cell], cellStart[cell + 1]). */
  cellStart: Int32Array;
  /** The cell of each point. */
  cellOf: Int32Array;
  /** The points, grouped by cell and, within a cell, in input order. */
  order: Int32Array;
  /** The cell itself and every cell that can hold a point within eps: near[nearStart[cell] … nearStart[cell + 1]). */
  nearStart: Int32Array;
  near: Int32Array;
}

/** Cells that can hold a point within eps of a point of cell (0, 0), for cells of side eps/√2. */
const NEAR_CELLS: readonly (readonly [number, number])[] = (() => {
  const offsets: [number, number][] = [];
  for (let dx = -2; dx <= 2; dx++)
    for (let dy = -2; dy <= 2; dy++) if (Math.abs(dx) + Math.abs(dy) < 4) offsets.push([dx, dy]);
  return offsets;
})();

/** The points into cells of side eps/√2: numbered as they first appear, filled by counting (no sort). */
function buildGrid(xs: Float64Array, ys: Float64Array, eps: number): Grid {
  const count = xs.length;
  // A zero eps still needs cells: points at the same place are neighbours.
  const side = eps > 0 ? eps / Math.SQRT2 : 1;
  // One number per cell, exact in a double for cells within ±2^25 of the origin (web-mercator metres: any eps ≥ 1 m).
  const key = (x: number, y: number) => (x + 2 ** 25) * 2 ** 26 + (y + 2 ** 25);
  const cellAt = new Map<number, number>();
  const positionX: number[] = [];
  const positionY: number[] = [];
  const cellOf = new Int32Array(count);
  for (let index = 0; index < count; index++) {
    const x = Math.floor(xs[index]! / side);
    const y = Math.floor(ys[index]! / side);
    const k = key(x, y);
    let cell = cellAt.get(k);
    if (cell === undefined) {
      cell = positionX.length;
      cellAt.set(k, cell);
      positionX.push(x);
      positionY.push(y);
    }
    cellOf[index] = cell;
  }
  const cellCount = positionX.length;
  const cellStart = new Int32Array(cellCount + 1);
  for (let index = 0; index < count; index++) cellStart[cellOf[index]! + 1]!++;
  for (let cell = 0; cell < cellCount; cell++) cellStart[cell + 1]! += cellStart[cell]!;
  const fill = cellStart.slice(0, cellCount);
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[fill[cellOf[index]!]!++] = index;
  // Each cell's neighbouring cells, looked up once (each pass visits them again).
  const nearStart = new Int32Array(cellCount + 1);
  const nearList: number[] = [];
  for (let cell = 0; cell < cellCount; cell++) {
    nearStart[cell] = nearList.length;
    for (const [dx, dy] of NEAR_CELLS) {
      const other = cellAt.get(key(positionX[cell]! + dx, positionY[cell]! + dy));
      if (other !== undefined) nearList.push(other);
    }
  }
  nearStart[cellCount] = nearList.length;
  return { cellCount, cellStart, cellOf, order, nearStart, near: Int32Array.from(nearList) };
}
