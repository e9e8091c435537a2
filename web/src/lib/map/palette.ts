// The basemap's line colours are the server's (it draws the style with them): one definition, shown by the legend.
export { lineStyles, palette, type PaletteEntry } from '../../../../server/src/services/basemap-palette.ts';
