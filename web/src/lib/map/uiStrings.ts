import { translate, type Lang } from '$lib/i18n/translate';

/** maplibre's own tooltips and labels, so its controls speak the same language as the rest of the page. */
export function maplibreUiStrings(lang: Lang): Record<string, string> {
  return {
    'Map.Title': translate(lang, 'maplibre.map'),
    'Marker.Title': translate(lang, 'maplibre.marker'),
    'NavigationControl.ZoomIn': translate(lang, 'maplibre.zoomIn'),
    'NavigationControl.ZoomOut': translate(lang, 'maplibre.zoomOut'),
    'NavigationControl.ResetBearing': translate(lang, 'maplibre.resetBearing'),
    'AttributionControl.ToggleAttribution': translate(lang, 'maplibre.toggleAttribution'),
    'Popup.Close': translate(lang, 'maplibre.popupClose'),
  };
}
