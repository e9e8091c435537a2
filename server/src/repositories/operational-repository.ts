/**
 * Parameterised SQL over the operational layers: one part per layer (resident-queries.ts, incident-queries.ts,
 * workplace-queries.ts, timpora-queries.ts), and here the counts across layers. Every query takes an
 * `OperationalFilter` (operational-filter-sql.ts) whose `areaCodes` (the caller's area) always applies; the filter is
 * turned into a WHERE clause of placeholders, never of values.
 */
import type { Pool } from '../db/pool.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';
import { createChartQueries } from './chart-queries.ts';
import { createIncidentQueries } from './incident-queries.ts';
import {
  BORDER_COLUMN,
  Parameters,
  incidentClauses,
  residentClauses,
  type OperationalFilter,
} from './operational-filter-sql.ts';
import { createResidentQueries } from './resident-queries.ts';
import { createTimporaQueries } from './timpora-queries.ts';
import { createWorkplaceQueries } from './workplace-queries.ts';

export function createOperationalRepository(pool: Pool) {
  return {
    ...createResidentQueries(pool),
    ...createIncidentQueries(pool),
    ...createWorkplaceQueries(pool),
    ...createTimporaQueries(pool),
    ...createChartQueries(pool),

    /**
     * People, incidents and desa per distance band to the border (band i holds distances from edges[i] up to
     * edges[i+1]; the last band has no upper edge).
     */
    async countByBorderBand(
      filter: OperationalFilter,
      kind: 'land' | 'sea' | 'nearest',
      edges: number[],
    ): Promise<{ band: number; residents: Cell; incidents: number; desa: number }[]> {
      const column = BORDER_COLUMN[kind];
      const residentParams = new Parameters();
      const { where: residentWhere } = residentClauses(residentParams, filter);
      const edgesAt = residentParams.add(edges);
      const residents = await pool.query(
        `SELECT width_bucket(d.${column}, ${edgesAt}::float8[]) AS band, count(*) AS n, sum(r.disclosure_key) AS key
         FROM foreign_resident r JOIN desa d ON d.code = r.desa_code WHERE ${residentWhere} GROUP BY 1`,
        residentParams.values,
      );
      const incidentParams = new Parameters();
      const incidentWhere = incidentClauses(incidentParams, filter);
      const incidentEdges = incidentParams.add(edges);
      const incidents = await pool.query(
        `SELECT width_bucket(d.${column}, ${incidentEdges}::float8[]) AS band, count(*) AS n
         FROM incident i JOIN desa d ON d.code = i.desa_code WHERE ${incidentWhere} GROUP BY 1`,
        incidentParams.values,
      );
      const desa = await pool.query(
        `SELECT width_bucket(d.${column}, $2::float8[]) AS band, count(*) AS n FROM desa d
         WHERE left(d.code, 2) = ANY($1::text[]) OR left(d.code, 5) = ANY($1::text[]) GROUP BY 1`,
        [filter.areaCodes, edges],
      );
      const count = (rows: { band: number; n: number }[], band: number) =>
        Number(rows.find((row) => Number(row.band) === band)?.n ?? 0);
      const residentCell = (band: number) => {
        const row = residents.rows.find((candidate) => Number(candidate.band) === band);
        return cell(row?.n, row?.key);
      };
      return edges.map((_, index) => ({
        band: index,
        residents: residentCell(index + 1),
        incidents: count(incidents.rows, index + 1),
        desa: count(desa.rows, index + 1),
      }));
    },

    async hasSyntheticData(): Promise<boolean> {
      const result = await pool.query(
        `SELECT EXISTS (SELECT 1 FROM foreign_resident WHERE source = 'demo') OR EXISTS (SELECT 1 FROM incident WHERE source = 'demo') AS synthetic`,
      );
      return Boolean(result.rows[0]?.synthetic);
    },
  };
}

export type OperationalRepository = ReturnType<typeof createOperationalRepository>;
