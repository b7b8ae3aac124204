import { describe, expect, it } from 'vitest';
import { buildFramework } from '../framework/framework.js';
import type { ProfileSpec } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { Rng } from '../generators/rng.js';
import { compilePod } from '../model/compile-pod.js';
import type { NodeId } from '../model/ids.js';
import { compileWorkload } from '../model/workloads.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { SimOptions } from '../sim/sim-options.js';
import { simulate } from '../sim/simulator.js';
import type { NodeEvent, PodArrival, SimResult } from '../sim/types.js';
import type { NodeSketch, TestCluster } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { gpuAllocPct, gpuAmounts, nodeGpuAmounts } from './gpu-measures.js';
import type { ControllerLookup } from './group-outcomes.js';
import { measureRun } from './measure-run.js';
import type { RunMetrics } from './types.js';

/** Resource and GPU filters only: where a pod goes is easy to work out by hand. */
const PROFILE: ProfileSpec = {
  name: 'fit',
  filter: ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit', 'GpuFit'],
  score: [{ name: 'NodeResourcesFit', weight: 1 }],
};

interface PodSpec {
  readonly name: string;
  readonly cpu?: number;
  /** Whole nvidia.com/gpu (extended resource; requests = limits). */
  readonly nvidia?: number;
  /** A GPU-sharing request: GPUs and milli-GPU on each (alibabacloud.com annotations). */
  readonly shared?: { readonly gpus: number; readonly milli: number };
  /** A ReplicaSet's pod: recreated when deleted. */
  readonly replicated?: boolean;
  readonly atS?: number;
  readonly durationS?: number | null;
}

function arrival(c: TestCluster, s: PodSpec): PodArrival {
  const resources: Record<string, string> = { cpu: String(s.cpu ?? 1) };
  if (s.nvidia !== undefined) resources['nvidia.com/gpu'] = String(s.nvidia);
  const annotations = s.shared === undefined ? {} : { 'alibabacloud.com/gpu-count': String(s.shared.gpus), 'alibabacloud.com/gpu-milli': String(s.shared.milli) };
  const ownerReferences = s.replicated === true ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', controller: true }] : [];
  const pod = compilePod({
    metadata: { name: s.name, namespace: 'default', annotations, ownerReferences },
    spec: { containers: [{ name: 'c', resources: { requests: resources, limits: resources } }] },
  }, c.model);
  return { atS: s.atS ?? 0, pod, durationS: s.durationS ?? null };
}

/**
 * Simulates `pods` on `nodes` until endS and measures the run (samples every 10 s), with
 * the workload objects `workloads` adds to the cluster when given.
 */
function measured(
  nodes: readonly NodeSketch[], pods: readonly PodSpec[], endS: number, opts: SimOptions = {}, events: (c: TestCluster) => NodeEvent[] = () => [],
  workloads?: (c: TestCluster) => ControllerLookup,
): { m: RunMetrics; result: SimResult; c: TestCluster } {
  const c = testCluster(nodes);
  const lookup = workloads?.(c);
  const arrivals = pods.map((p) => arrival(c, p));
  const scheduler = new Scheduler(buildFramework(PROFILE, inTreeRegistry, c.model), Rng.fromSeed(1).fork('tiebreak'));
  const result = simulate(
    { state: c.state, scheduler, arrivals, nodeEvents: events(c), endS, rng: Rng.fromSeed(1).fork('preemption') },
    { sampleIntervalS: 10, ...opts },
  );
  const m = measureRun({
    key: { scenario: 's', policy: 'p', seed: 1 }, result, view: c.state, arrivedPods: arrivals.map((a) => a.pod), withPlacements: false,
    ...(lookup === undefined ? {} : { workloads: lookup }),
  });
  return { m, result, c };
}

const cpuNode = (name: string, cpu: number): NodeSketch => ({ name, allocatable: { cpu: String(cpu), memory: '64Gi', pods: 110 } });
const nvidiaNode = (name: string, gpus: number): NodeSketch => ({ name, allocatable: { cpu: '16', memory: '64Gi', pods: 110, 'nvidia.com/gpu': gpus } });
const sharingNode = (name: string, gpus: number): NodeSketch => ({ name, allocatable: { cpu: '16', memory: '64Gi', pods: 110, 'alibabacloud.com/gpu-count': gpus } });

describe('pods_arrived, pods_scheduled and pods_pending_end', () => {
  it('an evicted Deployment pod whose replacement cannot be placed counts in pods_scheduled and in pods_pending_end', () => {
    // n0 (4 CPU) fails at 10 s; without DefaultTolerationSeconds its pods are evicted at once.
    // rs (a ReplicaSet's) is recreated and its replacement has nowhere to go; bare is evicted
    // for good; done completes at 5 s; late arrives at 20 s and is never bound.
    const { m, result } = measured([cpuNode('n0', 4)], [
      { name: 'rs', replicated: true },
      { name: 'bare' },
      { name: 'done', durationS: 5 },
      { name: 'late', atS: 20 },
    ], 100, { defaultTolerationSeconds: null }, (c) => [{ atS: 10, kind: 'fail', node: c.nodes[0]! }]);
    const v = m.values;
    expect([v.pods_arrived, v.pods_scheduled, v.pods_pending_end, v.evictions]).toEqual([4, 3, 2, 2]);
    // The relation the catalogue states: the excess is exactly the replacements pending at the end.
    const pendingReplacements = result.pods.filter((p) => p.outcome === 'pending' && p.replacementOf !== -1).length;
    expect(pendingReplacements).toBe(1);
    expect(v.pods_scheduled! + v.pods_pending_end!).toBe(v.pods_arrived! + pendingReplacements);
    // ... and pods_arrived = pods_scheduled + the pending pods never bound.
    const neverBound = result.pods.filter((p) => p.outcome === 'pending' && p.replacementOf === -1).length;
    expect(v.pods_arrived).toBe(v.pods_scheduled! + neverBound);
  });

  it('without evictions the identity holds: scheduled + pending = arrived', () => {
    const { m } = measured([cpuNode('n0', 2)], [{ name: 'a' }, { name: 'b', durationS: 5 }, { name: 'c', cpu: 3 }], 50);
    const v = m.values;
    expect([v.pods_arrived, v.pods_scheduled, v.pods_pending_end]).toEqual([3, 2, 1]);
  });
});

describe('gpu_alloc_end_pct and the timeseries gpu_alloc_pct count both GPU models', () => {
  const cases: { name: string; nodes: NodeSketch[]; pods: PodSpec[]; want: number }[] = [
    { name: 'nvidia.com/gpu only: 3 of 4 GPUs', nodes: [nvidiaNode('a', 4)], pods: [{ name: 'p1', nvidia: 1 }, { name: 'p2', nvidia: 2 }], want: 75 },
    { name: 'GPU sharing only: 1500 of 2000 milli', nodes: [sharingNode('b', 2)], pods: [{ name: 's1', shared: { gpus: 1, milli: 500 } }, { name: 's2', shared: { gpus: 1, milli: 1000 } }], want: 75 },
    {
      name: 'a mix: (2000 + 500) of (4000 + 2000) milli',
      nodes: [nvidiaNode('a', 4), sharingNode('b', 2)],
      pods: [{ name: 'p', nvidia: 2 }, { name: 's', shared: { gpus: 1, milli: 500 } }],
      want: (2500 / 6000) * 100,
    },
    { name: 'GPUs but no GPU pod: 0%', nodes: [nvidiaNode('a', 4), cpuNode('c', 4)], pods: [{ name: 'x' }], want: 0 },
    { name: 'no GPU of either kind: NaN', nodes: [cpuNode('c', 4)], pods: [{ name: 'x' }], want: Number.NaN },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { m, result } = measured(c.nodes, c.pods, 30);
      expect(result.counts.running).toBe(c.pods.length);
      const close = (x: number | undefined) => (Number.isNaN(c.want) ? expect(x).toBeNaN() : expect(x).toBeCloseTo(c.want, 9));
      close(m.values.gpu_alloc_end_pct);
      close(m.values.gpu_alloc_mean_pct);
      expect(m.timeseries.length).toBeGreaterThan(1);
      for (const t of m.timeseries) close(t.gpuAllocPct);
    });
  }

  it('gpuAllocPct: NaN only without either kind; a whole nvidia.com/gpu is 1000 milli', () => {
    expect(gpuAllocPct({ tableTotalMilli: 0, tableFreeMilli: 0, nvidiaRequested: 0, nvidiaAllocatable: 0 })).toBeNaN();
    expect(gpuAllocPct({ tableTotalMilli: 0, tableFreeMilli: 0, nvidiaRequested: 1, nvidiaAllocatable: 8 })).toBe(12.5);
    expect(gpuAllocPct({ tableTotalMilli: 1000, tableFreeMilli: 750, nvidiaRequested: 0, nvidiaAllocatable: 0 })).toBe(25);
    expect(gpuAllocPct({ tableTotalMilli: 1000, tableFreeMilli: 1000, nvidiaRequested: 1, nvidiaAllocatable: 1 })).toBe(50);
  });

  it('gpuAmounts sums both kinds over live nodes', () => {
    const c = testCluster([nvidiaNode('a', 4), sharingNode('b', 2)]);
    expect(gpuAmounts(c.state)).toEqual({ tableTotalMilli: 2000, tableFreeMilli: 2000, nvidiaRequested: 0, nvidiaAllocatable: 4 });
  });
});

describe('nodeUtilization gpuPct: each node\'s allocated GPU, NaN for a node without GPUs', () => {
  // nvidia.com/gpu pods fit only on a (NodeResourcesFit), GPU-sharing pods only on b (GpuFit).
  const cases: { name: string; nodes: NodeSketch[]; pods: PodSpec[]; want: Record<string, number> }[] = [
    {
      name: 'an nvidia.com/gpu node (3 of 4 GPUs), a GPU-sharing node (500 of 2000 milli) and a CPU node',
      nodes: [nvidiaNode('a', 4), sharingNode('b', 2), cpuNode('c', 4)],
      pods: [{ name: 'p1', nvidia: 1 }, { name: 'p2', nvidia: 2 }, { name: 's', shared: { gpus: 1, milli: 500 } }],
      // a: 3 x 1000 / (4 x 1000) = 75%; b: 500 / 2000 = 25%; c: no GPUs.
      want: { a: 75, b: 25, c: Number.NaN },
    },
    {
      name: 'GPU nodes with no GPU pod are at 0%',
      nodes: [nvidiaNode('a', 8), sharingNode('b', 1)],
      pods: [{ name: 'x' }],
      want: { a: 0, b: 0 },
    },
    {
      name: 'a CPU-only cluster: NaN on every node (gpu_pct empty)',
      nodes: [cpuNode('c', 4), cpuNode('d', 4)],
      pods: [{ name: 'x' }],
      want: { c: Number.NaN, d: Number.NaN },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { m, result } = measured(c.nodes, c.pods, 30);
      expect(result.counts.running).toBe(c.pods.length);
      expect(Object.fromEntries(m.nodeUtilization.map((u) => [u.node, u.gpuPct]))).toEqual(c.want);
    });
  }

  it('the GPU nodes\' allocation pooled is gpu_alloc_end_pct', () => {
    const { m, c } = measured([nvidiaNode('a', 4), sharingNode('b', 2), cpuNode('c', 4)], [{ name: 'p', nvidia: 1 }, { name: 's', shared: { gpus: 1, milli: 500 } }], 30);
    // a: 1000 of 4000 milli; b: 500 of 2000: (1000 + 500) / 6000 = 25%.
    expect(m.values.gpu_alloc_end_pct).toBe(25);
    expect(([...c.state.nodeOrder()] as NodeId[]).map((n) => nodeGpuAmounts(c.state, n))).toEqual([
      { tableTotalMilli: 0, tableFreeMilli: 0, nvidiaRequested: 1, nvidiaAllocatable: 4 },
      { tableTotalMilli: 2000, tableFreeMilli: 1500, nvidiaRequested: 0, nvidiaAllocatable: 0 },
      { tableTotalMilli: 0, tableFreeMilli: 0, nvidiaRequested: 0, nvidiaAllocatable: 0 },
    ]);
    expect(m.nodeUtilization.map((u) => u.gpuPct)).toEqual([25, 25, Number.NaN]);
  });
});

describe('groups: outcomes by workload and by priority band', () => {
  it('puts each workload pod in its controller\'s group and its priority band, with the group\'s delays and unschedulable pods', () => {
    // One 2-CPU node. web-1 and web-2 (the ReplicaSet's, 1 CPU each) arrive at 0 and bind at
    // once; a bare 1-CPU pod arriving at 5 s never fits (worked out by hand: the node is full).
    const { m } = measured([cpuNode('n0', 2)], [
      { name: 'web-1', replicated: true },
      { name: 'web-2', replicated: true, atS: 0 },
      { name: 'bare', atS: 5 },
    ], 30);
    expect(m.groups!.map((g) => [g.by, g.group, g.pods, g.unschedulableEnd, g.delayP95S])).toEqual([
      ['workload', 'ReplicaSet/web-abc', 2, 0, 0],
      ['workload', '(no owner)', 1, 1, Number.NaN],
      ['priority', '0', 3, 1, 0],
    ]);
  });

  it('with the cluster\'s workload objects, a Deployment\'s pods are one group Deployment/<name>', () => {
    // The pods' ReplicaSet web-abc is the Deployment web's (its controller reference).
    const { m } = measured([cpuNode('n0', 2)], [
      { name: 'web-1', replicated: true },
      { name: 'web-2', replicated: true },
      { name: 'bare', atS: 5 },
    ], 30, {}, () => [], (c) => {
      c.state.workloads.add(compileWorkload({
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: { name: 'web-abc', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }] },
        spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
      }, c.model));
      return c.state.workloads;
    });
    expect(m.groups!.filter((g) => g.by === 'workload').map((g) => [g.group, g.pods, g.unschedulableEnd])).toEqual([
      ['Deployment/web', 2, 0],
      ['(no owner)', 1, 1],
    ]);
  });
});
