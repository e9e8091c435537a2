/**
 * One vocabulary (issue #10): the database's CHECK constraints and agency table list exactly the values of
 * server/src/schemas/vocabulary.ts, and every value has a label in both dictionaries of the web app.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ADMINISTRATIVE_MEASURES,
  AGENCIES,
  ALERT_RULES,
  ANALYSIS_KINDS,
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  IMPORT_KINDS,
  INCIDENT_STATUSES,
  JOINT_ACTION_KINDS,
  OUTCOME_KINDS,
  INCIDENT_TYPES,
  LAYERS,
  NATIONALITY_GROUPS,
  PERMIT_TYPES,
  RESIDENT_STATUSES,
  ROLES,
  SEVERITIES,
  TARGET_KINDS,
  TARGET_SOURCES,
  WORKPLACE_SECTORS,
} from '../src/schemas/vocabulary.ts';
import { createTestApp, type TestContext } from './helpers.ts';

let context: TestContext;
/** The web app's dictionaries, loaded as vitest resolves them (the web's own module resolution). */
let id: Record<string, string>;
let en: Record<string, string>;
beforeAll(async () => {
  context = await createTestApp();
  const dictionaries = '../../web/src/lib/i18n';
  ({ id } = await import(`${dictionaries}/id.ts`));
  ({ en } = await import(`${dictionaries}/en.ts`));
});
afterAll(() => context.close());

/** The quoted values of the CHECK constraint on one column (`col IN ('a', 'b')` or `col = ANY (ARRAY['a', …])`). */
async function checkedValues(table: string, column: string): Promise<string[]> {
  const result = await context.pool.query<{ definition: string }>(
    `SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
     WHERE c.conrelid = $1::regclass AND c.contype = 'c'`,
    [table],
  );
  const definition = result.rows
    .map((row) => row.definition)
    .find((text) => new RegExp(`\\(\\(?${column}\\b`).test(text) && /ANY|IN \(/.test(text));
  expect({ table, column, found: definition !== undefined }).toEqual({ table, column, found: true });
  return [...definition!.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

describe('the database lists the same values', () => {
  test.each([
    ['account', 'role', ROLES],
    ['audit_log', 'outcome', AUDIT_OUTCOMES],
    ['foreign_resident', 'permit_type', PERMIT_TYPES],
    ['foreign_resident', 'status', RESIDENT_STATUSES],
    ['incident', 'type', INCIDENT_TYPES],
    ['incident', 'status', INCIDENT_STATUSES],
    ['incident', 'severity', SEVERITIES],
    ['incident_status_history', 'status', INCIDENT_STATUSES],
    ['workplace', 'sector', WORKPLACE_SECTORS],
    ['joint_action', 'kind', JOINT_ACTION_KINDS],
    ['joint_action_target', 'kind', TARGET_KINDS],
    ['joint_action_target', 'source', TARGET_SOURCES],
    ['follow_up_outcome', 'kind', OUTCOME_KINDS],
    ['follow_up_outcome', 'measure', ADMINISTRATIVE_MEASURES],
    ['alert_rule_setting', 'rule', ALERT_RULES],
    ['alert_subscription', 'rule', ALERT_RULES],
  ] as const)('%s.%s', async (table, column, values) => {
    expect((await checkedValues(table, column)).sort()).toEqual([...values].sort());
  });

  test('agency', async () => {
    const result = await context.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code');
    expect(result.rows.map((row) => row.code)).toEqual([...AGENCIES].sort());
  });
});

describe('every value has a label in Bahasa Indonesia and in English', () => {
  const labelled: [string, readonly string[]][] = [
    ['role', ROLES],
    ['audit.action', AUDIT_ACTIONS],
    ['permitType', PERMIT_TYPES],
    ['residentStatus', RESIDENT_STATUSES],
    ['incidentType', INCIDENT_TYPES],
    ['incidentStatus', INCIDENT_STATUSES],
    ['severity', SEVERITIES],
    ['sector', WORKPLACE_SECTORS],
    ['nationalityGroup', NATIONALITY_GROUPS],
    ['import.kind', IMPORT_KINDS],
    ['layers', LAYERS],
    ['analysis.kind', ANALYSIS_KINDS],
    ['outcomeKind', OUTCOME_KINDS],
    ['measure', ADMINISTRATIVE_MEASURES],
    ['jointActionKind', JOINT_ACTION_KINDS],
    ['targetKind', TARGET_KINDS],
    ['targetSource', TARGET_SOURCES],
    ['alertRule', ALERT_RULES],
  ];
  test.each(labelled)('%s.*', (prefix, values) => {
    const missing = values.flatMap((value) => {
      const key = `${prefix}.${value}`;
      return [
        ...(typeof id[key] === 'string' ? [] : [`id: ${key}`]),
        ...(typeof en[key] === 'string' ? [] : [`en: ${key}`]),
      ];
    });
    expect(missing).toEqual([]);
  });
});
