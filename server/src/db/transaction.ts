/** The one way Pantau writes in a transaction: BEGIN, the work, COMMIT — or ROLLBACK on any error, and release. */
import type pg from 'pg';
import type { Pool } from './pool.ts';

export async function withTransaction<T>(pool: Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection cut while the client is held (the database restarted, the backend terminated) emits 'error' on the
  // client as well as failing its query: unheard, it would crash the process. The broken client is not pooled again.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
