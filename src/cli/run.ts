import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { makeProgress } from './progress.js';
import { defaultOutDir, loadScenarios, runSuite } from './run-suite.js';

/** Parses "1,2,3" or "42-51" into seeds. */
export function parseSeeds(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a || b - a > 1000) throw new InvalidArgumentError('expected a range like 42-51 (at most 1001 seeds)');
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const seeds = text.split(',').map((x) => x.trim());
  if (seeds.some((x) => !/^\d+$/.test(x))) throw new InvalidArgumentError('expected seeds like 1,2,3 or 42-51');
  return seeds.map(Number);
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run scenario files: every policy on every seed in the simulator, then CSVs and an HTML report')
    .argument('<scenario...>', 'scenario files (YAML or JSON)')
    .option('--seeds <seeds>', 'seeds instead of the scenarios\' own: 1,2,3 or 42-51', parseSeeds)
    .option('--policy <name>', 'run only this policy')
    .option('--out <dir>', 'report folder (default: reports/<scenario>-<UTC time>)')
    .action(async (files: string[], opts: { seeds?: number[]; policy?: string; out?: string }) => {
      const scenarios = loadScenarios(files);
      const out = opts.out ?? defaultOutDir(scenarios.length === 1 ? scenarios[0]!.name : 'suite', new Date());
      const r = await runSuite(scenarios, { ...(opts.seeds ? { seeds: opts.seeds } : {}), ...(opts.policy ? { policy: opts.policy } : {}) }, out, makeProgress());
      if (r.interrupted) {
        process.stderr.write(`interrupted: kept the ${r.runs} finished runs of ${r.planned} in ${r.dir}\n`);
        process.exitCode = 130;
      }
      process.stdout.write(`${r.dir}/index.html\n`);
    });
}
