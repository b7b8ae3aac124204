import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import { defaultProfile } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { Rng } from '../generators/rng.js';
import type { NodeId } from '../model/ids.js';
import { PODS } from '../model/resources.js';
import { testCluster } from '../testing/builders.js';
import { inTreeRegistry } from './index.js';

const nodeArb = fc.record({
  cpuMilli: fc.integer({ min: 0, max: 8000 }),
  memMi: fc.integer({ min: 0, max: 16384 }),
  gpus: fc.integer({ min: 0, max: 4 }),
  pods: fc.integer({ min: 0, max: 8 }),
  zone: fc.constantFrom('a', 'b', 'c'),
  tainted: fc.boolean(),
  cordoned: fc.boolean(),
});
const podArb = fc.record({
  cpuMilli: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
  memMi: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
  gpus: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  tolerates: fc.boolean(),
  initCpuMilli: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
});

type NodeGen = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function scenario(nodes: readonly NodeGen[], pods: readonly PodGen[], seed: number, pct: number) {
  const c = testCluster(nodes.map((n, i) => ({
    name: `n${i}`,
    allocatable: { cpu: `${n.cpuMilli}m`, memory: `${n.memMi}Mi`, pods: n.pods, 'nvidia.com/gpu': n.gpus },
    labels: { 'topology.kubernetes.io/zone': n.zone, 'kubernetes.io/hostname': `n${i}` },
    taints: n.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : [],
    unschedulable: n.cordoned,
  })));
  const profile = { ...defaultProfile(), percentageOfNodesToScore: pct };
  const scheduler = new Scheduler(buildFramework(profile, inTreeRegistry, c.model), Rng.fromSeed(seed).fork('tiebreak'));
  const placements: number[] = [];
  pods.forEach((p, i) => {
    const requests: Record<string, string> = {};
    if (p.cpuMilli !== undefined) requests.cpu = `${p.cpuMilli}m`;
    if (p.memMi !== undefined) requests.memory = `${p.memMi}Mi`;
    if (p.gpus !== undefined) requests['nvidia.com/gpu'] = String(p.gpus);
    const pod = c.pod({
      name: `p${i}`,
      requests,
      spec: {
        tolerations: p.tolerates ? [{ key: 'dedicated', operator: 'Exists' }] : [],
        ...(p.initCpuMilli !== undefined
          ? { initContainers: [{ name: 'init', resources: { requests: { cpu: `${p.initCpuMilli}m` } } }] }
          : {}),
      },
    });
    const d = scheduler.scheduleOne(c.state, pod);
    if (d.kind === 'bound') c.state.bind(pod, d.node);
    placements.push(d.kind === 'bound' ? d.node : -1);
  });
  return { c, placements };
}

describe('default profile, any cluster and pod sequence', () => {
  it('never over-commits a node in any resource or in pod count, and never binds to a cordoned or untolerated node', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 1, maxLength: 12 }), fc.array(podArb, { maxLength: 40 }), fc.integer(), fc.constantFrom(0, 50, 100),
      (nodes, pods, seed, pct) => {
        const { c, placements } = scenario(nodes, pods, seed, pct);
        const s = c.state;
        for (let n = 0; n < nodes.length; n++) {
          for (let r = 0; r < s.dims; r++) {
            expect(s.requested[n * s.dims + r]).toBeLessThanOrEqual(s.allocatable[n * s.dims + r]!);
          }
          expect(s.requested[n * s.dims + PODS]).toBe(s.podsOn(n as NodeId).length);
        }
        placements.forEach((node, i) => {
          if (node < 0) return;
          expect(nodes[node]!.cordoned).toBe(false);
          if (nodes[node]!.tainted) expect(pods[i]!.tolerates).toBe(true);
        });
      },
    ), { numRuns: 150 });
  });

  it('the same seed gives the same placements', () => {
    fc.assert(fc.property(
      fc.array(nodeArb, { minLength: 1, maxLength: 10 }), fc.array(podArb, { maxLength: 30 }), fc.integer(),
      (nodes, pods, seed) => {
        expect(scenario(nodes, pods, seed, 0).placements).toEqual(scenario(nodes, pods, seed, 0).placements);
      },
    ), { numRuns: 60 });
  });
});
