/**
 * Personal data is guarded on the server: a crawl of every JSON response a `member` and a `viewer` can reach finds
 * no personal field, and the one redaction policy hides fields and small counts by role.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isAllowed, type Role } from '../src/services/access-policy.ts';
import { ALL_PERSONAL_FIELD_NAMES, redactRecord } from '../src/services/redaction-policy.ts';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let actionId: number;
beforeAll(async () => {
  context = await createTestApp();
  const resident = await context.pool.query(
    `SELECT id FROM foreign_resident WHERE left(desa_code, 5) = '61.03' ORDER BY id LIMIT 2`,
  );
  EXAMPLES['/api/residents/:id'] = resident.rows.map((row) => `/api/residents/${row.id}`);
  const incident = await context.pool.query(
    `SELECT id FROM incident WHERE left(desa_code, 5) = '61.03' ORDER BY id LIMIT 2`,
  );
  EXAMPLES['/api/incidents/:id'] = incident.rows.map((row) => `/api/incidents/${row.id}`);
  EXAMPLES['/api/incidents/:id/follow-up'] = incident.rows.map((row) => `/api/incidents/${row.id}/follow-up`);
  // A joint action with a person on its target list, and an outcome for that person on the first incident.
  const action = await context.pool.query(
    `INSERT INTO joint_action (kind, title, starts_on, ends_on, agencies, area_codes, created_by, agency_code)
     SELECT 'patroli_bersama', 'Crawl', '2026-11-01', '2026-11-02', '{IMIGRASI}', ARRAY[left($1, 8)], a.id, 'IMIGRASI'
     FROM account a ORDER BY a.id LIMIT 1 RETURNING id, created_by`,
    [
      (await context.pool.query('SELECT desa_code FROM foreign_resident WHERE id = $1', [resident.rows[0].id])).rows[0]
        .desa_code,
    ],
  );
  actionId = Number(action.rows[0].id);
  await context.pool.query(
    `INSERT INTO joint_action_target (action_id, kind, ref, source, added_by) VALUES ($1, 'resident', $2, 'cluster', $3)`,
    [actionId, String(resident.rows[0].id), action.rows[0].created_by],
  );
  await context.pool.query(
    `INSERT INTO follow_up_outcome (incident_id, resident_id, joint_action_id, kind, people, decided_on, agency_code,
                                    desa_code, recorded_by, recorded_by_agency)
     SELECT $1, $2, $3, 'warning', 1, '2026-11-02', 'IMIGRASI', desa_code, $4, 'IMIGRASI' FROM incident WHERE id = $1`,
    [incident.rows[0].id, resident.rows[0].id, actionId, action.rows[0].created_by],
  );
  EXAMPLES['/api/joint-actions/:id'] = [`/api/joint-actions/${actionId}`];
  expect(EXAMPLES['/api/residents/:id'].length + EXAMPLES['/api/incidents/:id'].length).toBe(4);
});
afterAll(async () => {
  await context.pool.query('DELETE FROM follow_up_outcome WHERE joint_action_id = $1', [actionId]);
  await context.pool.query('DELETE FROM joint_action WHERE id = $1', [actionId]);
  await context.close();
});

/** Requests that fill a route's required parameters; a GET route missing here fails the crawl. */
const EXAMPLES: Record<string, string[]> = {
  // Records in the crawlers' area (Kab. Sanggau) — filled in beforeAll from the demo data.
  '/api/residents/:id': [],
  '/api/incidents/:id': [],
  '/api/incidents/:id/follow-up': [],
  '/api/joint-actions/:id': [],
  '/api/regions/at': ['/api/regions/at?lon=110.35&lat=0.97', '/api/regions/at?lon=103.89&lat=1.15'],
  '/api/regions/search': ['/api/regions/search?q=entikong', '/api/regions/search?q=sungai&limit=20'],
  '/api/style.json': ['/api/style.json?lang=id', '/api/style.json?lang=en'],
  '/api/layers/residents/summary': [
    '/api/layers/residents/summary?level=desa',
    '/api/layers/residents/summary?level=kecamatan&from=2024-01-01',
  ],
  '/api/layers/incidents/summary': ['/api/layers/incidents/summary?level=desa'],
  '/api/analysis/clusters': [
    '/api/analysis/clusters?layer=incidents',
    '/api/analysis/clusters?layer=residents&distanceM=800',
  ],
  '/api/analysis/hexagons': [
    '/api/analysis/hexagons?layer=incidents',
    '/api/analysis/hexagons?layer=residents&resolution=8',
  ],
  '/api/analysis/border-bands': [
    '/api/analysis/border-bands',
    '/api/analysis/border-bands?borderKind=sea&bands=0,10,20',
  ],
  '/api/analysis/hotspots': [
    '/api/analysis/hotspots?layer=residents',
    '/api/analysis/hotspots?layer=residents&unit=h3&resolution=6&neighbours=distance&distanceKm=20',
  ],
  '/api/analysis/emerging-hotspots': ['/api/analysis/emerging-hotspots?layer=residents&slice=quarter'],
  '/api/analysis/change': ['/api/analysis/change?layer=residents&level=desa'],
  // Saved views and agendas hold links, titles and notes, no records: crawled through their lists (`/api/views`,
  // `/api/agendas`); reading one by id is tried in saved-views.test.ts.
  '/api/views/:id': [],
  '/api/agendas/:id': [],
  // Plans hold weights, codes and notes, no records: crawled through their list (`/api/planner/plans`); by id and
  // their CSV in planner-plans.test.ts.
  '/api/planner/plans/:id': [],
  '/api/planner/plans/:id/shortlist.csv': [],
  '/api/planner/candidates': ['/api/planner/candidates', '/api/planner/candidates?region=61.03.07'],
  '/api/charts/residents': ['/api/charts/residents', '/api/charts/residents?from=2026-01-01&to=2026-06-30'],
  '/api/charts/breakdown': ['/api/charts/breakdown', '/api/charts/breakdown?permitType=ITAS'],
};

/** Not JSON, or not ours: tiles (binary), the built web app, the API documentation, CSV templates, PDFs. */
const NOT_JSON = (url: string) =>
  url.startsWith('/tiles/') ||
  url === '/*' ||
  url === '/' ||
  url.startsWith('/api/docs') ||
  url.startsWith('/api/imports/templates/') ||
  // The notification stream (server-sent events) stays open: alerts.test.ts reads it.
  url === '/api/notifications/stream' ||
  // PDFs: pdf-brief.test.ts and pdf-handout.test.ts look through their text for every personal value.
  url.endsWith('.pdf');

function personalKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => personalKeys(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(ALL_PERSONAL_FIELD_NAMES.has(key) || /disclosure_?key/i.test(key) ? [`${path}.${key}`] : []),
    ...personalKeys(child, `${path}.${key}`),
  ]);
}

describe.each(['member', 'viewer'] as const)('a crawl as %s', (role: Role) => {
  let as: SignedIn;
  beforeAll(async () => {
    as = await context.signInAs(role);
  });

  test('reaches every JSON route it may read and finds no personal field', async () => {
    const readable = context.app.routeAccessTable.filter(
      (route) => route.method === 'GET' && !NOT_JSON(route.url) && isAllowed(route.access, role),
    );
    expect(readable.length).toBeGreaterThanOrEqual(6);
    const crawled: string[] = [];
    for (const route of readable) {
      for (const url of EXAMPLES[route.url] ?? [route.url]) {
        const response = await context.request(as, { method: 'GET', url });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
        expect(response.headers['content-type']).toMatch(/application\/json/);
        expect({ url, personal: personalKeys(response.json()) }).toEqual({ url, personal: [] });
        crawled.push(url);
      }
    }
    expect(crawled).toEqual(expect.arrayContaining(['/api/session', '/api/regions/at?lon=110.35&lat=0.97']));
  });
});

describe('the redaction policy', () => {
  const resident = {
    id: 7,
    nationality: 'CHN',
    permitType: 'ITAS',
    desaCode: '61.03.21.2003',
    fullName: 'Example Person',
    passportNumber: 'E12345678',
    homePoint: [110.35, 0.97],
  };

  test('intel sees people; member, viewer and admin do not', () => {
    expect(redactRecord('foreignResident', 'intel', resident)).toEqual(resident);
    for (const role of ['member', 'viewer', 'admin'] as const) {
      const redacted = redactRecord('foreignResident', role, resident);
      expect(redacted).toEqual({ id: 7, nationality: 'CHN', permitType: 'ITAS', desaCode: '61.03.21.2003' });
      expect(personalKeys(redacted)).toEqual([]);
    }
  });

  test('a password hash never leaves the server, whoever asks', () => {
    for (const role of ['intel', 'admin'] as const) {
      expect(redactRecord('account', role, { username: 'a', passwordHash: '$argon2id$…' })).toEqual({ username: 'a' });
    }
  });
});
