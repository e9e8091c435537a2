/**
 * Filters and roll-ups of the operational layers against a hand-made fixture whose answers are worked out below.
 * The fixture uses the made-up nationality codes ZZZ, so the demo data in the same database never mixes in.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { NATIONALITY_GROUPS } from '../src/services/nationality-groups.ts';
import { createTestApp, publishedFor, tileAt, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let intel: SignedIn;
let member: SignedIn;
let provinceIntel: SignedIn;
let nowhere: SignedIn;

const ENTIKONG = '61.03.21.2003';
const ILIR_KOTA = '61.03.01.1004';
const SAMBAS = '61.01.01.2001';
const DAY = '2026-06-30';
/** The ids of the fixture residents R1…R7, in order. */
const residentIds: number[] = [];
const R = (...numbers: number[]) => numbers.map((n) => residentIds[n - 1]!);

beforeAll(async () => {
  context = await createTestApp();
  await context.pool.query(
    `DELETE FROM foreign_resident WHERE nationality = 'ZZZ'; DELETE FROM incident WHERE 'ZZZ' = ANY(nationalities)`,
  );
  // id: desa, permit, issued, expires, status, left — what each is on 30 June 2026:
  const residents: [string, string, string, string | null, string, string | null][] = [
    [ENTIKONG, 'ITAS', '2026-01-01', '2026-12-31', 'active', null], // R1 present
    [ENTIKONG, 'ITK', '2026-04-01', '2026-05-15', 'active', null], // R2 overstay 46 days
    [ENTIKONG, 'ITK', '2026-01-10', '2026-03-01', 'active', null], // R3 overstay 121 days (> 60)
    [ILIR_KOTA, 'ITAS', '2025-07-01', '2026-07-20', 'active', null], // R4 expires within 30 days
    [ILIR_KOTA, 'PLB', '2026-06-01', '2026-06-14', 'departed', '2026-06-14'], // R5 gone before 30 June
    [SAMBAS, 'ITAS', '2026-01-01', '2026-12-31', 'active', null], // R6 outside Kab. Sanggau
    [ENTIKONG, 'ITAS', '2026-08-01', '2027-08-01', 'active', null], // R7 arrives later
  ];
  residentIds.length = 0;
  for (const [desa, permit, issued, expires, status, left] of residents) {
    const inserted = await context.pool.query(
      `INSERT INTO foreign_resident (full_name, nationality, sex, passport_number, permit_type, permit_issued_on,
                                     permit_expires_on, desa_code, home_point, status, left_on)
       SELECT 'Fixture Person', 'ZZZ', 'M', 'X0000000', $2, $3, $4, code, ST_PointOnSurface(geom), $5, $6
       FROM desa WHERE code = $1 RETURNING id`,
      [desa, permit, issued, expires, status, left],
    );
    residentIds.push(Number(inserted.rows[0].id));
  }
  const incidents: [string, string, string, number, string][] = [
    [ENTIKONG, 'illegal_crossing', '2026-05-10T08:00:00Z', 3, 'verified'], // I1
    [ENTIKONG, 'tppm', '2026-06-20T22:00:00Z', 5, 'reported'], // I2
    [ILIR_KOTA, 'overstay', '2026-02-01T09:00:00Z', 1, 'closed'], // I3
    [SAMBAS, 'illegal_crossing', '2026-05-01T09:00:00Z', 2, 'reported'], // I4 outside Kab. Sanggau
  ];
  for (const [desa, type, at, people, status] of incidents) {
    await context.pool.query(
      `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity, status, reporting_agency)
       SELECT $2, $3, ST_PointOnSurface(geom), code, ARRAY['ZZZ'], $4, 'sedang', $5, 'POLRI' FROM desa WHERE code = $1`,
      [desa, type, at, people, status],
    );
  }
  intel = await context.signInAs('intel', ['61.03']);
  member = await context.signInAs('member', ['61.03']);
  provinceIntel = await context.signInAs('intel', ['61']);
  nowhere = await context.signInAs('intel', []);
});
afterAll(async () => {
  await context.pool.query(
    `DELETE FROM foreign_resident WHERE nationality = 'ZZZ'; DELETE FROM incident WHERE 'ZZZ' = ANY(nationalities)`,
  );
  await context.close();
});

const get = (as: SignedIn, url: string) => context.getJson(as, url);

const residents = (query: string) => `/api/layers/residents/summary?nationality=ZZZ&to=${DAY}&${query}`;

describe('residents per region', () => {
  test('per kecamatan on 30 June: people, overstays (and over 60 days), permits expiring within 30 days', async () => {
    const body = await get(intel, residents('level=kecamatan'));
    expect(body.regions).toEqual([
      { code: '61.03.01', name: 'Kapuas', people: 1, overstay: 0, overstayOver60Days: 0, expiringWithin30Days: 1 },
      { code: '61.03.21', name: 'Entikong', people: 3, overstay: 2, overstayOver60Days: 1, expiringWithin30Days: 0 },
    ]);
  });

  test('rolls up from desa to kabupaten and province, inside the caller’s area only', async () => {
    const desa = await get(intel, residents('level=desa'));
    expect(desa.regions.map((region: { code: string; people: number }) => [region.code, region.people])).toEqual([
      [ILIR_KOTA, 1],
      [ENTIKONG, 3],
    ]);
    expect((await get(intel, residents('level=kabupaten'))).regions).toEqual([
      {
        code: '61.03',
        name: 'Kabupaten Sanggau',
        people: 4,
        overstay: 2,
        overstayOver60Days: 1,
        expiringWithin30Days: 1,
      },
    ]);
    // Kalimantan Barat as the area: Sambas (R6) joins.
    const province = await get(provinceIntel, residents('level=kabupaten'));
    expect(province.regions.map((region: { code: string; people: number }) => [region.code, region.people])).toEqual([
      ['61.01', 1],
      ['61.03', 4],
    ]);
    expect((await get(provinceIntel, residents('level=provinsi'))).regions[0]).toMatchObject({
      code: '61',
      name: 'Kalimantan Barat',
      people: 5,
    });
    expect((await get(nowhere, residents('level=provinsi'))).regions).toEqual([]);
  });

  test('a period counts everyone present at some time in it', async () => {
    const june = await get(intel, residents('level=kecamatan&from=2026-06-01'));
    expect(june.regions.find((region: { code: string }) => region.code === '61.03.01').people).toBe(2); // R4 and R5
    const august = await get(
      intel,
      `/api/layers/residents/summary?nationality=ZZZ&level=kecamatan&from=2026-08-01&to=2026-08-31`,
    );
    // R2, R3 still overstaying, R1, R7 present; R4's permit has expired by 31 August.
    expect(august.regions.find((region: { code: string }) => region.code === '61.03.21')).toMatchObject({
      people: 4,
      overstay: 2,
      overstayOver60Days: 2,
    });
  });

  test('filters by region, permit type, status and bbox', async () => {
    expect(
      (await get(intel, residents('level=desa&region=61.03.01'))).regions.map(
        (region: { code: string }) => region.code,
      ),
    ).toEqual([ILIR_KOTA]);
    expect((await get(intel, residents('level=kabupaten&permitType=ITK'))).regions[0].people).toBe(2);
    expect((await get(intel, residents('level=kabupaten&permitType=ITAS,PLB&from=2026-06-01'))).regions[0].people).toBe(
      3,
    );
    expect(
      (await get(intel, residents('level=kabupaten&residentStatus=departed&from=2026-06-01'))).regions[0].people,
    ).toBe(1);
    const aroundEntikong = await get(
      intel,
      `/api/layers/summary?nationality=ZZZ&to=${DAY}&bbox=110.1,0.8,110.5,1.2&incidentType=tppm`,
    );
    expect(aroundEntikong).toMatchObject({ people: 3, overstay: 2, incidents: 1, incidentsByType: { tppm: 1 } });
  });

  test('a member sees perturbed counts, small ones (and zeros) suppressed, and regions below the threshold not at all', async () => {
    const body = await get(member, `/api/layers/residents/summary?nationalityGroup=lainnya&to=${DAY}&level=kecamatan`);
    expect(body.disclosureControl).toBe(true);
    // On 30 June: Entikong holds R1–R3 (R2 and R3 overstaying, R3 by over 60 days), Kapuas R4 (expiring).
    const expected = [
      {
        code: '61.03.01',
        name: 'Kapuas',
        people: await publishedFor(context.pool, 'foreign_resident', R(4)),
        overstay: '< 3',
        overstayOver60Days: '< 3',
        expiringWithin30Days: await publishedFor(context.pool, 'foreign_resident', R(4)),
      },
      {
        code: '61.03.21',
        name: 'Entikong',
        people: await publishedFor(context.pool, 'foreign_resident', R(1, 2, 3)),
        overstay: await publishedFor(context.pool, 'foreign_resident', R(2, 3)),
        overstayOver60Days: await publishedFor(context.pool, 'foreign_resident', R(3)),
        expiringWithin30Days: '< 3',
      },
    ].filter((region) => region.people !== '< 3');
    expect(body.regions).toEqual(expected);
    // Asked again, in another composition (another start, a box around the region): the same numbers.
    const again = await get(
      member,
      `/api/layers/residents/summary?nationalityGroup=lainnya&from=2024-01-01&to=${DAY}&level=kecamatan&bbox=110.2,0.8,110.6,1.2`,
    );
    expect(again.regions.filter((region: { code: string }) => region.code === '61.03.21')).toEqual(
      expected.filter((region) => region.code === '61.03.21'),
    );
  });
});

describe('incidents', () => {
  const incidents = (query: string) => `/api/layers/incidents/summary?nationality=ZZZ&${query}`;

  test('per kecamatan by type in a period, inside the area', async () => {
    const body = await get(intel, incidents('level=kecamatan&from=2026-05-01&to=2026-06-30'));
    expect(body.regions).toEqual([
      { code: '61.03.21', name: 'Entikong', incidents: 2, people: 8, byType: { illegal_crossing: 1, tppm: 1 } },
    ]);
    const year = await get(provinceIntel, incidents('level=kabupaten&from=2026-01-01&to=2026-12-31'));
    expect(year.regions.map((region: { code: string; incidents: number }) => [region.code, region.incidents])).toEqual([
      ['61.01', 1],
      ['61.03', 3],
    ]);
  });

  test('filters by type and status; points carry no names', async () => {
    expect((await get(intel, incidents('level=kabupaten&incidentType=illegal_crossing'))).regions[0].incidents).toBe(1);
    expect((await get(intel, incidents('level=kabupaten&incidentStatus=closed'))).regions[0].byType).toEqual({
      overstay: 1,
    });
    const points = await get(member, `/api/layers/incidents/points?nationalityGroup=lainnya`);
    expect(points.truncated).toBe(false);
    expect(points.points.map((point: { type: string }) => point.type)).toEqual([
      'tppm',
      'illegal_crossing',
      'overstay',
    ]);
    const overstayIncident = (
      await context.pool.query(`SELECT id FROM incident WHERE 'ZZZ' = ANY(nationalities) AND type = 'overstay'`)
    ).rows[0].id;
    expect(points.points[2].peopleCount).toBe(
      await publishedFor(context.pool, 'incident', [Number(overstayIncident)], 3, 'people_count'),
    );
    expect(Object.keys(points.points[0]).sort()).toEqual([
      'id',
      'lat',
      'lon',
      'occurredAt',
      'peopleCount',
      'severity',
      'status',
      'type',
    ]);
  });
});

describe('the other layers and single records', () => {
  test('intel sees residents at their home points, with days over; a member may not', async () => {
    const body = await get(intel, `/api/layers/residents/points?nationality=ZZZ&to=${DAY}`);
    expect(
      body.points.map((point: { overstayDays: number }) => point.overstayDays).sort((a: number, b: number) => a - b),
    ).toEqual([0, 0, 46, 121]);
    const refused = await context.request(member, {
      method: 'GET',
      url: `/api/layers/residents/points?nationality=ZZZ`,
    });
    expect(refused.statusCode).toBe(403);
  });

  test('one resident: intel sees the person (and it is audited), a member only the permit, another area nothing', async () => {
    const id = (
      await context.pool.query(
        `SELECT id FROM foreign_resident WHERE nationality = 'ZZZ' AND desa_code = $1 ORDER BY id LIMIT 1`,
        [ENTIKONG],
      )
    ).rows[0].id;
    const full = await get(intel, `/api/residents/${id}`);
    expect(full).toMatchObject({
      fullName: 'Fixture Person',
      passportNumber: 'X0000000',
      permitType: 'ITAS',
      desa: 'Entikong',
    });
    expect(full.homePoint).toHaveLength(2);
    const audit = await context.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'resident.view' AND target_id = $1 AND username = $2`,
      [String(id), intel.username],
    );
    expect(audit.rowCount).toBe(1);
    // One person's record is for intel only: a member gets 403, and the attempt is in the audit trail.
    const refused = await context.request(member, { method: 'GET', url: `/api/residents/${id}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: { id: expect.any(String), en: expect.any(String) },
    });
    expect(refused.body).not.toMatch(/Fixture|ZZZ|Entikong/);
    const sambas = (
      await context.pool.query(`SELECT id FROM foreign_resident WHERE nationality = 'ZZZ' AND desa_code = $1`, [SAMBAS])
    ).rows[0].id;
    const elsewhere = await context.request(intel, { method: 'GET', url: `/api/residents/${sambas}` });
    expect(elsewhere.statusCode).toBe(404);
  });

  test('one incident with its status history; names only for intel', async () => {
    const id = (await context.pool.query(`SELECT id FROM incident WHERE 'ZZZ' = ANY(nationalities) AND type = 'tppm'`))
      .rows[0].id;
    await context.pool.query(`UPDATE incident SET people_names = ARRAY['Fixture Smuggled'] WHERE id = $1`, [id]);
    await context.pool.query(
      `INSERT INTO incident_status_history (incident_id, status, changed_at) VALUES ($1, 'reported', '2026-06-20T22:30:00Z')`,
      [id],
    );
    expect(await get(intel, `/api/incidents/${id}`)).toMatchObject({
      type: 'tppm',
      peopleCount: 5,
      peopleNames: ['Fixture Smuggled'],
      statusHistory: [{ status: 'reported' }],
    });
    const redacted = await get(member, `/api/incidents/${id}`);
    expect(redacted).toMatchObject({
      type: 'tppm',
      peopleCount: await publishedFor(context.pool, 'incident', [Number(id)], 3, 'people_count'),
    });
    expect(redacted).not.toHaveProperty('peopleNames');
  });

  test('desa binaan, workplaces and TIMPORA teams in the area', async () => {
    const binaan = await get(member, '/api/layers/desa-binaan');
    const sungaiBatu = binaan.desaBinaan.find((desa: { name: string }) => desa.name === 'Sungai Batu');
    expect(sungaiBatu).toMatchObject({
      kecamatan: 'Kapuas',
      kabupaten: 'Kabupaten Sanggau',
      inauguratedOn: '2025-11-18',
      synthetic: false,
    });
    expect(binaan.desaBinaan.every((desa: { desaCode: string }) => desa.desaCode.startsWith('61.03.'))).toBe(true);
    const workplaces = await get(member, '/api/layers/workplaces');
    expect(workplaces.workplaces.length).toBeGreaterThan(0);
    expect(
      workplaces.workplaces.every((workplace: { desaCode: string }) => workplace.desaCode.startsWith('61.03.')),
    ).toBe(true);
    // A member sees workers by nationality group, and no entry below the threshold (it would say "someone is here").
    const breakdowns = workplaces.workplaces.flatMap((workplace: { byNationality: Record<string, unknown> }) =>
      Object.entries(workplace.byNationality),
    );
    expect(breakdowns.length).toBeGreaterThan(0);
    for (const [group, workers] of breakdowns) {
      expect(NATIONALITY_GROUPS).toContain(group);
      expect(typeof workers === 'number' && workers >= 3).toBe(true);
    }
    const teams = await get(provinceIntel, '/api/layers/timpora-teams');
    expect(teams.targets).toEqual([
      { provinsiCode: '61', name: 'Kalimantan Barat', target: 60, formed: 33, year: expect.any(Number) },
    ]);
    expect(teams.teams.filter((team: { formed: boolean }) => team.formed)).toHaveLength(33);
  });
});

describe('filing one incident from the map', () => {
  const incident = (lon: number, lat: number) => ({
    type: 'illegal_crossing',
    occurredAt: '2026-06-29T21:30:00+07:00',
    lon,
    lat,
    nationalities: ['ZZZ'],
    peopleCount: 2,
    severity: 'sedang',
    description: 'Dilaporkan dari peta',
  });

  test('a member files it at a point in the area; the desa comes from the point; it is audited', async () => {
    const response = await context.request(member, {
      method: 'POST',
      url: '/api/incidents',
      payload: incident(110.35, 0.97),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ desaCode: ENTIKONG, desa: 'Entikong' });
    const stored = await context.pool.query(`SELECT reporting_agency, status, source FROM incident WHERE id = $1`, [
      response.json().id,
    ]);
    expect(stored.rows[0]).toEqual({ reporting_agency: 'IMIGRASI', status: 'reported', source: 'manual' });
    const audit = await context.pool.query(
      `SELECT after FROM audit_log WHERE action = 'incident.create' AND target_id = $1`,
      [String(response.json().id)],
    );
    expect(audit.rows[0].after.type).toBe('illegal_crossing');
  });

  test('outside the area, at sea, or without the CSRF token: refused, nothing stored', async () => {
    const before = Number(
      (await context.pool.query(`SELECT count(*) AS n FROM incident WHERE 'ZZZ' = ANY(nationalities)`)).rows[0].n,
    );
    const sambas = await context.request(member, {
      method: 'POST',
      url: '/api/incidents',
      payload: incident(109.3, 1.35),
    });
    expect(sambas.statusCode).toBe(403);
    expect(sambas.json().code).toBe('OUTSIDE_AREA');
    const sea = await context.request(member, { method: 'POST', url: '/api/incidents', payload: incident(108.0, 3.0) });
    expect(sea.json().code).toBe('OUTSIDE_COVERAGE');
    const forged = await context.app.inject({
      method: 'POST',
      url: '/api/incidents',
      payload: incident(110.35, 0.97),
      headers: { cookie: member.cookie },
    });
    expect(forged.statusCode).toBe(403);
    const badType = await context.request(member, {
      method: 'POST',
      url: '/api/incidents',
      payload: { ...incident(110.35, 0.97), type: 'flood' },
    });
    expect(badType.statusCode).toBe(400);
    expect(
      Number(
        (await context.pool.query(`SELECT count(*) AS n FROM incident WHERE 'ZZZ' = ANY(nationalities)`)).rows[0].n,
      ),
    ).toBe(before);
  });
});

describe('point layers as vector tiles', () => {
  const decode = (payload: Buffer) => new VectorTile(new PbfReader(gunzipSync(payload)));

  test('incidents over Entikong: filtered, inside the area, no people counts or names', async () => {
    const [x, y] = tileAt(110.35, 0.97, 8);
    const response = await context.request(member, {
      method: 'GET',
      url: `/tiles/incidents/8/${x}/${y}.mvt?nationalityGroup=lainnya&from=2026-05-01&to=2026-06-28`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-cache');
    const layer = decode(response.rawPayload).layers.incidents!;
    const features = Array.from({ length: layer.length }, (_, index) => layer.feature(index).properties);
    expect(features.map((feature) => feature.type).sort()).toEqual(['illegal_crossing', 'tppm']);
    expect(Object.keys(features[0]!).sort()).toEqual(['occurredAt', 'severity', 'status', 'type']);
  });

  test('intel, who may see people, gets the number of people involved in each incident of the tile', async () => {
    const [x, y] = tileAt(110.35, 0.97, 8);
    const response = await context.request(intel, {
      method: 'GET',
      url: `/tiles/incidents/8/${x}/${y}.mvt?nationalityGroup=lainnya&from=2026-05-01&to=2026-06-28`,
    });
    const layer = decode(response.rawPayload).layers.incidents!;
    const tiled = Array.from({ length: layer.length }, (_, index) => layer.feature(index))
      .map((feature) => [Number(feature.id), Number(feature.properties.peopleCount)])
      .sort(([a], [b]) => a! - b!);
    expect(tiled).toHaveLength(2);
    const stored = await context.pool.query<{ id: string; people_count: number }>(
      'SELECT id, people_count FROM incident WHERE id = ANY($1) ORDER BY id',
      [tiled.map(([id]) => id)],
    );
    expect(tiled).toEqual(stored.rows.map((row) => [Number(row.id), row.people_count]));
  });

  test("the viewer's incident tiles: every point on the 0.01° grid, no people; revalidated with an ETag", async () => {
    const viewer = await context.signInAs('viewer', ['61.03']);
    const z = 14;
    const [x, y] = tileAt(110.337, 0.97, z);
    const url = `/tiles/incidents/${z}/${x}/${y}.mvt`;
    const response = await context.request(viewer, { method: 'GET', url });
    expect(response.statusCode).toBe(200);
    const layer = decode(response.rawPayload).layers.incidents!;
    expect(layer.length).toBeGreaterThan(0);
    for (let index = 0; index < layer.length; index++) {
      const feature = layer.feature(index);
      expect(Object.keys(feature.properties).sort()).toEqual(['occurredAt', 'severity', 'status', 'type']);
      const [lon, lat] = (feature.toGeoJSON(x, y, z).geometry as { coordinates: number[] }).coordinates;
      // On the grid to within the tile's resolution at z14 (4096 units: about 2.4 m, 0.00003°).
      expect(Math.abs(lon! * 100 - Math.round(lon! * 100))).toBeLessThan(0.005);
      expect(Math.abs(lat! * 100 - Math.round(lat! * 100))).toBeLessThan(0.005);
    }
    expect(response.headers['cache-control']).toBe('private, no-cache');
    const etag = String(response.headers.etag);
    const again = await context.request(viewer, { method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    // The same address for intel is another tile (exact places, people): the viewer's ETag does not match it.
    const asIntel = await context.request(intel, { method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(asIntel.statusCode).toBe(200);
    expect(decode(asIntel.rawPayload).layers.incidents!.feature(0).properties.peopleCount).toBeTypeOf('number');
  });

  test('residents at home points: intel only, with days over', async () => {
    const [x, y] = tileAt(110.35, 0.97, 8);
    const url = `/tiles/residents/8/${x}/${y}.mvt?nationality=ZZZ&to=${DAY}`;
    expect((await context.request(member, { method: 'GET', url })).statusCode).toBe(403);
    const tile = await context.request(intel, { method: 'GET', url });
    // Homes are personal data: not kept in any cache, the browser's included.
    expect(tile.headers['cache-control']).toBe('no-store');
    const layer = decode(tile.rawPayload).layers.residents!;
    const overstay = Array.from({ length: layer.length }, (_, index) =>
      Number(layer.feature(index).properties.overstayDays),
    );
    expect(overstay.sort((a, b) => a - b)).toEqual([0, 0, 46, 121]);
  });

  test('an empty tile is 204; bad coordinates are 400', async () => {
    expect(
      (await context.request(intel, { method: 'GET', url: '/tiles/incidents/8/0/0.mvt?nationality=ZZZ' })).statusCode,
    ).toBe(204);
    const bad = await context.request(intel, { method: 'GET', url: '/tiles/incidents/3/9/0.mvt' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_TILE');
  });
});

describe('distance to the border (issue #5)', () => {
  test('every layer can be limited to a band: Entikong lies on the land border, Kapuas ~77 km from it', async () => {
    const near = await get(intel, residents('level=kecamatan&borderKind=land&borderMaxKm=5'));
    expect(near.regions.map((region: { code: string; people: number }) => [region.code, region.people])).toEqual([
      ['61.03.21', 3],
    ]);
    const far = await get(intel, residents('level=kecamatan&borderKind=land&borderMinKm=50'));
    expect(far.regions.map((region: { code: string }) => region.code)).toEqual(['61.03.01']);
    const incidentsNear = await get(
      intel,
      '/api/layers/incidents/summary?level=kabupaten&nationality=ZZZ&borderMaxKm=5&to=2026-06-28',
    );
    expect(incidentsNear.regions[0].byType).toEqual({ illegal_crossing: 1, tppm: 1 });
  });

  test('people, incidents and desa per band, with the default bands and with adjusted ones', async () => {
    const body = await get(intel, `/api/analysis/border-bands?nationality=ZZZ&to=${DAY}&borderKind=land`);
    expect(body.kind).toBe('land');
    expect(body.bands.map((band: { minKm: number; maxKm: number | null }) => [band.minKm, band.maxKm])).toEqual([
      [0, 5],
      [5, 15],
      [15, 30],
      [30, 50],
      [50, null],
    ]);
    expect(body.bands.map((band: { residents: number }) => band.residents)).toEqual([3, 0, 0, 0, 1]);
    expect(body.bands.reduce((sum: number, band: { desa: number }) => sum + band.desa, 0)).toBe(
      Number((await context.pool.query(`SELECT count(*) AS n FROM desa WHERE left(code, 5) = '61.03'`)).rows[0].n),
    );
    const adjusted = await get(
      intel,
      `/api/analysis/border-bands?nationality=ZZZ&to=${DAY}&borderKind=land&bands=0,100`,
    );
    expect(adjusted.bands.map((band: { residents: number }) => band.residents)).toEqual([4, 0]);
    const asMember = await get(member, `/api/analysis/border-bands?nationalityGroup=lainnya&to=${DAY}&borderKind=land`);
    expect(asMember.bands.map((band: { residents: unknown }) => band.residents)).toEqual([
      await publishedFor(context.pool, 'foreign_resident', R(1, 2, 3)),
      '< 3',
      '< 3',
      '< 3',
      await publishedFor(context.pool, 'foreign_resident', R(4)),
    ]);
    // Other edges would re-compose the standard cells: for a member, people per such band are withheld.
    const memberAdjusted = await get(
      member,
      `/api/analysis/border-bands?nationalityGroup=lainnya&to=${DAY}&borderKind=land&bands=0,100`,
    );
    expect(memberAdjusted.bands.map((band: { residents: unknown }) => band.residents)).toEqual([null, null]);
  });

  test('bad bands are refused', async () => {
    for (const [url, code] of [
      ['/api/analysis/border-bands?bands=5,10', 'INVALID_BANDS'],
      ['/api/analysis/border-bands?bands=0,10,5', 'INVALID_BANDS'],
      ['/api/layers/summary?borderMinKm=10&borderMaxKm=5', 'INVALID_BAND'],
      ['/api/layers/summary?borderKind=air', 'INVALID_REQUEST'],
    ] as const) {
      const response = await context.request(intel, { method: 'GET', url });
      expect({ url, status: response.statusCode, code: response.json().code }).toEqual({ url, status: 400, code });
    }
  });
});

describe('transport', () => {
  test('large answers travel gzipped; roll-ups may be kept by the own browser, people never (ADR 0014)', async () => {
    const response = await context.request(intel, {
      method: 'GET',
      url: '/api/layers/residents/summary?level=desa',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    // Never by a proxy (private), and checked with us before each use (no-cache): the service worker's offline copy.
    expect(response.headers['cache-control']).toBe('private, no-cache');
    const { id } = (await get(intel, `/api/layers/residents/points?nationality=ZZZ&to=${DAY}`)).points[0];
    for (const url of [
      `/api/layers/residents/points?nationality=ZZZ&to=${DAY}`,
      '/api/layers/incidents/points?incidentType=tppo',
      `/api/residents/${id}`,
    ]) {
      const personal = await context.request(intel, { method: 'GET', url });
      expect(personal.statusCode, url).toBe(200);
      expect(personal.headers['cache-control'], url).toBe('no-store');
    }
  });
});

describe('bad filters', () => {
  test.each([
    ['/api/layers/summary?bbox=110,1,109,2', 'INVALID_BBOX'],
    ['/api/layers/summary?bbox=110,1,abc,2', 'INVALID_REQUEST'],
    ['/api/layers/summary?from=2026-07-01&to=2026-06-01', 'INVALID_PERIOD'],
    ['/api/layers/summary?from=30-06-2026', 'INVALID_REQUEST'],
    ['/api/layers/summary?nationality=idn', 'INVALID_REQUEST'],
    ['/api/layers/residents/summary?level=village', 'INVALID_REQUEST'],
    ['/api/layers/residents/summary', 'INVALID_REQUEST'],
  ])('%s answers 400 %s', async (url, code) => {
    const response = await context.request(intel, { method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    expect(response.json().message.id.length).toBeGreaterThan(10);
  });
});
