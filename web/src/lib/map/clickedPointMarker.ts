import { Marker, type LngLatLike, type Map as MapLibreMap } from 'maplibre-gl';

/**
 * A ring on the point the user clicked, so the side panel's answer is tied to a visible place.
 * Styled by the `.pantau-clicked-point` rule in MapView.svelte.
 */
export class ClickedPointMarker {
  readonly #element: HTMLDivElement;
  readonly #marker: Marker;
  #shown = false;

  constructor(label: string) {
    this.#element = document.createElement('div');
    this.#element.className = 'pantau-clicked-point';
    this.#element.setAttribute('role', 'img');
    this.#element.setAttribute('aria-label', label);
    this.#marker = new Marker({ element: this.#element, anchor: 'center' });
  }

  show(map: MapLibreMap, at: LngLatLike): void {
    this.#marker.setLngLat(at);
    if (!this.#shown) this.#marker.addTo(map);
    this.#shown = true;
  }

  hide(): void {
    this.#marker.remove();
    this.#shown = false;
  }

  relabel(label: string): void {
    this.#element.setAttribute('aria-label', label);
  }
}
