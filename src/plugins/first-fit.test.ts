import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { scoreWithPlugin } from '../framework/score-with-plugin.js';
import { create } from './first-fit.js';

describe('FirstFit', () => {
  const cases = [
    { name: 'the earliest added feasible node scores 100', feasible: ['c', 'b', 'd'], want: [0, 100, 0] },
    { name: 'whatever the feasible order', feasible: ['d', 'a', 'c'], want: [0, 100, 0] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = gpuCluster(['a', 'b', 'c', 'd'].map((name) => ({ name, gpus: 1 })));
      expect(scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod({ gpus: 1 }), c.feasible.map(k.node)).normalized).toEqual(c.want);
    });
  }
});
