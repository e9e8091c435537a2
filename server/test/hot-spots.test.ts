/**
 * Hot spots, emerging hot spots, change between periods and exports (issue #5), on real PostGIS with a planted
 * fixture of made-up nationality ZZH inside Sanggau (61.03, 169 desa), so the demo data never mixes in:
 * - Teraju (61.03.13.2001): 6 incidents in every quarter of 2024–2026 (a persistent hot spot);
 * - Balai Sebut (61.03.04.2001): 8 incidents in the last quarter only (a new hot spot);
 * - Kasro Mego (61.03.06.2001): 8 incidents in the 2nd, 6th and 12th quarters (sporadic);
 * - two residents in Balai Sebut who arrived in October 2026 (a count members must not see);
 * - five residents of nationality ZZK at one home in Tanjung Kapuas (a cluster of people members must not locate).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAnalysisRepository } from '../src/repositories/analysis-repository.ts';
import { createTestApp, publishedFor, type SignedIn, type TestContext } from './helpers.ts';

const PERSISTENT = '61.03.13.2001';
const NEW = '61.03.04.2001';
const SPORADIC = '61.03.06.2001';
const QUIET = '61.03.01.1001';
const QUARTER_STARTS = Array.from(
  { length: 12 },
  (_, i) => `${2024 + Math.floor(i / 4)}-${String(1 + (i % 4) * 3).padStart(2, '0')}-15`,
);

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
let elsewhere: SignedIn;

const plant = async (desa: string, day: string, count: number) =>
  context.pool.query(
    `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, reporting_agency)
     SELECT 'illegal_crossing', $2::date + interval '10 hours', ST_PointOnSurface(geom), code, ARRAY['ZZH'], 1, 'sedang', 'POLRI'
     FROM desa, generate_series(1, $3) WHERE code = $1`,
    [desa, day, count],
  );

const cleanUp = () =>
  context.pool.query(
    `DELETE FROM incident WHERE nationalities && ARRAY['ZZH', 'ZZQ']; DELETE FROM foreign_resident WHERE nationality IN ('ZZH', 'ZZK', 'ZZQ')`,
  );

beforeAll(async () => {
  context = await createTestApp();
  await cleanUp();
  for (const [index, day] of QUARTER_STARTS.entries()) {
    await plant(PERSISTENT, day, 6);
    if (index === 11) await plant(NEW, day, 8);
    if ([1, 5, 11].includes(index)) await plant(SPORADIC, day, 8);
  }
  await context.pool.query(
    // Disclosure keys fixed (not random) so that what a member is shown is the same on every run.
    `INSERT INTO foreign_resident (full_name, nationality, sex, passport_number, permit_type, permit_issued_on,
                                   permit_expires_on, desa_code, home_point, disclosure_key)
     SELECT 'Fixture ZZH', 'ZZH', 'F', 'ZZH000' || n, 'ITAS', '2026-10-05', '2027-10-04', code, ST_PointOnSurface(geom),
            hashtext('ZZH' || n) & 2147483647
     FROM desa, generate_series(1, 2) AS n WHERE code = $1`,
    [NEW],
  );
  await context.pool.query(
    `INSERT INTO foreign_resident (full_name, nationality, sex, passport_number, permit_type, permit_issued_on,
                                   permit_expires_on, desa_code, home_point, disclosure_key)
     SELECT 'Fixture ZZK', 'ZZK', 'M', 'ZZK000' || n, CASE WHEN n = 1 THEN 'ITK' ELSE 'ITAS' END, ('2026-02-1' || n)::date,
            '2027-02-01', code, ST_PointOnSurface(geom), hashtext('ZZK' || n) & 2147483647
     FROM desa, generate_series(1, 5) AS n WHERE code = $1`,
    [QUIET],
  );
  intel = await context.signInAs('intel', ['61']);
  member = await context.signInAs('member', ['61']);
  elsewhere = await context.signInAs('intel', ['64']);
});
afterAll(async () => {
  await cleanUp();
  await context.close();
});

const get = async (as: SignedIn, url: string) => {
  const response = await context.request(as, { method: 'GET', url });
  expect({ status: response.statusCode, body: response.statusCode === 200 ? 'ok' : response.body }).toEqual({
    status: 200,
    body: 'ok',
  });
  return response;
};

type Unit = Record<string, unknown> & { id: string };
const byId = (features: Unit[]) => new Map(features.map((feature) => [feature.id, feature]));

const FIXTURE = 'region=61.03&nationality=ZZH';

describe('hot spots (Getis-Ord Gi*)', () => {
  test('the planted persistent desa is a hot spot at 99 % over the three years; a quiet desa is not', async () => {
    const { features, summary, parameters } = (
      await get(intel, `/api/analysis/hotspots?layer=incidents&${FIXTURE}&from=2024-01-01&to=2026-12-31`)
    ).json();
    expect(summary.units).toBe(169);
    // Only units with a finding travel to the map and the table; the export has them all.
    expect(features.length).toBeGreaterThan(0);
    expect(features.length).toBeLessThan(40);
    expect(features.every((unit: Unit) => unit.bin !== 0 && unit.geometry !== null)).toBe(true);
    expect(parameters).toMatchObject({ neighbours: 'knn', k: 8, fdr: true, unit: 'desa', from: '2024-01-01' });
    const units = byId(features);
    expect(units.get(PERSISTENT)).toMatchObject({ count: 72, bin: 3, confidence: 99, name: 'Teraju' });
    expect((units.get(PERSISTENT)!.geometry as { type: string }).type).toMatch(/Polygon/);
    expect(units.has(QUIET)).toBe(false);
    // Ranked by z: the strongest hot spot first.
    expect(features[0].z).toBeGreaterThanOrEqual(units.get(PERSISTENT)!.z as number);
    expect(summary.hot['99']).toBe(features.filter((f: Unit) => f.bin === 3).length);
  });

  test('in the last quarter alone all three planted desa are hot spots', async () => {
    const { features } = (
      await get(intel, `/api/analysis/hotspots?layer=incidents&${FIXTURE}&from=2026-10-01&to=2026-12-31&fdr=false`)
    ).json();
    const units = byId(features);
    for (const code of [PERSISTENT, NEW, SPORADIC]) expect(units.get(code)!.bin as number).toBeGreaterThan(0);
    expect(units.has(QUIET)).toBe(false);
  });

  test('fixed-distance neighbours and H3 cells give the same hot spot', async () => {
    const distance = byId(
      (await get(intel, `/api/analysis/hotspots?layer=incidents&${FIXTURE}&neighbours=distance&distanceKm=15`)).json()
        .features,
    );
    expect(distance.get(PERSISTENT)!.bin as number).toBeGreaterThan(0);
    const hexagons = (
      await get(intel, `/api/analysis/hotspots?layer=incidents&${FIXTURE}&unit=h3&resolution=6`)
    ).json();
    // Cells cover the kabupaten (~12,800 km², ~36 km² a cell): zeros included, as Gi* needs.
    expect(hexagons.summary.units).toBeGreaterThan(250);
    const planted = hexagons.features.find((cell: Unit) => cell.count === 72);
    expect(planted).toMatchObject({ bin: 3, confidence: 99 });
    expect(planted.geometry.type).toBe('Polygon');
    // Every cell whose neighbourhood holds the planted cell ties with it at the top.
    expect(hexagons.features[0].z).toBe(planted.z);
  });

  test('members get classes from perturbed counts, with no scores and small counts suppressed', async () => {
    const asIntel = await get(intel, `/api/analysis/hotspots?layer=residents&${FIXTURE}`);
    const asMember = await get(member, `/api/analysis/hotspots?layer=residents&region=61.03&nationalityGroup=lainnya`);
    const intelUnits = byId(asIntel.json().features);
    // The two residents of Balai Sebut, alone in the fixture, make it and its neighbours hot.
    expect(intelUnits.get(NEW)!.count).toBe(2);
    expect(typeof intelUnits.get(NEW)!.z).toBe('number');
    const body = asMember.json();
    expect(body.disclosureControl).toBe(true);
    // No scores, from which the withheld counts could be solved for; each count the published value of its cell.
    const ids = (
      await context.pool.query(`SELECT id FROM foreign_resident WHERE nationality = 'ZZH' AND desa_code = $1`, [NEW])
    ).rows.map((row) => Number(row.id));
    for (const unit of body.features as Unit[]) {
      expect({ z: unit.z, p: unit.p, q: unit.q }).toEqual({ z: null, p: null, q: null });
      if (unit.id === NEW) expect(unit.count).toBe(await publishedFor(context.pool, 'foreign_resident', ids));
    }
    expect(asMember.body).not.toMatch(/Fixture ZZH|ZZH000/);
  });

  test('the caller’s area applies: an account for Kalimantan Timur finds none of it', async () => {
    const { features } = (await get(elsewhere, `/api/analysis/hotspots?layer=incidents&${FIXTURE}`)).json();
    expect(features).toEqual([]);
  });

  test('the analyses are documented in the OpenAPI description', async () => {
    const { paths } = (await get(intel, '/api/docs/json')).json();
    for (const path of ['hotspots', 'emerging-hotspots', 'change', 'clusters', 'hexagons', 'border-bands']) {
      expect(paths[`/api/analysis/${path}`]?.get?.parameters?.length).toBeGreaterThan(3);
    }
  });

  test('bad parameters are refused with a bilingual message', async () => {
    const response = await context.request(intel, {
      method: 'GET',
      url: '/api/analysis/hotspots?layer=incidents&k=500',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatchObject({ id: expect.any(String), en: expect.any(String) });
  });
});

describe('emerging hot spots', () => {
  // Without the FDR correction: in the last quarter three planted desa and their neighbourhoods share the tail, and
  // with 169 tests the corrected q-values of the new one sit just above 0.10.
  test('classes the planted series as new, persistent and sporadic', async () => {
    const { features, slices, summary } = (
      await get(
        intel,
        `/api/analysis/emerging-hotspots?layer=incidents&${FIXTURE}&from=2024-01-01&to=2026-12-31&slice=quarter&fdr=false`,
      )
    ).json();
    expect(slices).toHaveLength(12);
    expect(slices[0]).toEqual({ first: '2024-01-01', last: '2024-03-31' });
    expect(slices[11]).toEqual({ first: '2026-10-01', last: '2026-12-31' });
    const units = byId(features);
    expect(units.get(NEW)).toMatchObject({ category: 'new', direction: 'hot', significantSlices: 1 });
    expect(units.get(PERSISTENT)).toMatchObject({ category: 'persistent', direction: 'hot', significantSlices: 12 });
    expect(units.get(SPORADIC)).toMatchObject({ category: 'sporadic', direction: 'hot', significantSlices: 3 });
    expect(units.has(QUIET)).toBe(false);
    expect((units.get(SPORADIC)!.bins as number[]).map((bin) => bin > 0)).toEqual(
      Array.from({ length: 12 }, (_, i) => [1, 5, 11].includes(i)),
    );
    expect(summary.categories['hot:new']).toBeGreaterThanOrEqual(1);
  });

  test('the period starts with a whole slice; a member gets the classes without the scores', async () => {
    const query = `/api/analysis/emerging-hotspots?layer=residents&${FIXTURE}&from=2024-02-10&to=2026-12-31`;
    const asIntel = (await get(intel, query)).json();
    expect(asIntel.parameters.from).toBe('2024-01-01');
    expect(asIntel.slices[0]).toEqual({ first: '2024-01-01', last: '2024-03-31' });
    const asMember = (await get(member, query.replace('nationality=ZZH', 'nationalityGroup=lainnya'))).json();
    expect(asMember.disclosureControl).toBe(true);
    expect(asMember.slices).toEqual(asIntel.slices);
    for (const unit of asMember.features) {
      expect(unit.trendZ).toBeNull();
      expect((unit.zs as unknown[]).every((z) => z === null)).toBe(true);
    }
  });

  test('records on the first and last day of a slice, and residents across slices, are counted where they belong', async () => {
    const repository = createAnalysisRepository(context.pool);
    await context.pool.query(
      `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, reporting_agency)
       SELECT 'overstay', at::timestamptz, ST_PointOnSurface(geom), code, ARRAY['ZZQ'], 1, 'sedang', 'POLRI'
       FROM desa, unnest(ARRAY['2026-06-30 23:30+07', '2026-07-01 00:30+07', '2026-09-30 12:00+07']) AS at
       WHERE code = $1`,
      [QUIET],
    );
    await context.pool.query(
      `INSERT INTO foreign_resident (full_name, nationality, sex, passport_number, permit_type, permit_issued_on,
                                     permit_expires_on, desa_code, home_point, status, left_on)
       SELECT 'Fixture ZZQ', 'ZZQ', 'F', 'ZZQ000' || n, 'ITAS', issued, '2027-12-31', code, ST_PointOnSurface(geom),
              CASE WHEN left_on IS NULL THEN 'active' ELSE 'departed' END, left_on
       FROM desa, (VALUES (1, '2026-05-10'::date, '2026-08-20'::date), (2, '2025-01-01', NULL),
                          (3, '2026-07-01', '2026-07-01'), (4, '2026-01-01', '2026-03-31')) AS r (n, issued, left_on)
       WHERE code = $1`,
      [QUIET],
    );
    const slices = [
      { first: '2026-04-01', last: '2026-06-30' },
      { first: '2026-07-01', last: '2026-09-30' },
      { first: '2026-10-01', last: '2026-12-31' },
    ];
    const filter = { areaCodes: ['61'], region: '61.03', nationalities: ['ZZQ'] };
    const counts = (rows: { code: string; slice: number; count: { count: number } }[]) =>
      rows.map((row) => ({ ...row, count: row.count.count })).sort((a, b) => a.slice - b.slice);
    const incidents = await repository.countPerUnitAndSlice('incidents', filter, 'desa', slices);
    expect(counts(incidents)).toEqual([
      { code: QUIET, slice: 0, count: 1 },
      { code: QUIET, slice: 1, count: 2 },
    ]);
    // 1: May–Aug → Q2, Q3; 2: since 2025 → all three; 3: one day in July → Q3; 4: left before the period → none.
    const residents = await repository.countPerUnitAndSlice('residents', filter, 'desa', slices);
    expect(counts(residents)).toEqual([
      { code: QUIET, slice: 0, count: 2 },
      { code: QUIET, slice: 1, count: 3 },
      { code: QUIET, slice: 2, count: 1 },
    ]);
    // The same as counting each slice on its own with the layers' filter.
    for (const [index, slice] of slices.entries()) {
      const alone = await repository.countPerCode(
        'residents',
        { ...filter, from: slice.first, to: slice.last },
        'desa',
      );
      // The same people, so the same cell key: arrivals' keys minus departures' keys, summed over the slices.
      expect(alone.get(QUIET) ?? { count: 0, key: 0 }).toEqual(
        residents.find((row) => row.slice === index)?.count ?? { count: 0, key: 0 },
      );
    }
  });

  test('too few slices are refused', async () => {
    const response = await context.request(intel, {
      method: 'GET',
      url: `/api/analysis/emerging-hotspots?layer=incidents&${FIXTURE}&from=2026-07-01&to=2026-12-31`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('BAD_SLICE_COUNT');
  });
});

describe('change between two periods', () => {
  const periods = 'from=2026-10-01&to=2026-12-31&compareFrom=2026-07-01&compareTo=2026-09-30';

  test('per desa and per kecamatan, ranked by the size of the change', async () => {
    const desa = (await get(intel, `/api/analysis/change?layer=incidents&level=desa&${FIXTURE}&${periods}`)).json();
    expect(desa.summary).toMatchObject({ before: 6, after: 22, rising: 2, falling: 0 });
    const units = byId(desa.features);
    expect(units.get(NEW)).toMatchObject({ before: 0, after: 8, change: 8, changePercent: null });
    // Unchanged units are left out of the answer (they are in the export).
    expect(units.has(PERSISTENT)).toBe(false);
    expect(
      desa.features
        .slice(0, 2)
        .map((f: Unit) => f.id)
        .sort(),
    ).toEqual([NEW, SPORADIC]);
    const kecamatan = (await get(intel, `/api/analysis/change?layer=incidents&${FIXTURE}&${periods}`)).json();
    expect(kecamatan.level).toBe('kecamatan');
    expect(byId(kecamatan.features).get('61.03.04')).toMatchObject({ before: 0, after: 8, change: 8 });
  });

  test('a member does not get a change that would give a small count of people away', async () => {
    const query = `/api/analysis/change?layer=residents&level=desa&${FIXTURE}&${periods}`;
    const asIntel = byId((await get(intel, query)).json().features);
    const asMember = byId(
      (await get(member, query.replace('nationality=ZZH', 'nationalityGroup=lainnya'))).json().features,
    );
    expect(asIntel.get(NEW)).toMatchObject({ before: 0, after: 2, change: 2 });
    // Before: none (suppressed like a small count). After: two people, perturbed. A change next to a suppressed value
    // is withheld; two suppressed values are no finding and not listed.
    const ids = (
      await context.pool.query(`SELECT id FROM foreign_resident WHERE nationality = 'ZZH' AND desa_code = $1`, [NEW])
    ).rows.map((row) => Number(row.id));
    const after = await publishedFor(context.pool, 'foreign_resident', ids);
    if (after === '< 3') expect(asMember.has(NEW)).toBe(false);
    else expect(asMember.get(NEW)).toMatchObject({ before: '< 3', after, change: null, changePercent: null });
  });
});

describe('exports', () => {
  test('CSV with the parameters written at the top, audited', async () => {
    const response = await get(
      intel,
      `/api/analysis/hotspots?layer=incidents&${FIXTURE}&from=2024-01-01&to=2026-12-31&format=csv`,
    );
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="pantau-hotspots-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('# Pantau: hotspots');
    expect(lines).toContain('# layer=incidents');
    expect(lines).toContain('# k=8');
    expect(lines).toContain('# nationality=ZZH');
    const header = lines.find((line) => !line.startsWith('#'))!.split(',');
    expect(header).toEqual(expect.arrayContaining(['id', 'name', 'count', 'z', 'p', 'q', 'confidence', 'bin']));
    const teraju = lines.find((line) => line.startsWith(`${PERSISTENT},`))!.split(',');
    expect(teraju[header.indexOf('count')]).toBe('72');
    expect(teraju[header.indexOf('bin')]).toBe('3');
    const audit = await context.pool.query(
      `SELECT details FROM audit_log WHERE action = 'analysis.export' AND username = $1 ORDER BY id DESC LIMIT 1`,
      [intel.username],
    );
    expect(audit.rows[0].details).toMatchObject({ format: 'csv', rows: 169 });
    const quiet = lines.find((line) => line.startsWith(`${QUIET},`))!.split(',');
    expect(quiet[header.indexOf('bin')]).toBe('0');
  });

  test('GeoJSON with every outline and the parameters in a foreign member', async () => {
    const response = await get(intel, `/api/analysis/change?layer=incidents&level=kecamatan&${FIXTURE}&format=geojson`);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const collection = response.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.pantau).toMatchObject({
      analysis: 'change',
      parameters: { layer: 'incidents', level: 'kecamatan' },
    });
    expect(collection.features.length).toBeGreaterThan(10);
    expect(collection.features.every((f: { geometry: { type: string } }) => /Polygon/.test(f.geometry.type))).toBe(
      true,
    );
  });

  test('a cluster of people: intel gets its members and exact hull; a member gets neither, nor small counts', async () => {
    // Only the five ZZK at one home may be of the "other" group in Kapuas (the slices test planted ZZQ there too).
    await context.pool.query(`DELETE FROM foreign_resident WHERE nationality = 'ZZQ'`);
    const query = `/api/analysis/clusters?layer=residents&region=61.03&nationality=ZZK&distanceM=200&minPoints=3`;
    const [exact] = (await get(intel, query)).json().clusters;
    // The member asks for the "other" nationality group in the same kecamatan: only the five ZZK live there.
    const memberQuery = `/api/analysis/clusters?layer=residents&region=61.03.01&nationalityGroup=lainnya&distanceM=200&minPoints=3`;
    const memberClusters = (await get(member, memberQuery)).json().clusters;
    expect(exact).toMatchObject({ size: 5, types: { ITAS: 4, ITK: 1 }, from: '2026-02-11', to: '2026-02-15' });
    expect(exact.memberIds).toHaveLength(5);
    const home = await context.pool.query(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM desa WHERE code = $1`,
      [QUIET],
    );
    const { lon, lat } = home.rows[0];
    // Five people: perturbed by at most 2, the cluster is always shown.
    const size = await publishedFor(context.pool, 'foreign_resident', exact.memberIds);
    expect(memberClusters).toHaveLength(1);
    const [coarse] = memberClusters;
    // No member ids, no arrival months (they would date single members), no make-up entry below the threshold.
    expect(coarse).toMatchObject({ size, memberIds: [], from: null, to: null });
    expect(Object.values(coarse.types).every((value) => typeof value === 'number' && value >= 3)).toBe(true);
    // The blurred hull: a square of ~1.1 km on a 0.01° grid around the snapped point, none of its corners the home.
    const corners: [number, number][] = coarse.hull.coordinates[0];
    for (const [x, y] of corners) expect(Math.hypot(x - lon, y - lat)).toBeGreaterThan(0.001);
    expect(Math.min(...corners.map(([x]) => x))).toBeLessThanOrEqual(lon);
    expect(Math.max(...corners.map(([x]) => x))).toBeGreaterThanOrEqual(lon);
    expect(Math.abs(coarse.lon * 100 - Math.round(coarse.lon * 100))).toBeLessThan(1e-6);
    // The member's export names nobody and lists no member.
    const csv = (await get(member, `${memberQuery}&format=csv`)).body;
    const lines = csv.split('\r\n');
    const header = lines.find((line) => line.startsWith('rank,'))!.split(',');
    const row = lines[lines.indexOf(header.join(',')) + 1]!.split(',');
    expect(row[header.indexOf('memberIds')]).toBe('');
    expect(csv).not.toMatch(/ZZK000|Fixture/);
  });

  test('clusters export their hulls; a member’s export of clusters of people names nobody', async () => {
    const clusters = (
      await get(intel, `/api/analysis/clusters?layer=incidents&${FIXTURE}&distanceM=500&minPoints=5&format=geojson`)
    ).json();
    expect(clusters.features.length).toBeGreaterThanOrEqual(3);
    expect(clusters.features[0].geometry.type).toBe('Polygon');
    expect(clusters.features[0].properties.size).toBe(72);
    const csv = (
      await get(
        member,
        `/api/analysis/clusters?layer=residents&region=61.03&nationalityGroup=lainnya&distanceM=500&minPoints=3&format=csv`,
      )
    ).body;
    expect(csv).toMatch(/# layer=residents/);
    expect(csv).not.toMatch(/ZZH000|Fixture/);
  });
});
