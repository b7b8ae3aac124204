import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { ShardSpec, SweepOutcome } from '../run/index.js';
import { excerpt, InputError, parseShard } from '../run/index.js';

/** The flags every sweep command shares (run, openb): how its plan runs. */
export interface SweepFlags {
  readonly jobs: number;
  readonly shard: ShardSpec | null;
  readonly resume: boolean;
}

/** Adds --jobs, --shard and --resume to a command. */
export function addSweepFlags(cmd: Command): Command {
  return cmd
    .option('--jobs <n>', 'worker threads; 1 runs in this process (results do not depend on it)', String(availableParallelism()))
    .option('--shard <k/n>', 'run only shard K of N of the plan (every N-th cell) and write a shard folder for `schedbench merge`; auto: K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID, N from SCHEDBENCH_SHARDS or SLURM_ARRAY_TASK_COUNT')
    .option('--resume', 'keep the cells --out already holds for the same plan (a finished or killed earlier run) and run only the others');
}

/** The parsed sweep flags; bad values are InputErrors naming the flag. */
export function sweepFlags(opts: { jobs: string; shard?: string; resume?: boolean; out?: string }): SweepFlags {
  const jobs = Number(opts.jobs);
  if (!/^\s*\d+\s*$/.test(opts.jobs) || !Number.isSafeInteger(jobs) || jobs < 1 || jobs > 1024) {
    throw new InputError({ path: '--jobs' }, `expected a whole number of threads from 1 to 1024, got ${excerpt(opts.jobs)}`);
  }
  if (opts.resume === true && opts.out === undefined) throw new InputError({ path: '--resume' }, 'needs --out: the folder of the run to resume');
  if (opts.out !== undefined && opts.out.trim() === '') throw new InputError({ path: '--out' }, 'expected a folder, got ""');
  return { jobs, shard: opts.shard === undefined ? null : parseShard(opts.shard), resume: opts.resume === true };
}

/** Says how a sweep ended: on stderr what was kept when interrupted, on stdout what to open. */
export function reportSweepOutcome(r: SweepOutcome, open: string): void {
  if (r.interrupted) {
    process.stderr.write(r.written
      ? `interrupted: kept the ${r.done} finished cells of ${r.planned} in ${r.dir}; run again with --resume --out ${r.dir} to finish\n`
      : `interrupted before the first of ${r.planned} cells finished: nothing written\n`);
    process.exitCode = 130;
  }
  if (r.written) process.stdout.write(`${open}\n`);
}
