import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { scoreWithPlugin } from '../framework/score-with-plugin.js';
import { create } from './worst-fit.js';

// a: 24 cores, 1400 milli-GPU free; b: 80 cores, 6000 free; c: 16 cores, 4000 free.
function cluster() {
  const c = gpuCluster([{ name: 'a', gpus: 2, cpuMilli: 32_000 }, { name: 'b', gpus: 8, cpuMilli: 96_000 }, { name: 'c', gpus: 4, cpuMilli: 16_000 }]);
  c.bound('a', { cpuMilli: 8000, gpus: 1, milli: 600 }, 0b01);
  c.bound('b', { cpuMilli: 16_000, gpus: 2 });
  return c;
}

describe('WorstFit', () => {
  const cases = [
    {
      // raw = (c − 4000) + 100 (g − 300): a 20000 + 110000; b 76000 + 570000; c 12000 + 370000.
      // min–max: a 0, b 100, c trunc(252000 · 100 / 516000) = 48.
      name: 'a 4-core 300m share', pod: { cpuMilli: 4000, gpus: 1, milli: 300 }, raw: [130_000, 646_000, 382_000], want: [0, 100, 48],
    },
    {
      // raw = c − 8000 + 100 g: a 16000 + 140000; b 72000 + 600000; c 8000 + 400000.
      // min–max: a 0, b 100, c trunc(252000 · 100 / 516000) = 48.
      name: 'an 8-core CPU-only task', pod: { cpuMilli: 8000 }, raw: [156_000, 672_000, 408_000], want: [0, 100, 48],
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
});
