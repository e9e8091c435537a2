/**
 * What a screen of the map shows (issue #11): the box a view's camera covers on a screen of a given size, and the
 * level its per-region summaries roll up to — the web's rules (maplibre's 512-px tiles in Web Mercator,
 * web/src/lib/map/layers/common.ts `levelForZoom` and `viewBBoxParam`), so a printed view counts what the screen did.
 */
import type { RegionLevel } from '../schemas/layer-filters.ts';
import type { BoundingBox } from './map-geometry.ts';

/** maplibre's tile size: at zoom z the world is 512 · 2^z pixels wide. */
const TILE_SIZE = 512;

/** The screen a saved view is printed as: full HD, the size of the meeting room's projector. */
export const SCREEN = { width: 1920, height: 1080 } as const;

/** The level of the regions a per-region summary is shown for at this zoom. */
export function levelForZoom(zoom: number): RegionLevel {
  if (zoom < 5) return 'provinsi';
  if (zoom < 7) return 'kabupaten';
  if (zoom < 9) return 'kecamatan';
  return 'desa';
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const degrees = (radiansValue: number) => (radiansValue * 180) / Math.PI;

/** Web Mercator: a latitude as a share of the world's height from the top (0 at 85.05° N, 1 at 85.05° S). */
const mercatorY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + radians(lat) / 2)) / Math.PI) / 2;
const latitudeOf = (share: number) => degrees(2 * Math.atan(Math.exp(Math.PI * (1 - 2 * share))) - Math.PI / 2);

export interface ViewportCamera {
  zoom: number;
  /** [lon, lat] */
  center: [number, number];
  /** Degrees clockwise from north. */
  bearing: number;
}

/**
 * The box (west, south, east, north) a screen of `size` pixels shows around the camera: the four corners, turned by
 * the bearing, back to degrees (as maplibre's `getBounds`), clamped as the web clamps its bbox (±180°, ±85°). A pitched
 * view is taken from straight above.
 */
export function viewportBox(camera: ViewportCamera, size: { width: number; height: number } = SCREEN): BoundingBox {
  const world = TILE_SIZE * 2 ** camera.zoom;
  const [lon, lat] = camera.center;
  const centreX = ((lon + 180) / 360) * world;
  const centreY = mercatorY(lat) * world;
  const turn = radians(camera.bearing);
  const corners = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([right, down]) => {
    const dx = (right! * size.width) / 2;
    const dy = (down! * size.height) / 2;
    const x = centreX + dx * Math.cos(turn) - dy * Math.sin(turn);
    const y = centreY + dx * Math.sin(turn) + dy * Math.cos(turn);
    return [(x / world) * 360 - 180, latitudeOf(y / world)] as const;
  });
  const clampLon = (value: number) => Math.max(-180, Math.min(180, value));
  const clampLat = (value: number) => Math.max(-85, Math.min(85, value));
  return [
    clampLon(Math.min(...corners.map((corner) => corner[0]))),
    clampLat(Math.min(...corners.map((corner) => corner[1]))),
    clampLon(Math.max(...corners.map((corner) => corner[0]))),
    clampLat(Math.max(...corners.map((corner) => corner[1]))),
  ];
}

/** A box as the layer API's `bbox` parameter, rounded as the web rounds it (4 decimals, ~11 m). */
export const bboxParam = (box: BoundingBox): string => box.map((value) => value.toFixed(4)).join(',');
