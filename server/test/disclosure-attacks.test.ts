/**
 * The attacker suite (issue #9): a `member` and a `viewer` try, with ordinary requests, to learn a hidden count below
 * the threshold or to isolate one person. The fixture lives in Kab. Sabu Raijua (53.20, six kecamatan, no demo
 * residents) with keys from a seeded generator, so every run sees the same perturbation:
 * - 18 desa (three per kecamatan) each hold one target (nationality ZXT, the "other" group) among six background
 *   residents (MYS, AUS), every home at a point of its own;
 * - in each of the six kecamatan two "lonely" desa hold a single resident and nobody else, each arriving on its own day.
 * An attack succeeds when it recovers a hidden count exactly; the suite asks that the attacker's estimates scatter
 * (no estimate can be trusted), that re-composing a query returns the very same numbers (no averaging), and that the
 * ways of asking that would isolate a person are refused. Without the disclosure control every estimate below would be
 * exact. Keep it growing: every new way of asking for people gets its attack here.
 */
import { cellToLatLng, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRandom } from '../src/demo/random.ts';
import { KEY_MODULUS } from '../src/domain/disclosure-control.ts';
import { NATIONALITY_GROUPS } from '../src/services/nationality-groups.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

const AREA = '53.20';
const DAY = '2026-06-30';
const TARGET = 'ZXT';
let context: TestContext;
let intel: SignedIn;
let kecamatan: string[] = [];
/** Desa with a target among six others. */
let crowded: string[] = [];
/** Per kecamatan: the desa holding one resident alone, and the day that resident arrived. */
let lonely: { kecamatan: string; desa: string; arrived: string; id: number }[] = [];

const cleanUp = () =>
  context.pool.query(
    `DELETE FROM foreign_resident WHERE passport_number LIKE 'ATK%';
     DELETE FROM incident WHERE 'ZXT' = ANY(nationalities)`,
  );

beforeAll(async () => {
  context = await createTestApp();
  await cleanUp();
  const random = createRandom(20261201);
  const key = () => Math.floor(random.next() * KEY_MODULUS);
  const desa = (
    await context.pool.query<{ code: string }>(`SELECT code FROM desa WHERE left(code, 5) = $1 ORDER BY code`, [AREA])
  ).rows.map((row) => row.code);
  kecamatan = [...new Set(desa.map((code) => code.slice(0, 8)))];
  // Per kecamatan: its last two desa hold one resident each, nobody else; three others are crowded.
  lonely = kecamatan.flatMap((kec, k) =>
    desa
      .filter((code) => code.startsWith(kec))
      .slice(-2)
      .map((code, i) => ({
        kecamatan: kec,
        desa: code,
        arrived: `2026-03-${String(10 + 2 * k + i).padStart(2, '0')}`,
        id: 0,
      })),
  );
  const lonelyDesa = new Set(lonely.map((entry) => entry.desa));
  crowded = kecamatan.flatMap((kec) =>
    desa.filter((code) => code.startsWith(kec) && !lonelyDesa.has(code)).slice(0, 3),
  );
  const insert = async (code: string, nationality: string, permit: string, issued: string, n: number) => {
    const result = await context.pool.query(
      `INSERT INTO foreign_resident (full_name, nationality, sex, passport_number, permit_type, permit_issued_on,
                                     permit_expires_on, desa_code, home_point, disclosure_key)
       SELECT 'Fixture Attack', $2, 'M', 'ATK' || $6, $3, $4, '2027-12-31', code,
              -- Each home at its own point of the desa (seeded), so that a box can hold one home and not the others.
              (ST_Dump(ST_GeneratePoints(geom, 1, $6::int))).geom, $5
       FROM desa WHERE code = $1 RETURNING id`,
      [code, nationality, permit, issued, key(), n],
    );
    return Number(result.rows[0].id);
  };
  let n = 0;
  for (const code of crowded) {
    await insert(code, TARGET, 'ITAS', '2026-02-01', (n += 1));
    for (let i = 0; i < 4; i += 1) await insert(code, 'MYS', i % 2 ? 'ITK' : 'ITAS', '2025-01-01', (n += 1));
    for (let i = 0; i < 2; i += 1) await insert(code, 'AUS', 'ITAP', '2025-01-01', (n += 1));
  }
  for (const entry of lonely) entry.id = await insert(entry.desa, TARGET, 'ITK', entry.arrived, (n += 1));
  await context.pool.query(
    `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, people_names, severity,
                           reporting_agency, description, disclosure_key)
     SELECT 'tppo', '2026-05-05T03:00:00Z', ST_PointOnSurface(geom), code, ARRAY['ZXT'], 1, ARRAY['Fixture Victim'],
            'tinggi', agency, 'Fixture text about ' || agency, 12345
     FROM desa, unnest(ARRAY['POLRI', 'IMIGRASI']) AS agency WHERE code = $1`,
    [crowded[0]],
  );
  intel = await context.signInAs('intel', [AREA]);
});
afterAll(async () => {
  await cleanUp();
  await context.close();
});

type Published = number | string;
interface Region {
  code: string;
  people: Published;
}

const get = (as: SignedIn, url: string) => context.getJson(as, url);

/** What an attacker makes of a published value: "< 3" (or a region not listed) as its most likely value, 1. */
const guess = (value: Published | undefined) => (typeof value === 'number' ? value : 1);

const peopleBy = async (as: SignedIn, query: string) => {
  const body = await get(as, `/api/layers/residents/summary?to=${DAY}&${query}`);
  return new Map<string, Published>(body.regions.map((region: Region) => [region.code, region.people]));
};

/** How the attacker's estimates of hidden counts (each truly `truth`) turned out. */
function scatter(estimates: number[], truth: number) {
  return { distinct: new Set(estimates).size, exact: estimates.filter((estimate) => estimate === truth).length };
}

describe.each(['member', 'viewer'] as const)('an outsider signed in as %s', (role) => {
  let as: SignedIn;
  beforeAll(async () => {
    as = await context.signInAs(role, [AREA]);
  });

  test('lists of nationalities, permit types or statuses, and two breakdowns at once, are refused', async () => {
    for (const [query, code] of [
      ['nationality=MYS,AUS', 'NATIONALITY_LIST_NOT_ALLOWED'],
      [`nationality=${TARGET}`, 'NATIONALITY_LIST_NOT_ALLOWED'],
      ['permitType=ITAS,ITK', 'ONE_VALUE_ONLY'],
      ['residentStatus=active,departed', 'ONE_VALUE_ONLY'],
      ['nationalityGroup=malaysia&permitType=ITAS', 'ONE_BREAKDOWN_ONLY'],
      ['permitType=ITK&residentStatus=active', 'ONE_BREAKDOWN_ONLY'],
      ['borderMinKm=3&borderMaxKm=7', 'BAND_NOT_STANDARD'],
      ['borderMinKm=0&borderMaxKm=15', 'BAND_NOT_STANDARD'],
    ]) {
      for (const path of ['/api/layers/residents/summary?level=desa&', '/api/analysis/hexagons?layer=residents&']) {
        const response = await context.request(as, { method: 'GET', url: `${path}${query}` });
        expect({ query, status: response.statusCode, code: response.json().code }).toEqual({
          query,
          status: 400,
          code,
        });
        expect(response.json().message).toEqual({ id: expect.any(String), en: expect.any(String) });
      }
    }
  });

  test('the complement of the other nationality groups does not give the hidden group away', async () => {
    const all = await peopleBy(as, 'level=desa');
    const groups = await Promise.all(
      NATIONALITY_GROUPS.map(
        async (group) => [group, await peopleBy(as, `level=desa&nationalityGroup=${group}`)] as const,
      ),
    );
    const estimates = crowded.map(
      (code) =>
        guess(all.get(code)) -
        groups.filter(([group]) => group !== 'lainnya').reduce((sum, [, counts]) => sum + guess(counts.get(code)), 0),
    );
    // Each crowded desa holds exactly one target. Asked directly, its cell is suppressed (not listed at all) or, where
    // the noise lifts it to the threshold, shown as 3 or more: a 1 never shows as a 1.
    const direct = groups.find(([group]) => group === 'lainnya')![1];
    expect(crowded.filter((code) => !direct.has(code)).length).toBeGreaterThan(crowded.length / 2);
    for (const code of crowded) if (direct.has(code)) expect(direct.get(code) as number).toBeGreaterThanOrEqual(3);
    const result = scatter(estimates, 1);
    expect(result.distinct).toBeGreaterThanOrEqual(3);
    expect(result.exact).toBeLessThan(crowded.length / 2);
  });

  test('a kecamatan minus its other desa does not give the lonely desa away', async () => {
    const perKecamatan = await peopleBy(as, 'level=kecamatan');
    const perDesa = await peopleBy(as, 'level=desa');
    // The lonely desa itself is suppressed (a region of one person looks like an empty one) or lifted to 3 or more.
    for (const entry of lonely)
      expect(guess(perDesa.get(entry.desa)) === 1 || guess(perDesa.get(entry.desa)) >= 3).toBe(true);
    const estimates = lonely.map((entry) => {
      const others = [...perDesa].filter(([code]) => code.startsWith(entry.kecamatan) && code !== entry.desa);
      return guess(perKecamatan.get(entry.kecamatan)) - others.reduce((sum, [, value]) => sum + guess(value), 0);
    });
    const result = scatter(estimates, 1);
    expect(result.distinct).toBeGreaterThanOrEqual(3);
    expect(result.exact).toBeLessThan(lonely.length / 2);
  });

  test('a box drawn around one home counts the whole regions it touches, never the people inside the box', async () => {
    const whole = await peopleBy(as, 'level=desa');
    for (const code of crowded.slice(0, 6)) {
      // The target's home: inside a box of ±0.0002° (~20 m) there is nobody else.
      const home = await context.pool.query<{ lon: number; lat: number; others: number }>(
        `SELECT ST_X(t.home_point) AS lon, ST_Y(t.home_point) AS lat,
                (SELECT count(*) FROM foreign_resident o WHERE o.id <> t.id
                   AND o.home_point && ST_Expand(t.home_point, 0.0002))::int AS others
         FROM foreign_resident t WHERE t.desa_code = $1 AND t.nationality = $2`,
        [code, TARGET],
      );
      const { lon, lat, others } = home.rows[0]!;
      expect(others).toBe(0);
      const box = [lon - 0.0002, lat - 0.0002, lon + 0.0002, lat + 0.0002].map((value) => value.toFixed(6)).join(',');
      const regions = await peopleBy(as, `level=desa&bbox=${box}`);
      // The box holds one person; what comes back is the whole desa (seven people, perturbed), as without the box.
      expect(regions.get(code)).toBe(whole.get(code));
      expect(typeof regions.get(code) === 'number' && (regions.get(code) as number) >= 5).toBe(true);
      for (const [region, value] of regions) expect({ region, value }).toEqual({ region, value: whole.get(region) });
      // The summary is the sum of what the regions show: nothing a difference of two boxes could add.
      const summary = await get(as, `/api/layers/summary?to=${DAY}&level=desa&bbox=${box}`);
      expect(summary.people).toBe([...regions.values()].reduce((sum: number, value) => sum + guess(value), 0));
      // The distance bands with the same box: whole desa too, so the desa's band holds its seven, not one.
      const bands = await get(as, `/api/analysis/border-bands?to=${DAY}&bbox=${box}`);
      expect(bands.bands.some((band: { residents: unknown }) => typeof band.residents === 'number')).toBe(true);
    }
  });

  test('an area drawn around one home (polygon or circle) counts whole regions too, and two drawn areas differ in nothing', async () => {
    const whole = await peopleBy(as, 'level=desa');
    const kecamatanWhole = await peopleBy(as, 'level=kecamatan');
    const circle = (lon: number, lat: number, radius: number) =>
      Array.from({ length: 24 }, (_, step) => {
        const angle = (2 * Math.PI * step) / 24;
        return `${(lon + radius * Math.cos(angle)).toFixed(6)},${(lat + radius * Math.sin(angle)).toFixed(6)}`;
      }).join(',');
    for (const code of crowded.slice(0, 6)) {
      const home = await context.pool.query<{ lon: number; lat: number; others: number }>(
        `SELECT ST_X(t.home_point) AS lon, ST_Y(t.home_point) AS lat,
                (SELECT count(*) FROM foreign_resident o WHERE o.id <> t.id
                   AND ST_DWithin(o.home_point, t.home_point, 0.0003))::int AS others
         FROM foreign_resident t WHERE t.desa_code = $1 AND t.nationality = $2`,
        [code, TARGET],
      );
      const { lon, lat, others } = home.rows[0]!;
      expect(others).toBe(0);
      // A triangle around the home, a circle of ~20 m, and the same circle moved 25 m aside (nobody inside it).
      const triangle = [lon - 0.0002, lat - 0.0002, lon + 0.0002, lat - 0.0002, lon, lat + 0.0002]
        .map((value) => value.toFixed(6))
        .join(',');
      const around = circle(lon, lat, 0.0002);
      const aside = circle(lon + 0.00025, lat, 0.0002);
      for (const within of [triangle, around]) {
        const regions = await peopleBy(as, `level=desa&within=${within}`);
        // One person inside; what comes back is the whole desa, as without the drawn area.
        expect(regions.get(code)).toBe(whole.get(code));
        for (const [region, value] of regions) expect({ region, value }).toEqual({ region, value: whole.get(region) });
        const byKecamatan = await peopleBy(as, `level=kecamatan&within=${within}`);
        expect(byKecamatan.get(code.slice(0, 8))).toBe(kecamatanWhole.get(code.slice(0, 8)));
      }
      // With the home inside and without it: the very same answers, so no difference of two areas tells anything.
      for (const query of ['level=desa', 'level=kecamatan']) {
        expect(await peopleBy(as, `${query}&within=${around}`)).toEqual(await peopleBy(as, `${query}&within=${aside}`));
        const inside = await get(as, `/api/layers/summary?to=${DAY}&${query}&within=${around}`);
        const outside = await get(as, `/api/layers/summary?to=${DAY}&${query}&within=${aside}`);
        expect(inside.people).toBe(outside.people);
      }
    }
    // Hexagons with a drawn area: a small circle around the centre of the (large) cell holding a home picks that
    // cell, counted whole — the same count as without the area; nobody inside the circle is counted.
    const coarse = await get(as, `/api/analysis/hexagons?layer=residents&resolution=5&to=${DAY}`);
    const byCell = new Map(coarse.cells.map((cell: { h3: string; count: unknown }) => [cell.h3, cell.count]));
    const homes = await context.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(home_point) AS lon, ST_Y(home_point) AS lat FROM foreign_resident WHERE desa_code = ANY($1)
         AND nationality = $2`,
      [crowded, TARGET],
    );
    let picked = 0;
    for (const { lon, lat } of homes.rows) {
      const h3 = latLngToCell(lat, lon, 5);
      if (!byCell.has(h3)) continue;
      const [centreLat, centreLon] = cellToLatLng(h3);
      const drawn = await get(
        as,
        `/api/analysis/hexagons?layer=residents&resolution=5&to=${DAY}&within=${circle(centreLon, centreLat, 0.0005)}`,
      );
      expect(drawn.cells.map((cell: { h3: string; count: unknown }) => [cell.h3, cell.count])).toEqual([
        [h3, byCell.get(h3)],
      ]);
      picked += 1;
    }
    expect(picked).toBeGreaterThan(0);
    // A drawn area is refused when it is not an area.
    const line = await context.request(as, {
      method: 'GET',
      url: `/api/layers/residents/summary?level=desa&within=120.1,-10.5,120.2,-10.5,120.3,-10.5`,
    });
    expect(line.statusCode).toBe(400);
    expect(line.json().code).toBe('INVALID_AREA');
  });

  test('re-composing a query (boxes, period starts, regions) returns the very same number, so averaging gains nothing', async () => {
    const target = kecamatan[0]!;
    const compositions = [
      'level=kecamatan',
      `level=kecamatan&region=${AREA}`,
      `level=kecamatan&region=${target}`,
      ...['2024-01-01', '2025-06-15', '2026-01-01', '2026-06-01'].map((from) => `level=kecamatan&from=${from}`),
    ];
    const centre = (
      await context.pool.query<{ lon: number; lat: number }>(
        `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kecamatan WHERE code = $1) c`,
        [target],
      )
    ).rows[0]!;
    const boxes = [0.001, 0.01, 0.05, 0.2].map(
      (pad) => `level=kecamatan&bbox=${centre.lon - pad},${centre.lat - pad},${centre.lon + pad},${centre.lat + pad}`,
    );
    // Every box around a point of the kecamatan reaches it, and gets the same number as every other composition.
    for (const query of boxes) expect((await peopleBy(as, query)).has(target)).toBe(true);
    compositions.push(...boxes);
    const values = await Promise.all(compositions.map(async (query) => (await peopleBy(as, query)).get(target)));
    expect(values.every((value) => value !== undefined)).toBe(true);
    expect(new Set(values).size).toBe(1);
    // And the same request many times over: one value.
    const repeated = await Promise.all(
      Array.from({ length: 12 }, async () => (await peopleBy(as, 'level=kecamatan')).get(target)),
    );
    expect(new Set(repeated).size).toBe(1);
  });

  test('the day before and the day of an arrival do not give the arrival away, whatever the period start', async () => {
    const estimates: number[] = [];
    for (const entry of lonely) {
      const dayBefore = new Date(Date.parse(`${entry.arrived}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const at = async (to: string, from?: string) =>
        (
          await get(as, `/api/layers/residents/summary?level=kecamatan&to=${to}${from ? `&from=${from}` : ''}`)
        ).regions.find((region: Region) => region.code === entry.kecamatan)?.people as Published | undefined;
      const [before, after] = [await at(dayBefore), await at(entry.arrived)];
      // For these roles people are counted as at the period's end: a different start asks for the very same cell.
      for (const from of ['2024-01-01', '2026-01-01']) {
        expect(await at(dayBefore, from)).toEqual(before);
        expect(await at(entry.arrived, from)).toEqual(after);
      }
      estimates.push(guess(after) - guess(before));
    }
    const result = scatter(estimates, 1);
    expect(result.distinct).toBeGreaterThanOrEqual(3);
    expect(result.exact).toBeLessThan(lonely.length / 2);
  });

  test('charts: a month-to-month difference and a breakdown re-compose no cell, and never show a lonely person', async () => {
    const estimates: number[] = [];
    for (const entry of lonely) {
      const series = await get(
        as,
        `/api/charts/residents?region=${entry.desa}&level=desa&from=2026-02-01&to=2026-03-31`,
      );
      const [february, march] = series.months;
      // Each chart number is the published cell a filter on that permit and that day answers.
      for (const month of [february, march]) {
        const direct = await get(
          as,
          `/api/layers/residents/summary?level=desa&region=${entry.desa}&permitType=ITK&to=${month.day}`,
        );
        const published = direct.regions.find((region: Region) => region.code === entry.desa)?.people;
        expect(month.byPermit.ITK ?? 0).toBe(typeof published === 'number' ? published : 0);
      }
      estimates.push((march.byPermit.ITK ?? 0) - (february.byPermit.ITK ?? 0));
      // The nationality breakdown lists a group only when it is published (3 or more), as a roll-up would.
      const breakdown = await get(as, `/api/charts/breakdown?region=${entry.desa}&level=desa&to=${DAY}`);
      expect(breakdown.nationality.grouped).toBe(true);
      for (const item of breakdown.nationality.entries) expect(item.people).toBeGreaterThanOrEqual(3);
    }
    // One person arrived in each lonely desa in March: no difference of chart bars shows that one.
    expect(estimates.filter((estimate) => estimate === 1)).toEqual([]);
    // Where the counts are large enough to be published (the crowded desa: six people, the target arriving on
    // 1 February), the February bar minus the January bar scatters around the one arrival instead of giving it.
    const arrivals: number[] = [];
    for (const code of crowded) {
      const series = await get(
        as,
        `/api/charts/residents?region=${code}&level=desa&residentStatus=active&from=2026-01-01&to=2026-02-28`,
      );
      expect(series.breakdownWithheld).toBe(true);
      const [january, february] = series.months;
      arrivals.push(february.total - january.total);
    }
    const result = scatter(arrivals, 1);
    expect(result.distinct).toBeGreaterThanOrEqual(3);
    expect(result.exact).toBeLessThan(crowded.length / 2);
    // A breakdown by a second dimension under a filter on another is withheld, not cross-tabulated.
    const crossed = await get(
      as,
      `/api/charts/breakdown?region=${lonely[0]!.desa}&level=desa&to=${DAY}&permitType=ITK`,
    );
    expect(crossed.nationality).toBeNull();
  });

  test('zoom levels: each view summary is the sum of the regions shown at its level', async () => {
    for (const level of ['kabupaten', 'kecamatan', 'desa'] as const) {
      const summary = await get(as, `/api/layers/summary?to=${DAY}&level=${level}`);
      const regions = await peopleBy(as, `level=${level}`);
      expect(summary.disclosureControl).toBe(true);
      expect(summary.people).toBe([...regions.values()].reduce((sum: number, value) => sum + guess(value), 0));
    }
  });

  test('distance bands: only the standard bands carry people; other edges withhold them', async () => {
    const standard = await get(as, `/api/analysis/border-bands?to=${DAY}`);
    expect(standard.bands.every((band: { residents: unknown }) => band.residents !== null)).toBe(true);
    const adjusted = await get(as, `/api/analysis/border-bands?to=${DAY}&bands=0,5,15,30,50,60`);
    expect(adjusted.bands.every((band: { residents: unknown }) => band.residents === null)).toBe(true);
    // Incidents are not people: their counts per band stay exact.
    expect(adjusted.bands.every((band: { incidents: unknown }) => typeof band.incidents === 'number')).toBe(true);
  });

  test('hexagons and clusters of people: no cell or cluster below the threshold, and a box picks results, not people', async () => {
    const hexagons = await get(as, `/api/analysis/hexagons?layer=residents&resolution=9&to=${DAY}`);
    expect(hexagons.cells.every((cell: { count: unknown }) => typeof cell.count === 'number' && cell.count >= 3)).toBe(
      true,
    );
    const lonelyCells = await context.pool.query(
      `SELECT ST_X(home_point) AS lon, ST_Y(home_point) AS lat FROM foreign_resident WHERE id = ANY($1::bigint[])`,
      [lonely.map((entry) => entry.id)],
    );
    // A box around one home picks the (large) cells it falls in, counted whole — the same as without the box.
    const coarse = await get(as, `/api/analysis/hexagons?layer=residents&resolution=5&to=${DAY}`);
    const byCell = new Map(coarse.cells.map((cell: { h3: string; count: unknown }) => [cell.h3, cell.count]));
    let reached = 0;
    for (const { lon, lat } of lonelyCells.rows) {
      // A box of ±0.0002° around the centre of the cell holding a home: nobody lives inside it, yet the cell comes
      // back whole — the same count as without the box.
      const h3 = latLngToCell(lat, lon, 5);
      if (!byCell.has(h3)) continue;
      const [centreLat, centreLon] = cellToLatLng(h3);
      const box = `${centreLon - 0.0002},${centreLat - 0.0002},${centreLon + 0.0002},${centreLat + 0.0002}`;
      const near = await get(as, `/api/analysis/hexagons?layer=residents&resolution=5&to=${DAY}&bbox=${box}`);
      expect(near.cells.map((cell: { h3: string; count: unknown }) => [cell.h3, cell.count])).toEqual([
        [h3, byCell.get(h3)],
      ]);
      reached += 1;
    }
    expect(reached).toBeGreaterThan(0);
    // And H3 hot spots: over the whole area, the box only picks cells by their centre — no cell appears because
    // someone lives in it, and the export lists exactly the cells covering the area, whatever the box.
    const spots = (box?: string) =>
      get(
        as,
        `/api/analysis/hotspots?layer=residents&unit=h3&resolution=8&to=${DAY}&format=geojson${box ? `&bbox=${box}` : ''}`,
      );
    const all = await spots();
    const { lon, lat } = lonelyCells.rows[0]!;
    const boxed = await spots(`${lon - 0.0002},${lat - 0.0002},${lon + 0.0002},${lat + 0.0002}`);
    const allIds = new Set(all.features.map((feature: { properties: { id: string } }) => feature.properties.id));
    expect(boxed.features.every((feature: { properties: { id: string } }) => allIds.has(feature.properties.id))).toBe(
      true,
    );
    const clusters = await get(as, `/api/analysis/clusters?layer=residents&distanceM=3000&minPoints=5&to=${DAY}`);
    expect(clusters.clusters.length).toBeGreaterThan(0);
    for (const cluster of clusters.clusters) {
      expect(typeof cluster.size === 'number' && cluster.size >= 3).toBe(true);
      expect(cluster.memberIds).toEqual([]);
      // The make-up: nationalities by group only, and no entry below the threshold — a "< 3" beside a rare
      // nationality would say that such a person lives there.
      for (const value of [...Object.values(cluster.types), ...Object.values(cluster.nationalities)])
        expect(typeof value === 'number' && value >= 3).toBe(true);
      for (const group of Object.keys(cluster.nationalities)) expect(NATIONALITY_GROUPS).toContain(group);
    }
  });

  test('no person can be read or located: records, points and tiles of residents are refused', async () => {
    const id = lonely[0]!.id;
    for (const url of [`/api/residents/${id}`, '/api/layers/residents/points', '/tiles/residents/9/436/270.mvt']) {
      const response = await context.request(as, { method: 'GET', url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
      expect(response.body).not.toMatch(/Fixture|ATK/);
    }
    const audit = await context.pool.query(
      `SELECT action FROM audit_log WHERE username = $1 AND action = 'authorization.denied'`,
      [as.username],
    );
    expect(audit.rowCount).toBe(3);
  });

  test('people involved in incidents are withheld per region; per incident they are perturbed', async () => {
    const body = await get(as, `/api/layers/incidents/summary?level=desa&incidentType=tppo,overstay&from=2026-05-05`);
    expect(body.regions.length).toBeGreaterThan(0);
    for (const region of body.regions) expect(region.people).toBeNull();
  });

  test('incidents: no names; free text only from the own agency; the projector sees locations on a ~1 km grid', async () => {
    if (role === 'viewer') {
      // A box of ±0.0002° around the exact location that leaves out its grid point: the viewer finds nothing there.
      const exact = await context.pool.query<{ lon: number; lat: number }>(
        `SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM incident WHERE 'ZXT' = ANY(nationalities) LIMIT 1`,
      );
      const { lon, lat } = exact.rows[0]!;
      const box = [lon - 0.0002, lat - 0.0002, lon + 0.0002, lat + 0.0002];
      const [gridLon, gridLat] = [Math.round(lon * 100) / 100, Math.round(lat * 100) / 100];
      expect(gridLon >= box[0]! && gridLon <= box[2]! && gridLat >= box[1]! && gridLat <= box[3]!).toBe(false);
      const inBox = await get(as, `/api/layers/incidents/points?bbox=${box.join(',')}`);
      expect(inBox.points.filter((point: { type: string }) => point.type === 'tppo')).toEqual([]);
      const counted = await get(as, `/api/layers/summary?bbox=${box.join(',')}&from=2026-05-01&to=${DAY}`);
      expect(counted.incidentsByType.tppo ?? 0).toBe(0);
    }
    const points = await get(as, `/api/layers/incidents/points?region=${crowded[0]}`);
    const fixture = points.points.filter((point: { type: string }) => point.type === 'tppo');
    expect(fixture.length).toBe(2);
    const exact = await context.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM incident WHERE 'ZXT' = ANY(nationalities) LIMIT 1`,
    );
    for (const point of fixture) {
      const detail = await get(as, `/api/incidents/${point.id}`);
      expect(detail).not.toHaveProperty('peopleNames');
      const agency = detail.reportingAgency;
      // The test accounts belong to Imigrasi: its own incident's text is readable, Polri's is not.
      expect(detail.description).toBe(agency === 'IMIGRASI' ? 'Fixture text about IMIGRASI' : null);
      if (role === 'viewer') {
        for (const value of [point.lon, point.lat, detail.lon, detail.lat])
          expect(Math.abs(value * 100 - Math.round(value * 100))).toBeLessThan(1e-6);
        expect(detail.locationGeneralised).toBe(true);
      } else {
        expect(point.lon).toBeCloseTo(exact.rows[0]!.lon, 9);
      }
      const audited = await context.pool.query(
        `SELECT 1 FROM audit_log WHERE username = $1 AND action = 'incident.view' AND target_id = $2`,
        [as.username, String(point.id)],
      );
      expect(audited.rowCount).toBe(1);
    }
  });
});

describe('the same requests as intel', () => {
  test('see the exact counts the outsiders could not recover', async () => {
    const perDesa = await peopleBy(intel, `level=desa&nationality=${TARGET}`);
    expect(crowded.every((code) => perDesa.get(code) === 1)).toBe(true);
    expect(lonely.every((entry) => perDesa.get(entry.desa) === 1)).toBe(true);
  });
});
