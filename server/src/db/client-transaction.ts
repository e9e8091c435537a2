/**
 * BEGIN, COMMIT and ROLLBACK on a client the caller holds, for the two loads that `withTransaction`
 * (db/transaction.ts) does not fit: the boundary import and the demo load take an advisory lock, end early with a
 * ROLLBACK when there is nothing to do, and ANALYZE on the same client after the commit.
 */
import type pg from 'pg';

export async function beginTransaction(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN');
}

export async function commitTransaction(client: pg.PoolClient): Promise<void> {
  await client.query('COMMIT');
}

export async function rollbackTransaction(client: pg.PoolClient): Promise<void> {
  await client.query('ROLLBACK');
}
