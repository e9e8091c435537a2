/** The TIMPORA programme layers: desa binaan and the kecamatan teams with their provincial targets. */
import type { Pool } from '../db/pool.ts';
import { Parameters, commonClauses, type OperationalFilter } from './operational-filter-sql.ts';

export interface DesaBinaanRow {
  desaCode: string;
  name: string;
  kecamatan: string;
  kabupaten: string;
  status: string;
  inauguratedOn: string | null;
  pimpasaName: string | null;
  pimpasaPhone: string | null;
  synthetic: boolean;
  lon: number;
  lat: number;
}

export interface TeamRow {
  kecamatanCode: string;
  name: string;
  formed: boolean;
  formedOn: string | null;
  members: Record<string, number>;
}

export interface TargetRow {
  provinsiCode: string;
  name: string;
  target: number;
  formed: number;
  year: number;
}

export function createTimporaQueries(pool: Pool) {
  return {
    async findDesaBinaan(filter: OperationalFilter): Promise<DesaBinaanRow[]> {
      const params = new Parameters();
      const where = commonClauses(params, filter, 'b.desa_code', 'd.geom').join(' AND ');
      const result = await pool.query(
        `SELECT b.desa_code, d.name, k.name AS kecamatan, kb.name AS kabupaten, b.status, b.pimpasa_name, b.pimpasa_phone,
                to_char(b.inaugurated_on, 'YYYY-MM-DD') AS inaugurated_on, b.source,
                ST_X(ST_PointOnSurface(d.geom)) AS lon, ST_Y(ST_PointOnSurface(d.geom)) AS lat
         FROM desa_binaan b JOIN desa d ON d.code = b.desa_code JOIN kecamatan k ON k.code = d.kecamatan_code
              JOIN kabupaten kb ON kb.code = k.kabupaten_code
         WHERE ${where} ORDER BY b.desa_code`,
        params.values,
      );
      return result.rows.map((row) => ({
        desaCode: row.desa_code,
        name: row.name,
        kecamatan: row.kecamatan,
        kabupaten: row.kabupaten,
        status: row.status,
        inauguratedOn: row.inaugurated_on,
        pimpasaName: row.pimpasa_name,
        pimpasaPhone: row.pimpasa_phone,
        synthetic: row.source === 'demo',
        lon: row.lon,
        lat: row.lat,
      }));
    },

    async findTimporaTeams(areaCodes: string[]): Promise<{ teams: TeamRow[]; targets: TargetRow[] }> {
      const teams = await pool.query(
        `SELECT t.kecamatan_code, k.name, t.formed, to_char(t.formed_on, 'YYYY-MM-DD') AS formed_on,
                COALESCE((SELECT jsonb_object_agg(m.agency_code, m.members) FROM timpora_team_member m
                          WHERE m.kecamatan_code = t.kecamatan_code), '{}') AS members
         FROM timpora_team t JOIN kecamatan k ON k.code = t.kecamatan_code
         WHERE left(t.kecamatan_code, 2) = ANY($1::text[]) OR left(t.kecamatan_code, 5) = ANY($1::text[])
         ORDER BY t.kecamatan_code`,
        [areaCodes],
      );
      const targets = await pool.query(
        `SELECT g.provinsi_code, p.name, g.target_kecamatan_teams, g.year,
                (SELECT count(*) FROM timpora_team t WHERE left(t.kecamatan_code, 2) = g.provinsi_code AND t.formed) AS formed
         FROM timpora_target g JOIN provinsi p ON p.code = g.provinsi_code
         WHERE g.provinsi_code = ANY(SELECT left(code, 2) FROM unnest($1::text[]) AS code)
         ORDER BY g.provinsi_code`,
        [areaCodes],
      );
      return {
        teams: teams.rows.map((row) => ({
          kecamatanCode: row.kecamatan_code,
          name: row.name,
          formed: row.formed,
          formedOn: row.formed_on,
          members: row.members,
        })),
        targets: targets.rows.map((row) => ({
          provinsiCode: row.provinsi_code,
          name: row.name,
          target: Number(row.target_kecamatan_teams),
          formed: Number(row.formed),
          year: Number(row.year),
        })),
      };
    },
  };
}
