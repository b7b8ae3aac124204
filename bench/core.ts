import { Command, CommanderError } from 'commander';
import { limitCellName, microCells, runMicroBenchmarks, writeLatestBenchCsv } from './micro-benchmarks.js';

/**
 * `npm run bench:core`: only the scheduling-core micro-benchmarks (no scenario suite),
 * printed as a table with each cell's ratio to the limit loop at its size, and written
 * to reports/bench/bench.csv. `--only <regexp>` keeps the cells whose name matches, plus
 * the limit cell of each size they use (so ratios are always same-run). BENCH_TIME_MS
 * sets the time per tinybench cell (default 1500).
 */
async function main(): Promise<void> {
  const args = new Command('npm run bench:core --')
    .option('--only <regexp>', 'run only the cells whose name matches (and their sizes\' limit cells)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`bench:core: ${text.trim().replace(/^error: /, '')}\n`) })
    .parse(process.argv).opts<{ only?: string }>();
  let cells = microCells();
  if (args.only !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(args.only);
    } catch (e) {
      throw new CommanderError(2, 'bench:core.only', `--only: ${e instanceof Error ? e.message : String(e)}`);
    }
    const chosen = cells.filter((c) => re.test(c.name));
    if (chosen.length === 0) throw new CommanderError(2, 'bench:core.only', `--only ${args.only} matches no cell (cells: ${cells.map((c) => c.name).join(', ')})`);
    const limits = new Set(chosen.map((c) => limitCellName(c.setup.nodes)));
    cells = cells.filter((c) => chosen.includes(c) || limits.has(c.name));
  }
  const results = await runMicroBenchmarks(cells, Number(process.env.BENCH_TIME_MS ?? 1500));
  writeLatestBenchCsv(results);
}

try {
  await main();
} catch (e) {
  if (!(e instanceof CommanderError)) throw e;
  // Commander printed its own refusals already; ours are printed here.
  if (e.code === 'bench:core.only') process.stderr.write(`bench:core: ${e.message}\n`);
  process.exitCode = e.exitCode === 0 ? 0 : 2;
}
