import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { CellResult } from './run-cell.js';
import { runCell } from './run-cell.js';
import { runBatchCell } from './run-batch.js';
import type { AffinityWorkload } from './scheduler-perf-affinity.js';
import { affinityWorkload } from './scheduler-perf-affinity.js';
import { mixedRequests, schedulingBasic } from './scheduling-basic.js';

/**
 * `npm run bench`: the scheduling-core micro-benchmarks. Prints a table and writes
 * reports/bench/bench.csv (wall-clock figures: they vary from run to run).
 * BENCH_TIME_MS sets the time per cell (default 1500).
 */
async function main(): Promise<void> {
  const timeMs = Number(process.env.BENCH_TIME_MS ?? 1500);
  const cells: [string, ReturnType<typeof schedulingBasic>][] = [];
  for (const nodes of [500, 5000, 20000]) {
    for (const pct of [0, 100]) {
      cells.push([`SchedulingBasic/${nodes}Nodes/pct=${pct === 0 ? 'adaptive' : pct}`, schedulingBasic(nodes, Math.min(1000, nodes), pct)]);
    }
  }
  cells.push(['MixedRequests/5000Nodes/pct=100', mixedRequests(5000, 1000, 100)]);
  const results: CellResult[] = [];
  for (const [name, opts] of cells) {
    process.stderr.write(`bench: ${name} ...\n`);
    const r = await runCell(name, opts, timeMs);
    results.push(r);
    process.stderr.write(`bench: ${name}: ${r.podsPerS.toFixed(0)} pods/s, p50 ${r.p50Us.toFixed(1)} µs, p99 ${r.p99Us.toFixed(1)} µs\n`);
  }
  const workloads: AffinityWorkload[] = ['SchedulingPodAntiAffinity', 'SchedulingPodAffinity', 'TopologySpreading', 'PreferredTopologySpreading'];
  for (const w of workloads) {
    for (const existing of [5000, 50000]) {
      const name = `${w}/5000Nodes/${existing}ExistingPods`;
      process.stderr.write(`bench: ${name} ...\n`);
      const r = await runBatchCell(name, affinityWorkload(w, 5000, existing, 5000), 2);
      results.push(r);
      process.stderr.write(`bench: ${name}: ${r.podsPerS.toFixed(0)} pods/s, p50 ${r.p50Us.toFixed(1)} µs, p99 ${r.p99Us.toFixed(1)} µs\n`);
    }
  }
  console.table(results.map((r) => ({
    benchmark: r.name, 'pods/s': Math.round(r.podsPerS), 'p50 µs': r.p50Us.toFixed(1), 'p99 µs': r.p99Us.toFixed(1), samples: r.samples,
  })));
  const dir = join('reports', 'bench');
  mkdirSync(dir, { recursive: true });
  const csv = stringify(results.map((r) => ({
    benchmark: r.name, nodes: r.nodes, existing_pods: r.existingPods, percentage_of_nodes_to_score: r.percentageOfNodesToScore,
    pods_per_s: r.podsPerS.toFixed(1), p50_us: r.p50Us.toFixed(2), p99_us: r.p99Us.toFixed(2), mean_us: r.meanUs.toFixed(2), samples: r.samples,
  })), { header: true });
  const tmp = join(dir, '.bench.csv.tmp');
  writeFileSync(tmp, csv);
  renameSync(tmp, join(dir, 'bench.csv'));
  process.stdout.write(`wrote ${join(dir, 'bench.csv')}\n`);
}

await main();
