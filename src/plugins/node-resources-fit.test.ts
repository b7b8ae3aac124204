import { describe, expect, it } from 'vitest';
import { ProfileError } from '../framework/profile-error.js';
import type { CycleContext, NodeList, StatusCode } from '../framework/types.js';
import { Rejection, SKIP } from '../framework/types.js';
import { verdictReasons, verdictStatus } from '../framework/verdict.js';
import type { NodeId } from '../model/ids.js';
import type { NodeSketch, PodSketch } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { create } from './node-resources-fit.js';

type Res = Record<string, string>;

/** A pod sketch with one container per request list (an empty list = no requests). */
function containers(...reqs: Res[]): PodSketch {
  return { spec: { containers: reqs.map((r, i) => ({ name: `c${i}`, resources: { requests: r } })) } };
}
/** Adds init containers (and optionally marks them sidecars) to a sketch. */
function withInit(p: PodSketch, reqs: Res[], sidecar = false): PodSketch {
  return {
    spec: {
      ...p.spec,
      initContainers: reqs.map((r, i) => ({ name: `i${i}`, resources: { requests: r }, ...(sidecar ? { restartPolicy: 'Always' } : {}) })),
    },
  };
}

/** PreFilter + Filter on a single node holding `existing`; kube's status code and reasons. */
function runFilter(args: unknown, node: NodeSketch, existing: PodSketch[], pod: PodSketch): { status: StatusCode; reasons: string[] } {
  const c = testCluster([node]);
  for (const e of existing) c.bound({ ...e, nodeName: node.name });
  const p = c.pod(pod);
  const plugin = create(args, { model: c.model });
  const cx: CycleContext = { view: c.state };
  const pre = plugin.preFilter!(cx, p);
  if (pre === SKIP || pre instanceof Rejection) throw new Error('NodeResourcesFit PreFilter never skips or rejects');
  const v = plugin.filter!(cx, p, 0 as NodeId, pre);
  return { status: verdictStatus(plugin, v), reasons: verdictReasons(plugin, cx, p, 0 as NodeId, v, pre) };
}

/** PreScore + Score over every node; scores by node name. */
function runScore(args: unknown, nodes: NodeSketch[], existing: (PodSketch & { nodeName: string })[], pod: PodSketch): Record<string, number> {
  const c = testCluster(nodes);
  for (const e of existing) c.bound(e);
  const p = c.pod(pod);
  const plugin = create(args, { model: c.model });
  const cx: CycleContext = { view: c.state };
  const list: NodeList = { ids: Int32Array.from(nodes, (_, i) => i), count: nodes.length };
  const pre = plugin.preScore!(cx, p, list);
  expect(pre).not.toBe(SKIP); // kube's Fit PreScore never skips
  const out: Record<string, number> = {};
  nodes.forEach((n, i) => { out[n.name] = plugin.score!(cx, p, i as NodeId, pre); });
  return out;
}

// The node of Go's TestEnoughRequests: makeAllocatableResources(10, 20, 32, 5, 20, 5).
const GO_NODE: NodeSketch = {
  name: 'node',
  allocatable: { cpu: '10m', memory: '20', pods: '32', 'example.com/aaa': '5', 'ephemeral-storage': '20', 'hugepages-2Mi': '5' },
};
const OK = { status: 'Success' as const, reasons: [] as string[] };

describe('NodeResourcesFit Filter', () => {
  const cases: { name: string; args?: unknown; node?: NodeSketch; existing: PodSketch[]; pod: PodSketch; want: { status: StatusCode; reasons: string[] } }[] = [
    { name: 'no resources requested always fits', existing: [containers({ cpu: '10m', memory: '20' })], pod: containers(), want: OK },
    {
      name: 'too many resources fails (both reasons, in kube order)',
      existing: [containers({ cpu: '10m', memory: '20' })], pod: containers({ cpu: '1m', memory: '1' }),
      want: { status: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'] },
    },
    {
      name: 'too many resources fails due to init container cpu',
      existing: [containers({ cpu: '8m', memory: '19' })], pod: withInit(containers({ cpu: '1m', memory: '1' }), [{ cpu: '3m', memory: '1' }]),
      want: { status: 'Unschedulable', reasons: ['Insufficient cpu'] },
    },
    {
      name: 'init container fits because it\'s the max, not sum, of containers and init containers',
      existing: [containers({ cpu: '9m', memory: '19' })], pod: withInit(containers({ cpu: '1m', memory: '1' }), [{ cpu: '1m', memory: '1' }, { cpu: '1m', memory: '1' }]),
      want: OK,
    },
    { name: 'equal edge case', existing: [containers({ cpu: '5m', memory: '19' })], pod: containers({ cpu: '5m', memory: '1' }), want: OK },
    {
      name: 'extended resource capacity enforced (request > allocatable: unresolvable)',
      existing: [containers({ cpu: '0', memory: '0', 'example.com/aaa': '0' })], pod: containers({ cpu: '1m', memory: '1', 'example.com/aaa': '10' }),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Insufficient example.com/aaa'] },
    },
    {
      name: 'extended resource allocatable enforced (room taken by others: resolvable)',
      existing: [containers({ cpu: '0', memory: '0', 'example.com/aaa': '5' })], pod: containers({ cpu: '1m', memory: '1', 'example.com/aaa': '1' }),
      want: { status: 'Unschedulable', reasons: ['Insufficient example.com/aaa'] },
    },
    {
      name: 'extended resource allocatable enforced for multiple containers (3 + 3 > 5)',
      existing: [containers({ 'example.com/aaa': '2' })], pod: containers({ 'example.com/aaa': '3' }, { 'example.com/aaa': '3' }),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Insufficient example.com/aaa'] },
    },
    {
      name: 'extended resource allocatable admits multiple init containers',
      existing: [containers({ 'example.com/aaa': '2' })], pod: withInit(containers(), [{ 'example.com/aaa': '3' }, { 'example.com/aaa': '3' }]),
      want: OK,
    },
    {
      name: 'extended resource allocatable enforced for unknown resource',
      existing: [containers({})], pod: containers({ cpu: '1m', memory: '1', 'example.com/bbb': '1' }),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Insufficient example.com/bbb'] },
    },
    {
      name: 'kubernetes.io resource capacity enforced',
      existing: [containers({})], pod: containers({ 'kubernetes.io/something': '10' }),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Insufficient kubernetes.io/something'] },
    },
    {
      name: 'hugepages resource capacity enforced',
      existing: [containers({ 'hugepages-2Mi': '0' })], pod: containers({ 'hugepages-2Mi': '10' }),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Insufficient hugepages-2Mi'] },
    },
    {
      name: 'skip checking ignored extended resource',
      args: { ignoredResources: ['example.com/bbb'] },
      existing: [containers({})], pod: containers({ cpu: '1m', memory: '1', 'example.com/bbb': '1' }),
      want: OK,
    },
    {
      name: 'skip checking ignored extended resource via resource groups (kubernetes.io names are never ignored)',
      args: { ignoredResourceGroups: ['example.com'] },
      existing: [containers({})], pod: containers({ cpu: '1m', memory: '1', 'example.com/bbb': '1', 'kubernetes.io/something': '1' }),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Insufficient kubernetes.io/something'] },
    },
    {
      name: 'a name that is not a scalar resource ("foo") is never checked',
      existing: [containers({})], pod: containers({ foo: '1000' }),
      want: OK,
    },
    { name: 'skip checking extended resource request with quantity zero', existing: [containers({ 'example.com/aaa': '6' })], pod: containers({ 'example.com/aaa': '0' }), want: OK },
    {
      name: 'resources + pod overhead fits (1m+3m, 1+13)',
      existing: [containers({ cpu: '5m', memory: '5' })], pod: { spec: { ...containers({ cpu: '1m', memory: '1' }).spec, overhead: { cpu: '3m', memory: '13' } } },
      want: OK,
    },
    {
      name: 'requests + overhead does not fit for memory (1+15 > 20-5)',
      existing: [containers({ cpu: '5m', memory: '5' })], pod: { spec: { ...containers({ cpu: '1m', memory: '1' }).spec, overhead: { cpu: '1m', memory: '15' } } },
      want: { status: 'Unschedulable', reasons: ['Insufficient memory'] },
    },
    {
      name: 'storage ephemeral local storage request exceeds allocatable',
      existing: [containers({ cpu: '2m', memory: '2' })], pod: containers({ 'ephemeral-storage': '25' }),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Insufficient ephemeral-storage'] },
    },
    {
      name: 'pod-level cpu resource not fit (pod-level 7m replaces container 1m)',
      existing: [containers({ cpu: '5m', memory: '5' })], pod: { spec: { ...containers({ cpu: '1m', memory: '1' }).spec, resources: { requests: { cpu: '7m', memory: '2' } } } },
      want: { status: 'Unschedulable', reasons: ['Insufficient cpu'] },
    },
    {
      name: 'even without specified resources, predicate fails when there\'s no space for additional pod',
      node: { name: 'node', allocatable: { cpu: '10m', memory: '20', pods: '1' } },
      existing: [containers({ cpu: '10m', memory: '20' })], pod: containers(),
      want: { status: 'Unschedulable', reasons: ['Too many pods'] },
    },
    {
      name: 'too many pods stays resolvable even with an unresolvable resource beside it',
      node: { name: 'node', allocatable: { cpu: '10m', memory: '20', pods: '1' } },
      existing: [containers({})], pod: containers({ cpu: '11m' }),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Too many pods', 'Insufficient cpu'] },
    },
    {
      name: 'a node without a pods allocatable admits no pod',
      node: { name: 'node', allocatable: { cpu: '10m', memory: '20' } },
      existing: [], pod: containers(),
      want: { status: 'Unschedulable', reasons: ['Too many pods'] },
    },
    {
      // Go TestRestartableInitContainers: allocatable cpu 2m; regular 1m + sidecar 2m = 3m > 2m.
      name: 'not allow pod if the total requested resources do exceed the node\'s allocatable resources (sidecar)',
      node: { name: 'node', allocatable: { cpu: '2m', pods: '1' } },
      existing: [], pod: withInit(containers({ cpu: '1m' }), [{ cpu: '2m' }], true),
      want: { status: 'UnschedulableAndUnresolvable', reasons: ['Insufficient cpu'] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(runFilter(c.args ?? {}, c.node ?? GO_NODE, c.existing, c.pod)).toEqual(c.want));
  }
});

describe('NodeResourcesFit Score', () => {
  const least = { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } };
  const most = { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } };
  const rtcr = (shape: { utilization: number; score: number }[], resources = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }]) =>
    ({ scoringStrategy: { type: 'RequestedToCapacityRatio', resources, requestedToCapacityRatio: { shape } } });
  // Go TestFitScore cluster: node1 cpu 4000 / memory 10000 with 2000/4000 used, node2 6000 / 10000 with 1000/2000 used.
  const goNodes: NodeSketch[] = [
    { name: 'node1', allocatable: { cpu: '4000', memory: '10000', pods: '32' } },
    { name: 'node2', allocatable: { cpu: '6000', memory: '10000', pods: '32' } },
  ];
  const goExisting = [
    { requests: { cpu: '2000', memory: '4000' }, nodeName: 'node1' },
    { requests: { cpu: '1000', memory: '2000' }, nodeName: 'node2' },
  ];
  const cases: { name: string; args: unknown; nodes: NodeSketch[]; existing: (PodSketch & { nodeName: string })[]; pod: PodSketch; want: Record<string, number> }[] = [
    {
      // node1: cpu (4000-3000)*100/4000 = 25, memory (10000-6000)*100/10000 = 40 -> (25+40)/2 = 32.
      // node2: cpu (6000-2000)*100/6000 = 66, memory (10000-4000)*100/10000 = 60 -> 63.
      name: 'test case for ScoringStrategy LeastAllocated', args: least, nodes: goNodes, existing: goExisting,
      pod: { requests: { cpu: '1000', memory: '2000' } }, want: { node1: 32, node2: 63 },
    },
    {
      // node1: 3000*100/4000 = 75, 6000*100/10000 = 60 -> 67; node2: 2000*100/6000 = 33, 40 -> 36.
      name: 'test case for ScoringStrategy MostAllocated', args: most, nodes: goNodes, existing: goExisting,
      pod: { requests: { cpu: '1000', memory: '2000' } }, want: { node1: 67, node2: 36 },
    },
    {
      // Shape (0,100),(100,0). node1: cpu 5000 > 4000 -> f(100) = 0 (not counted), memory 90% -> 10 -> 10.
      // node2: cpu 4000/6000 = 66% -> 34, memory 70% -> 30 -> round(64/2) = 32.
      name: 'test case for ScoringStrategy RequestedToCapacityRatio case1', args: rtcr([{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }]),
      nodes: goNodes, existing: goExisting, pod: { requests: { cpu: '3000', memory: '5000' } }, want: { node1: 10, node2: 32 },
    },
    {
      // Shape (0,0),(100,100). node1: cpu full -> 100, memory 90 -> 95; node2: 66, 70 -> 68.
      name: 'test case for ScoringStrategy RequestedToCapacityRatio case2', args: rtcr([{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }]),
      nodes: goNodes, existing: goExisting, pod: { requests: { cpu: '3000', memory: '5000' } }, want: { node1: 95, node2: 68 },
    },
    {
      // Go TestResourceBinPackingMultipleExtended: foo weight 3, bar weight 5, shape (0,0),(100,10).
      // node1: foo 2/8 = 25% -> 2, bar 2/4 = 50% -> 5 -> round((6+25)/8 = 3.875) = 4.
      // node2: foo 2/4 -> 5, bar 2/8 -> 2 -> round((15+10)/8 = 3.125) = 3.
      name: 'resources requested, pods scheduled with less resources (multiple extended, math.Round)',
      args: rtcr([{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }], [{ name: 'intel.com/foo', weight: 3 }, { name: 'intel.com/bar', weight: 5 }]),
      nodes: [
        { name: 'node1', allocatable: { cpu: '4000', memory: '10000Mi', 'intel.com/foo': '8', 'intel.com/bar': '4' } },
        { name: 'node2', allocatable: { cpu: '4000', memory: '10000Mi', 'intel.com/foo': '4', 'intel.com/bar': '8' } },
      ],
      existing: [], pod: { requests: { 'intel.com/foo': '2', 'intel.com/bar': '2' } }, want: { node1: 4, node2: 3 },
    },
    {
      // Non-zero defaults: 100m of 1000m -> 90, 200Mi of 1000Mi -> 80 -> 85.
      name: 'a container without requests is scored as 100m CPU / 200Mi memory', args: least,
      nodes: [{ name: 'n', allocatable: { cpu: '1', memory: '1000Mi' } }], existing: [], pod: containers({}), want: { n: 85 },
    },
    {
      // No containers: nothing to default (NonMissingContainerRequests applies per container) -> 100.
      name: 'a pod without containers requests nothing, not even the defaults', args: least,
      nodes: [{ name: 'n', allocatable: { cpu: '1', memory: '1000Mi' } }], existing: [], pod: containers(), want: { n: 100 },
    },
    {
      // The existing pod without requests counts 100m / 200Mi too (NonZeroRequested): 200m, 400Mi -> 80, 60 -> 70.
      name: 'existing pods without requests count their non-zero defaults', args: least,
      nodes: [{ name: 'n', allocatable: { cpu: '1', memory: '1000Mi' } }], existing: [{ ...containers({}), nodeName: 'n' }], pod: containers({}), want: { n: 70 },
    },
    {
      // An explicit "0" is not missing: cpu 0 -> 100, memory default 200Mi of 1000Mi -> 80 -> 90.
      name: 'an explicit zero request is not defaulted', args: least,
      nodes: [{ name: 'n', allocatable: { cpu: '1', memory: '1000Mi' } }], existing: [], pod: { requests: { cpu: '0' } }, want: { n: 90 },
    },
    {
      // ephemeral-storage is read from Requested: 5 + 5 of 20 -> (20-10)*100/20 = 50 (alone, weight 1).
      name: 'ephemeral-storage scores plain requests', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'ephemeral-storage', weight: 1 }] } },
      nodes: [{ name: 'n', allocatable: { 'ephemeral-storage': '20' } }], existing: [{ requests: { 'ephemeral-storage': '5' }, nodeName: 'n' }],
      pod: { requests: { 'ephemeral-storage': '5' } }, want: { n: 50 },
    },
    {
      // Only resources with allocatable count; "pods" and "foo" never do; with none left the score is 0.
      name: 'no scorable resource gives 0', args: { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'pods', weight: 1 }, { name: 'foo', weight: 1 }] } },
      nodes: [{ name: 'n', allocatable: { pods: '10', foo: '10' } }], existing: [], pod: { requests: { foo: '1' } }, want: { n: 0 },
    },
    {
      // Memory in bytes times 100 passes 2^53: (2^50 - 3*2^48) * 100 / 2^50 = 25 exactly.
      name: 'large memory keeps int64 arithmetic exact', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'memory', weight: 1 }] } },
      nodes: [{ name: 'n', allocatable: { memory: '1Pi' } }], existing: [], pod: { requests: { memory: '768Ti' } }, want: { n: 25 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(runScore(c.args, c.nodes, c.existing, c.pod)).toEqual(c.want));

  it('defaults to LeastAllocated over cpu:1 memory:1 when no args are given', () => {
    expect(runScore(undefined, goNodes, goExisting, { requests: { cpu: '1000', memory: '2000' } })).toEqual({ node1: 32, node2: 63 });
  });
  it('treats weight 0 (or absent) as 1, as kube\'s defaulting does', () => {
    const args = { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu' }, { name: 'memory', weight: 0 }] } };
    expect(runScore(args, goNodes, goExisting, { requests: { cpu: '1000', memory: '2000' } })).toEqual({ node1: 32, node2: 63 });
  });
});

describe('NodeResourcesFit args', () => {
  const cases: { name: string; args: unknown; path: string; problem: RegExp }[] = [
    { name: 'unknown field', args: { scoringStrategy: { type: 'LeastAllocated', extra: 1 } }, path: 'scoringStrategy.extra', problem: /unknown field/ },
    { name: 'unknown strategy type', args: { scoringStrategy: { type: 'Spread' } }, path: 'scoringStrategy.type', problem: /unsupported scoring strategy "Spread"/ },
    { name: 'strategy without a type', args: { scoringStrategy: { resources: [{ name: 'cpu', weight: 1 }] } }, path: 'scoringStrategy.type', problem: /unsupported scoring strategy ""/ },
    { name: 'weight above 100', args: { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 101 }] } }, path: 'scoringStrategy.resources[1].weight', problem: /not in valid range \(0, 100\]/ },
    { name: 'negative weight', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: -1 }] } }, path: 'scoringStrategy.resources[0].weight', problem: /not in valid range/ },
    { name: 'non-integer weight', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1.5 }] } }, path: 'scoringStrategy.resources[0].weight', problem: /int/ },
    { name: 'RequestedToCapacityRatio without a shape', args: { scoringStrategy: { type: 'RequestedToCapacityRatio' } }, path: 'scoringStrategy.requestedToCapacityRatio.shape', problem: /at least one point/ },
    {
      name: 'shape not increasing', args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 50, score: 1 }, { utilization: 50, score: 2 }] } } },
      path: 'scoringStrategy.requestedToCapacityRatio.shape[1].utilization', problem: /sorted in increasing order/,
    },
    {
      name: 'shape utilization above 100', args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 1 }, { utilization: 101, score: 2 }] } } },
      path: 'scoringStrategy.requestedToCapacityRatio.shape[1].utilization', problem: /not in valid range \[0, 100\]/,
    },
    {
      name: 'shape score above 10', args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 11 }] } } },
      path: 'scoringStrategy.requestedToCapacityRatio.shape[0].score', problem: /not in valid range \[0, 10\]/,
    },
    { name: 'ignored resource that is not a qualified name', args: { ignoredResources: ['example.com/a/b'] }, path: 'ignoredResources[0]', problem: /not a valid resource name/ },
    { name: 'ignored resource group with a slash', args: { ignoredResourceGroups: ['example.com/foo'] }, path: 'ignoredResourceGroups[0]', problem: /can't contain '\/'/ },
    { name: 'wrong kind', args: { kind: 'NodeResourcesBalancedAllocationArgs' }, path: 'kind', problem: /./ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const c2 = testCluster([]);
      let err: unknown = null;
      try { create(c.args, { model: c2.model }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ProfileError);
      expect((err as ProfileError).path).toBe(c.path);
      expect((err as ProfileError).problem).toMatch(c.problem);
    });
  }
  it('accepts apiVersion/kind and null fields as a KubeSchedulerConfiguration writes them', () => {
    const c = testCluster([]);
    expect(() => create({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'NodeResourcesFitArgs', ignoredResources: null, scoringStrategy: null }, { model: c.model })).not.toThrow();
  });
});
