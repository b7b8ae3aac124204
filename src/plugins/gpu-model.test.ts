import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import type { GpuPodSketch } from '../cluster/gpu-fixtures.js';
import { PASS, SKIP } from '../framework/types.js';
import { create } from './gpu-model.js';

const MISMATCH = 1;

describe('GpuModel (gpu_spec)', () => {
  const cases: { name: string; pod: GpuPodSketch; want: number[] | 'skip' }[] = [
    { name: 'one listed model', pod: { gpus: 1, milli: 500, models: ['V100M16'] }, want: [PASS, MISMATCH, MISMATCH] },
    { name: 'alternatives (V100M16|V100M32)', pod: { gpus: 1, milli: 500, models: ['V100M16', 'V100M32'] }, want: [PASS, PASS, MISMATCH] },
    { name: 'a model no node has', pod: { gpus: 2, models: ['A100'] }, want: [MISMATCH, MISMATCH, MISMATCH] },
    { name: 'no list: any model, the plugin skips', pod: { gpus: 1, milli: 500 }, want: 'skip' },
    { name: 'no GPU: the plugin skips', pod: { cpuMilli: 100 }, want: 'skip' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = gpuCluster([{ name: 'a', gpus: 2, model: 'V100M16' }, { name: 'b', gpus: 8, model: 'V100M32' }, { name: 'cpu', gpus: 0 }]);
      const p = create(undefined, { model: k.model });
      const pod = k.pod(c.pod);
      const cx = { view: k.state };
      const pre = p.preFilter!(cx, pod);
      const got = pre === SKIP ? 'skip' : ['a', 'b', 'cpu'].map((n) => p.filter!(cx, pod, k.node(n), pre));
      expect(got).toEqual(c.want);
    });
  }
});
