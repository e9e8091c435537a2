/** Parameterised SQL over saved views, agendas and the views of each agenda (migration 0010). */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import type { Agenda, SavedView } from '../schemas/saved-views.ts';

type Queryable = Pool | pg.PoolClient;

/** A stored row: what the API answers, and who wrote it (for the author-or-admin rule). */
export type StoredView = SavedView & { authorId: number };
export type StoredAgenda = Agenda & { authorId: number };

export interface ViewContent {
  title: string;
  notes: string;
  link: string;
}

export interface AgendaContent {
  title: string;
  meetingOn: string | null;
  place: string | null;
}

/** How a read is locked inside a transaction: a change takes the row, an agenda being saved holds its views. */
export type RowLock = 'none' | 'update' | 'share';

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const VIEW_SELECT = `
  SELECT v.id, v.title, v.notes, v.link, v.agency_code, v.author_id, v.version,
         a.username AS author_username, a.display_name AS author_display_name,
         ${utc('v.created_at')} AS created_at, ${utc('v.updated_at')} AS updated_at
  FROM saved_view v JOIN account a ON a.id = v.author_id`;

const AGENDA_SELECT = `
  SELECT g.id, g.title, to_char(g.meeting_on, 'YYYY-MM-DD') AS meeting_on, g.place, g.agency_code, g.author_id,
         g.version, a.username AS author_username, a.display_name AS author_display_name,
         ${utc('g.created_at')} AS created_at, ${utc('g.updated_at')} AS updated_at,
         COALESCE((SELECT array_agg(av.view_id ORDER BY av.position) FROM agenda_view av WHERE av.agenda_id = g.id),
                  '{}') AS view_ids
  FROM agenda g JOIN account a ON a.id = g.author_id`;

const LOCK_CLAUSE: Record<RowLock, (table: string) => string> = {
  none: () => '',
  update: (table) => ` FOR UPDATE OF ${table}`,
  share: (table) => ` FOR SHARE OF ${table}`,
};

const authorOf = (row: Record<string, unknown>) => ({
  username: String(row.author_username),
  displayName: String(row.author_display_name),
});

function toView(row: Record<string, unknown>): StoredView {
  return {
    id: Number(row.id),
    title: String(row.title),
    notes: String(row.notes),
    link: String(row.link),
    author: authorOf(row),
    agencyCode: String(row.agency_code),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    version: Number(row.version),
    authorId: Number(row.author_id),
  };
}

function toAgenda(row: Record<string, unknown>): StoredAgenda {
  return {
    id: Number(row.id),
    title: String(row.title),
    meetingOn: (row.meeting_on as string | null) ?? null,
    place: (row.place as string | null) ?? null,
    viewIds: (row.view_ids as string[]).map(Number),
    author: authorOf(row),
    agencyCode: String(row.agency_code),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    version: Number(row.version),
    authorId: Number(row.author_id),
  };
}

export function createSavedViewRepository(pool: Pool) {
  return {
    async listViews(agencyCode: string): Promise<StoredView[]> {
      const result = await pool.query(`${VIEW_SELECT} WHERE v.agency_code = $1 ORDER BY v.updated_at DESC, v.id DESC`, [
        agencyCode,
      ]);
      return result.rows.map(toView);
    },

    async findView(id: number, db: Queryable = pool, lock: RowLock = 'none'): Promise<StoredView | null> {
      const result = await db.query(`${VIEW_SELECT} WHERE v.id = $1${LOCK_CLAUSE[lock]('v')}`, [id]);
      return result.rows[0] ? toView(result.rows[0]) : null;
    },

    /** The views of these ids that belong to the agency, in no particular order. */
    async findAgencyViews(
      ids: number[],
      agencyCode: string,
      db: Queryable = pool,
      lock: RowLock = 'none',
    ): Promise<StoredView[]> {
      const result = await db.query(
        `${VIEW_SELECT} WHERE v.id = ANY($1::bigint[]) AND v.agency_code = $2${LOCK_CLAUSE[lock]('v')}`,
        [ids, agencyCode],
      );
      return result.rows.map(toView);
    },

    async insertView(db: Queryable, view: ViewContent & { agencyCode: string; authorId: number }): Promise<number> {
      const result = await db.query<{ id: string }>(
        `INSERT INTO saved_view (agency_code, author_id, title, notes, link) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [view.agencyCode, view.authorId, view.title, view.notes, view.link],
      );
      return Number(result.rows[0]!.id);
    },

    async updateView(db: Queryable, id: number, view: ViewContent): Promise<void> {
      await db.query(
        `UPDATE saved_view SET title = $2, notes = $3, link = $4, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [id, view.title, view.notes, view.link],
      );
    },

    async deleteView(db: Queryable, id: number): Promise<void> {
      await db.query(`DELETE FROM saved_view WHERE id = $1`, [id]);
    },

    async countAgendasWithView(db: Queryable, viewId: number): Promise<number> {
      const result = await db.query<{ count: string }>(
        `SELECT count(DISTINCT agenda_id) AS count FROM agenda_view WHERE view_id = $1`,
        [viewId],
      );
      return Number(result.rows[0]!.count);
    },

    async listAgendas(agencyCode: string): Promise<StoredAgenda[]> {
      const result = await pool.query(
        `${AGENDA_SELECT} WHERE g.agency_code = $1 ORDER BY g.updated_at DESC, g.id DESC`,
        [agencyCode],
      );
      return result.rows.map(toAgenda);
    },

    async findAgenda(id: number, db: Queryable = pool, lock: RowLock = 'none'): Promise<StoredAgenda | null> {
      const result = await db.query(`${AGENDA_SELECT} WHERE g.id = $1${LOCK_CLAUSE[lock]('g')}`, [id]);
      return result.rows[0] ? toAgenda(result.rows[0]) : null;
    },

    async insertAgenda(
      db: Queryable,
      agenda: AgendaContent & { agencyCode: string; authorId: number },
    ): Promise<number> {
      const result = await db.query<{ id: string }>(
        `INSERT INTO agenda (agency_code, author_id, title, meeting_on, place) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [agenda.agencyCode, agenda.authorId, agenda.title, agenda.meetingOn, agenda.place],
      );
      return Number(result.rows[0]!.id);
    },

    async updateAgenda(db: Queryable, id: number, agenda: AgendaContent): Promise<void> {
      await db.query(
        `UPDATE agenda SET title = $2, meeting_on = $3, place = $4, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [id, agenda.title, agenda.meetingOn, agenda.place],
      );
    },

    /** The agenda's views become these, in this order. */
    async replaceAgendaViews(db: Queryable, agendaId: number, viewIds: number[]): Promise<void> {
      await db.query(`DELETE FROM agenda_view WHERE agenda_id = $1`, [agendaId]);
      if (viewIds.length === 0) return;
      await db.query(
        `INSERT INTO agenda_view (agenda_id, position, view_id)
         SELECT $1, ordinality - 1, view_id FROM unnest($2::bigint[]) WITH ORDINALITY AS ids (view_id, ordinality)`,
        [agendaId, viewIds],
      );
    },

    async deleteAgenda(db: Queryable, id: number): Promise<void> {
      await db.query(`DELETE FROM agenda WHERE id = $1`, [id]);
    },
  };
}

export type SavedViewRepository = ReturnType<typeof createSavedViewRepository>;
