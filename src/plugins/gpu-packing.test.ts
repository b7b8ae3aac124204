import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { scoreWithPlugin } from '../framework/score-with-plugin.js';
import { create } from './gpu-packing.js';

// a: GPUs [400, 1000]; b: [0, 0, 1000 × 6]; c: 4 free GPUs; d: [700, 1000, 1000, 1000].
function cluster() {
  const c = gpuCluster([{ name: 'a', gpus: 2 }, { name: 'b', gpus: 8 }, { name: 'c', gpus: 4 }, { name: 'd', gpus: 4 }]);
  c.bound('a', { gpus: 1, milli: 600 }, 0b01);
  c.bound('b', { gpus: 2 });
  c.bound('d', { gpus: 1, milli: 300 }, 0b01);
  return c;
}

describe('GpuPacking', () => {
  const cases = [
    {
      // a: the fullest GPU with room is GPU 0 (400 free): 100 − trunc(40/10) = 96.
      // b: only free GPUs have room: case 2, max(50 − 1, 33) = 49.
      // c: an idle node of 4 GPUs: max(33 − 4, 4) = 29.
      // d: GPU 0 has 700 free: 100 − trunc(70/10) = 93.
      name: 'a 300m share prefers the fullest used GPU', pod: { gpus: 1, milli: 300 }, want: [96, 49, 29, 93],
    },
    {
      // a: no GPU has 500 beyond the idle one → 49; d: GPU 0 (700) → 93.
      name: 'a 500m share', pod: { gpus: 1, milli: 500 }, want: [49, 49, 29, 93],
    },
    {
      // a: one free GPU, 2 asked → 0 (cannot host); b: max(50 − 2, 33) = 48; c 29; d: max(48, 33) = 48.
      name: 'a 2-GPU task', pod: { gpus: 2 }, want: [0, 48, 29, 48],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = cluster();
      const got = scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod(c.pod), ['a', 'b', 'c', 'd'].map(k.node));
      expect(got.normalized).toEqual(c.want);
    });
  }

  it('an idle 8-GPU node scores max(33 − 8, 8) = 25; a 1-GPU one 32', () => {
    const k = gpuCluster([{ name: 'big', gpus: 8 }, { name: 'one', gpus: 1 }]);
    expect(scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod({ gpus: 1, milli: 100 }), [k.node('big'), k.node('one')]).normalized).toEqual([25, 32]);
  });

  it('skips pods without GPU (0 everywhere)', () => {
    const k = cluster();
    expect(scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod({ cpuMilli: 2000 }), [k.node('a')]).skipped).toBe(true);
  });
});
