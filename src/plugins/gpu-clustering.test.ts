import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { scoreWithPlugin } from '../framework/score-with-plugin.js';
import { create } from './gpu-clustering.js';

// a: one shared-GPU pod, 1400 milli free (kinds: share).
// b: one 2-GPU pod, 6000 free (kinds: 2-gpu).
// c: no pod, 4000 free.
// d: a share and a 1-GPU pod, 2500 free (kinds: share, 1-gpu).
function cluster() {
  const c = gpuCluster([{ name: 'a', gpus: 2 }, { name: 'b', gpus: 8 }, { name: 'c', gpus: 4 }, { name: 'd', gpus: 4 }]);
  c.bound('a', { gpus: 1, milli: 600 });
  c.bound('b', { gpus: 2 });
  c.bound('d', { gpus: 1, milli: 500 });
  c.bound('d', { gpus: 1 });
  return c;
}

describe('GpuClustering', () => {
  // u = trunc(25 (8000 − free) / 8000): a 20, b 6, c 12, d 17.
  const cases = [
    // a: only its kind → 20 + 75; b: other kinds only → 6; c: no GPU pod → 12 + 25; d: its kind and another → 17 + 50.
    { name: 'a shared-GPU pod', pod: { gpus: 1, milli: 300 }, want: [95, 6, 37, 67] },
    { name: 'a 2-GPU pod', pod: { gpus: 2 }, want: [20, 81, 37, 17] },
    { name: 'a 1-GPU pod', pod: { gpus: 1 }, want: [20, 6, 37, 67] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = cluster();
      const got = scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod(c.pod), ['a', 'b', 'c', 'd'].map(k.node));
      expect(got.normalized).toEqual(c.want);
    });
  }

  it('skips pods without GPU', () => {
    const k = cluster();
    expect(scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod({}), [k.node('a')]).skipped).toBe(true);
  });
});
