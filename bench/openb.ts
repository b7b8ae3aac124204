import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { OpenbCellRunner } from '../src/run/openb-cell.js';
import { DEFAULT_OPENB_POLICIES, openbHeuristicPolicy } from '../src/run/openb-policies.js';
import type { OpenbWorld } from '../src/run/openb-world.js';
import { writeFileAtomic } from '../src/report/write-file-atomic.js';

/**
 * `tsx bench/openb.ts`: how fast the openb inflation experiment runs, per policy, on this
 * thread, through the cell runner `schedbench openb` uses: one untimed warm-up run per
 * policy (which must place tasks), then OPENB_BENCH_SEEDS timed runs (default 3: seeds
 * 42..44) on the GPU-node list and the default pod list. Prints tasks per second and ms
 * per run; writes reports/bench/openb.csv (wall-clock figures: they vary from run to run).
 */
function main(): void {
  const seeds = Number(process.env.OPENB_BENCH_SEEDS ?? 3);
  const names = [...DEFAULT_OPENB_POLICIES, 'FirstFit', 'WorstFit'];
  const world: OpenbWorld = {
    nodesFile: 'scenarios/data/openb/openb_node_list_gpu_node.csv',
    podsFile: 'scenarios/data/openb/openb_pod_list_default.csv',
    inflate: 1.3,
    tieBreak: 'node-rank',
    policies: names.map((n) => openbHeuristicPolicy(n)!),
  };
  // Reading the lists is the runner's one-off cost, outside the timed runs (as in a worker).
  const runner = new OpenbCellRunner(world);
  const run = (policy: string, seed: number) => runner.run(`openb/${policy}/${seed}`, { kind: 'openb', policy, seed }).openb!;
  const rows: { policy: string; runs: number; tasks_per_s: string; ms_per_run: string; us_per_task: string }[] = [];
  for (const policy of names) {
    if (run(policy, 41).scheduled === 0) throw new Error(`${policy}: the warm-up run placed no task; the benchmark would measure a no-op`);
    let tasks = 0;
    const start = performance.now();
    for (let s = 42; s < 42 + seeds; s++) tasks += run(policy, s).tasks;
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
