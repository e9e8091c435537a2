import { area, circle, distance, length, lineString, polygon } from '@turf/turf';
import { MAX_DRAWN_VERTICES, parseRing } from '../../../../server/src/domain/drawn-area.ts';

export type DrawMode = 'polygon' | 'circle' | 'distance' | 'area';
type Corner = [number, number];

/** A circle as the API takes it: a polygon of its edge. */
const CIRCLE_STEPS = 64;

/**
 * Draw and measure (issue #12), for every role: a polygon or a circle that limits every layer and analysis (the
 * server applies it by the role's rules: records inside it for roles that may see people, whole regions touching it
 * for the others), and a distance or an area measured with turf. Corners are [lon, lat].
 */
export class DrawingState {
  mode: DrawMode | null = $state(null);
  /** The corners placed so far (a circle: its centre, then a point on its edge). */
  corners: Corner[] = $state.raw([]);
  /** Where the pointer is, for the line to it while drawing. */
  pointer: Corner | null = $state.raw(null);
  /** The finished shape: what the filter and the measures are of. */
  shape: { kind: DrawMode; corners: Corner[] } | null = $state.raw(null);
  /** Whether a finished polygon or circle limits the layers and analyses. */
  filtering = $state(true);

  get drawing(): boolean {
    return this.mode !== null;
  }

  start(mode: DrawMode): void {
    this.mode = mode;
    this.corners = [];
    this.pointer = null;
  }

  cancel(): void {
    this.mode = null;
    this.corners = [];
    this.pointer = null;
  }

  clear(): void {
    this.cancel();
    this.shape = null;
  }

  /** Shows an area saved elsewhere (a plan's `within`) as the drawn polygon, filtering; null clears the drawing. */
  showArea(within: string | null): void {
    this.cancel();
    const ring = within ? parseRing(within) : null;
    this.shape = ring ? { kind: 'polygon', corners: ring } : null;
    if (ring) this.filtering = true;
  }

  /** A click on the map while drawing: a corner (a circle ends with its second click). */
  add(corner: Corner): void {
    if (!this.mode) return;
    const last = this.corners.at(-1);
    // The two clicks of a double click land on one spot: one corner.
    if (last && Math.abs(last[0] - corner[0]) < 1e-9 && Math.abs(last[1] - corner[1]) < 1e-9) return;
    this.corners = [...this.corners, corner];
    if (this.mode === 'circle' && this.corners.length === 2) this.finish();
    else if (this.corners.length >= MAX_DRAWN_VERTICES) this.finish();
  }

  /** Whether what is drawn so far can be finished. */
  get canFinish(): boolean {
    const needed = this.mode === 'distance' || this.mode === 'circle' ? 2 : 3;
    return this.mode !== null && this.corners.length >= needed;
  }

  finish(): void {
    if (!this.mode || !this.canFinish) return;
    this.shape = { kind: this.mode, corners: this.corners };
    this.cancel();
  }

  /** The ring of a polygon or circle (closed), or null. */
  static ringOf(shape: { kind: DrawMode; corners: Corner[] } | null): Corner[] | null {
    if (!shape) return null;
    if (shape.kind === 'circle') {
      const [centre, edge] = shape.corners as [Corner, Corner];
      const radius = distance(centre, edge, { units: 'kilometers' });
      return circle(centre, radius, { units: 'kilometers', steps: CIRCLE_STEPS }).geometry.coordinates[0] as Corner[];
    }
    if (shape.kind === 'polygon' || shape.kind === 'area') return [...shape.corners, shape.corners[0]!];
    return null;
  }

  get ring(): Corner[] | null {
    return DrawingState.ringOf(this.shape);
  }

  /** The drawn polygon or circle as the API's `within` (lon,lat,… to five decimals, about a metre), or null. */
  get area(): string | null {
    const shape = this.shape;
    if (!shape || (shape.kind !== 'polygon' && shape.kind !== 'circle')) return null;
    const ring = this.ring;
    return ring ? ring.map(([lon, lat]) => `${lon.toFixed(5)},${lat.toFixed(5)}`).join(',') : null;
  }

  /** A polygon or circle that encloses no area (corners on one line, a circle too small): it cannot filter. */
  get invalid(): boolean {
    const area = this.area;
    return area !== null && parseRing(area) === null;
  }

  /** What limits the layers and analyses: the drawn area, when it is one and the filter is on. */
  get within(): string | null {
    return this.filtering && !this.invalid ? this.area : null;
  }

  /** What the shape measures: a line's length, an area's size and edge, a circle's radius (km, km²). */
  get measures(): { lengthKm?: number; areaKm2?: number; perimeterKm?: number; radiusKm?: number } | null {
    const shape = this.shape;
    if (!shape) return null;
    if (shape.kind === 'distance') return { lengthKm: length(lineString(shape.corners), { units: 'kilometers' }) };
    const ring = this.ring!;
    const result: { areaKm2: number; perimeterKm: number; radiusKm?: number } = {
      areaKm2: area(polygon([ring])) / 1e6,
      perimeterKm: length(lineString(ring), { units: 'kilometers' }),
    };
    if (shape.kind === 'circle')
      result.radiusKm = distance(shape.corners[0]!, shape.corners[1]!, { units: 'kilometers' });
    return result;
  }
}
