import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { buildFramework } from '../framework/framework.js';
import { Scheduler } from '../framework/scheduler.js';
import { scoreWithPlugin } from '../framework/score-with-plugin.js';
import { create } from './random.js';
import { inTreeRegistry } from './index.js';

describe('Random', () => {
  it('scores every feasible node alike', () => {
    const k = gpuCluster([{ name: 'a', gpus: 1 }, { name: 'b', gpus: 2 }]);
    const got = scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod({ gpus: 1 }), [k.node('a'), k.node('b')]);
    expect(got).toMatchObject({ uniform: true, normalized: [0, 0] });
  });

  it('so the seeded tie-break draws the node: draw k picks the k-th feasible node', () => {
    for (const [draw, want] of [[0, 'a'], [1, 'b'], [2, 'c']] as const) {
      const k = gpuCluster(['a', 'b', 'c'].map((name) => ({ name, gpus: 1 })));
      const fw = buildFramework({ name: 'r', filter: ['GpuFit'], score: [{ name: 'Random', weight: 1 }], percentageOfNodesToScore: 100 }, inTreeRegistry, k.model);
      const d = new Scheduler(fw, { int: () => draw }).scheduleOne(k.state, k.pod({ gpus: 1 }));
      expect(d.kind === 'bound' ? k.model.symbols.text(k.state.nodeName[d.node] as never) : null).toBe(want);
    }
  });
});

describe('Random places GPUs', () => {
  it('a shared task on a GPU drawn among those with room, from the stream it is given; whole GPUs lowest first', () => {
    const k = gpuCluster([{ name: 'a', gpus: 3 }]);
    k.bound('a', { gpus: 1, milli: 800 }, 0b001);
    const random = create(undefined, { model: k.model });
    const half = k.pod({ gpus: 1, milli: 500 });
    const draws: number[] = [];
    const drawing = (k2: number) => ({ int: (n: number) => { draws.push(n); return k2; } });
    // GPU 0 has 200 free: the draw is among GPUs 1 and 2.
    expect([0, 1].map((d) => random.placeGpus!(k.state, half, k.node('a'), drawing(d)))).toEqual([0b010, 0b100]);
    expect(draws).toEqual([2, 2]);
    expect(random.placeGpus!(k.state, k.pod({ gpus: 2 }), k.node('a'), drawing(0))).toBe(0b110);
    expect(draws).toHaveLength(2);
  });
});
