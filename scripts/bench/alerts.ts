/**
 * The early warning (issue #13) at bench scale in `pantau_bench` (200,000 residents, ~100,000 incidents): what one
 * filed report costs the rules (near the border, a burst in its kecamatan), and what the hourly run costs — the
 * weekly digests about people, bursts, emerging hot spots per province and growing clusters — with one intel account
 * for each of the seven provinces to tell. Each run's notifications are removed before the next, so every run does
 * the same work. In process, on the app's own services. Run: `npm run bench:alerts`.
 */
process.env.PANTAU_DB_NAME = 'pantau_bench';
const { setUpBoundaries } = await import('../import-boundaries.ts');
const { createPool } = await import('../../server/src/db/pool.ts');
const { generateDemoData } = await import('../../server/src/demo/demo-data.ts');
const { buildApp } = await import('../../server/src/app.ts');
const { loadConfig } = await import('../../server/src/config.ts');
const { systemActor } = await import('../../server/src/domain/actor.ts');
const { isoWeek } = await import('../../server/src/domain/alert-rules.ts');
const { ms, summarise } = await import('./stats.ts');

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const url = await setUpBoundaries();
const pool = createPool(url, () => undefined);
const generated = await generateDemoData(pool, { scale: 'bench' });
if (generated.loaded) console.log(`bench data generated: ${JSON.stringify(generated.counts)}`);
const app = await buildApp({ config: loadConfig(), pool, logger: false, jobs: false });
await app.ready();

const provinces = ['14', '21', '53', '61', '62', '64', '65'];
const accounts: number[] = [];
for (const code of provinces) {
  const { account } = await app.accountAdmin.createAccount(systemActor, {
    username: `bench-alerts-${code}-${Date.now()}`,
    displayName: `Bench ${code}`,
    role: 'intel',
    agencyCode: 'IMIGRASI',
    areaCodes: [code],
  });
  accounts.push(account.id);
}
const today = new Date().toISOString().slice(0, 10);
const forget = () =>
  pool.query(`DELETE FROM notification WHERE account_id = ANY($1::bigint[]) OR subject LIKE $2`, [
    accounts,
    `%:${isoWeek(today)}`,
  ]);

function row(name: string, times: number[], note: string): void {
  const summary = summarise(times);
  console.log(`| ${name} | ${ms(summary.median)} | ${ms(summary.min)} | ${ms(summary.max)} | ${note} |`);
}

console.log(`\n${REPEAT} timed runs each after one warm-up run, Node ${process.version}\n`);
console.log('| step | median (ms) | min (ms) | max (ms) | told |');
console.log('|---|---:|---:|---:|---|');

// One filed report at Entikong: its event evaluated (near the border, a burst in its kecamatan).
{
  const times: number[] = [];
  let told = 0;
  for (let run = 0; run <= REPEAT; run++) {
    const incident = await pool.query<{ id: string }>(
      `INSERT INTO incident (type, occurred_at, location, desa_code, nationalities, people_count, severity,
                             reporting_agency, source)
       SELECT 'tppo', now(), ST_PointOnSurface(geom), code, '{ZZZ}', 2, 'tinggi', 'PEMDA', 'manual'
       FROM desa WHERE code = '61.03.21.2003' RETURNING id`,
    );
    await pool.query(`INSERT INTO alert_event (kind, incident_id) VALUES ('incident.filed', $1)`, [
      incident.rows[0]!.id,
    ]);
    const started = performance.now();
    const result = await app.alerts.processPending();
    if (run > 0) times.push(performance.now() - started);
    told = result.notifications;
    await pool.query('DELETE FROM incident WHERE id = $1', [incident.rows[0]!.id]);
  }
  row('one filed report: near the border and a burst in its kecamatan', times, `${told} accounts`);
}

// The hourly run over everything, as on the schedule.
{
  const times: number[] = [];
  let told = 0;
  for (let run = 0; run <= REPEAT; run++) {
    await forget();
    const started = performance.now();
    told = await app.alerts.evaluateScheduled(today);
    if (run > 0) times.push(performance.now() - started);
  }
  row('the hourly run: digests, bursts, emerging hot spots, growing clusters', times, `${told} notifications`);
  // The same week again: every alert already told, so this is the rules' own cost without storing any.
  const again: number[] = [];
  for (let run = 0; run <= REPEAT; run++) {
    const started = performance.now();
    await app.alerts.evaluateScheduled(today);
    if (run > 0) again.push(performance.now() - started);
  }
  row('the next hourly run of the same week (nothing new to tell)', again, '0 notifications');
  await forget();
}

await pool.query('UPDATE account SET active = false WHERE id = ANY($1::bigint[])', [accounts]);
await app.close();
await pool.end();
