/**
 * The job queue (issue #13): pg-boss on the app's own database and pool. Data that arrives (a filing, a committed
 * import) kicks the alert job at once; a sweep every minute evaluates whatever is left (a kick lost, a process stopped
 * half-way), sends the e-mails queued and wakes snoozes that ran out (their counts go up again, live); every start evaluates what arrived while no server ran; and every hour the
 * weekly digests and bursts are looked at (each is sent once a week per kecamatan, however often it runs) — so no
 * event waits on one process being up.
 */
import PgBoss from 'pg-boss';
import type { Pool } from '../db/pool.ts';
import type { AlertMail } from '../services/alert-mail.ts';
import type { AlertService } from '../services/alert-service.ts';

const ALERT_QUEUE = 'alerts';
const SWEEP_QUEUE = 'alerts-sweep';
const DIGEST_QUEUE = 'alerts-digest';

export function createJobQueue(
  pool: Pool,
  alerts: AlertService,
  mail: AlertMail | null,
  log: { warn: (object: object, message: string) => void },
  options: { digests: boolean } = { digests: true },
) {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values) },
    schema: 'pgboss',
  });
  let started = false;
  const evaluate = async () => {
    await alerts.processPending();
    await mail?.sendPending();
  };
  const sweep = async () => {
    await evaluate();
    await alerts.wakeSnoozed();
  };
  const digest = async () => {
    await alerts.evaluateScheduled();
    await mail?.sendPending();
  };

  return {
    async start(): Promise<void> {
      boss.on('error', (error) => log.warn({ err: error }, 'job queue error'));
      await boss.start();
      for (const name of [ALERT_QUEUE, SWEEP_QUEUE, DIGEST_QUEUE]) {
        if (!(await boss.getQueue(name))) await boss.createQueue(name);
      }
      await boss.work(ALERT_QUEUE, { pollingIntervalSeconds: 1 }, evaluate);
      await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, sweep);
      await boss.work(DIGEST_QUEUE, { pollingIntervalSeconds: 30 }, digest);
      await boss.schedule(SWEEP_QUEUE, '* * * * *');
      if (options.digests) await boss.schedule(DIGEST_QUEUE, '7 * * * *');
      else await boss.unschedule(DIGEST_QUEUE);
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
