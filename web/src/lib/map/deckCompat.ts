import type { Map as MapLibreMap } from 'maplibre-gl';

interface TransformLike {
  readonly height: number;
}

/**
 * deck.gl 9.4's interleaved mode reads `map.transform.height` (maplibre up to 5 had a public-ish `transform`); maplibre
 * 6 keeps the transform on its camera, so without this every deck.gl draw throws. Only `height` is needed: maplibre
 * passes the near and far planes to custom layers itself, and the other reads are for terrain, which we do not use.
 */
export function exposeTransformForDeck(map: MapLibreMap): void {
  if ('transform' in map) return;
  const camera = (map as unknown as { _camera?: { transform?: TransformLike } })._camera;
  Object.defineProperty(map, 'transform', {
    configurable: true,
    get(): TransformLike {
      const transform = camera?.transform;
      if (transform && typeof transform.height === 'number') return transform;
      // The map's own transform is the size of its container, which is what maplibre resizes it to.
      return { height: map.getContainer().clientHeight };
    },
  });
}
