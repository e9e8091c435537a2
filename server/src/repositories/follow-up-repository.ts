/**
 * Parameterised SQL of the follow-up (issue #13, migration 0018): triage and the lead agency on the incident, joint
 * actions and their target lists, outcomes, the steps of an incident's timeline and the outcome statistics. Areas are
 * lists of province or kabupaten codes; a record is inside one when its desa code starts with it.
 */
import type pg from 'pg';
import type { Pool } from '../db/pool.ts';
import { cell, type Cell } from '../domain/disclosure-control.ts';
import type { TargetKind, TargetSource } from '../schemas/vocabulary.ts';

type Queryable = Pool | pg.PoolClient;

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** Whether a code column lies inside the area `$n` (text[] of province or kabupaten codes). */
const inArea = (column: string, parameter: string) =>
  `EXISTS (SELECT 1 FROM unnest(${parameter}::text[]) AS area(area_code)
           WHERE ${column} = area.area_code OR starts_with(${column}, area.area_code || '.'))`;

export interface FollowUpIncident {
  id: number;
  status: string;
  desaCode: string;
  leadAgency: string | null;
  reportingAgency: string;
  peopleCount: number;
  /** For the disclosure rule only (ADR 0007): never sent. */
  disclosureKey: number;
}

export interface StoredOutcome {
  id: number;
  incidentId: number | null;
  residentId: number | null;
  residentName: string | null;
  jointActionId: number | null;
  kind: string;
  measure: string | null;
  people: number;
  disclosureKey: number;
  decidedOn: string;
  agency: string;
  desaCode: string;
  note: string | null;
  recordedByAgency: string;
  createdAt: string;
}

export interface StoredJointAction {
  id: number;
  kind: string;
  title: string;
  startsOn: string;
  endsOn: string;
  agencies: string[];
  areaCodes: string[];
  areaNames: string[];
  notes: string | null;
  agency: string;
  createdAt: string;
  /** The people of the outcomes recorded with it, as a cell (ADR 0007). */
  outcomes: Cell;
}

export interface StoredTarget {
  actionId: number;
  kind: TargetKind;
  ref: string;
  source: TargetSource;
  label: string;
  lon: number | null;
  lat: number | null;
  /** Where it lies (a region's own code, a record's desa): the service shows only those inside the reader's area. */
  place: string | null;
  /** The disclosure key of a person target (ADR 0007), 0 for the others. */
  key: number;
}

export interface StoredStep {
  at: string;
  kind: 'filed' | 'status' | 'lead_agency' | 'joint_action' | 'outcome';
  status: string | null;
  agency: string | null;
  details: Record<string, unknown>;
  note: string | null;
}

const OUTCOME_SELECT = `
  SELECT o.id, o.incident_id, o.resident_id, r.full_name AS resident_name, o.joint_action_id, o.kind, o.measure, o.people,
         o.disclosure_key, to_char(o.decided_on, 'YYYY-MM-DD') AS decided_on, o.agency_code, o.desa_code, o.note,
         o.recorded_by_agency, o.body_digest, ${utc('o.created_at')} AS created_at
  FROM follow_up_outcome o LEFT JOIN foreign_resident r ON r.id = o.resident_id`;

const toOutcome = (row: Record<string, unknown>): StoredOutcome => ({
  id: Number(row.id),
  incidentId: row.incident_id === null ? null : Number(row.incident_id),
  residentId: row.resident_id === null ? null : Number(row.resident_id),
  residentName: (row.resident_name as string | null) ?? null,
  jointActionId: row.joint_action_id === null ? null : Number(row.joint_action_id),
  kind: String(row.kind),
  measure: (row.measure as string | null) ?? null,
  people: Number(row.people),
  disclosureKey: Number(row.disclosure_key),
  decidedOn: String(row.decided_on),
  agency: String(row.agency_code),
  desaCode: String(row.desa_code),
  note: (row.note as string | null) ?? null,
  recordedByAgency: String(row.recorded_by_agency),
  createdAt: String(row.created_at),
});

const ACTION_SELECT = `
  SELECT j.id, j.kind, j.title, to_char(j.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(j.ends_on, 'YYYY-MM-DD') AS ends_on,
         j.agencies, j.area_codes, j.notes, j.agency_code, ${utc('j.created_at')} AS created_at,
         ARRAY(SELECT COALESCE(d.name, k.name, c.code) FROM unnest(j.area_codes) WITH ORDINALITY AS c(code, n)
                 LEFT JOIN desa d ON d.code = c.code LEFT JOIN kecamatan k ON k.code = c.code ORDER BY c.n) AS area_names,
         (SELECT COALESCE(sum(o.people), 0) FROM follow_up_outcome o WHERE o.joint_action_id = j.id) AS outcome_people,
         (SELECT COALESCE(sum(o.disclosure_key::bigint), 0) FROM follow_up_outcome o WHERE o.joint_action_id = j.id)
           AS outcome_keys
  FROM joint_action j`;

const toAction = (row: Record<string, unknown>): StoredJointAction => ({
  id: Number(row.id),
  kind: String(row.kind),
  title: String(row.title),
  startsOn: String(row.starts_on),
  endsOn: String(row.ends_on),
  agencies: row.agencies as string[],
  areaCodes: row.area_codes as string[],
  areaNames: row.area_names as string[],
  notes: (row.notes as string | null) ?? null,
  agency: String(row.agency_code),
  createdAt: String(row.created_at),
  outcomes: cell(row.outcome_people as number, row.outcome_keys as number),
});

/** An incident inside the area (locked for the caller's transaction when `lock`), or null. */
async function incidentInArea(
  client: Queryable,
  id: number,
  areaCodes: string[],
  lock: boolean,
): Promise<FollowUpIncident | null> {
  const result = await client.query(
    `SELECT id, status, desa_code, lead_agency, reporting_agency, people_count, disclosure_key FROM incident
     WHERE id = $1 AND ${inArea('desa_code', '$2')}${lock ? ' FOR UPDATE' : ''}`,
    [id, areaCodes],
  );
  const row = result.rows[0];
  return row
    ? {
        id: Number(row.id),
        status: row.status,
        desaCode: row.desa_code,
        leadAgency: row.lead_agency,
        reportingAgency: row.reporting_agency,
        peopleCount: Number(row.people_count),
        disclosureKey: Number(row.disclosure_key),
      }
    : null;
}

export function createFollowUpRepository(pool: Pool) {
  return {
    /** The incident inside the area, locked for this transaction (one follow-up step at a time). */
    lockIncident: (client: pg.PoolClient, id: number, areaCodes: string[]) =>
      incidentInArea(client, id, areaCodes, true),

    findIncident: (id: number, areaCodes: string[]) => incidentInArea(pool, id, areaCodes, false),

    /** A new status, with its step in the history (who, which agency, why). */
    async setStatus(
      client: pg.PoolClient,
      id: number,
      status: string,
      by: { accountId: number; agency: string },
      note: string | null,
    ): Promise<void> {
      await client.query('UPDATE incident SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
      await client.query(
        // The clock, not the transaction's start: steps of one transaction keep their order on the timeline.
        `INSERT INTO incident_status_history (incident_id, status, changed_by, agency_code, note, changed_at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp())`,
        [id, status, by.accountId, by.agency, note],
      );
    },

    async setLeadAgency(client: pg.PoolClient, id: number, agency: string): Promise<void> {
      await client.query('UPDATE incident SET lead_agency = $2, updated_at = now() WHERE id = $1', [id, agency]);
    },

    async insertStep(
      client: pg.PoolClient,
      step: {
        incidentId: number;
        kind: 'lead_agency' | 'joint_action' | 'outcome';
        details: Record<string, unknown>;
        note: string | null;
        accountId: number;
        agency: string;
      },
    ): Promise<void> {
      await client.query(
        `INSERT INTO incident_step (incident_id, kind, details, note, account_id, agency_code, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())`,
        [step.incidentId, step.kind, JSON.stringify(step.details), step.note, step.accountId, step.agency],
      );
    },

    /** Which of these region codes name a kecamatan or desa (the others do not exist). */
    async existingAreaCodes(client: Queryable, codes: string[]): Promise<Set<string>> {
      const result = await client.query<{ code: string }>(
        `SELECT code FROM kecamatan WHERE code = ANY($1::text[]) UNION SELECT code FROM desa WHERE code = ANY($1::text[])`,
        [codes],
      );
      return new Set(result.rows.map((row) => row.code));
    },

    /**
     * The targets that exist inside the area (regions of any level; incidents, residents and workplaces by the desa
     * they lie in), as `kind:ref`; the others are refused by the service.
     */
    async targetsInside(
      client: Queryable,
      targets: { kind: TargetKind; ref: string }[],
      areaCodes: string[],
    ): Promise<Set<string>> {
      const refs = (kind: TargetKind) => targets.filter((target) => target.kind === kind).map((target) => target.ref);
      const ids = (kind: TargetKind) => refs(kind).map(Number);
      const result = await client.query<{ key: string }>(
        `SELECT 'region:' || code AS key FROM (
           SELECT code FROM provinsi UNION ALL SELECT code FROM kabupaten UNION ALL SELECT code FROM kecamatan
           UNION ALL SELECT code FROM desa) AS r WHERE r.code = ANY($1::text[]) AND ${inArea('r.code', '$5')}
         UNION ALL SELECT 'incident:' || id FROM incident WHERE id = ANY($2::bigint[]) AND ${inArea('desa_code', '$5')}
         UNION ALL SELECT 'resident:' || id FROM foreign_resident
                   WHERE id = ANY($3::bigint[]) AND ${inArea('desa_code', '$5')}
         UNION ALL SELECT 'workplace:' || id FROM workplace WHERE id = ANY($4::bigint[]) AND ${inArea('desa_code', '$5')}`,
        [refs('region'), ids('incident'), ids('resident'), ids('workplace'), areaCodes],
      );
      return new Set(result.rows.map((row) => row.key));
    },

    async insertJointAction(
      client: pg.PoolClient,
      action: {
        kind: string;
        title: string;
        startsOn: string;
        endsOn: string;
        agencies: string[];
        areaCodes: string[];
        notes: string | null;
        accountId: number;
        agency: string;
      },
    ): Promise<number> {
      const result = await client.query<{ id: string }>(
        `INSERT INTO joint_action (kind, title, starts_on, ends_on, agencies, area_codes, notes, created_by, agency_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          action.kind,
          action.title,
          action.startsOn,
          action.endsOn,
          action.agencies,
          action.areaCodes,
          action.notes,
          action.accountId,
          action.agency,
        ],
      );
      return Number(result.rows[0]!.id);
    },

    /** Adds targets, each once; answers those newly added. */
    async insertTargets(
      client: pg.PoolClient,
      actionId: number,
      targets: { kind: TargetKind; ref: string; source: TargetSource }[],
      accountId: number,
    ): Promise<{ kind: TargetKind; ref: string }[]> {
      if (targets.length === 0) return [];
      const result = await client.query<{ kind: TargetKind; ref: string }>(
        `INSERT INTO joint_action_target (action_id, kind, ref, source, added_by)
         SELECT $1, kind, ref, source, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS t(kind, ref, source)
         ON CONFLICT DO NOTHING RETURNING kind, ref`,
        [
          actionId,
          targets.map((target) => target.kind),
          targets.map((target) => target.ref),
          targets.map((target) => target.source),
          accountId,
        ],
      );
      return result.rows;
    },

    /** A joint action whose area meets the caller's area (some code inside it), or null. */
    async findJointAction(client: Queryable, id: number, areaCodes: string[]): Promise<StoredJointAction | null> {
      const result = await client.query(
        `${ACTION_SELECT} WHERE j.id = $1 AND EXISTS (SELECT 1 FROM unnest(j.area_codes) AS c(code)
                                                      WHERE ${inArea('c.code', '$2')})`,
        [id, areaCodes],
      );
      return result.rows[0] ? toAction(result.rows[0]) : null;
    },

    async listJointActions(areaCodes: string[], limit: number): Promise<StoredJointAction[]> {
      const result = await pool.query(
        `${ACTION_SELECT} WHERE EXISTS (SELECT 1 FROM unnest(j.area_codes) AS c(code) WHERE ${inArea('c.code', '$1')})
         ORDER BY j.starts_on DESC, j.id DESC LIMIT $2`,
        [areaCodes, limit],
      );
      return result.rows.map(toAction);
    },

    /** The targets of these actions with what each is (a person's name is for the service to withhold). */
    async findTargets(actionIds: number[]): Promise<StoredTarget[]> {
      if (actionIds.length === 0) return [];
      const result = await pool.query(
        `SELECT t.action_id, t.kind, t.ref, t.source,
                CASE t.kind
                  WHEN 'region' THEN COALESCE(d.name, k.name, kb.name, p.name, t.ref)
                  WHEN 'incident' THEN i.type || ' · ' || COALESCE(di.name, '')
                  WHEN 'resident' THEN r.full_name
                  WHEN 'workplace' THEN w.company
                END AS label,
                CASE t.kind WHEN 'incident' THEN ST_X(i.location) WHEN 'resident' THEN ST_X(r.home_point)
                            WHEN 'workplace' THEN ST_X(w.location) WHEN 'region' THEN ST_X(d.point) END AS lon,
                CASE t.kind WHEN 'incident' THEN ST_Y(i.location) WHEN 'resident' THEN ST_Y(r.home_point)
                            WHEN 'workplace' THEN ST_Y(w.location) WHEN 'region' THEN ST_Y(d.point) END AS lat,
                CASE t.kind WHEN 'incident' THEN i.desa_code WHEN 'resident' THEN r.desa_code
                            WHEN 'workplace' THEN w.desa_code ELSE t.ref END AS place,
                CASE t.kind WHEN 'resident' THEN r.disclosure_key ELSE 0 END AS key
         FROM joint_action_target t
              LEFT JOIN desa d ON t.kind = 'region' AND d.code = t.ref
              LEFT JOIN kecamatan k ON t.kind = 'region' AND k.code = t.ref
              LEFT JOIN kabupaten kb ON t.kind = 'region' AND kb.code = t.ref
              LEFT JOIN provinsi p ON t.kind = 'region' AND p.code = t.ref
              LEFT JOIN incident i ON i.id = CASE WHEN t.kind = 'incident' THEN t.ref::bigint END
              LEFT JOIN desa di ON di.code = i.desa_code
              LEFT JOIN foreign_resident r ON r.id = CASE WHEN t.kind = 'resident' THEN t.ref::bigint END
              LEFT JOIN workplace w ON w.id = CASE WHEN t.kind = 'workplace' THEN t.ref::bigint END
         WHERE t.action_id = ANY($1::bigint[])
         ORDER BY t.action_id, t.added_at, t.kind, t.ref`,
        [actionIds],
      );
      return result.rows.map((row) => ({
        actionId: Number(row.action_id),
        kind: row.kind,
        ref: row.ref,
        source: row.source,
        label: row.label ?? row.ref,
        lon: row.lon,
        lat: row.lat,
        place: row.place,
        key: Number(row.key ?? 0),
      }));
    },

    /** The joint actions an incident is a target of. */
    async actionsOfIncident(incidentId: number) {
      const result = await pool.query<{ id: string; title: string; kind: string }>(
        `SELECT j.id, j.title, j.kind FROM joint_action j JOIN joint_action_target t ON t.action_id = j.id
         WHERE t.kind = 'incident' AND t.ref = $1 ORDER BY j.starts_on, j.id`,
        [String(incidentId)],
      );
      return result.rows.map((row) => ({ id: Number(row.id), title: row.title, kind: row.kind }));
    },

    /** A foreign resident inside the area, locked (an outcome may change its status). */
    async lockResident(client: pg.PoolClient, id: number, areaCodes: string[]) {
      const result = await client.query<{ desa_code: string; status: string }>(
        `SELECT desa_code, status FROM foreign_resident WHERE id = $1 AND ${inArea('desa_code', '$2')} FOR UPDATE`,
        [id, areaCodes],
      );
      const row = result.rows[0];
      return row ? { desaCode: row.desa_code, status: row.status } : null;
    },

    /** A deportation carried out: the resident has left on that day. */
    async markDeported(client: pg.PoolClient, residentId: number, day: string): Promise<void> {
      await client.query(
        `UPDATE foreign_resident SET status = 'deported', left_on = $2, updated_at = now()
         WHERE id = $1 AND status = 'active'`,
        [residentId, day],
      );
    },

    async findOutcomeByKey(client: pg.PoolClient, accountId: number, key: string) {
      const result = await client.query(`${OUTCOME_SELECT} WHERE o.recorded_by = $1 AND o.idempotency_key = $2`, [
        accountId,
        key,
      ]);
      const row = result.rows[0];
      return row ? { digest: String(row.body_digest), outcome: toOutcome(row) } : null;
    },

    async lockKey(client: pg.PoolClient, scope: string): Promise<void> {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [scope]);
    },

    async insertOutcome(
      client: pg.PoolClient,
      outcome: {
        incidentId: number | null;
        residentId: number | null;
        jointActionId: number | null;
        kind: string;
        measure: string | null;
        people: number;
        decidedOn: string;
        agency: string;
        desaCode: string;
        note: string | null;
        accountId: number;
        accountAgency: string;
        idempotencyKey: string | null;
        digest: string;
      },
    ): Promise<StoredOutcome> {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO follow_up_outcome (incident_id, resident_id, joint_action_id, kind, measure, people, decided_on,
                                        agency_code, desa_code, note, recorded_by, recorded_by_agency, idempotency_key,
                                        body_digest)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          outcome.incidentId,
          outcome.residentId,
          outcome.jointActionId,
          outcome.kind,
          outcome.measure,
          outcome.people,
          outcome.decidedOn,
          outcome.agency,
          outcome.desaCode,
          outcome.note,
          outcome.accountId,
          outcome.accountAgency,
          outcome.idempotencyKey,
          outcome.digest,
        ],
      );
      const result = await client.query(`${OUTCOME_SELECT} WHERE o.id = $1`, [inserted.rows[0]!.id]);
      return toOutcome(result.rows[0]);
    },

    async outcomesOfIncident(incidentId: number): Promise<StoredOutcome[]> {
      const result = await pool.query(`${OUTCOME_SELECT} WHERE o.incident_id = $1 ORDER BY o.decided_on, o.id`, [
        incidentId,
      ]);
      return result.rows.map(toOutcome);
    },

    /** Outcome kinds of the incidents an account filed (what a reporter sees of its reports). */
    async outcomeKindsOfFilings(incidentIds: number[]) {
      if (incidentIds.length === 0) return [];
      const result = await pool.query<{
        incident_id: string;
        kind: string;
        measure: string | null;
        decided_on: string;
      }>(
        `SELECT incident_id, kind, measure, to_char(decided_on, 'YYYY-MM-DD') AS decided_on FROM follow_up_outcome
         WHERE incident_id = ANY($1::bigint[]) ORDER BY decided_on, id`,
        [incidentIds],
      );
      return result.rows.map((row) => ({
        incidentId: Number(row.incident_id),
        kind: row.kind,
        measure: row.measure,
        decidedOn: row.decided_on,
      }));
    },

    /** Every step of an incident, oldest first: filed (created), each status, and the other steps. */
    async timeline(incidentId: number): Promise<StoredStep[]> {
      const result = await pool.query(
        `SELECT ${utc('ts')} AS at, kind, status, agency, details, note FROM (
           SELECT h.changed_at AS ts, 'status' AS kind, h.status, COALESCE(h.agency_code, a.agency_code) AS agency,
                  '{}'::jsonb AS details, h.note, h.id AS n, 0 AS source
           FROM incident_status_history h LEFT JOIN account a ON a.id = h.changed_by WHERE h.incident_id = $1
           UNION ALL
           SELECT s.created_at, s.kind, NULL, s.agency_code, s.details, s.note, s.id, 1
           FROM incident_step s WHERE s.incident_id = $1) AS steps
         ORDER BY ts, source, n`,
        [incidentId],
      );
      return result.rows.map((row) => ({
        at: row.at,
        kind: row.kind,
        status: row.status,
        agency: row.agency,
        details: row.details,
        note: row.note,
      }));
    },

    /**
     * People per kabupaten, outcome kind and month decided, inside the area and the region; each a cell of the
     * outcomes behind it (ADR 0007).
     */
    async countOutcomes(
      areaCodes: string[],
      region: string | null,
      from: string,
      to: string,
    ): Promise<{ kabupaten: string; kind: string; month: string; people: Cell }[]> {
      const result = await pool.query(
        `SELECT left(desa_code, 5) AS kabupaten, kind, to_char(decided_on, 'YYYY-MM') AS month,
                sum(people)::bigint AS people, sum(disclosure_key::bigint) AS keys
         FROM follow_up_outcome
         WHERE ${inArea('desa_code', '$1')} AND ($2::text IS NULL OR desa_code = $2 OR starts_with(desa_code, $2 || '.'))
           AND decided_on BETWEEN $3 AND $4
         GROUP BY 1, 2, 3`,
        [areaCodes, region, from, to],
      );
      return result.rows.map((row) => ({
        kabupaten: row.kabupaten,
        kind: row.kind,
        month: row.month,
        people: cell(row.people, row.keys),
      }));
    },

    /** Reports (incidents filed by hand) of the period, inside the area and region: filed, triaged, with an outcome. */
    async countReports(areaCodes: string[], region: string | null, from: string, to: string) {
      const result = await pool.query<{ filed: number; triaged: number; with_outcome: number }>(
        `SELECT count(*)::int AS filed,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incident_status_history h WHERE h.incident_id = i.id
                                               AND h.status IN ('verified', 'not_substantiated')))::int AS triaged,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM follow_up_outcome o WHERE o.incident_id = i.id))::int
                  AS with_outcome
         FROM incident i
         WHERE i.filed_by IS NOT NULL AND ${inArea('i.desa_code', '$1')}
           AND ($2::text IS NULL OR i.desa_code = $2 OR starts_with(i.desa_code, $2 || '.'))
           AND i.created_at >= $3::date AND i.created_at < $4::date + 1`,
        [areaCodes, region, from, to],
      );
      const row = result.rows[0]!;
      return { filed: row.filed, triaged: row.triaged, withOutcome: row.with_outcome };
    },
  };
}

export type FollowUpRepository = ReturnType<typeof createFollowUpRepository>;
