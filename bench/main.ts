import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { availableParallelism } from 'node:os';
import { Command, CommanderError } from 'commander';
import { InputError, oneLine } from '../src/model/errors.js';
import { checkOutputFolder, ReportError } from '../src/report/index.js';
import { sweepProgress } from '../src/cli/progress.js';
import { reportSweepOutcome, sweepFlags } from '../src/cli/sweep-flags.js';
import { warnOnStderr } from '../src/cli/warn-on-stderr.js';
import { buildScenarioPlan, defaultOutDir, loadScenarios, runSweep } from '../src/run/index.js';
import type { BenchRow } from '../src/report/index.js';
import { writeFileAtomic } from '../src/report/write-file-atomic.js';
import { runBatchCell } from './run-batch.js';
import type { CellResult } from './run-cell.js';
import { runCell } from './run-cell.js';
import type { AffinityWorkload } from './scheduler-perf-affinity.js';
import { affinityWorkload } from './scheduler-perf-affinity.js';
import type { SetupOptions } from './setup.js';
import { mixedRequests, schedulingBasic } from './scheduling-basic.js';

/**
 * `npm run bench`, the main job:
 *   1. the scheduling-core micro-benchmarks (tinybench), printed as a table;
 *   2. every scenario in scenarios/ labelled `default`, each policy on each seed, as one
 *      plan on the worker pool (`--jobs N`, default: the machine's available parallelism);
 *   3. one report folder, reports/bench-<UTC time>/, with the CSVs (bench.csv among them)
 *      and index.html; its path is printed last.
 * BENCH_TIME_MS sets the time per SchedulingBasic cell (default 1500). The
 * micro-benchmarks run first, alone, so no worker competes with them for a core.
 */
async function main(): Promise<void> {
  const args = new Command('npm run bench --')
    .option('--jobs <n>', 'worker threads for the scenario runs; 1 runs them in this process', String(availableParallelism()))
    .option('--out <dir>', 'report folder (default: reports/bench-<UTC time>)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`bench: ${text.trim().replace(/^error: /, '')}\n`) })
    .parse(process.argv).opts<{ jobs: string; out?: string }>();
  // Everything that can be refused is checked before the minutes of micro-benchmarks.
  const flags = sweepFlags(args);
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => join('scenarios', f));
  const scenarios = loadScenarios(files, warnOnStderr).filter((s) => s.labels.includes('default'));
  const plan = buildScenarioPlan(scenarios);
  const out = args.out ?? defaultOutDir('bench', new Date());
  checkOutputFolder(out, 'report');
  const started = performance.now();
  const bench = await microBenchmarks(Number(process.env.BENCH_TIME_MS ?? 1500));
  const r = await runSweep(plan, { out, ...flags, bench: bench.map(toBenchRow) }, sweepProgress('bench'));
  writeLatestBenchCsv(bench);
  process.stderr.write(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  reportSweepOutcome(r, join(r.dir, 'index.html'));
}

async function microBenchmarks(timeMs: number): Promise<CellResult[]> {
  const cells: [string, SetupOptions, 'tinybench' | 'batch'][] = [];
  for (const nodes of [500, 5000, 20000]) {
    for (const pct of [0, 100]) {
      cells.push([`SchedulingBasic/${nodes}Nodes/pct=${pct === 0 ? 'adaptive' : pct}`, schedulingBasic(nodes, Math.min(1000, nodes), pct), 'tinybench']);
    }
  }
  cells.push(['MixedRequests/5000Nodes/pct=100', mixedRequests(5000, 1000, 100), 'tinybench']);
  const workloads: AffinityWorkload[] = ['SchedulingPodAntiAffinity', 'SchedulingPodAffinity', 'TopologySpreading', 'PreferredTopologySpreading'];
  for (const w of workloads) {
    for (const existing of [5000, 50000]) cells.push([`${w}/5000Nodes/${existing}ExistingPods`, affinityWorkload(w, 5000, existing, 5000), 'batch']);
  }
  const results: CellResult[] = [];
  for (const [name, opts, kind] of cells) {
    process.stderr.write(`bench: ${name} ...\n`);
    const r = kind === 'tinybench' ? await runCell(name, opts, timeMs) : await runBatchCell(name, opts, 2);
    results.push(r);
    process.stderr.write(`bench: ${name}: ${r.podsPerS.toFixed(0)} pods/s, p50 ${r.p50Us.toFixed(1)} µs, p99 ${r.p99Us.toFixed(1)} µs\n`);
  }
  console.table(results.map((r) => ({
    benchmark: r.name, 'pods/s': Math.round(r.podsPerS), 'p50 µs': r.p50Us.toFixed(1), 'p99 µs': r.p99Us.toFixed(1), samples: r.samples,
  })));
  return results;
}

function toBenchRow(r: CellResult): BenchRow {
  return {
    benchmark: r.name, nodes: r.nodes, existingPods: r.existingPods, percentageOfNodesToScore: r.percentageOfNodesToScore,
    podsPerS: r.podsPerS, p50Us: r.p50Us, p99Us: r.p99Us, meanUs: r.meanUs, samples: r.samples,
  };
}

/** reports/bench/bench.csv: the latest micro-benchmark figures, for quick comparison. */
function writeLatestBenchCsv(results: readonly CellResult[]): void {
  const dir = join('reports', 'bench');
  mkdirSync(dir, { recursive: true });
  const csv = stringify(results.map((r) => ({
    benchmark: r.name, nodes: r.nodes, existing_pods: r.existingPods, percentage_of_nodes_to_score: r.percentageOfNodesToScore,
    pods_per_s: r.podsPerS.toFixed(1), p50_us: r.p50Us.toFixed(2), p99_us: r.p99Us.toFixed(2), mean_us: r.meanUs.toFixed(2), samples: r.samples,
  })), { header: true });
  writeFileAtomic(join(dir, 'bench.csv'), csv);
}

// Bad flags and bad input are one line and exit 2, as in the schedbench command.
try {
  await main();
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else if (e instanceof InputError || e instanceof ReportError) {
    process.stderr.write(`bench: ${oneLine(e.message)}\n`);
    process.exitCode = 2;
  } else throw e;
}
