// Colours of the TIMPORA teams layer, shared by the map and its legend (one palette: category-colours.ts).
import { TEAM_COLOURS } from '../../../../../../server/src/domain/category-colours.ts';

/** TIMPORA team coverage per kecamatan. */
export const teamColors = TEAM_COLOURS;
