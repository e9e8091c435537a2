/**
 * The job queue (issue #13): pg-boss on the app's own database and pool. A filing kicks the alert job at once; a
 * sweep every minute evaluates whatever is left (a kick lost, a process stopped half-way), and every start evaluates
 * what arrived while no server ran — so no event waits on one process being up.
 */
import PgBoss from 'pg-boss';
import type { Pool } from '../db/pool.ts';
import type { AlertService } from '../services/alert-service.ts';

const ALERT_QUEUE = 'alerts';
const SWEEP_QUEUE = 'alerts-sweep';

export function createJobQueue(
  pool: Pool,
  alerts: AlertService,
  log: { warn: (object: object, message: string) => void },
) {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values) },
    schema: 'pgboss',
  });
  let started = false;
  const evaluate = async () => {
    await alerts.processPending();
  };

  return {
    async start(): Promise<void> {
      boss.on('error', (error) => log.warn({ err: error }, 'job queue error'));
      await boss.start();
      for (const name of [ALERT_QUEUE, SWEEP_QUEUE]) {
        if (!(await boss.getQueue(name))) await boss.createQueue(name);
      }
      await boss.work(ALERT_QUEUE, { pollingIntervalSeconds: 1 }, evaluate);
      await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, evaluate);
      await boss.schedule(SWEEP_QUEUE, '* * * * *');
      started = true;
      // What arrived while no server ran.
      await evaluate().catch((error: unknown) => log.warn({ err: error }, 'alert evaluation failed'));
    },

    /** Data arrived: evaluate the rules now (if the kick is lost, the sweep does it within a minute). */
    kick(): void {
      if (!started) return;
      boss.send(ALERT_QUEUE, {}).catch((error: unknown) => log.warn({ err: error }, 'alert job not queued'));
    },

    async stop(): Promise<void> {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
