import { describe, expect, it } from 'vitest';
import type { Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import { SymbolTable } from '../model/symbols.js';
import type { TaskShape } from '../model/task-shape.js';
import { gpuCluster } from './gpu-fixtures.js';
import { clusterGpuFragmentation, GpuFragmentation } from './gpu-fragmentation.js';

const shape = (cpuMilli: number, gpuCount: number, gpuMilliPerGpu: number, weight: number, gpuModels: string[] = []): TaskShape =>
  ({ cpuMilli, gpuCount, gpuMilliPerGpu, gpuModels, weight });

// Workload: A = 4 cores + 500m of a GPU (p .5), B = 2 cores + 1 whole GPU (p .25),
// C = 1 core, no GPU (p .25).
const WORKLOAD = [shape(4000, 1, 500, 2), shape(2000, 1, 1000, 1), shape(1000, 0, 0, 1)];

describe('GpuFragmentation (the FGD paper\'s F_n)', () => {
  const symbols = new SymbolTable();
  const t4 = symbols.intern('T4');
  const cases: { name: string; shapes?: TaskShape[]; cpuFree: number; free: number[]; model?: Sym; want: number }[] = [
    {
      // T = 1300. C: every free milli (1300 × .25 = 325). A fits (GPU 0 has 500): the 300 of
      // GPU 1 is a fragment (× .5 = 150). B fits (GPU 0 is free): 300 again (× .25 = 75).
      name: 'fits: fragments are GPUs with less free than the task asks', cpuFree: 8000, free: [1000, 300], want: 550,
    },
    {
      // A lacks CPU (3000 < 4000): all 1300 (× .5 = 650); B 75; C 325.
      name: 'a task the node lacks CPU for sees every free milli as a fragment', cpuFree: 3000, free: [1000, 300], want: 1050,
    },
    {
      // No GPU has 500 free: A and B see all 600; C too: 600.
      name: 'no GPU with room: everything is a fragment', cpuFree: 8000, free: [300, 300], want: 600,
    },
    {
      // A may only run on A10: all 1300 (× .5); B 75; C 325.
      name: 'a task that may not run on the node\'s model', shapes: [shape(4000, 1, 500, 2, ['A10']), shape(2000, 1, 1000, 1), shape(1000, 0, 0, 1)],
      cpuFree: 8000, free: [1000, 300], want: 1050,
    },
    {
      // The model list admits T4: as in the first case.
      name: 'a task whose model list names the node\'s', shapes: [shape(4000, 1, 500, 2, ['A10', 'T4']), shape(2000, 1, 1000, 1), shape(1000, 0, 0, 1)],
      cpuFree: 8000, free: [1000, 300], want: 550,
    },
    {
      // 2-GPU shape (p 1): one entirely free GPU is not enough → all 1500.
      name: 'a multi-GPU task needs that many free GPUs', shapes: [shape(1000, 2, 1000, 1)], cpuFree: 8000, free: [1000, 500], want: 1500,
    },
    {
      // Fits on GPUs 0 and 1; GPU 2's 500 is the fragment.
      name: 'a multi-GPU task that fits leaves partial GPUs as fragments', shapes: [shape(1000, 2, 1000, 1)], cpuFree: 8000, free: [1000, 1000, 500], want: 500,
    },
    { name: 'no free GPU milli, no fragment', cpuFree: 0, free: [0, 0], want: 0 },
    { name: 'a CPU node (no model) has no GPU to fragment', cpuFree: 8000, free: [], model: NO_SYM, want: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = new GpuFragmentation(c.shapes ?? WORKLOAD, symbols);
      expect(f.fragMilli(c.cpuFree, c.model ?? t4, Int32Array.from(c.free), 0, c.free.length)).toBeCloseTo(c.want, 9);
    });
  }

  it('needs a shape with weight', () => {
    expect(() => new GpuFragmentation([], symbols)).toThrow(/at least one task shape/);
  });

  it('sums over the cluster: fragmented and idle milli-GPU', () => {
    const c = gpuCluster([{ name: 'a', gpus: 2, cpuMilli: 12_000 }, { name: 'b', gpus: 2, cpuMilli: 12_000 }]);
    c.bound('a', { cpuMilli: 4000, gpus: 1, milli: 700 }, 0b10); // a: 8 cores, [1000, 300] → 550
    c.bound('b', { cpuMilli: 9000, gpus: 1, milli: 700 }, 0b10); // b: 3 cores, [1000, 300] → 1050
    const f = new GpuFragmentation(WORKLOAD, c.model.symbols);
    const got = clusterGpuFragmentation(c.state, c.state.gpus, f);
    expect(got.idleMilli).toBe(2600);
    expect(got.fragMilli).toBeCloseTo(1600, 9);
  });
});
