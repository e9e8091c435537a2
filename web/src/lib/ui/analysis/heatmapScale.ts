// The heat map's fixed colour scale (issue #14): a colour means the same density — incidents or people per km² —
// wherever the map is panned, and at every zoom. deck.gl's HeatmapLayer would otherwise stretch its colours over the
// densest spot in view, so a place would change colour as the view moved. Pure, so the legend, the layer and the
// tests share one definition (it imports nothing, so the tests outside the web build can too).

/** deck.gl's [r, g, b, a]. */
type Rgba = [number, number, number, number];

/** Densities (per km²) from the faintest colour to the strongest; below the first the heat map fades out. */
export const DENSITY_DOMAIN: readonly [number, number] = [0.1, 100];

/** The legend's stops, evenly spaced on a log scale over the domain: 0.1, 1, 10 and 100 per km². */
export const densityStops: readonly { density: number; color: string }[] = [
  { density: 0.1, color: '#ffe066' },
  { density: 1, color: '#fd7e14' },
  { density: 10, color: '#d6336c' },
  { density: 100, color: '#5f3dc4' },
];

/** The heat map's opacity over the map. */
export const HEATMAP_OPACITY = 0.85;

/** The kernel radius on screen, in pixels. */
export const HEATMAP_RADIUS_PX = 30;

/**
 * The integral of deck.gl's heat-map kernel over its disc, in units of the radius squared: the kernel is
 * exp(-u²/0.05555) / (√π · 0.166666) for u = distance / radius (weights-fs.glsl), whose integral is
 * R² · π · 0.05555 / (√π · 0.166666). Dividing the summed weight at a pixel by this times R² (in km²) gives the
 * density per km² of the points around it.
 */
export const KERNEL_INTEGRAL = (Math.PI * 0.05555) / (1.77245385 * 0.166666);

const parse = (hex: string): [number, number, number] => {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
};

/** The colour of a density: interpolated between the stops on the log scale, clamped at both ends. */
export function densityColor(density: number): [number, number, number] {
  const [low, high] = DENSITY_DOMAIN;
  const position = Math.min(1, Math.max(0, Math.log10(density / low) / Math.log10(high / low)));
  const scaled = position * (densityStops.length - 1);
  const index = Math.min(densityStops.length - 2, Math.floor(scaled));
  const t = scaled - index;
  const [a, b] = [parse(densityStops[index]!.color), parse(densityStops[index + 1]!.color)];
  return [0, 1, 2].map((channel) => Math.round(a[channel]! + (b[channel]! - a[channel]!) * t)) as [
    number,
    number,
    number,
  ];
}

/**
 * deck.gl's colour range: `steps` colours spread linearly over 0 … the top density (the layer maps a pixel's value
 * linearly onto them), each the colour of its own density on the log scale, so the linear lookup shows a log ramp.
 */
export function heatmapColorRange(steps = 1024): Rgba[] {
  const top = DENSITY_DOMAIN[1];
  return Array.from({ length: steps }, (_, index) => [...densityColor(((index + 0.5) / steps) * top), 255] as Rgba);
}

/**
 * The H3 resolution the heat map asks for at a zoom: cells well below the kernel's radius (30 px is ~37 km at zoom 7,
 * ~2.3 km at 11), and so few that a view answers in a few hundred KB.
 */
export function heatmapResolution(zoom: number): number {
  if (zoom < 7) return 5;
  return Math.min(9, 6 + Math.floor((zoom - 7) / 2));
}

/** The average area of an H3 cell (km²) at resolutions 5–9, as the H3 documentation tables them. */
const CELL_AREA_KM2: Record<number, number> = {
  5: 252.9033645,
  6: 36.1290521,
  7: 5.1612932,
  8: 0.7373276,
  9: 0.1053325,
};

/** A cell's own density (per km²): its count over the average area of cells of its resolution. */
export function cellDensity(count: number, resolution: number): number {
  return count / (CELL_AREA_KM2[resolution] ?? CELL_AREA_KM2[7]!);
}

const toHex = (rgb: readonly number[]) => `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`;

/** densityColor as `#rrggbb`. */
export function densityHex(density: number): string {
  return toHex(densityColor(density));
}

/** The kernel's radius on the ground, in km, at a zoom and latitude (512-pixel tiles, as maplibre draws them). */
export function kernelRadiusKm(zoom: number, latitude: number): number {
  const metresPerPixel = (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
  return (HEATMAP_RADIUS_PX * metresPerPixel) / 1000;
}
