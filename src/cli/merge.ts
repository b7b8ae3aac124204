import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError, mergeShards, writePlanReport } from '../run/index.js';

/** Adds `schedbench merge`: shard folders of one sweep into its report. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('merge the shard folders of one sweep (`run --shard K/N`) into its report; refuses shards of different plans, and missing or duplicate cells')
    .argument('<dir...>', 'shard folders (report folders of the same plan work too)')
    .requiredOption('--out <dir>', 'report folder: new, empty, or an earlier report, which is replaced')
    .action((dirs: string[], opts: { out: string }) => {
      if (opts.out.trim() === '') throw new InputError({ path: '--out' }, 'expected a folder, got ""');
      const merged = mergeShards(dirs);
      writePlanReport(opts.out, merged.plan, merged.results);
      process.stdout.write(`${join(opts.out, 'index.html')}\n`);
    });
}
