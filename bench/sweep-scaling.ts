import { Command } from 'commander';
import { warnOnStderr } from '../src/cli/warn-on-stderr.js';
import { parseSeeds } from '../src/cli/parse-seeds.js';
import type { Cell } from '../src/run/cell.js';
import { runCellsOnPool } from '../src/run/cell-pool.js';
import { buildScenarioPlan, loadScenarios } from '../src/run/index.js';

/**
 * `npx tsx bench/sweep-scaling.ts [scenario...] [--seeds S]`: how much 2 worker threads
 * speed a sweep up on this machine, as ratios measured in one run (absolute times on a
 * shared machine mean little). Three timings of the same cells (default: openb-replay,
 * seeds 1-3, 12 cells of a few seconds):
 *   A  the cells one after another in this thread (--jobs 1);
 *   B  the cells on 2 worker threads (--jobs 2);
 *   C  the limit: every cell twice at once, one copy per worker, so both threads do the
 *      whole sweep's work side by side; 2A / C is the throughput two threads get on this
 *      machine at all (shared caches, memory bandwidth, a neighbour on the host).
 * Prints A / B (the speedup), 2A / C (the machine's ceiling) and their ratio, and the
 * process's peak RSS after A and after B.
 */
async function main(): Promise<void> {
  const args = new Command('sweep-scaling')
    .argument('[scenario...]', 'scenario files', ['scenarios/openb-replay.yaml'])
    .option('--seeds <seeds>', 'seeds', '1-3')
    .parse(process.argv);
  const files = args.processedArgs[0] as string[];
  const plan = buildScenarioPlan(await loadScenarios(files, warnOnStderr), { seeds: parseSeeds(args.opts<{ seeds: string }>().seeds) });
  const events = { onStart: () => {}, onDone: () => {} };
  const timed = async (what: string, cells: readonly Cell[], jobs: number): Promise<number> => {
    const start = performance.now();
    await runCellsOnPool(plan.world, cells, jobs, events, () => false);
    const s = (performance.now() - start) / 1000;
    process.stderr.write(`sweep-scaling: ${what}: ${cells.length} cells on ${jobs === 1 ? 'this thread' : `${jobs} workers`} in ${s.toFixed(1)} s\n`);
    return s;
  };
  const mib = () => process.resourceUsage().maxRSS / 1024;
  const a = await timed('A', plan.cells, 1);
  const rssA = mib();
  const b = await timed('B', plan.cells, 2);
  const rssB = mib();
  const twice = plan.cells.flatMap((c) => [c, { ...c, id: `${c.id}#copy` }]);
  const c = await timed('C (limit)', twice, 2);
  const speedup = a / b;
  const ceiling = (2 * a) / c;
  console.table([{
    cells: plan.cells.length,
    'speedup A/B': speedup.toFixed(2),
    'ceiling 2A/C': ceiling.toFixed(2),
    'of ceiling': `${((speedup / ceiling) * 100).toFixed(0)}%`,
    'peak RSS after A (MiB)': rssA.toFixed(0),
    'peak RSS after B (MiB)': rssB.toFixed(0),
  }]);
}

await main();
