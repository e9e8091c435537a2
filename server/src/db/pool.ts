import pg from 'pg';

/** node-postgres returns int8 and numeric as strings; our counts and distances fit in a double. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Pool = pg.Pool;

export function createPool(connectionString: string, onIdleError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30000 });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', onIdleError);
  return pool;
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);
// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, cannot connect now).
const CONNECTION_SQLSTATE = /^(08|57P0[1-4])/;

/** True when an error means "the database is not reachable right now", as opposed to a bad query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || CONNECTION_SQLSTATE.test(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}
