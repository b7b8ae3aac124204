import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { scoreWithPlugin } from '../framework/score-with-plugin.js';
import { create } from './dot-product.js';

// a: 24 cores, 1400 milli-GPU free; b: 80 cores, 6000 free; c: 16 cores, 4000 free.
function cluster() {
  const c = gpuCluster([{ name: 'a', gpus: 2, cpuMilli: 32_000 }, { name: 'b', gpus: 8, cpuMilli: 96_000 }, { name: 'c', gpus: 4, cpuMilli: 16_000 }]);
  c.bound('a', { cpuMilli: 8000, gpus: 1, milli: 600 }, 0b01);
  c.bound('b', { cpuMilli: 16_000, gpus: 2 });
  return c;
}

describe('DotProduct', () => {
  const cases = [
    {
      // d = (c/128000)(4000/128000) + (g/8000)(300/8000), raw = trunc(100 (1 − d/2)):
      // a .1875·.03125 + .175·.0375 = .012421875 → 99.37 → 99
      // b .625·.03125 + .75·.0375 = .04765625 → 97.61 → 97
      // c .125·.03125 + .5·.0375 = .02265625 → 98.86 → 98
      name: 'prefers the node with the least free capacity along the demand', pod: { cpuMilli: 4000, gpus: 1, milli: 300 }, want: [99, 97, 98],
    },
    {
      // 2 whole GPUs, 16 cores: a .1875·.125 + .175·.25 = .06718750 → 96.64 → 96
      // b .625·.125 + .75·.25 = .265625 → 86.71 → 86; c .125·.125 + .5·.25 = .140625 → 92.96 → 92
      name: 'a 2-GPU task', pod: { cpuMilli: 16_000, gpus: 2 }, want: [96, 86, 92],
    },
    {
      // 20 cores (20000/128000 = .15625): a .1875·.15625 + .175·.0375 = .035859375 → 98.2 → 98;
      // b .625·.15625 + .75·.0375 = .12578125 → 93.7 → 93; c has 16 free → 0 (no match group).
      name: 'a node with less free CPU than asked scores 0', pod: { cpuMilli: 20_000, gpus: 1, milli: 300 }, want: [98, 93, 0],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = cluster();
      const got = scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod(c.pod), ['a', 'b', 'c'].map(k.node));
      expect(got.normalized).toEqual(c.want);
    });
  }
});
