import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { prepareOpenbInput } from '../src/experiments/openb-experiment.js';
import { DEFAULT_OPENB_POLICIES, OPENB_POLICIES } from '../src/experiments/openb-policies.js';
import { runOpenbInflation } from '../src/experiments/openb-run.js';
import { writeFileAtomic } from '../src/report/write-file-atomic.js';

/**
 * `tsx bench/openb.ts`: how fast the openb inflation experiment runs, per policy, on this
 * thread: one untimed warm-up run per policy (which must place tasks), then
 * OPENB_BENCH_SEEDS timed runs (default 3: seeds 42..44) on the GPU-node list and the
 * default pod list. Prints tasks per second and ms per run; writes
 * reports/bench/openb.csv (wall-clock figures: they vary from run to run).
 */
function main(): void {
  const seeds = Number(process.env.OPENB_BENCH_SEEDS ?? 3);
  const input = prepareOpenbInput('scenarios/data/openb/openb_node_list_gpu_node.csv', 'scenarios/data/openb/openb_pod_list_default.csv', 1.3, 'node-rank');
  const rows: { policy: string; runs: number; tasks_per_s: string; ms_per_run: string; us_per_task: string }[] = [];
  for (const policy of [...DEFAULT_OPENB_POLICIES, 'FirstFit', 'WorstFit']) {
    const how = OPENB_POLICIES.get(policy)!;
    const warm = runOpenbInflation(input, policy, how, 41);
    if (warm.scheduled === 0) throw new Error(`${policy}: the warm-up run placed no task; the benchmark would measure a no-op`);
    let tasks = 0;
    const start = performance.now();
    for (let s = 42; s < 42 + seeds; s++) tasks += runOpenbInflation(input, policy, how, s).tasks;
    const ms = performance.now() - start;
    rows.push({
      policy, runs: seeds, tasks_per_s: ((tasks * 1000) / ms).toFixed(0), ms_per_run: (ms / seeds).toFixed(1), us_per_task: ((ms * 1000) / tasks).toFixed(2),
    });
    process.stderr.write(`bench openb: ${policy}: ${(ms / seeds).toFixed(0)} ms per run, ${((tasks * 1000) / ms).toFixed(0)} tasks/s\n`);
  }
  console.table(rows);
  const dir = join('reports', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'openb.csv'), stringify(rows, { header: true }));
  process.stdout.write(`wrote ${join(dir, 'openb.csv')}\n`);
}

main();
