// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  namespace App {
    // interface Error {}
    // interface Locals {}
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }

  interface Window {
    /** The live map, exposed so end-to-end tests can inspect the view and rendered features. */
    __pantauMap?: MapLibreMap;
  }
}

export {};
