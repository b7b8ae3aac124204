import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { scoreWithPlugin } from '../framework/score-with-plugin.js';
import { ModelContext } from '../model/model-context.js';
import { create } from './best-fit.js';

// a: 32 cores, GPUs [400, 1000] (a 600m share, 8 cores bound): 24 cores, 1400 milli free.
// b: 96 cores, GPUs [0, 0, 1000 × 6] (a 2-GPU pod, 16 cores): 80 cores, 6000 free.
// c: 16 cores, 4 free GPUs: 16 cores, 4000 free.
function cluster() {
  const c = gpuCluster([{ name: 'a', gpus: 2, cpuMilli: 32_000 }, { name: 'b', gpus: 8, cpuMilli: 96_000 }, { name: 'c', gpus: 4, cpuMilli: 16_000 }]);
  c.bound('a', { cpuMilli: 8000, gpus: 1, milli: 600 }, 0b01);
  c.bound('b', { cpuMilli: 16_000, gpus: 2 });
  return c;
}

describe('BestFit', () => {
  const cases = [
    {
      // left = .5(c − 4000)/128000 + .5(g − 300)/8000; raw = trunc(100(1 − left)):
      // a .078125 + .06875 → 85; b .296875 + .35625 → 34; c .046875 + .23125 → 72.
      // min–max: a 100, b 0, c trunc(38 · 100 / 51) = 74.
      name: 'a 4-core 300m share', pod: { cpuMilli: 4000, gpus: 1, milli: 300 }, raw: [85, 34, 72], want: [100, 0, 74],
    },
    {
      // a .078125 + .025 → 89; b .296875 + .3125 → 39; c .046875 + .1875 → 76.
      // min–max: a 100, b 0, c trunc(37 · 100 / 50) = 74.
      name: 'a 4-core whole GPU', pod: { cpuMilli: 4000, gpus: 1, milli: 1000 }, raw: [89, 39, 76], want: [100, 0, 74],
    },
    {
      // GPU term is free/16000: a .078125 + .0875 → 83; b .296875 + .375 → 32; c .046875 + .25 → 70.
      name: 'a CPU-only task still weighs free GPUs', pod: { cpuMilli: 4000 }, raw: [83, 32, 70], want: [100, 0, 74],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = cluster();
      const got = scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod(c.pod), ['a', 'b', 'c'].map(k.node));
      expect(got.raw).toEqual(c.raw);
      expect(got.normalized).toEqual(c.want);
    });
  }

  it('equal raw scores normalize to 0', () => {
    const k = gpuCluster([{ name: 'x', gpus: 2 }, { name: 'y', gpus: 2 }]);
    expect(scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod({ gpus: 1, milli: 500 }), [k.node('x'), k.node('y')]).normalized).toEqual([0, 0]);
  });

  it('takes no args', () => {
    expect(() => create({ weight: 2 }, { model: new ModelContext() })).toThrow(/unknown field "weight"/);
  });
});
