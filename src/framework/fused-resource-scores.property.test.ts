import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeId } from '../model/ids.js';
import { create as createBalanced } from '../plugins/node-resources-balanced-allocation.js';
import { create as createFit } from '../plugins/node-resources-fit.js';
import { inTreeRegistry } from '../plugins/index.js';
import { testCluster } from '../testing/builders.js';
import { buildFramework } from './framework.js';
import { fusedResourceScores } from './fused-resource-scores.js';
import type { ResourceKernel } from './resource-kernel.js';
import { kernelScoreOn } from './resource-kernel.js';
import { runScorePlugins } from './run-plugins.js';
import { ScorePass } from './score-pass.js';
import type { CycleContext, NodeList, Plugin } from './types.js';
import { SKIP, UniformScore } from './types.js';

// The fused pass (resource kernels of NodeResourcesFit and NodeResourcesBalancedAllocation
// scored in one loop) must give exactly what the plugins' own Score gives node by node,
// for any configuration the args allow: both strategies with kernels, every resource
// kind, any weights, nodes with no cpu or memory, overcommitted nodes, memory so large
// that x * 100 passes 2^53, best-effort pods.
const GI = 1024 ** 3;
const nodeArb = fc.record({
  cpu: fc.constantFrom(0, 1, 999, 4000, 64000),
  mem: fc.oneof(fc.constantFrom(0, 1, 512 * 1024 ** 2, 32 * GI), fc.integer({ min: 1, max: 2 ** 21 }).map((g) => g * GI)),
  gpus: fc.constantFrom(0, 2),
  storage: fc.constantFrom(0, 10 * GI),
});
const podArb = fc.record({
  cpu: fc.constantFrom(0, 1, 100, 250, 3000, 70000),
  mem: fc.constantFrom(0, 1, 200 * 1024 ** 2, 3 * GI, 40 * GI),
  gpu: fc.constantFrom(0, 1),
  storage: fc.constantFrom(0, GI),
  onNode: fc.integer({ min: -1, max: 5 }),
});
const resourceArb = fc.constantFrom('cpu', 'memory', 'ephemeral-storage', 'example.com/gpu', 'pods', 'hugepages-2Mi', 'foo');
const resourcesArb = fc.uniqueArray(fc.record({ name: resourceArb, weight: fc.integer({ min: 1, max: 100 }) }), { selector: (r) => r.name, maxLength: 4 });
const fitArgsArb = fc.record({
  type: fc.constantFrom('LeastAllocated', 'MostAllocated'),
  resources: resourcesArb,
});
const balancedArb = fc.uniqueArray(resourceArb, { maxLength: 4 });

describe('fused resource scores', () => {
  it('equal NodeResourcesFit and NodeResourcesBalancedAllocation scored plugin by plugin', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(podArb, { minLength: 1, maxLength: 8 }), fitArgsArb, balancedArb,
      fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }),
      (nodes, pods, fitArgs, balancedNames, fitWeight, balancedWeight) => {
        const c = testCluster(nodes.map((n, i) => ({
          name: `n${i}`,
          allocatable: { cpu: `${n.cpu}m`, memory: n.mem, pods: 110, 'example.com/gpu': n.gpus, 'ephemeral-storage': n.storage },
        })));
        const env = { model: c.model };
        const fit = createFit({ scoringStrategy: fitArgs }, env);
        const balanced = createBalanced({ resources: balancedNames.map((name) => ({ name, weight: 1 })) }, env);
        const ids = Int32Array.from(c.state.nodeOrder());
        const list: NodeList = { ids, count: ids.length };
        const cx: CycleContext = { view: c.state };
        pods.forEach((p, i) => {
          const pod = c.pod({ name: `p${i}`, requests: { cpu: `${p.cpu}m`, memory: p.mem, 'example.com/gpu': p.gpu, 'ephemeral-storage': p.storage } });
          const kernels: ResourceKernel[] = [];
          const weights: number[] = [];
          const want = new Float64Array(ids.length);
          for (const [plugin, w] of [[fit, fitWeight], [balanced, balancedWeight]] as [Plugin, number][]) {
            const pre = plugin.preScore!(cx, pod, list);
            if (pre === SKIP || pre instanceof UniformScore) continue;
            const kernel = plugin.resourceKernel!(pre);
            if (kernel === null) continue;
            ids.forEach((n, j) => {
              const one = plugin.score!(cx, pod, n as NodeId, pre);
              expect(kernelScoreOn(kernel, c.state, n), `${plugin.name} kernel on n${n}`).toBe(one);
              want[j] += one * w;
            });
            kernels.push(kernel);
            weights.push(w);
          }
          if (kernels.length > 0) {
            const got = new Float64Array(ids.length);
            fusedResourceScores(c.state, ids, ids.length, kernels, Float64Array.from(weights), got);
            expect(Array.from(got)).toEqual(Array.from(want));
          }
          if (p.onNode >= 0 && p.onNode < nodes.length) c.state.bind(pod, ids[p.onNode] as NodeId);
        });
      },
    ), { numRuns: 300 });
  });

  it('ScorePass gives the totals and per-plugin scores of runScorePlugins for the default profile', () => {
    fc.assert(fc.property(fc.array(nodeArb, { minLength: 2, maxLength: 6 }), fc.array(podArb, { minLength: 1, maxLength: 8 }), (nodes, pods) => {
      const c = testCluster(nodes.map((n, i) => ({ name: `n${i}`, allocatable: { cpu: `${n.cpu}m`, memory: n.mem, pods: 110 } })));
      const fw = buildFramework({
        name: 'p', filter: [],
        score: [{ name: 'TaintToleration', weight: 3 }, { name: 'NodeResourcesFit', weight: 1 }, { name: 'NodeResourcesBalancedAllocation', weight: 2 }, { name: 'ImageLocality', weight: 1 }],
      }, inTreeRegistry, c.model);
      const pass = new ScorePass(fw);
      const ids = Int32Array.from(c.state.nodeOrder());
      const list: NodeList = { ids, count: ids.length };
      const cx: CycleContext = { view: c.state };
      const scores = fw.scorers.map(() => new Float64Array(ids.length));
      const totals = new Float64Array(ids.length);
      pods.forEach((p, i) => {
        const pod = c.pod({ name: `p${i}`, requests: { cpu: `${p.cpu}m`, memory: p.mem } });
        const uniform = runScorePlugins(fw, cx, pod, list, scores, totals);
        expect(pass.run(cx, pod, list)).toBe(uniform);
        expect(Array.from(pass.totals.subarray(0, ids.length))).toEqual(Array.from(totals));
        ids.forEach((_, j) => fw.scorers.forEach((_p, s) => expect(pass.pluginScore(cx, pod, list, s, j)).toBe(scores[s]![j]! * fw.weights[s]!)));
        if (p.onNode >= 0 && p.onNode < nodes.length) c.state.bind(pod, ids[p.onNode] as NodeId);
      });
    }), { numRuns: 200 });
  });
});
