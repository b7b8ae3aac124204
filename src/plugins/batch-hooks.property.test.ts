import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CycleContext, NodeList, Plugin } from '../framework/types.js';
import { Rejection, SKIP, UniformScore } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import { testCluster } from '../testing/builders.js';
import { inTreeRegistry } from './index.js';

// filterMany/scoreMany are the fast paths; they must agree with filter/score exactly.
const nodeArb = fc.record({
  cpu: fc.integer({ min: 0, max: 4000 }), mem: fc.integer({ min: 0, max: 4096 }), pods: fc.integer({ min: 0, max: 5 }),
  taint: fc.constantFrom(null, 'NoSchedule', 'PreferNoSchedule', 'NoExecute'), cordoned: fc.boolean(),
  zone: fc.constantFrom('a', 'b'), image: fc.boolean(),
});
const podArb = fc.record({
  cpu: fc.integer({ min: 0, max: 2000 }), mem: fc.integer({ min: 0, max: 2048 }), tolerate: fc.boolean(),
  onNode: fc.integer({ min: -1, max: 5 }),
});

describe('batch hooks agree with per-node hooks', () => {
  it('for every plugin with filterMany or scoreMany', () => {
    fc.assert(fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 8 }), fc.array(podArb, { minLength: 1, maxLength: 10 }), (nodes, pods) => {
      const c = testCluster(nodes.map((n, i) => ({
        name: `n${i}`, allocatable: { cpu: `${n.cpu}m`, memory: `${n.mem}Mi`, pods: n.pods },
        labels: { 'topology.kubernetes.io/zone': n.zone, 'kubernetes.io/hostname': `n${i}`, app: 'x' },
        taints: n.taint ? [{ key: 'k', value: 'v', effect: n.taint }] : [], unschedulable: n.cordoned,
        images: n.image ? [{ names: ['img:1'], sizeBytes: 300 * 1024 * 1024 }] : [],
      })));
      const podOf = (p: (typeof pods)[number], i: number) => c.pod({
        name: `p${i}`, labels: { app: 'x' }, requests: { cpu: `${p.cpu}m`, memory: `${p.mem}Mi` },
        ...(p.onNode >= 0 && p.onNode < nodes.length ? { nodeName: `n${p.onNode}` } : {}),
        spec: {
          tolerations: p.tolerate ? [{ operator: 'Exists' }] : [],
          containers: [{ name: 'c', image: 'img:1', resources: { requests: { cpu: `${p.cpu}m`, memory: `${p.mem}Mi` } } }],
        },
      });
      const ids = Int32Array.from(c.state.nodeOrder());
      const list: NodeList = { ids, count: ids.length };
      const cx: CycleContext = { view: c.state };
      pods.forEach((p, i) => {
        const pod = podOf(p, i);
        for (const [name, factory] of inTreeRegistry) {
          const plugin: Plugin = factory(undefined, { model: c.model });
          if (plugin.filterMany && plugin.filter) {
            const pre = plugin.preFilter ? plugin.preFilter(cx, pod) : undefined;
            if (pre !== SKIP && !(pre instanceof Rejection)) {
              const verdicts = new Int32Array(ids.length);
              plugin.filterMany(cx, pod, ids, ids.length, pre, verdicts);
              ids.forEach((n, j) => expect(verdicts[j], `${name} filter`).toBe(plugin.filter!(cx, pod, n as NodeId, pre)));
            }
          }
          if (plugin.scoreMany && plugin.score) {
            const pre = plugin.preScore ? plugin.preScore(cx, pod, list) : undefined;
            if (pre !== SKIP && !(pre instanceof UniformScore)) {
              const out = new Float64Array(ids.length);
              plugin.scoreMany(cx, pod, list, pre, out);
              ids.forEach((n, j) => expect(out[j], `${name} score`).toBe(plugin.score!(cx, pod, n as NodeId, pre)));
            }
          }
        }
        const target = p.onNode >= 0 && p.onNode < nodes.length ? p.onNode : -1;
        if (target >= 0) c.state.bind(pod, target as NodeId);
      });
    }), { numRuns: 100 });
  });
});
