// Colours of the immigration offices layer, shared by the map and its legend (one palette: category-colours.ts).
import { OFFICE_COLOURS } from '../../../../../../server/src/domain/category-colours.ts';

export const officeColors = OFFICE_COLOURS;
