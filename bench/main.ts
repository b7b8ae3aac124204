import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { Command, CommanderError } from 'commander';
import { InputError, oneLine } from '../src/model/errors.js';
import { checkOutputFolder, ReportError } from '../src/report/index.js';
import { sweepProgress } from '../src/cli/progress.js';
import { reportSweepOutcome, sweepFlags } from '../src/cli/sweep-flags.js';
import { warnOnStderr } from '../src/cli/warn-on-stderr.js';
import { buildScenarioPlan, defaultOutDir, loadScenarios, runSweep } from '../src/run/index.js';
import type { BenchRow } from '../src/report/index.js';
import { microCells, runMicroBenchmarks, writeLatestBenchCsv } from './micro-benchmarks.js';
import type { CellResult } from './run-cell.js';

/**
 * `npm run bench`, the main job:
 *   1. the scheduling-core micro-benchmarks (tinybench; micro-benchmarks.ts), printed as a
 *      table with each cell's ratio to the limit loop at its size;
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
  const scenarios = (await loadScenarios(files, warnOnStderr)).filter((s) => s.labels.includes('default'));
  const plan = buildScenarioPlan(scenarios);
  const out = args.out ?? defaultOutDir('bench', new Date());
  checkOutputFolder(out, 'report');
  const started = performance.now();
  const bench = await runMicroBenchmarks(microCells(), Number(process.env.BENCH_TIME_MS ?? 1500));
  const r = await runSweep(plan, { out, ...flags, bench: bench.map(toBenchRow) }, sweepProgress('bench'));
  writeLatestBenchCsv(bench);
  process.stderr.write(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  reportSweepOutcome(r, join(r.dir, 'index.html'));
}

function toBenchRow(r: CellResult): BenchRow {
  return {
    benchmark: r.name, nodes: r.nodes, existingPods: r.existingPods, percentageOfNodesToScore: r.percentageOfNodesToScore,
    podsPerS: r.podsPerS, p50Us: r.p50Us, p99Us: r.p99Us, meanUs: r.meanUs, samples: r.samples,
  };
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
