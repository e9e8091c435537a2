/** The one way Pantau writes in a transaction: BEGIN, the work, COMMIT — or ROLLBACK on any error, and release. */
import type pg from 'pg';
import type { Pool } from './pool.ts';

export async function withTransaction<T>(pool: Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
