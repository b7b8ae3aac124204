import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import type { GpuPodSketch } from '../cluster/gpu-fixtures.js';
import { buildFramework } from '../framework/framework.js';
import { Scheduler } from '../framework/scheduler.js';
import type { Plugin } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { ClusterState } from '../cluster/cluster-state.js';
import { create } from './gpu-fit.js';
import { inTreeRegistry } from './index.js';

const INSUFFICIENT = 1;
const TOO_FEW = 2;

function verdicts(p: Plugin, state: ClusterState, pod: CompiledPod, nodes: NodeId[]): number[] | 'skip' {
  const cx = { view: state };
  const pre = p.preFilter!(cx, pod);
  if (pre === SKIP) return 'skip';
  const one = nodes.map((n) => p.filter!(cx, pod, n, pre));
  const many = new Int32Array(nodes.length);
  p.filterMany!(cx, pod, Int32Array.from(nodes), nodes.length, pre, many);
  expect(Array.from(many)).toEqual(one);
  return one;
}

// full: GPUs [200, 0, 1000, 1000] (an 800m share and a whole GPU); one: 1 free GPU; cpu: no GPU.
function cluster() {
  const c = gpuCluster([{ name: 'full', gpus: 4 }, { name: 'one', gpus: 1 }, { name: 'cpu', gpus: 0 }]);
  c.bound('full', { gpus: 1, milli: 800 }, 0b0001);
  c.bound('full', { gpus: 1 }, 0b0010);
  return c;
}

describe('GpuFit', () => {
  const cases: { name: string; pod: GpuPodSketch; want: number[] | 'skip' }[] = [
    { name: 'a 200m share fits the 200 left on GPU 0', pod: { gpus: 1, milli: 200 }, want: [PASS, PASS, TOO_FEW] },
    { name: 'a 1000m share needs an entirely free GPU', pod: { gpus: 1, milli: 1000 }, want: [PASS, PASS, TOO_FEW] },
    { name: '2 whole GPUs: full has 2 free, one has 1 GPU in all', pod: { gpus: 2 }, want: [PASS, TOO_FEW, TOO_FEW] },
    { name: '3 whole GPUs: full has only 2 free (resolvable)', pod: { gpus: 3 }, want: [INSUFFICIENT, TOO_FEW, TOO_FEW] },
    { name: 'pods without GPU skip it', pod: { cpuMilli: 500 }, want: 'skip' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = cluster();
      expect(verdicts(create(undefined, { model: k.model }), k.state, k.pod(c.pod), ['full', 'one', 'cpu'].map(k.node))).toEqual(c.want);
    });
  }

  it('three 300m shares stack on GPU 2 (tightest fit); a 900m share fits GPU 3 until it is used', () => {
    const k = cluster();
    const f = k.node('full');
    for (let i = 0; i < 3; i++) {
      const p = k.pod({ gpus: 1, milli: 300 });
      k.state.bind(p, f);
    }
    // Tightest fit: GPU 2 takes 300 (→700), then 300 (→400), then 300 (→100): [200, 0, 100, 1000].
    expect(verdicts(create(undefined, { model: k.model }), k.state, k.pod({ gpus: 1, milli: 900 }), [f])).toEqual([PASS]);
    k.state.bind(k.pod({ gpus: 1, milli: 200 }), f, 0b1000);
    expect(verdicts(create(undefined, { model: k.model }), k.state, k.pod({ gpus: 1, milli: 900 }), [f])).toEqual([INSUFFICIENT]);
  });

  it('the scheduler explains an unschedulable GPU pod', () => {
    const k = cluster();
    const fw = buildFramework({ name: 'g', filter: ['GpuFit'], score: [], percentageOfNodesToScore: 100 }, inTreeRegistry, k.model);
    const d = new Scheduler(fw, { int: () => 0 }).scheduleOne(k.state, k.pod({ gpus: 4 }));
    expect(d.kind === 'unschedulable' ? d.diagnosis.message : '').toBe('0/3 nodes are available: 3 Insufficient GPU.');
  });
});
