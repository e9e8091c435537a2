// The analysis results deck.gl draws (issue #14): H3 cells with its H3HexagonLayer and the heat map with its
// HeatmapLayer on a fixed colour scale. A chunk of its own, loaded with import() the first time such a result is shown.
import type { Layer } from '@deck.gl/core';
import { HeatmapLayer, type HeatmapLayerProps } from '@deck.gl/aggregation-layers';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import {
  DENSITY_DOMAIN,
  HEATMAP_OPACITY,
  HEATMAP_RADIUS_PX,
  heatmapColorRange,
  KERNEL_INTEGRAL,
} from '$lib/ui/analysis/heatmapScale';
import { placement } from './deckOverlay';
import { rgba, type Rgba } from './layers/common';

export const hexagonLayerId = 'analysis-hexagons';
export const heatmapLayerId = 'analysis-heatmap';

export interface HexagonCell {
  id: string;
  color: string;
}

export interface HeatCell {
  lon: number;
  lat: number;
  count: number;
}

const selectedLine: Rgba = [33, 37, 41, 255];
const cellLine: Rgba = [255, 255, 255, 160];

/** The counted H3 cells, each in its class colour; the chosen one outlined. */
export function hexagonLayer(
  cells: readonly HexagonCell[],
  selected: string | null,
  opacity: number,
  beforeId: string | undefined,
): Layer {
  return new H3HexagonLayer<HexagonCell>({
    id: hexagonLayerId,
    data: cells,
    getHexagon: (cell) => cell.id,
    getFillColor: (cell) => rgba(cell.color),
    getLineColor: (cell) => (cell.id === selected ? selectedLine : cellLine),
    getLineWidth: (cell) => (cell.id === selected ? 3.5 : 0.5),
    lineWidthUnits: 'pixels',
    updateTriggers: { getLineColor: selected, getLineWidth: selected },
    stroked: true,
    filled: true,
    extruded: false,
    opacity,
    pickable: true,
    ...placement(beforeId),
  });
}

interface FixedScaleProps {
  /** Densities per km² at the bottom and the top of the colour range. */
  densityDomain: readonly [number, number];
}

/**
 * deck.gl's heat map with its colour domain in densities per km². deck.gl scales a given `colorDomain` by the metres
 * per texel of its weights texture, which follows the view's size; here it is set, each time the weights are drawn,
 * to the summed kernel weight that the domain's densities give at the zoom of those weights (see KERNEL_INTEGRAL).
 */
class FixedScaleHeatmapLayer extends HeatmapLayer<HeatCell, FixedScaleProps> {
  static override layerName = 'FixedScaleHeatmapLayer';

  override _updateWeightmap(): void {
    super._updateWeightmap();
    const { radiusPixels, densityDomain } = this.props;
    const radiusKm = (radiusPixels * this.context.viewport.metersPerPixel) / 1000;
    const weightPerDensity = KERNEL_INTEGRAL * radiusKm ** 2 * this.state.weightsScale;
    this.state.colorDomain = [densityDomain[0] * weightPerDensity, densityDomain[1] * weightPerDensity];
  }
}

const colorRange = heatmapColorRange() as HeatmapLayerProps['colorRange'];

/** Kernel density of the counted cells' centres, on the fixed scale of heatmapScale.ts. */
export function heatmapLayer(cells: readonly HeatCell[], beforeId: string | undefined): Layer {
  return new FixedScaleHeatmapLayer({
    id: heatmapLayerId,
    data: cells,
    getPosition: (cell) => [cell.lon, cell.lat],
    getWeight: (cell) => cell.count,
    radiusPixels: HEATMAP_RADIUS_PX,
    aggregation: 'SUM',
    colorRange,
    densityDomain: DENSITY_DOMAIN,
    // Any domain, so that deck.gl does not stretch the colours over the view; the class above sets the real one.
    colorDomain: [...DENSITY_DOMAIN],
    debounceTimeout: 150,
    opacity: HEATMAP_OPACITY,
    ...placement(beforeId),
  });
}
