import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { inShard, parseShard } from './shard-spec.js';

describe('parseShard', () => {
  const ok: [string, NodeJS.ProcessEnv, { k: number; n: number }][] = [
    ['2/3', {}, { k: 2, n: 3 }],
    [' 1 / 1 ', {}, { k: 1, n: 1 }],
    ['auto', { JOB_COMPLETION_INDEX: '0', SCHEDBENCH_SHARDS: '4' }, { k: 1, n: 4 }],
    ['auto', { JOB_COMPLETION_INDEX: '3', SCHEDBENCH_SHARDS: '4' }, { k: 4, n: 4 }],
    ['auto', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' }, { k: 3, n: 4 }],
    // --array=1-4: task ids 1..4 are shards 1..4.
    ['auto', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' }, { k: 4, n: 4 }],
    ['auto', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2', SCHEDBENCH_SHARDS: '3' }, { k: 2, n: 3 }],
  ];
  for (const [text, env, want] of ok) it(`${text} with ${JSON.stringify(env)}`, () => expect(parseShard(text, env)).toEqual(want));

  const bad: [string, NodeJS.ProcessEnv, RegExp][] = [
    ['0/3', {}, /^--shard: expected shard K of N with K from 1 to N, got "0\/3"$/],
    ['4/3', {}, /^--shard: expected shard K of N/],
    ['1/0', {}, /^--shard: expected 1 to 100000 shards/],
    ['1.5/2', {}, /^--shard: expected K\/N \(shard K of N, K from 1 to N\) or auto, got "1\.5\/2"$/],
    ['auto', {}, /^--shard auto: neither JOB_COMPLETION_INDEX/],
    ['auto', { JOB_COMPLETION_INDEX: '1' }, /^--shard auto: neither SCHEDBENCH_SHARDS nor SLURM_ARRAY_TASK_COUNT is set/],
    ['auto', { JOB_COMPLETION_INDEX: 'abc', SCHEDBENCH_SHARDS: '2' }, /^JOB_COMPLETION_INDEX: expected a whole number, got "abc"$/],
    ['auto', { JOB_COMPLETION_INDEX: '5', SCHEDBENCH_SHARDS: '3' }, /^--shard auto: expected shard K of N with K from 1 to N, got "JOB_COMPLETION_INDEX=5 with SCHEDBENCH_SHARDS=3"$/],
  ];
  for (const [text, env, err] of bad) {
    it(`refuses ${text} with ${JSON.stringify(env)}`, () => {
      expect(() => parseShard(text, env)).toThrow(InputError);
      expect(() => parseShard(text, env)).toThrow(err);
    });
  }
});

describe('inShard', () => {
  it('N shards take every cell exactly once, cell i in shard (i mod N) + 1', () => {
    for (const n of [1, 2, 3, 7]) {
      for (let i = 0; i < 20; i++) {
        const owners = Array.from({ length: n }, (_, k) => k + 1).filter((k) => inShard(i, { k, n }));
        expect(owners).toEqual([(i % n) + 1]);
      }
    }
  });
});
