import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { scoreWithPlugin } from '../framework/score-with-plugin.js';
import type { RandomSource } from '../framework/types.js';
import { ModelContext } from '../model/model-context.js';
import { create, sigmoidScore } from './fgd.js';

// The workload: S = 1 core + 500m of a GPU (weight 1) and C = 1 core, no GPU (weight 1),
// so F_n = .5 · T + .5 · frag_S, T the node's free milli-GPU.
const SHAPES = [
  { cpuMilli: 1000, gpuCount: 1, gpuMilliPerGpu: 500, weight: 1 },
  { cpuMilli: 1000, gpuCount: 0, gpuMilliPerGpu: 0, weight: 1 },
];

// x: GPUs [1000, 600] → F = .5 · 1600 + 0 = 800.
// w: GPUs [1000, 450] → S fits on GPU 0, GPU 1's 450 is a fragment: F = 725 + 225 = 950.
// v: 1.5 cores, GPUs [1000, 1000] → F = .5 · 2000 = 1000.
// z: no GPU → F = 0.
/** FGD's placement is deterministic: any draw fails the test. */
const NO_DRAWS: RandomSource = { int: () => { throw new Error('FGD drew a random number'); } };

function cluster() {
  const c = gpuCluster([
    { name: 'x', gpus: 2 }, { name: 'w', gpus: 2 }, { name: 'v', gpus: 2, cpuMilli: 1500 }, { name: 'z', gpus: 0 },
  ]);
  c.bound('x', { cpuMilli: 0, gpus: 1, milli: 400 }, 0b10);
  c.bound('w', { cpuMilli: 0, gpus: 1, milli: 550 }, 0b10);
  return c;
}

describe('FGD', () => {
  it('sigmoidScore: trunc(100 · sigmoid(Δ / 1000))', () => {
    expect([0, 100, 200, 400, 500, -200, -600].map(sigmoidScore)).toEqual([50, 52, 54, 59, 62, 45, 35]);
  });

  const cases = [
    {
      // x: GPU 0 → [600, 600]: F' = 600, Δ 200 → 54; GPU 1 → [1000, 200]: F' = 600 + 100, Δ 100 → 52. Best 54.
      // w: GPU 0 → [600, 450]: F' = 525 + 225, Δ 200 → 54; GPU 1 → [1000, 50]: F' = 525 + 25, Δ 400 → 59. Best 59.
      // v: 0.5 cores left < S's 1 core: S sees all 1600 → F' = 800 + 800, Δ −600 → 35.
      // z: no GPU with room: 0, as the artifact (filters keep GPU pods off it; scored here by hand).
      name: 'a 400m share: the node whose fragmentation grows least', pod: { cpuMilli: 1000, gpus: 1, milli: 400 }, want: [54, 59, 35, 0],
    },
    {
      // x → [0, 600]: F' = 300, Δ 500 → 62; w → [0, 450]: S no longer fits, F' = 225 + 225, Δ 500 → 62;
      // v → [0, 1000] and 0.5 cores: F' = 500 + 500, Δ 0 → 50; z 50.
      name: 'a whole GPU', pod: { cpuMilli: 1000, gpus: 1 }, want: [62, 62, 50, 50],
    },
    {
      // GPUs unchanged; v's 0.5 cores left starve S: F' = 1000 + 1000, Δ −1000 → 26; others Δ 0 → 50.
      name: 'a CPU-only task', pod: { cpuMilli: 1000 }, want: [50, 50, 26, 50],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = cluster();
      const got = scoreWithPlugin(create({ taskShapes: SHAPES }, { model: k.model }), k.state, k.pod(c.pod), ['x', 'w', 'v', 'z'].map(k.node));
      expect(got.normalized).toEqual(c.want);
    });
  }

  it('places a shared task on the GPU that scored best; whole GPUs on the lowest free ones', () => {
    const k = cluster();
    const fgd = create({ taskShapes: SHAPES }, { model: k.model });
    const place = (pod: ReturnType<typeof k.pod>, node: string) => fgd.placeGpus!(k.state, pod, k.node(node), NO_DRAWS);
    const share = k.pod({ cpuMilli: 1000, gpus: 1, milli: 400 });
    expect([place(share, 'x'), place(share, 'w')]).toEqual([0b01, 0b10]);
    expect(place(k.pod({ gpus: 1 }), 'x')).toBe(0b01);
    expect(place(k.pod({}), 'x')).toBe(0);
  });

  it('rescores a node after it changes (results are cached by node generation)', () => {
    const k = cluster();
    const p = create({ taskShapes: SHAPES }, { model: k.model });
    const pod = k.pod({ cpuMilli: 1000, gpus: 1, milli: 400 });
    expect(scoreWithPlugin(p, k.state, pod, [k.node('x')]).normalized).toEqual([54]);
    // x → [1000, 100]: F = 550 + 50 = 600; GPU 0 → [600, 100]: F' = 350 + 50, Δ 200 → 54; GPU 1 cannot host it.
    k.bound('x', { cpuMilli: 0, gpus: 1, milli: 500 }, 0b10);
    expect(scoreWithPlugin(p, k.state, pod, [k.node('x')]).normalized).toEqual([54]);
    // x → [100, 100]: no GPU has 400 free any more: 0, as for any node without room.
    k.bound('x', { cpuMilli: 0, gpus: 1, milli: 900 }, 0b01);
    expect(scoreWithPlugin(p, k.state, pod, [k.node('x')]).normalized).toEqual([0]);
  });

  it('without taskShapes measures against the shapes it has seen', () => {
    // Seen: only this pod (1 core, 400m). x: GPU 0 → [600, 600]: nothing below 400, Δ 0 → 50;
    // GPU 1 → [1000, 200]: 200 is a fragment, Δ −200 → 45. Best 50.
    const k = cluster();
    const got = scoreWithPlugin(create(undefined, { model: k.model }), k.state, k.pod({ cpuMilli: 1000, gpus: 1, milli: 400 }), [k.node('x')]);
    expect(got.normalized).toEqual([50]);
  });

  const bad = [
    { name: 'no shapes', args: { taskShapes: [] }, err: /taskShapes: FGD needs at least one task shape/ },
    { name: 'GPU milli without GPUs', args: { taskShapes: [{ cpuMilli: 1, gpuCount: 0, gpuMilliPerGpu: 5, weight: 1 }] }, err: /taskShapes\[0\]\.gpuMilliPerGpu: a shape asks GPU milli exactly when it asks GPUs/ },
    { name: 'a shared multi-GPU shape', args: { taskShapes: [{ cpuMilli: 1, gpuCount: 2, gpuMilliPerGpu: 500, weight: 1 }] }, err: /multi-GPU shape asks whole GPUs/ },
    { name: 'a zero weight', args: { taskShapes: [{ cpuMilli: 1, gpuCount: 0, gpuMilliPerGpu: 0, weight: 0 }] }, err: /taskShapes\[0\]\.weight/ },
    { name: 'an unknown field', args: { taskShapes: SHAPES, gamma: 1 }, err: /unknown field "gamma"/ },
  ];
  for (const b of bad) it(`rejects args: ${b.name}`, () => expect(() => create(b.args, { model: new ModelContext() })).toThrow(b.err));
});
