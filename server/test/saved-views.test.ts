/**
 * Saved views and agendas (issue #11, meeting mode), tried as an attacker would: an office shares them, another agency
 * cannot list, read, change or delete them — nor learn that an id exists —, the viewer and a presenting session read
 * but write nothing, a stale copy cannot overwrite a newer one, and every change leaves its audit entry.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type SignedIn, type TestContext } from './helpers.ts';

let context: TestContext;
let member: SignedIn;
let intel: SignedIn;
let admin: SignedIn;
let viewer: SignedIn;
let otherAgency: SignedIn;
let otherAdmin: SignedIn;

/** An account of another agency than the helpers' IMIGRASI, signed in. */

beforeAll(async () => {
  context = await createTestApp();
  member = await context.signInAs('member');
  intel = await context.signInAs('intel');
  admin = await context.signInAs('admin');
  viewer = await context.signInAs('viewer');
  otherAgency = await context.signInAs('intel', ['61.03'], 'POLRI');
  otherAdmin = await context.signInAs('admin', ['61.03'], 'POLRI');
});
afterAll(() => context.close());

const LINK = 'peta=8.2/0.95/110.4&lapisan=incidents,teams&periode=2026-01..2026-06&jenis=tppo';
const call = (as: SignedIn, method: string, url: string, payload?: object) =>
  context.request(as, { method, url, payload });

async function saveView(as: SignedIn, title = 'Rapat TIMPORA', link = LINK) {
  const response = await call(as, 'POST', '/api/views', { title, notes: 'Sorot Jagoi Babang', link });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const auditOf = async (targetType: string, targetId: number) =>
  (
    await context.pool.query(
      `SELECT action, outcome, username, before, after, details FROM audit_log
       WHERE target_type = $1 AND target_id = $2 ORDER BY id`,
      [targetType, String(targetId)],
    )
  ).rows;

describe('saved views', () => {
  test('are created, listed, read, replaced and deleted, each change audited', async () => {
    const first = await saveView(member, 'Pertama');
    expect(first).toMatchObject({
      title: 'Pertama',
      notes: 'Sorot Jagoi Babang',
      link: LINK,
      agencyCode: 'IMIGRASI',
      version: 1,
      author: { username: member.username, displayName: 'Test member' },
    });
    const second = await saveView(intel, 'Kedua');
    const listed = (await context.getJson(viewer, '/api/views')).views.map((view: { id: number }) => view.id);
    expect(listed.indexOf(second.id)).toBeLessThan(listed.indexOf(first.id));
    expect(await context.getJson(viewer, `/api/views/${first.id}?notes=include`)).toEqual(first);

    const changed = await call(member, 'PUT', `/api/views/${first.id}`, {
      title: '  Diubah  ',
      notes: '',
      link: 'peta=9/1/110',
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Diubah', notes: '', link: 'peta=9/1/110', version: 2 });
    const relisted = (await context.getJson(member, '/api/views')).views.map((view: { id: number }) => view.id);
    expect(relisted.indexOf(first.id)).toBeLessThan(relisted.indexOf(second.id));

    expect((await call(member, 'DELETE', `/api/views/${first.id}`)).statusCode).toBe(204);
    expect((await call(member, 'GET', `/api/views/${first.id}`)).statusCode).toBe(404);

    const trail = await auditOf('view', first.id);
    expect(trail.map((entry) => entry.action)).toEqual(['view.save', 'view.save', 'view.delete']);
    expect(trail[0]).toMatchObject({
      username: member.username,
      before: null,
      after: { title: 'Pertama', link: LINK, notesLength: 18 },
    });
    expect(trail[1]).toMatchObject({ before: { title: 'Pertama' }, after: { title: 'Diubah', notesLength: 0 } });
    // The speaker's notes themselves stay out of the trail.
    expect(JSON.stringify(trail)).not.toContain('Jagoi');
  });

  test('another agency cannot list, read, change or delete them, and cannot tell them from ids that do not exist', async () => {
    const view = await saveView(member, 'Hanya Imigrasi');
    for (const stranger of [otherAgency, otherAdmin]) {
      const listed = (await context.getJson(stranger, '/api/views')).views;
      expect(listed.map((item: { id: number }) => item.id)).not.toContain(view.id);
      expect(listed.every((item: { agencyCode: string }) => item.agencyCode === 'POLRI')).toBe(true);
      const absentId = view.id + 1_000_000;
      const attempts: [string, object | undefined][] = [
        ['GET', undefined],
        ['PUT', { title: 'Dibajak', notes: '', link: 'peta=1/0/0', version: 1 }],
        ['DELETE', undefined],
      ];
      for (const [method, payload] of attempts) {
        const existing = await call(stranger, method, `/api/views/${view.id}`, payload);
        const absent = await call(stranger, method, `/api/views/${absentId}`, payload);
        expect([method, existing.statusCode], existing.body).toEqual([method, 404]);
        expect(absent.statusCode).toBe(404);
        expect(existing.json().code).toBe(absent.json().code);
        expect(existing.json().message.en.replace(String(view.id), 'N')).toBe(
          absent.json().message.en.replace(String(absentId), 'N'),
        );
      }
    }
    expect(await context.getJson(member, `/api/views/${view.id}`)).toMatchObject({
      title: 'Hanya Imigrasi',
      version: 1,
    });
    // Nothing in the trail (read by admins of every agency) says that the stranger met an existing view.
    expect((await auditOf('view', view.id)).map((entry) => entry.action)).toEqual(['view.save']);
  });

  test('only the author or an admin of the agency changes or deletes a view; a refusal is audited', async () => {
    const view = await saveView(member, 'Milik anggota');
    const put = (as: SignedIn, version: number) =>
      call(as, 'PUT', `/api/views/${view.id}`, { title: `Oleh ${as.role}`, notes: '', link: LINK, version });
    const refused = await put(intel, 1);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'NOT_AUTHOR',
      message: { id: expect.any(String), en: expect.any(String) },
    });
    expect((await call(intel, 'DELETE', `/api/views/${view.id}`)).statusCode).toBe(403);
    expect((await put(admin, 1)).json()).toMatchObject({ title: 'Oleh admin', version: 2 });
    const trail = await auditOf('view', view.id);
    expect(trail.filter((entry) => entry.action === 'authorization.denied')).toEqual([
      expect.objectContaining({ outcome: 'denied', username: intel.username, details: { reason: 'not_author' } }),
      expect.objectContaining({ outcome: 'denied', username: intel.username, details: { reason: 'not_author' } }),
    ]);
    expect((await call(admin, 'DELETE', `/api/views/${view.id}`)).statusCode).toBe(204);
  });

  test('a change made on a stale version is refused with 409 and the current version', async () => {
    const view = await saveView(member);
    const body = { title: 'Versi', notes: 'x', link: LINK };
    expect((await call(member, 'PUT', `/api/views/${view.id}`, { ...body, version: 1 })).statusCode).toBe(200);
    const stale = await call(member, 'PUT', `/api/views/${view.id}`, { ...body, title: 'Basi', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION', details: { version: 2 } });
    expect((await context.getJson(member, `/api/views/${view.id}`)).title).toBe('Versi');
  });

  test('the viewer and a presenting session read views and agendas but write nothing', async () => {
    const view = await saveView(intel, 'Untuk rapat');
    const agenda = (await call(intel, 'POST', '/api/agendas', { title: 'Rapat', viewIds: [view.id] })).json();
    const present = (presenting: boolean) =>
      call(intel, 'PUT', '/api/session/presentation', { presenting }).then((response) => response.statusCode);
    expect(await present(true)).toBe(200);
    try {
      for (const reader of [viewer, intel]) {
        expect((await context.getJson(reader, `/api/agendas/${agenda.id}`)).views[0].link).toBe(LINK);
        expect((await context.getJson(reader, '/api/views')).views.length).toBeGreaterThan(0);
        const writes: [string, string, object | undefined][] = [
          ['POST', '/api/views', { title: 'x', link: LINK }],
          ['PUT', `/api/views/${view.id}`, { title: 'x', notes: '', link: LINK, version: 1 }],
          ['DELETE', `/api/views/${view.id}`, undefined],
          ['POST', '/api/agendas', { title: 'x' }],
          ['PUT', `/api/agendas/${agenda.id}`, { title: 'x', viewIds: [], version: 1 }],
          ['DELETE', `/api/agendas/${agenda.id}`, undefined],
        ];
        for (const [method, url, payload] of writes) {
          const response = await call(reader, method, url, payload);
          expect([reader.role, method, url, response.statusCode]).toEqual([reader.role, method, url, 403]);
        }
      }
    } finally {
      expect(await present(false)).toBe(200);
    }
    expect((await context.getJson(intel, `/api/agendas/${agenda.id}`)).version).toBe(1);
    expect((await call(intel, 'DELETE', `/api/agendas/${agenda.id}`)).statusCode).toBe(204);
  });
});

describe('agendas', () => {
  test('hold views in order, refuse a view of another agency, keep their views from being deleted', async () => {
    const [one, two, three] = [
      await saveView(member, 'Satu'),
      await saveView(member, 'Dua'),
      await saveView(intel, 'Tiga'),
    ];
    const created = await call(member, 'POST', '/api/agendas', {
      title: 'Rapat koordinasi',
      meetingOn: '2026-07-14',
      place: ' Aula Kantor Imigrasi Entikong ',
      viewIds: [three.id, one.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const agenda = created.json();
    expect(agenda).toMatchObject({
      title: 'Rapat koordinasi',
      meetingOn: '2026-07-14',
      place: 'Aula Kantor Imigrasi Entikong',
      viewIds: [three.id, one.id],
      version: 1,
      author: { username: member.username },
    });
    expect(agenda.views.map((view: { title: string }) => view.title)).toEqual(['Tiga', 'Satu']);
    const listed = (await context.getJson(viewer, '/api/agendas')).agendas;
    expect(listed.find((item: { id: number }) => item.id === agenda.id)).toMatchObject({ viewIds: [three.id, one.id] });
    expect(listed[0]).not.toHaveProperty('views');

    const replaced = await call(member, 'PUT', `/api/agendas/${agenda.id}`, {
      title: 'Rapat koordinasi II',
      viewIds: [one.id, two.id, three.id],
      version: 1,
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({
      meetingOn: null,
      place: null,
      viewIds: [one.id, two.id, three.id],
      version: 2,
    });
    const stale = await call(member, 'PUT', `/api/agendas/${agenda.id}`, { title: 'Basi', viewIds: [], version: 1 });
    expect(stale.json()).toMatchObject({ code: 'STALE_VERSION' });

    const inAgenda = await call(intel, 'DELETE', `/api/views/${three.id}`);
    expect(inAgenda.statusCode).toBe(409);
    expect(inAgenda.json()).toMatchObject({ code: 'VIEW_IN_AGENDA', details: { agendas: 1 } });
    expect(inAgenda.json().message.id).toContain('1 agenda');

    // Another agency's view, or one that does not exist: the same refusal, and the agenda is unchanged.
    const foreign = await saveView(otherAgency, 'Polri');
    for (const viewIds of [
      [one.id, foreign.id],
      [one.id, foreign.id + 1_000_000],
    ]) {
      const refused = await call(member, 'PUT', `/api/agendas/${agenda.id}`, { title: 'x', viewIds, version: 2 });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'UNKNOWN_VIEWS', details: { viewIds: [viewIds[1]] } });
    }
    const foreignAgenda = await call(otherAgency, 'POST', '/api/agendas', { title: 'Curi', viewIds: [one.id] });
    expect(foreignAgenda.json()).toMatchObject({ code: 'UNKNOWN_VIEWS' });
    expect((await call(otherAgency, 'GET', `/api/agendas/${agenda.id}`)).statusCode).toBe(404);
    expect((await call(otherAdmin, 'DELETE', `/api/agendas/${agenda.id}`)).statusCode).toBe(404);
    expect(
      (await context.getJson(otherAgency, '/api/agendas')).agendas.map((item: { id: number }) => item.id),
    ).not.toContain(agenda.id);
    expect((await context.getJson(member, `/api/agendas/${agenda.id}`)).version).toBe(2);

    for (const viewIds of [[one.id, one.id], Array.from({ length: 61 }, (_, index) => index + 1)]) {
      const invalid = await call(member, 'POST', '/api/agendas', { title: 'x', viewIds });
      expect(invalid.statusCode).toBe(400);
    }

    expect((await call(member, 'DELETE', `/api/agendas/${agenda.id}`)).statusCode).toBe(204);
    expect((await call(intel, 'DELETE', `/api/views/${three.id}`)).statusCode).toBe(204);
    const trail = await auditOf('agenda', agenda.id);
    expect(trail.map((entry) => entry.action)).toEqual(['agenda.save', 'agenda.save', 'agenda.delete']);
    expect(trail[1]).toMatchObject({
      before: { title: 'Rapat koordinasi', viewIds: [three.id, one.id] },
      after: { title: 'Rapat koordinasi II', viewIds: [one.id, two.id, three.id] },
    });
  });
});

describe('speaker notes', () => {
  test('go only where they are asked for (the presenter window), never in a list, by default nowhere', async () => {
    const view = await saveView(member, 'Dengan catatan');
    const created = await call(member, 'POST', '/api/agendas', { title: 'Catatan', viewIds: [view.id] });
    const id = created.json().id;
    const notes = 'Sorot Jagoi Babang';
    expect((await call(member, 'GET', `/api/agendas/${id}?notes=include`)).json().views[0].notes).toBe(notes);
    expect((await call(member, 'GET', `/api/views/${view.id}?notes=include`)).json().notes).toBe(notes);
    // By default, and in every list, to every role and to a presenting session: no notes.
    const presenting = await context.signInAs('intel', ['61.03'], 'IMIGRASI');
    await call(presenting, 'PUT', '/api/session/presentation', { presenting: true });
    for (const as of [member, viewer, presenting]) {
      for (const url of [
        `/api/agendas/${id}`,
        `/api/agendas/${id}?notes=omit`,
        `/api/views/${view.id}`,
        '/api/views',
      ]) {
        const response = await call(as, 'GET', url);
        expect(response.statusCode, `${as.role} ${url}`).toBe(200);
        expect(response.body, `${as.role} ${url}`).not.toContain(notes);
      }
    }
    expect((await call(member, 'GET', `/api/agendas/${id}`)).json().views[0]).toMatchObject({
      id: view.id,
      title: 'Dengan catatan',
      notes: '',
    });
    expect((await call(member, 'GET', `/api/agendas/${id}?notes=maybe`)).statusCode).toBe(400);
  });
});

describe('input', () => {
  test('a bad title or link is a 400 with a code and words in both languages; the link is stored as sent', async () => {
    const bad: object[] = [
      { title: '', link: LINK },
      { title: '   ', link: LINK },
      { title: 'x'.repeat(121), link: LINK },
      { title: 'x', link: 'peta=1/0/0&lapisan=a b' },
      { title: 'x', link: 'peta=1/0/0\n' },
      { title: 'x', link: '<script>' },
      { title: 'x', link: 'kelompok="x"' },
      { title: 'x', link: 'wilayah=Sambas\u00e9' },
      { title: 'x', link: 'p'.repeat(2001) },
      { title: 'x', notes: 'n'.repeat(4001), link: LINK },
      { title: 'x' },
      { title: 'x', link: LINK, extra: true },
    ];
    for (const payload of bad) {
      const response = await call(member, 'POST', '/api/views', payload);
      expect([JSON.stringify(payload).slice(0, 60), response.statusCode]).toEqual([
        JSON.stringify(payload).slice(0, 60),
        400,
      ]);
      const body = response.json();
      expect(body.code).toMatch(/^[A-Z_]+$/);
      expect(body.message.id).not.toBe(body.message.en);
      expect(body.message.id.length * body.message.en.length).toBeGreaterThan(0);
    }
    const longest = `peta=8/0.9/110&x=${"A-Za-z0-9._~:/?#@!$&'()*+,;=%".repeat(70)}`.slice(0, 2000);
    expect((await saveView(member, 'Panjang', longest)).link).toBe(longest);
    expect((await saveView(member, 'Kosong', '')).link).toBe('');
  });

  test('garbage and huge ids are answered 400 or 404, never 5xx', async () => {
    const ids = ['abc', '0', '-1', '1.5', '99999999999999999999', '9007199254740992', '9007199254740991', '%00', '1e3'];
    const replacements = {
      '/api/views': { title: 'x', notes: '', link: LINK, version: 1 },
      '/api/agendas': { title: 'x', viewIds: [], version: 1 },
    };
    for (const [base, replacement] of Object.entries(replacements)) {
      for (const id of ids) {
        for (const method of ['GET', 'PUT', 'DELETE']) {
          const payload = method === 'PUT' ? replacement : undefined;
          const response = await call(admin, method, `${base}/${id}`, payload);
          expect([method, base, id, [400, 404].includes(response.statusCode)]).toEqual([method, base, id, true]);
        }
      }
    }
  });
});
