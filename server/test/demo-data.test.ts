import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildIncidents, buildResidents, buildWorkplaces, loadDesaSampler } from '../src/demo/demo-records.ts';
import { DEMO_SCALES, DEMO_SEED } from '../src/demo/demo-data.ts';
import { PLANTED_CLUSTERS } from '../src/demo/profiles.ts';
import { createRandom } from '../src/demo/random.ts';
import { createTestApp, type TestContext } from './helpers.ts';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

async function one<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T> {
  return (await context.pool.query(sql, values)).rows[0] as T;
}

describe('synthetic demo data', () => {
  test('the same seed and date give the same records', async () => {
    const client = await context.pool.connect();
    try {
      const sampler = await loadDesaSampler(client);
      const asOf = new Date('2026-11-20T00:00:00Z');
      const build = () => {
        const random = createRandom(DEMO_SEED);
        const workplaces = buildWorkplaces(random, sampler, 50);
        return {
          workplaces,
          residents: buildResidents(random, sampler, workplaces, 300, asOf),
          incidents: buildIncidents(random, sampler, 200, asOf),
        };
      };
      const first = build();
      expect(build()).toEqual(first);
      const other = buildResidents(createRandom(DEMO_SEED + 1), sampler, first.workplaces, 300, asOf);
      expect(other).not.toEqual(first.residents);
    } finally {
      client.release();
    }
  });

  test('the demo scale is loaded, all marked synthetic', async () => {
    const counts = await one<{ residents: number; incidents: number; workplaces: number; not_demo: number }>(`
      SELECT (SELECT count(*) FROM foreign_resident WHERE source = 'demo') AS residents,
             (SELECT count(*) FROM incident WHERE source = 'demo') AS incidents,
             (SELECT count(*) FROM workplace WHERE source = 'demo') AS workplaces,
             -- Other tests add rows of their own, all with the made-up nationality ZZZ.
             (SELECT count(*) FROM foreign_resident WHERE source <> 'demo' AND nationality <> 'ZZZ')
             + (SELECT count(*) FROM incident WHERE source <> 'demo' AND NOT 'ZZZ' = ANY(nationalities)) AS not_demo`);
    expect(Number(counts.residents)).toBe(DEMO_SCALES.demo.residents);
    // A few cluster points can fall in the sea and are dropped.
    expect(Number(counts.incidents)).toBeGreaterThan(DEMO_SCALES.demo.incidents * 0.99);
    expect(Number(counts.workplaces)).toBe(DEMO_SCALES.demo.workplaces);
    expect(Number(counts.not_demo)).toBe(0);
    expect(await one(`SELECT version FROM data_vintage WHERE dataset = 'demo'`)).toEqual({
      version: `synthetic demo (seed ${DEMO_SEED})`,
    });
  });

  test('people and incidents lie inside real desa, most in Kepulauan Riau, with overstays and PLB holders', async () => {
    expect(
      await one(`SELECT count(*)::int AS outside FROM foreign_resident r JOIN desa d ON d.code = r.desa_code
                 WHERE NOT ST_Intersects(d.geom, r.home_point)`),
    ).toEqual({ outside: 0 });
    expect(
      await one(`SELECT count(*)::int AS outside FROM incident i JOIN desa d ON d.code = i.desa_code
                 WHERE NOT ST_Intersects(d.geom, i.location)`),
    ).toEqual({ outside: 0 });
    const byProvince = await context.pool.query<{ provinsi: string; n: number }>(
      `SELECT left(desa_code, 2) AS provinsi, count(*)::int AS n FROM foreign_resident WHERE source = 'demo' GROUP BY 1 ORDER BY n DESC`,
    );
    expect(byProvince.rows[0]!.provinsi).toBe('21');
    const mix = await one<{ overstay: number; plb_far: number; plb: number }>(`
      SELECT count(*) FILTER (WHERE status = 'active' AND permit_expires_on < current_date)::int AS overstay,
             count(*) FILTER (WHERE permit_type = 'PLB')::int AS plb,
             count(*) FILTER (WHERE permit_type = 'PLB' AND d.land_border_km > 25 AND d.sea_border_km > 25)::int AS plb_far
      FROM foreign_resident r JOIN desa d ON d.code = r.desa_code WHERE r.source = 'demo'`);
    expect(mix.overstay).toBeGreaterThan(100);
    expect(mix.plb).toBeGreaterThan(50);
    expect(mix.plb_far).toBe(0);
  });

  test('the planted clusters are there, dense and growing', async () => {
    for (const cluster of PLANTED_CLUSTERS) {
      const found = await one<{ near: number; recent: number; earlier: number }>(
        `SELECT count(*)::int AS near,
                count(*) FILTER (WHERE occurred_at >= $4::date + ($5::date - $4::date) / 2)::int AS recent,
                count(*) FILTER (WHERE occurred_at < $4::date + ($5::date - $4::date) / 2)::int AS earlier
         FROM incident WHERE type = $1 AND occurred_at BETWEEN $4 AND $5
           AND ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, 3000)`,
        [cluster.type, cluster.lon, cluster.lat, cluster.from, cluster.to],
      );
      expect({ cluster: cluster.name, dense: found.near >= DEMO_SCALES.demo.incidents * cluster.share * 0.6 }).toEqual({
        cluster: cluster.name,
        dense: true,
      });
      expect(found.recent).toBeGreaterThan(found.earlier);
    }
  });

  test('the real desa binaan and the TIMPORA team targets', async () => {
    expect(
      await one(`SELECT b.status, to_char(b.inaugurated_on, 'YYYY-MM-DD') AS inaugurated, d.name, k.name AS kecamatan
                 FROM desa_binaan b JOIN desa d ON d.code = b.desa_code JOIN kecamatan k ON k.code = d.kecamatan_code
                 WHERE b.source = 'public_record'`),
    ).toEqual({ status: 'aktif', inaugurated: '2025-11-18', name: 'Sungai Batu', kecamatan: 'Kapuas' });
    expect(
      await one(`SELECT t.target_kecamatan_teams AS target, count(*) FILTER (WHERE tm.formed)::int AS formed
                 FROM timpora_target t JOIN timpora_team tm ON left(tm.kecamatan_code, 2) = t.provinsi_code
                 WHERE t.provinsi_code = '62' GROUP BY t.target_kecamatan_teams`),
    ).toEqual({ target: 77, formed: 17 });
  });

  test('what came of the incidents acted on: one synthetic outcome each, of a kind that fits the incident', async () => {
    expect(
      await one(`SELECT count(*) FILTER (WHERE i.status IN ('acted_on', 'closed') AND o.id IS NULL)::int AS missing,
                        count(*) FILTER (WHERE i.status NOT IN ('acted_on', 'closed') AND o.id IS NOT NULL)::int AS early,
                        count(*) FILTER (WHERE o.id IS NOT NULL AND o.people < 1)::int AS nobody,
                        count(*) FILTER (WHERE i.type = 'tppo' AND o.kind NOT IN ('pro_justitia', 'deportation'))::int AS odd
                 FROM incident i LEFT JOIN follow_up_outcome o ON o.incident_id = i.id AND o.source = 'demo'
                 WHERE i.source = 'demo'`),
    ).toEqual({ missing: 0, early: 0, nobody: 0, odd: 0 });
    const kinds = await context.pool.query<{ kind: string }>(
      `SELECT DISTINCT kind FROM follow_up_outcome WHERE source = 'demo' ORDER BY kind`,
    );
    expect(kinds.rows.map((row) => row.kind)).toEqual([
      'administrative_measure',
      'deportation',
      'not_substantiated',
      'pro_justitia',
      'warning',
    ]);
  });
});
