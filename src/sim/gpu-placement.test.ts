import { describe, expect, it } from 'vitest';
import { gpuCluster } from '../cluster/gpu-fixtures.js';
import { buildFramework } from '../framework/framework.js';
import { Scheduler } from '../framework/scheduler.js';
import type { Plugin, PluginFactory } from '../framework/types.js';
import { Rng } from '../generators/rng.js';
import type { NodeId, Sym } from '../model/ids.js';
import { inTreeRegistry } from '../plugins/index.js';
import { simulate } from './simulator.js';

/**
 * A policy that prefers node "a" and puts a shared task on the highest-indexed GPU with
 * room: the cluster's default (tightest fit, lowest index on ties) would take GPU 0 of an
 * idle node, so the GPU a pod ends on shows whether the simulator honoured the placement.
 */
function world() {
  const k = gpuCluster([{ name: 'a', gpus: 2 }, { name: 'b', gpus: 2 }]);
  const a = k.node('a');
  const highest: Plugin = {
    name: 'HighestGpu',
    score: (_cx, _pod, node) => (node === a ? 100 : 0),
    placeGpus: (view, pod, node) => {
      const g = view.gpus;
      for (let i = g.count[node]! - 1; i >= 0; i--) if (g.freeMilli[g.offset[node]! + i]! >= pod.gpu.milliPerGpu) return 1 << i;
      return 0;
    },
  };
  const registry = new Map<string, PluginFactory>([...inTreeRegistry, ['HighestGpu', () => highest]]);
  const fw = buildFramework({ name: 'p', filter: ['GpuFit'], score: [{ name: 'HighestGpu', weight: 1 }], percentageOfNodesToScore: 100 }, registry, k.model);
  const freeOf = (node: NodeId) => Array.from(k.state.gpus.freeMilli.subarray(k.state.gpus.offset[node]!, k.state.gpus.offset[node]! + 2));
  const run = (pod: ReturnType<typeof k.pod>) => simulate({
    state: k.state, scheduler: new Scheduler(fw, Rng.fromSeed(1).fork('tiebreak')),
    arrivals: [{ atS: 0, pod, durationS: null }], endS: 1, rng: Rng.fromSeed(1).fork('preemption'),
  });
  return { k, a, b: k.node('b'), freeOf, run };
}

describe('simulate: GPU placement', () => {
  it('binds a pod on the GPUs the profile places it on (a cycle that chose the node)', () => {
    const w = world();
    const r = w.run(w.k.pod({ name: 'p', gpus: 1, milli: 400 }));
    expect(r.pods[0]).toMatchObject({ outcome: 'running', node: 'a' });
    expect(w.freeOf(w.a)).toEqual([1000, 600]);
  });

  it('and on its nominated node, bound without a full cycle', () => {
    const w = world();
    const pod = { ...w.k.pod({ name: 'p', gpus: 1, milli: 400 }), nominatedNodeName: w.k.state.nodeName[w.b] as Sym };
    const r = w.run(pod);
    // The policy scores "a" highest, so landing on "b" means the nominated node was taken.
    expect(r.pods[0]).toMatchObject({ outcome: 'running', node: 'b' });
    expect(w.freeOf(w.b)).toEqual([1000, 600]);
  });
});
