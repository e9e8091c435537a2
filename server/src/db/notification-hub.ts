/**
 * Live unread counts (issue #13): every server process listens on one PostgreSQL channel, on which a committed
 * notification (or an acknowledgement) announces the account it concerns, and tells that account's open streams in
 * this process. A listener lost with its connection (the database restarting) listens again.
 */
import type pg from 'pg';
import type { Pool } from './pool.ts';
import { NOTIFICATION_CHANNEL } from '../repositories/alert-repository.ts';

type Listener = () => void;

export function createNotificationHub(pool: Pool, log: { warn: (object: object, message: string) => void }) {
  const listeners = new Map<number, Set<Listener>>();
  let client: pg.PoolClient | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function dispatch(message: pg.Notification): void {
    if (message.channel !== NOTIFICATION_CHANNEL) return;
    for (const listener of listeners.get(Number(message.payload)) ?? []) listener();
  }

  async function listen(): Promise<void> {
    if (closed || client) return;
    let connected: pg.PoolClient | null = null;
    let released = false;
    try {
      connected = await pool.connect();
      if (closed) {
        connected.release();
        return;
      }
      connected.on('notification', dispatch);
      const held = connected;
      held.on('error', (error) => {
        log.warn({ err: error }, 'notification listener lost');
        if (!released) held.release(true);
        released = true;
        if (client === held) client = null;
        schedule();
      });
      await held.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
      client = held;
      // What was announced while not listening: every open stream checks again.
      for (const set of listeners.values()) for (const listener of set) listener();
    } catch (error) {
      log.warn({ err: error }, 'notification listener could not start');
      // A connection taken but not listening goes back (broken), so retries never use up the pool.
      if (connected && client !== connected && !released) connected.release(true);
      released = true;
      schedule();
    }
  }

  function schedule(): void {
    if (closed) return;
    clearTimeout(retry);
    retry = setTimeout(() => void listen(), 2000);
    retry.unref();
  }

  return {
    start: listen,

    /** Calls `listener` whenever the account's notifications change; answers the way to stop. */
    subscribe(accountId: number, listener: Listener): () => void {
      const set = listeners.get(accountId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(accountId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(accountId);
      };
    },

    async stop(): Promise<void> {
      closed = true;
      clearTimeout(retry);
      const held = client;
      client = null;
      if (held) {
        await held.query(`UNLISTEN ${NOTIFICATION_CHANNEL}`).catch(() => undefined);
        held.release();
      }
    },
  };
}

export type NotificationHub = ReturnType<typeof createNotificationHub>;
