import { excerpt, InputError } from '../model/errors.js';

/** Shard k of n (k from 1 to n): the cells whose plan index is k - 1 modulo n. */
export interface ShardSpec {
  readonly k: number;
  readonly n: number;
}

/** Most shards a plan may be split into. */
const MAX_SHARDS = 100_000;

/**
 * `--shard K/N`, or `auto`: K from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job's
 * 0-based index) or SLURM_ARRAY_TASK_ID (counted from SLURM_ARRAY_TASK_MIN), N from
 * SCHEDBENCH_SHARDS or SLURM_ARRAY_TASK_COUNT. Bad text is an InputError naming the
 * flag or the variable.
 */
export function parseShard(text: string, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  if (text.trim() === 'auto') {
    const [kName, kText] = firstSet(env, ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID']);
    const [nName, nText] = firstSet(env, ['SCHEDBENCH_SHARDS', 'SLURM_ARRAY_TASK_COUNT']);
    if (kName === null) throw new InputError({ path: '--shard auto' }, 'neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set; give --shard K/N');
    if (nName === null) throw new InputError({ path: '--shard auto' }, 'neither SCHEDBENCH_SHARDS nor SLURM_ARRAY_TASK_COUNT is set: set SCHEDBENCH_SHARDS to the number of shards (the Job\'s completions)');
    // A Slurm array need not start at 0 (--array=1-4): count from its first task.
    const min = kName === 'SLURM_ARRAY_TASK_ID' && env.SLURM_ARRAY_TASK_MIN !== undefined && env.SLURM_ARRAY_TASK_MIN.trim() !== ''
      ? wholeNumber(env.SLURM_ARRAY_TASK_MIN, 'SLURM_ARRAY_TASK_MIN') : 0;
    const index = wholeNumber(kText!, kName) - min;
    const n = wholeNumber(nText!, nName);
    return checked(index + 1, n, `${kName}=${kText} with ${nName}=${nText}`, '--shard auto');
  }
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new InputError({ path: '--shard' }, `expected K/N (shard K of N, K from 1 to N) or auto, got ${excerpt(text)}`);
  return checked(Number(m[1]), Number(m[2]), text.trim(), '--shard');
}

/** Whether cell `index` of the plan belongs to `shard`. */
export function inShard(index: number, shard: ShardSpec | null): boolean {
  return shard === null || index % shard.n === shard.k - 1;
}

/** "2/3" */
export function shardText(s: ShardSpec): string {
  return `${s.k}/${s.n}`;
}

function checked(k: number, n: number, what: string, path: string): ShardSpec {
  if (!(n >= 1 && n <= MAX_SHARDS)) throw new InputError({ path }, `expected 1 to ${MAX_SHARDS} shards, got ${excerpt(what)}`);
  if (!(k >= 1 && k <= n)) throw new InputError({ path }, `expected shard K of N with K from 1 to N, got ${excerpt(what)}`);
  return { k, n };
}

function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): [string | null, string | undefined] {
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') return [name, v];
  }
  return [null, undefined];
}

function wholeNumber(text: string, name: string): number {
  if (!/^\s*\d{1,9}\s*$/.test(text)) throw new InputError({ path: name }, `expected a whole number, got ${excerpt(text)}`);
  return Number(text);
}
