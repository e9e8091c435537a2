/**
 * The heat map's fixed scale (issue #14): its calibration rests on deck.gl's kernel, so the kernel is read from the
 * installed deck.gl and integrated here — an upgrade that changes it fails this test instead of silently changing
 * what a colour means. The colours and the resolutions per zoom are checked as the legend states them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  DENSITY_DOMAIN,
  cellDensity,
  densityColor,
  densityHex,
  densityStops,
  heatmapColorRange,
  heatmapResolution,
  KERNEL_INTEGRAL,
} from '../web/src/lib/ui/analysis/heatmapScale.ts';

const require = createRequire(path.resolve('web/package.json'));

describe('the heat map’s fixed scale', () => {
  test('KERNEL_INTEGRAL is the integral of deck.gl’s own kernel over its disc', () => {
    // The package's entry is dist/index.js (its exports hide package.json); the shader lies beside it.
    const entry = require.resolve('@deck.gl/aggregation-layers');
    const shader = readFileSync(path.join(path.dirname(entry), 'heatmap-layer/weights-fs.glsl.js'), 'utf8');
    const kernel = /return pow\(2\.71828, -u\*u\/([\d.]+)\)\/\(([\d.]+)\*([\d.]+)\);/.exec(shader);
    expect(kernel, 'deck.gl’s heat-map kernel changed: recalibrate heatmapScale.ts').not.toBeNull();
    const [spread, root, sigma] = kernel!.slice(1).map(Number) as [number, number, number];
    // deck.gl draws each point as a disc of the radius, u = 2 × the distance from its centre in a unit sprite, so u
    // runs from 0 to 1 at the radius. Integrate over the unit disc with the midpoint rule.
    const steps = 20_000;
    let integral = 0;
    for (let index = 0; index < steps; index++) {
      const u = (index + 0.5) / steps;
      integral += (Math.exp((-u * u) / spread) / (root * sigma)) * 2 * Math.PI * u * (1 / steps);
    }
    expect(KERNEL_INTEGRAL).toBeCloseTo(integral, 4);
  });

  test('the colours run over the stops on a log scale, clamped at both ends', () => {
    for (const stop of densityStops) expect(densityHex(stop.density)).toBe(stop.color);
    expect(densityColor(DENSITY_DOMAIN[0] / 10)).toEqual(densityColor(DENSITY_DOMAIN[0]));
    expect(densityColor(DENSITY_DOMAIN[1] * 10)).toEqual(densityColor(DENSITY_DOMAIN[1]));
    // Halfway in log terms between 1 and 10 (√10 ≈ 3.16) is halfway between their colours.
    const [a, b] = [densityColor(1), densityColor(10)];
    const mid = densityColor(Math.sqrt(10));
    for (let channel = 0; channel < 3; channel++) {
      expect(Math.abs(mid[channel]! - (a[channel]! + b[channel]!) / 2)).toBeLessThanOrEqual(1);
    }
  });

  test('deck.gl’s linear lookup table shows each density in its own colour', () => {
    const steps = 1024;
    const range = heatmapColorRange(steps);
    expect(range).toHaveLength(steps);
    // The entry a density falls in (deck.gl maps value / top linearly onto the table) has that density's colour.
    for (const density of [0.5, 1, 3, 10, 42, 100]) {
      const entry = Math.min(steps - 1, Math.floor((density / DENSITY_DOMAIN[1]) * steps));
      const [r, g, b] = densityColor(density);
      const [er, eg, eb] = range[entry]!;
      expect(Math.max(Math.abs(er - r), Math.abs(eg - g), Math.abs(eb - b))).toBeLessThanOrEqual(12);
    }
  });

  test('a cell’s own density is its count over the area of its resolution', () => {
    // H3's average areas: a resolution-7 cell is ~5.16 km², each finer resolution ~1/7 of the one before.
    expect(cellDensity(516, 7)).toBeCloseTo(100, 0);
    for (let resolution = 5; resolution < 9; resolution++) {
      expect(cellDensity(1, resolution + 1) / cellDensity(1, resolution)).toBeCloseTo(7, 0);
    }
  });

  test('finer cells as the map zooms in, from resolution 5 to 9', () => {
    expect([4, 6, 7, 8, 9, 10, 11, 12, 13, 16].map(heatmapResolution)).toEqual([5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  });
});
