import { describe, expect, it } from 'vitest';
import { ProfileError } from '../framework/profile-error.js';
import type { CycleContext, NodeList } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import type { NodeSketch, PodSketch } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create } from './node-resources-balanced-allocation.js';

type Res = Record<string, string>;

/** A pod sketch with one container per request list. */
function containers(...reqs: Res[]): PodSketch {
  return { spec: { containers: reqs.map((r, i) => ({ name: `c${i}`, resources: { requests: r } })) } };
}

/** PreScore + Score over every node: 'Skip' or the scores by node name. */
function runScore(args: unknown, nodes: NodeSketch[], existing: (PodSketch & { nodeName: string })[], pod: PodSketch): 'Skip' | Record<string, number> {
  const c = testCluster(nodes);
  for (const e of existing) c.bound(e);
  const p = c.pod(pod);
  const plugin = create(args, { model: c.model });
  const cx: CycleContext = { view: c.state };
  const list: NodeList = { ids: Int32Array.from(nodes, (_, i) => i), count: nodes.length };
  const pre = plugin.preScore!(cx, p, list);
  if (pre === SKIP) return 'Skip';
  const out: Record<string, number> = {};
  nodes.forEach((n, i) => { out[n.name] = plugin.score!(cx, p, i as NodeId, pre); });
  return out;
}

const node = (name: string, cpu: string, memory: string, extra: Res = {}): NodeSketch => ({ name, allocatable: { cpu, memory, pods: '32', ...extra } });
const cpuMem = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];
const withGpu = [...cpuMem, { name: 'nvidia.com/gpu', weight: 1 }];

describe('NodeResourcesBalancedAllocation', () => {
  const cases: { name: string; args: unknown; nodes: NodeSketch[]; existing: (PodSketch & { nodeName: string })[]; pod: PodSketch; want: 'Skip' | Record<string, number> }[] = [
    {
      name: 'nothing scheduled, nothing requested, skip in PreScore', args: { resources: cpuMem },
      nodes: [node('node1', '4000m', '10000'), node('node2', '4000m', '10000')], existing: [], pod: containers({}), want: 'Skip',
    },
    {
      // The 100m / 200Mi defaults do not apply here (useRequested): a pod with an explicit 0 is best-effort too.
      name: 'explicit zero requests are still best-effort', args: {},
      nodes: [node('node1', '4000m', '10000')], existing: [], pod: containers({ cpu: '0', memory: '0' }), want: 'Skip',
    },
    {
      // node1: cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5 -> std |0.75-0.5|/2 = 0.125 -> (1-0.125)*100 = 87.
      // node2: cpu 3000/6000 = 0.5, memory 0.5 -> std 0 -> 100.
      name: 'nothing scheduled, resources requested, differently sized nodes', args: { resources: cpuMem },
      nodes: [node('node1', '4000m', '10000'), node('node2', '6000m', '10000')], existing: [],
      pod: containers({ cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000' }), want: { node1: 87, node2: 100 },
    },
    {
      // node1: cpu 6000/10000 = 0.6, memory 5000/20000 = 0.25 -> std 0.175 -> 82.5 -> 82.
      // node2: cpu 0.6, memory 10000/20000 = 0.5 -> std 0.05 -> 95.
      name: 'resources requested, pods scheduled with resources', args: { resources: cpuMem },
      nodes: [node('node1', '10000m', '20000'), node('node2', '10000m', '20000')],
      existing: [
        { ...containers({ cpu: '1000m' }, { cpu: '2000m' }), nodeName: 'node1' },
        { ...containers({ cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000' }), nodeName: 'node2' },
      ],
      pod: containers({ cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000' }), want: { node1: 82, node2: 95 },
    },
    {
      // node1: cpu 6000/6000 = 1, memory 0 -> std 0.5 -> 50. node2: cpu 1, memory 0.5 -> std 0.25 -> 75.
      name: 'requested resources at node capacity', args: { resources: cpuMem },
      nodes: [node('node1', '6000m', '10000'), node('node2', '6000m', '10000')],
      existing: [
        { ...containers({ cpu: '1000m' }, { cpu: '2000m' }), nodeName: 'node1' },
        { ...containers({ cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000' }), nodeName: 'node2' },
      ],
      pod: containers({ cpu: '1000m' }, { cpu: '2000m' }), want: { node1: 50, node2: 75 },
    },
    {
      // Shares above 1 are capped: cpu 3000 + 3000 of 4000 -> 1, memory 0.5 -> std 0.25 -> 75.
      name: 'a share above capacity counts as 1', args: {},
      nodes: [node('n', '4000m', '10000')], existing: [{ ...containers({ cpu: '3000m' }), nodeName: 'n' }],
      pod: containers({ cpu: '3000m', memory: '5000' }), want: { n: 75 },
    },
    {
      // Three shares: node1 cpu 3000/3500, memory 5000/40000 = 0.125, gpu 4/8 = 0.5;
      // mean = (0.857142.. + 0.125 + 0.5)/3, std = 0.29886.. -> 70.
      // node2: gpu 1/8 = 0.125 -> std 0.34503.. -> 65.
      name: 'include scalar resource on a node for balanced resource allocation', args: { resources: withGpu },
      nodes: [node('node1', '3500m', '40000', { 'nvidia.com/gpu': '8' }), node('node2', '3500m', '40000', { 'nvidia.com/gpu': '8' })],
      existing: [
        { ...containers({ cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000', 'nvidia.com/gpu': '3' }), nodeName: 'node1' },
        { ...containers({ cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000' }), nodeName: 'node2' },
      ],
      pod: containers({ cpu: '0', memory: '0', 'nvidia.com/gpu': '1' }), want: { node1: 70, node2: 65 },
    },
    {
      // The pod does not request the gpu, so it is bypassed on both nodes: cpu 3000/3500, memory 5000/40000
      // -> std |0.857142.. - 0.125| / 2 = 0.36607.. -> 63.
      name: 'node without the scalar resource should skip the scalar resource', args: { resources: withGpu },
      nodes: [node('node1', '3500m', '40000', { 'nvidia.com/gpu': '8' }), node('node2', '3500m', '40000')], existing: [],
      pod: containers({ cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000' }), want: { node1: 63, node2: 63 },
    },
    {
      // Existing pods without requests add nothing (Requested, not NonZeroRequested): cpu 1000/2000, memory 0.5 -> 100.
      name: 'existing best-effort pods add nothing', args: {},
      nodes: [node('n', '2000m', '10000')], existing: [{ ...containers({}), nodeName: 'n' }, { ...containers({}), nodeName: 'n' }],
      pod: containers({ cpu: '1000m', memory: '5000' }), want: { n: 100 },
    },
    {
      // One share only (memory; the node has no cpu): std 0 -> 100.
      name: 'a single share has no deviation', args: {},
      nodes: [{ name: 'n', allocatable: { memory: '10000' } }], existing: [], pod: containers({ cpu: '1', memory: '9000' }), want: { n: 100 },
    },
    {
      // Only the gpu is requested, among cpu/memory/gpu: not best-effort. Shares cpu 0, memory 0, gpu 1/8.
      // mean 0.041666.., std = sqrt(((1/24)^2*2 + (1/12)^2)/3) = 0.058925.. -> 94.
      name: 'a pod requesting only a configured scalar resource is scored', args: { resources: withGpu },
      nodes: [node('n', '1000m', '1000', { 'nvidia.com/gpu': '8' })], existing: [], pod: containers({ 'nvidia.com/gpu': '1' }), want: { n: 94 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(runScore(c.args, c.nodes, c.existing, c.pod)).toEqual(c.want));
});

describe('NodeResourcesBalancedAllocation args', () => {
  const cases: { name: string; args: unknown; path: string; problem: RegExp }[] = [
    { name: 'weight other than 1', args: { resources: [{ name: 'cpu', weight: 2 }] }, path: 'resources[0].weight', problem: /must be 1/ },
    { name: 'duplicate resource', args: { resources: [{ name: 'cpu', weight: 1 }, { name: 'cpu', weight: 1 }] }, path: 'resources[1].name', problem: /duplicate/ },
    { name: 'unknown field', args: { resources: [], shape: [] }, path: 'shape', problem: /unknown field/ },
    { name: 'resources not a list', args: { resources: 'cpu' }, path: 'resources', problem: /./ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = testCluster([]).model;
      let err: unknown = null;
      try { create(c.args, { model: m }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ProfileError);
      expect((err as ProfileError).path).toBe(c.path);
      expect((err as ProfileError).problem).toMatch(c.problem);
    });
  }
  it('weight 0 or absent means 1; no resources means cpu and memory', () => {
    const m = testCluster([]).model;
    expect(() => create({ resources: [{ name: 'cpu' }, { name: 'memory', weight: 0 }] }, { model: m })).not.toThrow();
    expect(() => create(undefined, { model: m })).not.toThrow();
  });
});
