/**
 * Saved views and agendas (issue #11, meeting mode), shared within an office: every signed-in account of the author's
 * agency reads them, other agencies see nothing — a 404, as for an id that does not exist, so ids do not tell what
 * exists elsewhere. Admins, intel and members write; only the author or an admin of the agency changes or deletes.
 * A presenting session is answered as the `viewer` (session-service), so it steps through an agenda but writes
 * nothing. Each change runs in one transaction with its audit entry; `version` refuses a change made on a stale copy.
 */
import type { PoolClient } from 'pg';
import { withTransaction } from '../db/transaction.ts';
import type { Pool } from '../db/pool.ts';
import type { Account, SignedInActor } from '../domain/actor.ts';
import { AppError, notFound } from '../errors.ts';
import type {
  AgendaContent,
  SavedViewRepository,
  StoredAgenda,
  StoredView,
} from '../repositories/saved-view-repository.ts';
import type { Agenda, AgendaWithViews, SavedView } from '../schemas/saved-views.ts';
import { maySaveViews, ROLES_SAVING_VIEWS } from '../domain/who-sees-people.ts';
import type { AuditService } from './audit.ts';

/** The roles that save views and agendas (the routes' access rule for writing). */
export const SAVED_VIEW_WRITERS = ROLES_SAVING_VIEWS;

export interface ViewInput {
  title: string;
  notes?: string;
  link: string;
}

export interface AgendaInput {
  title: string;
  meetingOn?: string | null;
  place?: string | null;
  viewIds?: number[];
}

type Target = { type: 'view' | 'agenda'; id: number };

const NOT_FOUND_TEXT = {
  view: (id: number) => ({ id: `Tampilan ${id} tidak ditemukan.`, en: `Saved view ${id} was not found.` }),
  agenda: (id: number) => ({ id: `Agenda ${id} tidak ditemukan.`, en: `Agenda ${id} was not found.` }),
};

const notVisible = (target: Target) => notFound(NOT_FOUND_TEXT[target.type](target.id));

const mayNotWrite = () =>
  new AppError(403, 'FORBIDDEN', {
    id: 'Peran akun Anda tidak diizinkan menyimpan tampilan atau agenda.',
    en: 'Your account’s role is not allowed to save views or agendas.',
  });

const notAuthor = (target: Target) =>
  new AppError(403, 'NOT_AUTHOR', {
    id: `Hanya pembuat ${target.type === 'view' ? 'tampilan' : 'agenda'} ini atau admin instansi yang boleh mengubah atau menghapusnya.`,
    en: `Only the author of this ${target.type === 'view' ? 'saved view' : 'agenda'} or an admin of the agency may change or delete it.`,
  });

export const staleVersion = (current: number) =>
  new AppError(
    409,
    'STALE_VERSION',
    {
      id: 'Data ini sudah diubah orang lain sejak Anda membukanya. Muat ulang, lalu ulangi perubahan Anda.',
      en: 'Someone else changed this since you opened it. Reload it, then make your change again.',
    },
    { version: current },
  );

const emptyTitle = () =>
  new AppError(400, 'EMPTY_TITLE', {
    id: 'Judul wajib diisi dan tidak boleh hanya berisi spasi.',
    en: 'The title is required and may not be only spaces.',
  });

const viewInAgenda = (agendas: number) =>
  new AppError(
    409,
    'VIEW_IN_AGENDA',
    {
      id: `Tampilan ini ada di ${agendas} agenda. Keluarkan dari agenda tersebut terlebih dahulu.`,
      en: `This view is in ${agendas} ${agendas === 1 ? 'agenda' : 'agendas'}. Take it out of ${agendas === 1 ? 'that agenda' : 'those agendas'} first.`,
    },
    { agendas },
  );

const unknownViews = (viewIds: number[]) =>
  new AppError(
    400,
    'UNKNOWN_VIEWS',
    {
      id: `Tampilan tidak ditemukan: ${viewIds.join(', ')}.`,
      en: `Saved views not found: ${viewIds.join(', ')}.`,
    },
    { viewIds },
  );

export const titleOf = (title: string) => {
  const trimmed = title.trim();
  if (trimmed === '') throw emptyTitle();
  return trimmed;
};

const publicView = ({ authorId: _author, ...view }: StoredView): SavedView => view;
const publicAgenda = ({ authorId: _author, ...agenda }: StoredAgenda): Agenda => agenda;

/** What the audit trail keeps of a view: not the notes themselves, which are the speaker's. */
const viewTrace = (view: StoredView) => ({ title: view.title, link: view.link, notesLength: view.notes.length });
const agendaTrace = (agenda: StoredAgenda) => ({
  title: agenda.title,
  meetingOn: agenda.meetingOn,
  place: agenda.place,
  viewIds: agenda.viewIds,
});

const mayWrite = (account: Account) => !account.presenting && maySaveViews(account.role);

export function createSavedViewService(pool: Pool, repository: SavedViewRepository, audit: AuditService) {
  /** The row, when it exists and belongs to the caller's agency; otherwise the same 404 as for no row at all. */
  function visible<T extends { agencyCode: string }>(account: Account, target: Target, row: T | null): T {
    if (!row || row.agencyCode !== account.agency.code) throw notVisible(target);
    return row;
  }

  function checkChange(account: Account, target: Target, row: { authorId: number; version: number }, version?: number) {
    if (row.authorId !== account.id && account.role !== 'admin') throw notAuthor(target);
    if (version !== undefined && version !== row.version) throw staleVersion(row.version);
  }

  /**
   * A change in one transaction. Refused for not being the author, it is audited after the rollback (the refusal is
   * news only inside the agency, which already sees the row); another agency's row is not audited, since the trail
   * would tell that agency's admins the id exists.
   */
  async function change<T>(actor: SignedInActor, target: Target, work: (client: PoolClient) => Promise<T>) {
    if (!mayWrite(actor.account)) throw mayNotWrite();
    try {
      return await withTransaction(pool, work);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_AUTHOR') {
        await audit.record(actor, {
          action: 'authorization.denied',
          outcome: 'denied',
          targetType: target.type,
          targetId: String(target.id),
          details: { reason: 'not_author' },
        });
      }
      throw error;
    }
  }

  /** The agenda's views in its order; each must be a view of the agency (held until the transaction ends). */
  async function checkAgendaViews(client: PoolClient, account: Account, viewIds: number[]) {
    if (viewIds.length === 0) return;
    const found = new Set(
      (await repository.findAgencyViews(viewIds, account.agency.code, client, 'share')).map((view) => view.id),
    );
    const missing = viewIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw unknownViews(missing);
  }

  async function withViews(account: Account, agenda: StoredAgenda, db?: PoolClient) {
    const views = new Map(
      (await repository.findAgencyViews(agenda.viewIds, account.agency.code, db)).map((view) => [view.id, view]),
    );
    const ordered = agenda.viewIds.flatMap((id) => (views.has(id) ? [publicView(views.get(id)!)] : []));
    return { ...publicAgenda(agenda), views: ordered } satisfies AgendaWithViews;
  }

  const agendaContent = (input: AgendaInput): AgendaContent => ({
    title: titleOf(input.title),
    meetingOn: input.meetingOn ?? null,
    place: input.place?.trim() || null,
  });

  /** Creates (`id` null) or replaces an agenda: its title, day, place and views. */
  async function saveAgenda(actor: SignedInActor, id: number | null, input: AgendaInput, version?: number) {
    const account = actor.account;
    const content = agendaContent(input);
    const viewIds = input.viewIds ?? [];
    const target: Target = { type: 'agenda', id: id ?? 0 };
    return change(actor, target, async (client) => {
      const before = id === null ? null : visible(account, target, await repository.findAgenda(id, client, 'update'));
      let agendaId: number;
      if (before) {
        checkChange(account, target, before, version);
        agendaId = before.id;
        await repository.updateAgenda(client, agendaId, content);
      } else {
        agendaId = await repository.insertAgenda(client, {
          ...content,
          agencyCode: account.agency.code,
          authorId: account.id,
        });
      }
      await checkAgendaViews(client, account, viewIds);
      await repository.replaceAgendaViews(client, agendaId, viewIds);
      const after = (await repository.findAgenda(agendaId, client))!;
      await audit.record(
        actor,
        {
          action: 'agenda.save',
          targetType: 'agenda',
          targetId: String(agendaId),
          before: before && agendaTrace(before),
          after: agendaTrace(after),
        },
        client,
      );
      return withViews(account, after, client);
    });
  }

  return {
    async listViews(account: Account): Promise<SavedView[]> {
      return (await repository.listViews(account.agency.code)).map(publicView);
    },

    async readView(account: Account, id: number): Promise<SavedView> {
      return publicView(visible(account, { type: 'view', id }, await repository.findView(id)));
    },

    async createView(actor: SignedInActor, input: ViewInput): Promise<SavedView> {
      const account = actor.account;
      const content = { title: titleOf(input.title), notes: input.notes ?? '', link: input.link };
      return change(actor, { type: 'view', id: 0 }, async (client) => {
        const id = await repository.insertView(client, {
          ...content,
          agencyCode: account.agency.code,
          authorId: account.id,
        });
        const created = (await repository.findView(id, client))!;
        await audit.record(
          actor,
          { action: 'view.save', targetType: 'view', targetId: String(id), before: null, after: viewTrace(created) },
          client,
        );
        return publicView(created);
      });
    },

    async updateView(actor: SignedInActor, id: number, input: ViewInput & { version: number }): Promise<SavedView> {
      const target: Target = { type: 'view', id };
      const content = { title: titleOf(input.title), notes: input.notes ?? '', link: input.link };
      return change(actor, target, async (client) => {
        const before = visible(actor.account, target, await repository.findView(id, client, 'update'));
        checkChange(actor.account, target, before, input.version);
        await repository.updateView(client, id, content);
        const after = (await repository.findView(id, client))!;
        await audit.record(
          actor,
          {
            action: 'view.save',
            targetType: 'view',
            targetId: String(id),
            before: viewTrace(before),
            after: viewTrace(after),
          },
          client,
        );
        return publicView(after);
      });
    },

    async deleteView(actor: SignedInActor, id: number): Promise<void> {
      const target: Target = { type: 'view', id };
      await change(actor, target, async (client) => {
        const before = visible(actor.account, target, await repository.findView(id, client, 'update'));
        checkChange(actor.account, target, before);
        const agendas = await repository.countAgendasWithView(client, id);
        if (agendas > 0) throw viewInAgenda(agendas);
        await repository.deleteView(client, id);
        await audit.record(
          actor,
          { action: 'view.delete', targetType: 'view', targetId: String(id), before: viewTrace(before) },
          client,
        );
      });
    },

    async listAgendas(account: Account): Promise<Agenda[]> {
      return (await repository.listAgendas(account.agency.code)).map(publicAgenda);
    },

    async readAgenda(account: Account, id: number): Promise<AgendaWithViews> {
      return withViews(account, visible(account, { type: 'agenda', id }, await repository.findAgenda(id)));
    },

    createAgenda: (actor: SignedInActor, input: AgendaInput) => saveAgenda(actor, null, input),

    updateAgenda: (actor: SignedInActor, id: number, input: AgendaInput & { version: number }) =>
      saveAgenda(actor, id, input, input.version),

    async deleteAgenda(actor: SignedInActor, id: number): Promise<void> {
      const target: Target = { type: 'agenda', id };
      await change(actor, target, async (client) => {
        const before = visible(actor.account, target, await repository.findAgenda(id, client, 'update'));
        checkChange(actor.account, target, before);
        await repository.deleteAgenda(client, id);
        await audit.record(
          actor,
          { action: 'agenda.delete', targetType: 'agenda', targetId: String(id), before: agendaTrace(before) },
          client,
        );
      });
    },
  };
}

export type SavedViewService = ReturnType<typeof createSavedViewService>;
