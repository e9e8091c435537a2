/** What the web app exposes for tests (see web/src/app.d.ts): the maplibre map. */
import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    __pantauMap?: MapLibreMap;
  }
}
export {};
