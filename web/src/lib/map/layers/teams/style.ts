// Colours of the TIMPORA teams layer, shared by the map and its legend.

/** TIMPORA team coverage per kecamatan. */
export const teamColors = { formed: '#2f9e44', notFormed: '#f59f00' } as const;
