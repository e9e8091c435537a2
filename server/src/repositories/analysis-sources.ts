/**
 * What an analysis reads of each layer (table, point, time, kind, nationality and disclosure key) and the region
 * levels it can count per (issue #5).
 */
import { incidentPoint, type OperationalFilter } from './operational-filter-sql.ts';

export type ClusterLayer = 'incidents' | 'residents' | 'workplaces';

export const SOURCES: Record<
  ClusterLayer,
  { table: string; alias: string; point: string; time: string; type: string; nationality: string; key: string }
> = {
  incidents: {
    table: 'incident',
    alias: 'i',
    point: 'i.location',
    time: 'i.occurred_at',
    type: 'i.type',
    nationality: 'i.nationalities[1]',
    // Counts of incidents are not counts of people: no disclosure key needed (ADR 0007).
    key: '0',
  },
  residents: {
    table: 'foreign_resident',
    alias: 'r',
    point: 'r.home_point',
    // A calendar day, carried as midnight UTC and written back in UTC: the same day whatever the zone.
    time: "(r.permit_issued_on::timestamp AT TIME ZONE 'UTC')",
    type: 'r.permit_type',
    nationality: 'r.nationality',
    key: 'r.disclosure_key',
  },
  workplaces: {
    table: 'workplace',
    alias: 'w',
    point: 'w.location',
    time: 'w.created_at',
    type: 'w.sector',
    nationality: 'NULL::text',
    key: '0',
  },
};

/** A layer's point as the filter allows it (incidents on the 0.01° grid for the projector's viewer). */
export const pointOf = (layer: ClusterLayer, filter: OperationalFilter) =>
  layer === 'incidents' ? incidentPoint(filter) : SOURCES[layer].point;

/** The regions an analysis can count per, with the tile band whose outline and label it shows. */
export type UnitLevel = 'desa' | 'kecamatan' | 'kabupaten';
export const UNIT_LEVELS: Record<UnitLevel, { length: number; table: string; outlineZoom: number }> = {
  desa: { length: 13, table: 'desa', outlineZoom: 9 },
  kecamatan: { length: 8, table: 'kecamatan', outlineZoom: 8 },
  kabupaten: { length: 5, table: 'kabupaten', outlineZoom: 6 },
};
