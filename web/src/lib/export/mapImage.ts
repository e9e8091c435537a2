// The map as a PNG for slides and handouts (issue #11), drawn in the browser from the map's own canvas — nothing is
// sent to any outside service. The map is rendered at 1920×1080 CSS pixels (at pixel ratio 2 for 3840×2160, so labels
// and lines keep their size on a 4K screen), then a frame is drawn around it: title, classification banner, the
// layers' legend, a scale bar, a north arrow and the attribution.
import type { Map as MaplibreMap } from 'maplibre-gl';

export const IMAGE_SIZES = {
  '1920x1080': { width: 1920, height: 1080 },
  '3840x2160': { width: 3840, height: 2160 },
} as const;
export type ImageSize = keyof typeof IMAGE_SIZES;

/** The frame of an exported image, already in the reader's language. */
export interface ImageFrame {
  title: string;
  subtitle: string;
  /** e.g. "TERBATAS" and the banner's colour; null for none. */
  classification: { text: string; colour: string } | null;
  legend: { heading: string; items: { color: string; label: string; shape: string }[] }[];
  attribution: string;
  north: string;
  /** Formats a distance for the scale bar ("20 km"). */
  distance: (metres: number) => string;
}

const CSS_WIDTH = 1920;
const CSS_HEIGHT = 1080;

/** How long the map may take to load the tiles of the larger frame before the image is drawn with what it has. */
export const IDLE_TIMEOUT_MS = 20_000;

/**
 * Waits until the map has drawn everything of the resized frame: the next `idle` after a repaint (the new frame's
 * tiles are requested in that repaint), or the timeout, so an export never hangs with the map left enlarged.
 */
function idle(map: MaplibreMap): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, IDLE_TIMEOUT_MS);
    function done(): void {
      clearTimeout(timer);
      map.off('idle', done);
      resolve();
    }
    map.once('idle', done);
    map.triggerRepaint();
  });
}

/** Copies the map's WebGL canvas in the frame it was drawn (the drawing buffer is not kept after it). */
function copyFrame(map: MaplibreMap, target: CanvasRenderingContext2D, width: number, height: number): Promise<void> {
  return new Promise((resolve) => {
    map.once('render', () => {
      target.drawImage(map.getCanvas(), 0, 0, width, height);
      resolve();
    });
    map.triggerRepaint();
  });
}

/** Renders the map at the size asked and draws the frame; the map is put back as it was. */
export async function renderMapImage(
  map: MaplibreMap,
  container: HTMLElement,
  size: ImageSize,
  frame: ImageFrame,
): Promise<Blob> {
  const { width, height } = IMAGE_SIZES[size];
  const scale = width / CSS_WIDTH;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const before = { width: container.style.width, height: container.style.height, ratio: map.getPixelRatio() };
  const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  // The area the presenter framed, whatever the shape of the screen, fitted into the image's 16:9: the same centre,
  // the zoom raised by what the larger frame adds (exactly the same zoom for a 1920×1080 screen, so no layer switches
  // at a zoom threshold).
  const fit = Math.min(
    CSS_WIDTH / Math.max(1, container.clientWidth),
    CSS_HEIGHT / Math.max(1, container.clientHeight),
  );
  const zoom = camera.zoom + Math.log2(fit);
  /** The camera the image was drawn with (the frame's scale bar and north arrow are its). */
  let drawn = { zoom: camera.zoom, latitude: camera.center.lat, bearing: camera.bearing };
  try {
    container.style.width = `${CSS_WIDTH}px`;
    container.style.height = `${CSS_HEIGHT}px`;
    map.setPixelRatio(scale);
    map.resize();
    map.jumpTo({ center: camera.center, zoom });
    await idle(map);
    await copyFrame(map, context, width, height);
    drawn = { zoom: map.getZoom(), latitude: map.getCenter().lat, bearing: map.getBearing() };
  } finally {
    container.style.width = before.width;
    container.style.height = before.height;
    map.setPixelRatio(before.ratio);
    map.resize();
    map.jumpTo(camera);
  }
  drawFrame(context, drawn, scale, frame);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG'))), 'image/png'),
  );
}

/** A distance of 1, 2 or 5 × 10ⁿ metres that fits in `maxMetres`. */
export function niceDistance(maxMetres: number): number {
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  for (const step of [5, 2, 1]) if (step * power <= maxMetres) return step * power;
  return power;
}

interface DrawnCamera {
  zoom: number;
  latitude: number;
  bearing: number;
}

function drawFrame(context: CanvasRenderingContext2D, camera: DrawnCamera, scale: number, frame: ImageFrame): void {
  const { width, height } = context.canvas;
  const u = (value: number) => value * scale;
  const font = (size: number, weight = 400) => `${weight} ${u(size)}px system-ui, "DejaVu Sans", sans-serif`;
  const box = (x: number, y: number, w: number, h: number, fill = 'rgba(255,255,255,0.92)') => {
    context.fillStyle = fill;
    context.beginPath();
    context.roundRect(x, y, w, h, u(8));
    context.fill();
  };

  // The classification banner, top and bottom, as offices mark their documents.
  let top = 0;
  let bottom = height;
  if (frame.classification) {
    const band = u(34);
    context.fillStyle = frame.classification.colour;
    context.fillRect(0, 0, width, band);
    context.fillRect(0, height - band, width, band);
    context.fillStyle = '#fff';
    context.font = font(20, 700);
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(frame.classification.text, width / 2, band / 2);
    context.fillText(frame.classification.text, width / 2, height - band / 2);
    top = band;
    bottom = height - band;
  }
  context.textAlign = 'left';
  context.textBaseline = 'alphabetic';

  // Title and subtitle, top left.
  context.font = font(34, 700);
  const titleWidth = Math.max(context.measureText(frame.title).width, u(300));
  context.font = font(20);
  const subtitleWidth = context.measureText(frame.subtitle).width;
  box(u(20), top + u(20), Math.max(titleWidth, subtitleWidth) + u(40), u(96));
  context.fillStyle = '#212529';
  context.font = font(34, 700);
  context.fillText(frame.title, u(40), top + u(66));
  context.font = font(20);
  context.fillStyle = '#495057';
  context.fillText(frame.subtitle, u(40), top + u(98));

  // North arrow, top right (turned with the map's bearing).
  const arrowX = width - u(60);
  const arrowY = top + u(70);
  box(arrowX - u(36), arrowY - u(50), u(72), u(96));
  context.save();
  context.translate(arrowX, arrowY);
  context.rotate((-camera.bearing * Math.PI) / 180);
  context.fillStyle = '#212529';
  context.beginPath();
  context.moveTo(0, -u(30));
  context.lineTo(u(14), u(14));
  context.lineTo(0, u(4));
  context.lineTo(-u(14), u(14));
  context.closePath();
  context.fill();
  context.restore();
  context.fillStyle = '#212529';
  context.font = font(20, 700);
  context.textAlign = 'center';
  context.fillText(frame.north, arrowX, arrowY + u(40));
  context.textAlign = 'left';

  // The legend, bottom right: each visible layer's own swatches.
  const rows = frame.legend.flatMap((layer) => [
    { heading: layer.heading, color: '', shape: '' },
    ...layer.items.map((item) => ({ heading: '', color: item.color, shape: item.shape, label: item.label })),
  ]);
  if (rows.length > 0) {
    const rowHeight = u(26);
    const legendWidth = u(360);
    const legendHeight = rows.length * rowHeight + u(20);
    const x = width - legendWidth - u(20);
    const y = bottom - legendHeight - u(64);
    box(x, y, legendWidth, legendHeight);
    rows.forEach((row, index) => {
      const rowY = y + u(10) + index * rowHeight + rowHeight * 0.7;
      if (row.heading) {
        context.font = font(19, 700);
        context.fillStyle = '#212529';
        context.fillText(row.heading, x + u(14), rowY);
        return;
      }
      context.fillStyle = row.color;
      context.strokeStyle = row.color;
      if (row.shape === 'dot') {
        context.beginPath();
        context.arc(x + u(26), rowY - u(6), u(8), 0, Math.PI * 2);
        context.fill();
      } else if (row.shape === 'ring') {
        context.lineWidth = u(3);
        context.beginPath();
        context.arc(x + u(26), rowY - u(6), u(7), 0, Math.PI * 2);
        context.stroke();
      } else {
        context.fillRect(x + u(18), rowY - u(14), u(16), u(16));
      }
      context.font = font(17);
      context.fillStyle = '#212529';
      context.fillText((row as { label?: string }).label ?? '', x + u(44), rowY);
    });
  }

  // Scale bar, bottom left: the map's metres per CSS pixel at its centre (512-pixel tiles).
  const metresPerPixel = (40_075_016.686 * Math.cos((camera.latitude * Math.PI) / 180)) / (512 * 2 ** camera.zoom);
  const metres = niceDistance(metresPerPixel * 220);
  const barWidth = u(metres / metresPerPixel);
  const barX = u(30);
  const barY = bottom - u(70);
  box(barX - u(10), barY - u(34), barWidth + u(40), u(54));
  context.fillStyle = '#212529';
  context.fillRect(barX, barY, barWidth, u(6));
  context.fillRect(barX, barY - u(10), u(3), u(16));
  context.fillRect(barX + barWidth - u(3), barY - u(10), u(3), u(16));
  context.font = font(18, 600);
  context.fillText(frame.distance(metres), barX, barY - u(14));

  // The attribution and source line along the bottom.
  context.font = font(15);
  const lineWidth = Math.min(context.measureText(frame.attribution).width, width - u(40));
  box(u(20), bottom - u(34), lineWidth + u(20), u(26));
  context.fillStyle = '#343a40';
  context.fillText(frame.attribution, u(30), bottom - u(15), width - u(60));
}
