/**
 * Presentation mode (issue #11), tried as an attacker would: an intel officer's session that presents is answered as
 * the projector's `viewer` — records, points, tiles and counts — until the mode is left; the switch is the session's
 * own, is audited, and cannot be used to raise a role.
 */
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALL_PERSONAL_FIELD_NAMES } from '../src/services/redaction-policy.ts';
import { createTestApp, tileAt, type SignedIn, type TestContext } from './helpers.ts';
import { keysOf } from './json-keys.ts';

let context: TestContext;
let intel: SignedIn;
let residentId: number;
let incidentId: number;

beforeAll(async () => {
  context = await createTestApp();
  intel = await context.signInAs('intel', ['61.03']);
  const resident = await context.pool.query(
    `SELECT id FROM foreign_resident WHERE left(desa_code, 5) = '61.03' LIMIT 1`,
  );
  residentId = Number(resident.rows[0].id);
  const incident = await context.pool.query(
    `SELECT id FROM incident WHERE left(desa_code, 5) = '61.03' AND people_names IS NOT NULL LIMIT 1`,
  );
  incidentId = Number(incident.rows[0].id);
});
afterAll(() => context.close());

const present = (as: SignedIn, presenting: unknown) =>
  context.request(as, { method: 'PUT', url: '/api/session/presentation', payload: { presenting } });

describe('presentation mode', () => {
  test('while presenting, intel is answered as the viewer; leaving restores intel', async () => {
    expect((await context.request(intel, { method: 'GET', url: `/api/residents/${residentId}` })).statusCode).toBe(200);
    const named = (await context.request(intel, { method: 'GET', url: `/api/incidents/${incidentId}` })).json();
    expect(named.peopleNames).toEqual(expect.arrayContaining([expect.any(String)]));
    const on = await present(intel, true);
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ presenting: true, account: { role: 'viewer', username: intel.username } });
    const session = await context.request(intel, { method: 'GET', url: '/api/session' });
    expect(session.json()).toMatchObject({ presenting: true, account: { role: 'viewer' } });

    // A person's record, the points and the homes: refused as for the viewer.
    for (const url of [`/api/residents/${residentId}`, '/api/layers/residents/points']) {
      expect((await context.request(intel, { method: 'GET', url })).statusCode).toBe(403);
    }
    const [x, y] = tileAt(110.35, 0.97, 12);
    expect((await context.request(intel, { method: 'GET', url: `/tiles/residents/12/${x}/${y}.mvt` })).statusCode).toBe(
      403,
    );
    // An incident: no names, no free text; its place on the viewer's grid.
    const incident = await context.request(intel, { method: 'GET', url: `/api/incidents/${incidentId}` });
    expect(incident.statusCode).toBe(200);
    const record = incident.json();
    expect(record.peopleNames ?? null).toBeNull();
    expect(record.description ?? null).toBeNull();
    expect(record.locationGeneralised).toBe(true);
    // Every answer the map asks for: no personal field; counts of people published, not exact.
    for (const url of [
      '/api/layers/incidents/points',
      '/api/layers/residents/summary?level=desa',
      '/api/layers/workplaces',
      '/api/analysis/clusters?layer=residents&distanceM=2000&minPoints=3',
    ]) {
      const answer = await context.request(intel, { method: 'GET', url });
      expect(answer.statusCode, url).toBe(200);
      const personal = [...keysOf(answer.json())].filter((key) => ALL_PERSONAL_FIELD_NAMES.has(key));
      expect(personal, url).toEqual([]);
    }
    const tile = await context.request(intel, { method: 'GET', url: `/tiles/incidents/12/${x}/${y}.mvt` });
    if (tile.statusCode === 200) {
      const layer = new VectorTile(new PbfReader(gunzipSync(tile.rawPayload))).layers.incidents!;
      for (let index = 0; index < layer.length; index++) {
        expect(layer.feature(index).properties.peopleCount).toBeUndefined();
      }
    }

    const off = await present(intel, false);
    expect(off.json()).toMatchObject({ presenting: false, account: { role: 'intel' } });
    expect((await context.request(intel, { method: 'GET', url: `/api/residents/${residentId}` })).statusCode).toBe(200);
  });

  test("no free text on the projector, not even on incidents the presenter's own agency filed", async () => {
    const officer = await context.signInAs('intel', ['61.03']);
    const filed = await context.request(officer, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        type: 'overstay',
        occurredAt: '2026-06-30T10:00:00+07:00',
        lon: 110.337,
        lat: 0.97,
        nationalities: ['ZZZ'],
        peopleCount: 1,
        severity: 'rendah',
        description: 'Keterangan rahasia untuk uji presentasi',
      },
    });
    expect(filed.statusCode).toBe(201);
    const url = `/api/incidents/${filed.json().id}`;
    expect((await context.request(officer, { method: 'GET', url })).json().description).toBe(
      'Keterangan rahasia untuk uji presentasi',
    );
    await present(officer, true);
    expect((await context.request(officer, { method: 'GET', url })).json().description ?? null).toBeNull();
    await present(officer, false);
    expect((await context.request(officer, { method: 'GET', url })).json().description).toBe(
      'Keterangan rahasia untuk uji presentasi',
    );
    await context.pool.query(`DELETE FROM incident WHERE id = $1`, [filed.json().id]);
  });

  test('the switch is audited, is the session’s own, and takes nothing but a boolean', async () => {
    const other = await context.signInAs('intel', ['61.03']);
    await present(other, true);
    // Another session of the same account is not presenting.
    const again = await context.signInAs('intel', ['61.03']);
    expect((await context.request(again, { method: 'GET', url: '/api/session' })).json().presenting).toBe(false);
    for (const bad of ['yes', 1, null, { role: 'intel' }]) {
      const response = await present(other, bad);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toHaveProperty('id');
    }
    // Leaving the mode gives back the account's own role, never another.
    const viewer = await context.signInAs('viewer', ['61.03']);
    expect((await present(viewer, true)).json().account.role).toBe('viewer');
    expect((await present(viewer, false)).json().account.role).toBe('viewer');
    const entries = await context.pool.query(
      `SELECT role, details FROM audit_log WHERE action = 'session.presentation' AND username = $1 ORDER BY id`,
      [other.username],
    );
    expect(entries.rows).toEqual([{ role: 'intel', details: { presenting: true, role: 'intel' } }]);
  });
});
