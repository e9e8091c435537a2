/** Parameterised SQL over the planner's plans (migration 0012). */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import type { Plan } from '../schemas/planner.ts';

type Queryable = Pool | pg.PoolClient;

/** A stored row: what the API answers, and who wrote it (for the author-or-admin rule). */
export type StoredPlan = Plan & { authorId: number };
export type PlanContent = Pick<
  Plan,
  'title' | 'region' | 'within' | 'weights' | 'radiusKm' | 'sameKecamatan' | 'items'
>;

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const PLAN_SELECT = `
  SELECT p.id, p.title, p.region, p.within, p.weights, p.radius_km, p.same_kecamatan, p.items, p.agency_code, p.author_id,
         p.version, a.username AS author_username, a.display_name AS author_display_name,
         ${utc('p.created_at')} AS created_at, ${utc('p.updated_at')} AS updated_at
  FROM planner_plan p JOIN account a ON a.id = p.author_id`;

function toPlan(row: Record<string, unknown>): StoredPlan {
  return {
    id: Number(row.id),
    title: String(row.title),
    region: (row.region as string | null) ?? null,
    within: (row.within as string | null) ?? null,
    weights: row.weights as Plan['weights'],
    radiusKm: Number(row.radius_km),
    sameKecamatan: Boolean(row.same_kecamatan),
    items: row.items as Plan['items'],
    author: { username: String(row.author_username), displayName: String(row.author_display_name) },
    agencyCode: String(row.agency_code),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    version: Number(row.version),
    authorId: Number(row.author_id),
  };
}

const contentParams = (content: PlanContent) => [
  content.title,
  content.region,
  JSON.stringify(content.weights),
  content.radiusKm,
  content.sameKecamatan,
  JSON.stringify(content.items),
  content.within,
];

export function createPlannerPlanRepository(pool: Pool) {
  return {
    async listPlans(agencyCode: string): Promise<StoredPlan[]> {
      const result = await pool.query(`${PLAN_SELECT} WHERE p.agency_code = $1 ORDER BY p.updated_at DESC, p.id DESC`, [
        agencyCode,
      ]);
      return result.rows.map(toPlan);
    },

    async findPlan(id: number, db: Queryable = pool, lock = false): Promise<StoredPlan | null> {
      const result = await db.query(`${PLAN_SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id]);
      return result.rows[0] ? toPlan(result.rows[0]) : null;
    },

    async insertPlan(db: pg.PoolClient, content: PlanContent & { agencyCode: string; authorId: number }) {
      const result = await db.query<{ id: string }>(
        `INSERT INTO planner_plan (title, region, weights, radius_km, same_kecamatan, items, within, agency_code, author_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [...contentParams(content), content.agencyCode, content.authorId],
      );
      return Number(result.rows[0]!.id);
    },

    async updatePlan(db: pg.PoolClient, id: number, content: PlanContent): Promise<void> {
      await db.query(
        `UPDATE planner_plan SET title = $1, region = $2, weights = $3, radius_km = $4, same_kecamatan = $5,
                items = $6, within = $7, version = version + 1, updated_at = now()
         WHERE id = $8`,
        [...contentParams(content), id],
      );
    },

    async deletePlan(db: pg.PoolClient, id: number): Promise<void> {
      await db.query('DELETE FROM planner_plan WHERE id = $1', [id]);
    },

    /** Of the given codes, those that are desa (the area is the service's to check). */
    async findDesaCodes(codes: string[], db: Queryable = pool): Promise<Set<string>> {
      const result = await db.query<{ code: string }>('SELECT code FROM desa WHERE code = ANY($1::text[])', [codes]);
      return new Set(result.rows.map((row) => row.code));
    },
  };
}

export type PlannerPlanRepository = ReturnType<typeof createPlannerPlanRepository>;
