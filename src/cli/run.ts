import type { Command } from 'commander';
import { InputError } from '../model/errors.js';
import { parseSeeds } from './parse-seeds.js';
import { makeProgress } from './progress.js';
import { defaultOutDir, loadScenarios, runSuite } from './run-suite.js';

/** Adds `schedbench run`: scenario files in the simulator, then a report folder. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run scenario files: every policy on every seed in the simulator, then CSVs and an HTML report')
    .argument('<scenario...>', 'scenario files (YAML or JSON)')
    .option('--seeds <seeds>', 'seeds instead of the scenarios\' own: 1,2,3 or 42-51 or 1-3,7', parseSeeds)
    .option('--policy <name>', 'run only this policy')
    .option('--out <dir>', 'report folder: new, empty, or an earlier report, which is replaced (default: reports/<scenario>-<UTC time>)')
    .action(async (files: string[], opts: { seeds?: number[]; policy?: string; out?: string }) => {
      if (opts.out !== undefined && opts.out.trim() === '') throw new InputError({ path: '--out' }, 'expected a folder, got ""');
      const scenarios = loadScenarios(files);
      const out = opts.out ?? defaultOutDir(scenarios.length === 1 ? scenarios[0]!.name : 'suite', new Date());
      const r = await runSuite(scenarios, { ...(opts.seeds ? { seeds: opts.seeds } : {}), ...(opts.policy ? { policy: opts.policy } : {}) }, out, makeProgress());
      if (r.interrupted) {
        process.stderr.write(r.written
          ? `interrupted: kept the ${r.runs} finished runs of ${r.planned} in ${r.dir}\n`
          : `interrupted before the first of ${r.planned} runs finished: no report written\n`);
        process.exitCode = 130;
      }
      if (r.written) process.stdout.write(`${r.dir}/index.html\n`);
    });
}
