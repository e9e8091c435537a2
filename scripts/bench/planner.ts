/**
 * The desa binaan planner (issue #12) at bench scale in `pantau_bench`: the server's one answer for every desa of the
 * seven provinces (as intel and as a member of another agency, whose counts pass the disclosure control), then what
 * the browser computes from it with the browser's own module (web/src/lib/planner/compute.ts, turf) — the people near
 * each desa once per answer, the re-ranking on a slider move, the greedy plan of 10 desa within 10 km, the coverage of
 * a plan, and the rank sensitivity of the chosen desa. Run: `npm run bench:planner`.
 */
import { DEFAULT_WEIGHTS } from '../../server/src/domain/planner-score.ts';
import type { PlannerAnswer } from '../../server/src/domain/planner-plan.ts';
import {
  coverageModel,
  coverageOf,
  prepare,
  rank,
  sensitivity,
  suggestPlan,
} from '../../web/src/lib/planner/compute.ts';
import { startBenchServer, timeRequests } from './bench-scale.ts';
import { ms, summarise } from './stats.ts';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);

function time(name: string, work: () => unknown): void {
  const times: number[] = [];
  for (let run = 0; run <= REPEAT; run++) {
    const started = performance.now();
    work();
    if (run > 0) times.push(performance.now() - started);
  }
  const summary = summarise(times);
  console.log(`| ${name} | ${ms(summary.median)} | ${ms(summary.min)} | ${ms(summary.max)} |`);
}

for (const role of ['intel', 'member'] as const) {
  const server = await startBenchServer(role);
  console.log(`\n### as ${role}: ${REPEAT} timed runs each after one warm-up run\n`);
  await timeRequests(
    server,
    [
      ['candidates: every desa of the seven provinces', '/api/planner/candidates'],
      ['candidates: Kalimantan Barat', '/api/planner/candidates?region=61'],
      ['candidates: Kab. Sanggau', '/api/planner/candidates?region=61.03'],
    ],
    REPEAT,
  );
  const response = await fetch(`${server.origin}/api/planner/candidates`, { headers: { cookie: server.cookie } });
  const answer = (await response.json()) as PlannerAnswer;
  server.stop();

  console.log(`\nIn the browser's module (Node ${process.version}), ${answer.candidates.length} candidates:\n`);
  console.log('| step | median (ms) | min (ms) | max (ms) |');
  console.log('|---|---:|---:|---:|');
  const prepared = prepare(answer);
  time('people near each desa and the normalised criteria (once per answer)', () => prepare(answer));
  let weights = { ...DEFAULT_WEIGHTS };
  const move = () => (weights = { ...weights, incidents: weights.incidents === 25 ? 40 : 25 });
  time('re-rank on a slider move', () => rank(prepared, move()));
  const ranked = rank(prepared, weights);
  const reach = { radiusKm: 10, sameKecamatan: false };
  time('who reaches whom within 10 km (once per answer and reach)', () =>
    coverageModel(prepared, answer.binaan, reach),
  );
  const model = coverageModel(prepared, answer.binaan, reach);
  time('greedy plan of 10 desa', () => suggestPlan(model, ranked, 10, new Set()));
  const plan = suggestPlan(model, ranked, 10, new Set()).picks.map((pick) => pick.code);
  time('coverage of a plan of 10', () => coverageOf(model, ranked, plan));
  time('rank sensitivity of one desa (14 rankings)', () => sensitivity(prepared, weights, ranked[0]!.code));
  time('a slider move in all (re-rank, suggestion, coverage, sensitivity)', () => {
    const moved = rank(prepared, move());
    suggestPlan(model, moved, 10, new Set());
    coverageOf(model, moved, plan);
    sensitivity(prepared, weights, moved[0]!.code);
  });
}
