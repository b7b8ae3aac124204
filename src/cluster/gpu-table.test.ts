import { describe, expect, it } from 'vitest';
import { CPU } from '../model/resources.js';
import type { GpuPodSketch } from './gpu-fixtures.js';
import { gpuCluster } from './gpu-fixtures.js';
import { pickGpus } from './gpu-pick.js';
import type { GpuSelection } from './gpu-pick.js';
import { GPU_POD_KINDS, popCount } from './gpu-table.js';

/** Free milli per GPU of a node, and the node's totals. */
function gpuState(c: ReturnType<typeof gpuCluster>, name: string) {
  const g = c.state.gpus;
  const n = c.node(name);
  return {
    free: Array.from({ length: g.count[n]! }, (_, i) => g.gpuFreeMilli(n, i)),
    freeMilliTotal: g.freeMilliTotal[n]!, fullyFree: g.fullyFree[n]!, maxFreeMilli: g.maxFreeMilli[n]!,
  };
}

describe('GPU model: binding pods to GPUs', () => {
  const steps: { name: string; pod: GpuPodSketch; mask?: number; want: number[]; held: number }[] = [
    // Default placement is the tightest fit; all four GPUs are free, so GPU 0.
    { name: 'a 500m share takes GPU 0', pod: { gpus: 1, milli: 500 }, want: [500, 1000, 1000, 1000], held: 0b0001 },
    // Tightest GPU with 300 free: GPU 0 (500) beats the 1000s.
    { name: 'a 300m share joins it on GPU 0', pod: { gpus: 1, milli: 300 }, want: [200, 1000, 1000, 1000], held: 0b0001 },
    // GPU 0 has 200 < 600: the next tightest is GPU 1.
    { name: 'a 600m share no longer fits GPU 0', pod: { gpus: 1, milli: 600 }, want: [200, 400, 1000, 1000], held: 0b0010 },
    // Whole GPUs: the lowest-indexed entirely free ones.
    { name: 'a 2-GPU pod takes GPUs 2 and 3', pod: { gpus: 2, milli: 1000 }, want: [200, 400, 0, 0], held: 0b1100 },
  ];

  it('sharing, tightest fit and multi-GPU pods, step by step', () => {
    const c = gpuCluster([{ name: 'n', gpus: 4 }]);
    const pods = [];
    for (const s of steps) {
      const p = c.bound('n', s.pod, s.mask);
      pods.push(p);
      const st = gpuState(c, 'n');
      expect(st.free, s.name).toEqual(s.want);
      expect(st.freeMilliTotal, s.name).toBe(s.want.reduce((a, b) => a + b, 0));
      expect(st.fullyFree, s.name).toBe(s.want.filter((f) => f === 1000).length);
      expect(st.maxFreeMilli, s.name).toBe(Math.max(...s.want));
      expect(c.state.gpus.gpusOf(p.id), s.name).toBe(s.held);
    }
    // Unbinding in another order undoes each pod exactly: 200+300 = 500 after the second goes.
    c.state.unbind(pods[1]!, c.node('n'));
    expect(gpuState(c, 'n').free).toEqual([500, 400, 0, 0]);
    c.state.unbind(pods[3]!, c.node('n'));
    expect(gpuState(c, 'n').free).toEqual([500, 400, 1000, 1000]);
    c.state.unbind(pods[0]!, c.node('n'));
    c.state.unbind(pods[2]!, c.node('n'));
    expect(gpuState(c, 'n')).toEqual({ free: [1000, 1000, 1000, 1000], freeMilliTotal: 4000, fullyFree: 4, maxFreeMilli: 1000 });
    expect(c.state.gpus.kinds[c.node('n')]).toBe(0);
  });

  it('binds on the GPUs a mask names', () => {
    const c = gpuCluster([{ name: 'n', gpus: 4 }]);
    const p = c.bound('n', { gpus: 1, milli: 250 }, 0b0100);
    expect(gpuState(c, 'n').free).toEqual([1000, 1000, 750, 1000]);
    expect(c.state.gpus.gpusOf(p.id)).toBe(0b0100);
  });

  const badMasks = [
    { name: 'names no GPU of the node', mask: 0b10000 },
    { name: 'names two GPUs for a 1-GPU pod', mask: 0b0011 },
    { name: 'names a GPU without room', mask: 0b0001 },
  ];
  for (const b of badMasks) {
    it(`rejects a mask that ${b.name} and changes nothing`, () => {
      const c = gpuCluster([{ name: 'n', gpus: 4 }]);
      c.bound('n', { gpus: 1, milli: 800 }, 0b0001);
      const n = c.node('n');
      const gen = c.state.generation[n];
      const cpu = c.state.requested[n * c.state.dims + CPU];
      expect(() => c.bound('n', { gpus: 1, milli: 500 }, b.mask)).toThrow(/GPU mask/);
      expect(gpuState(c, 'n').free).toEqual([200, 1000, 1000, 1000]);
      expect(c.state.generation[n]).toBe(gen);
      expect(c.state.requested[n * c.state.dims + CPU]).toBe(cpu);
    });
  }

  it('rebinding a pod takes the tightest fit again: what-ifs use an overlay, never unbind and rebind', () => {
    const c = gpuCluster([{ name: 'n', gpus: 2 }]);
    const n = c.node('n');
    const a = c.bound('n', { gpus: 1, milli: 500 }, 0b10); // on GPU 1, not the default GPU 0
    c.state.unbind(a, n);
    c.state.bind(a, n);
    expect(c.state.gpus.gpusOf(a.id)).toBe(0b01);
  });

  it('a pod bound past the GPU filter overcommits the roomiest GPUs, and unbind undoes it', () => {
    const c = gpuCluster([{ name: 'n', gpus: 2 }]);
    const n = c.node('n');
    c.bound('n', { gpus: 1, milli: 600 }, 0b01);
    c.bound('n', { gpus: 1, milli: 300 }, 0b10);
    const whole = c.bound('n', { gpus: 1, milli: 1000 }); // no GPU is entirely free
    expect(gpuState(c, 'n').free).toEqual([400, -300]);
    c.state.unbind(whole, n);
    expect(gpuState(c, 'n').free).toEqual([400, 700]);
  });

  it('reads GPU count and model from the node; CPU-only nodes have no GPU', () => {
    const c = gpuCluster([{ name: 'g', gpus: 8, model: 'V100M32' }, { name: 'cpu', gpus: 0 }]);
    const g = c.state.gpus;
    expect([g.count[c.node('g')], c.model.symbols.text(g.model[c.node('g')]! as never)]).toEqual([8, 'V100M32']);
    expect([g.count[c.node('cpu')], g.model[c.node('cpu')], g.totalGpus]).toEqual([0, -1, 8]);
  });

  it('counts GPU pods by kind per node (GpuClustering\'s affinity)', () => {
    const c = gpuCluster([{ name: 'n', gpus: 8 }]);
    const n = c.node('n');
    const g = c.state.gpus;
    c.bound('n', { gpus: 1, milli: 500 });
    c.bound('n', { gpus: 1, milli: 200 });
    const two = c.bound('n', { gpus: 2 });
    c.bound('n', {}); // CPU-only pods have no kind
    expect([g.kindCount[n * GPU_POD_KINDS + 0], g.kindCount[n * GPU_POD_KINDS + 2], g.kinds[n]]).toEqual([2, 1, 2]);
    c.state.unbind(two, n);
    expect([g.kindCount[n * GPU_POD_KINDS + 2], g.kinds[n]]).toEqual([0, 1]);
  });

  it('removing a node unbinds its pods and drops its GPUs from the total', () => {
    const c = gpuCluster([{ name: 'a', gpus: 2 }, { name: 'b', gpus: 4 }]);
    const p = c.bound('a', { gpus: 2 });
    expect(c.state.removeNode(c.node('a'))).toEqual([p.id]);
    expect(c.state.gpus.totalGpus).toBe(4);
  });
});

describe('pickGpus', () => {
  // Node GPUs free: [1000, 300, 700, 300, 1000]; candidates for 300m: every GPU.
  const cases: { name: string; milli: number; gpus?: number; rule: GpuSelection; draw?: number; want: number }[] = [
    { name: 'best: the tightest fit, lowest index on ties', milli: 300, rule: 'best', want: 0b00010 },
    { name: 'worst: the roomiest, lowest index on ties', milli: 300, rule: 'worst', want: 0b00001 },
    { name: 'best skips GPUs without room', milli: 400, rule: 'best', want: 0b00100 },
    { name: 'random: the k-th GPU with room (k = 2 → GPU 2)', milli: 300, rule: 'random', draw: 2, want: 0b00100 },
    { name: 'whole GPUs: the lowest-indexed free ones under any rule', milli: 1000, gpus: 2, rule: 'worst', want: 0b10001 },
    { name: 'nothing fits (GPUs 0 and 4 taken first)', milli: 800, rule: 'best', want: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = gpuCluster([{ name: 'n', gpus: 5 }]);
      k.bound('n', { gpus: 1, milli: 700 }, 0b00010);
      k.bound('n', { gpus: 1, milli: 300 }, 0b00100);
      k.bound('n', { gpus: 1, milli: 700 }, 0b01000);
      if (c.milli === 800) k.bound('n', { gpus: 2 }, 0b10001);
      const req = k.pod({ gpus: c.gpus ?? 1, milli: c.milli }).gpu;
      const got = pickGpus(k.state.gpus, k.node('n'), req, c.rule, () => c.draw ?? 0);
      expect(got).toBe(c.want);
      if (got !== 0) expect(popCount(got)).toBe(req.count);
    });
  }
});
