/**
 * The fields each kind of import can fill: its own (resident-fields.ts, workplace-fields.ts, incident-fields.ts) and
 * the ones that place a row (location-fields.ts). Each says how it is parsed (cell-parsers.ts), the header the
 * downloadable template uses with an example value, and the column names immigration offices and partner agencies use
 * for it (Indonesian and English), so the first mapping is usually right (column-mapping.ts).
 */
import type { FieldDefinition } from './field-definition.ts';
import { INCIDENT_FIELDS } from './incident-fields.ts';
import { LOCATION_FIELDS } from './location-fields.ts';
import { RESIDENT_FIELDS } from './resident-fields.ts';
import { WORKPLACE_FIELDS } from './workplace-fields.ts';

export type ImportKind = 'residents' | 'workplaces' | 'incidents';

export const IMPORT_FIELDS: Record<ImportKind, FieldDefinition[]> = {
  residents: [...RESIDENT_FIELDS, ...LOCATION_FIELDS],
  workplaces: [...WORKPLACE_FIELDS, ...LOCATION_FIELDS],
  incidents: [...INCIDENT_FIELDS, ...LOCATION_FIELDS],
};
