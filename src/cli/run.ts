import { join } from 'node:path';
import type { Command } from 'commander';
import { METRICS } from '../metrics/catalogue.js';
import { verdictText } from '../report/index.js';
import { buildScenarioPlan, defaultOutDir, loadScenarios, runSweep, shardText } from '../run/index.js';
import { collect } from './collect.js';
import { parseSeeds } from './parse-seeds.js';
import { sweepProgress } from './progress.js';
import { warnOnStderr } from './warn-on-stderr.js';
import { addSweepFlags, reportSweepOutcome, sweepFlags } from './sweep-flags.js';

/** Adds `schedbench run`: scenario files in the simulator, then a report folder. */
export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('run scenario files: every policy on every seed in the simulator, on worker threads, then CSVs and an HTML report (or, with --shard, a shard folder for `schedbench merge`)')
    .argument('<scenario...>', 'scenario files (YAML or JSON)')
    .option('--seeds <seeds>', 'seeds instead of the scenarios\' own: 1,2,3 or 42-51 or 1-3,7', parseSeeds)
    .option('--policy <name>', 'run only this policy')
    .option('--plugin <file>', 'a plugin file (TypeScript or JavaScript, see "Write your own policy" in the README) whose plugin the policies may enable by name; repeatable', collect, [])
    .option('--out <dir>', 'output folder: new, empty, or an earlier output of the same kind, which is replaced (default: reports/<scenario>-<UTC time>; with --shard, reports/<scenario>-shard-<k>-of-<n>)');
  addSweepFlags(cmd).action(async (files: string[], opts: { seeds?: number[]; policy?: string; plugin: string[]; out?: string; jobs: string; shard?: string; resume?: boolean }) => {
    const flags = sweepFlags(opts);
    const scenarios = await loadScenarios(files, warnOnStderr, opts.plugin);
    const plan = buildScenarioPlan(scenarios, { ...(opts.seeds ? { seeds: opts.seeds } : {}), ...(opts.policy ? { policy: opts.policy } : {}) });
    const name = scenarios.length === 1 ? scenarios[0]!.name : 'suite';
    const out = opts.out ?? (flags.shard !== null ? join('reports', `${name}-shard-${shardText(flags.shard).replace('/', '-of-')}`) : defaultOutDir(name, new Date()));
    const r = await runSweep(plan, { out, ...flags }, sweepProgress(flags.shard === null ? 'run' : `run shard ${shardText(flags.shard)}`));
    // The answer first, as read back from the report (the one writer's numbers), then where the page is.
    if (r.tables !== undefined) process.stdout.write(verdictText(r.tables, METRICS));
    reportSweepOutcome(r, flags.shard === null ? join(r.dir, 'index.html') : r.dir);
  });
}
