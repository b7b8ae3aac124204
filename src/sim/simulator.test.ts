import { describe, expect, it } from 'vitest';
import { isExplained } from '../framework/diagnosis.js';
import { buildFramework } from '../framework/framework.js';
import type { ProfileSpec } from '../framework/profile.js';
import { defaultProfile } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { Rng } from '../generators/rng.js';
import { compilePod } from '../model/compile-pod.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compileWorkload } from '../model/workloads.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledNode } from '../model/node.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { NodeSketch, PodSketch, TestCluster } from '../testing/builders.js';
import { podJson, testCluster } from '../testing/builders.js';
import { UNREACHABLE_TAINT_KEY } from './node-lifecycle.js';
import type { SimOptions } from './sim-options.js';
import { simulate } from './simulator.js';
import type { NodeEvent, PodArrival, PodRecord, SimObserver, SimResult } from './types.js';

/** Resource filters only, so expectations are easy to work out by hand. */
const fitProfile: ProfileSpec = {
  name: 'fit',
  filter: ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit'],
  score: [{ name: 'NodeResourcesFit', weight: 1 }, { name: 'TaintToleration', weight: 3 }],
};

/** fitProfile plus NodeAffinity's filter, for pods pinned with a nodeSelector. */
const affinityProfile: ProfileSpec = { ...fitProfile, filter: [...fitProfile.filter, 'NodeAffinity'] };

const node = (name: string, cpu: number, extra: Partial<NodeSketch> = {}): NodeSketch => ({
  name, allocatable: { cpu: String(cpu), memory: '64Gi', pods: 110 }, labels: { 'kubernetes.io/hostname': name }, ...extra,
});

interface World {
  readonly c: TestCluster;
  readonly scheduler: Scheduler;
  readonly seed: number;
}

function world(nodes: readonly NodeSketch[], profile: ProfileSpec = fitProfile, seed = 1): World {
  const c = testCluster(nodes);
  return { c, scheduler: new Scheduler(buildFramework(profile, inTreeRegistry, c.model), Rng.fromSeed(seed).fork('tiebreak')), seed };
}

/** A pod arrival; `owner` makes the pod a ReplicaSet's (through metadata.ownerReferences). */
function arrival(w: World, atS: number, s: PodSketch & { cpu?: number; owner?: string }, durationS: number | null): PodArrival {
  const raw = podJson({ ...s, requests: s.requests ?? (s.cpu === undefined ? undefined : { cpu: String(s.cpu) }) }) as { metadata: Record<string, unknown> };
  if (s.owner !== undefined) raw.metadata.ownerReferences = [{ kind: 'ReplicaSet', name: s.owner, controller: true }];
  return { atS, pod: compilePod(raw, w.c.model), durationS };
}

function run(w: World, arrivals: PodArrival[], endS: number, opts: SimOptions = {}, nodeEvents: NodeEvent[] = [], observers: SimObserver[] = []): SimResult {
  return simulate({ state: w.c.state, scheduler: w.scheduler, arrivals, nodeEvents, endS, rng: Rng.fromSeed(w.seed).fork('preemption'), observers }, opts);
}

/** The records of the pods named `name`, in pod id order (incarnations share the name). */
const recs = (r: SimResult, name: string): PodRecord[] => r.pods.filter((p) => p.name === name);
const rec = (r: SimResult, name: string): PodRecord => {
  const all = recs(r, name);
  if (all.length !== 1) throw new Error(`${all.length} records named ${name}`);
  return all[0]!;
};

/** Records the simulated times at which each pod (by name) was attempted. */
function attemptLog(): { observer: SimObserver; times: Map<string, number[]> } {
  const times = new Map<string, number[]>();
  return {
    times,
    observer: { onCycle: (pod, _bound, _ns, atS) => { times.set(pod.name, [...(times.get(pod.name) ?? []), atS]); } },
  };
}

function expectAccounted(r: SimResult): void {
  const { counts } = r;
  expect(counts.arrived).toBe(counts.running + counts.pending + counts.completed + counts.failed);
  const by = (f: (p: PodRecord) => boolean) => r.pods.filter(f).length;
  expect(by((p) => p.outcome === 'running')).toBe(counts.running);
  expect(by((p) => p.outcome === 'pending')).toBe(counts.pending);
  expect(by((p) => p.outcome === 'completed')).toBe(counts.completed);
  expect(by((p) => (p.outcome === 'preempted' || p.outcome === 'evicted') && p.replacedBy === -1)).toBe(counts.failed);
  expect(by((p) => p.replacedBy !== -1)).toBe(counts.replaced);
  expect(by((p) => p.replacementOf === -1)).toBe(counts.arrived);
  for (const p of r.pods) if (p.outcome === 'pending') expect(p.lastDiagnosis).not.toBeNull();
}

describe('simulate: scheduling and completion', () => {
  it('binds, completes and frees resources; a waiting pod gets the room on the completion event', () => {
    const w = world([node('n0', 2)]);
    const r = run(w, [arrival(w, 0, { name: 'a', cpu: 2 }, 10), arrival(w, 1, { name: 'b', cpu: 2 }, 5)], 100);
    expect(rec(r, 'a')).toMatchObject({ outcome: 'completed', bindS: 0, endS: 10, node: 'n0', attempts: 1 });
    expect(rec(r, 'b')).toMatchObject({ outcome: 'completed', arrivalS: 1, firstAttemptS: 1, bindS: 10, endS: 15, attempts: 2 });
    expect(rec(r, 'b').lastDiagnosis).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    expect(r.counts).toEqual({ arrived: 2, running: 0, pending: 0, completed: 2, failed: 0, replaced: 0 });
    expect(w.c.state.requested[0]).toBe(0);
    expectAccounted(r);
  });

  it('retries a failing pod after 1, 2, 4, 8, 10, 10 s of backoff when events keep coming', () => {
    const w = world([node('n0', 1)]);
    const arrivals = [arrival(w, 0, { name: 'big', cpu: 2 }, null)];
    // Small pods finishing every 0.5 s: each completion is a move request.
    for (let k = 0; k < 80; k++) arrivals.push(arrival(w, k * 0.5 + 0.1, { name: `s${k}`, cpu: 1 }, 0.2));
    const log = attemptLog();
    const r = run(w, arrivals, 40, {}, [], [log.observer]);
    expect(log.times.get('big')).toEqual([0, 1, 3, 7, 15, 25, 35]);
    expect(rec(r, 'big')).toMatchObject({ outcome: 'pending', attempts: 7 });
    expectAccounted(r);
  });

  it('honours other backoff bounds', () => {
    const w = world([node('n0', 1)]);
    const arrivals = [arrival(w, 0, { name: 'big', cpu: 2 }, null)];
    for (let k = 0; k < 80; k++) arrivals.push(arrival(w, k * 0.5 + 0.1, { name: `s${k}`, cpu: 1 }, 0.2));
    const log = attemptLog();
    run(w, arrivals, 40, { initialBackoffS: 2, maxBackoffS: 5 }, [], [log.observer]);
    expect(log.times.get('big')).toEqual([0, 2, 6, 11, 16, 21, 26, 31, 36]);
  });

  it('without cluster events a failed pod waits for the periodic flush after 5 minutes', () => {
    const w = world([node('n0', 1)]);
    const log = attemptLog();
    const r = run(w, [arrival(w, 0, { name: 'big', cpu: 2 }, null)], 700, {}, [], [log.observer]);
    // Flush ticks every 30 s move pods unschedulable for more than 300 s: at 330, then 660.
    expect(log.times.get('big')).toEqual([0, 330, 660]);
    expectAccounted(r);
  });

  it('schedules higher priority first, then earlier arrival, then pod id', () => {
    const w = world([node('n0', 1)]);
    const r = run(w, [
      arrival(w, 0, { name: 'low', cpu: 1, priority: 0 }, null),
      arrival(w, 0, { name: 'high', cpu: 1, priority: 100 }, null),
    ], 1, { preemption: false });
    expect(rec(r, 'high').outcome).toBe('running');
    expect(rec(r, 'low').outcome).toBe('pending');
    expect(rec(r, 'low').attempts).toBe(1);
  });

  it('charges a fixed cost per cycle', () => {
    const w = world([node('n0', 8)]);
    const r = run(w, [0, 1, 2].map((i) => arrival(w, 0, { name: `p${i}`, cpu: 1 }, null)), 5, { cycleCost: { kind: 'fixed', costS: 0.25 } });
    expect(['p0', 'p1', 'p2'].map((n) => rec(r, n).bindS)).toEqual([0, 0.25, 0.5]);
  });

  it('can charge the measured wall time, scaled', () => {
    const w = world([node('n0', 8)]);
    const r = run(w, [0, 1, 2].map((i) => arrival(w, 0, { name: `p${i}`, cpu: 1 }, null)), 5, { cycleCost: { kind: 'measured', scale: 1000 } });
    const binds = ['p0', 'p1', 'p2'].map((n) => rec(r, n).bindS!);
    expect(binds[0]).toBe(0);
    expect(binds[1]).toBeGreaterThan(0);
    expect(binds[2]).toBeGreaterThan(binds[1]!);
    expect(r.cycleNs.length).toBe(3);
  });

  it('accounts for gated pods and pods left pending at the end', () => {
    const w = world([node('n0', 1)]);
    const r = run(w, [
      arrival(w, 0, { name: 'gated', cpu: 1, spec: { schedulingGates: [{ name: 'wait' }] } }, null),
      arrival(w, 0, { name: 'fits', cpu: 1 }, null),
      arrival(w, 0, { name: 'toobig', cpu: 4 }, null),
      arrival(w, 50, { name: 'late', cpu: 1 }, null),
    ], 10);
    expect(rec(r, 'gated')).toMatchObject({ outcome: 'pending', attempts: 0, lastDiagnosis: 'waiting for scheduling gates' });
    expect(rec(r, 'toobig').lastDiagnosis).toMatch(/Insufficient cpu/);
    expect(r.pods.some((p) => p.name === 'late')).toBe(false);
    expect(r.counts).toMatchObject({ arrived: 3, running: 1, pending: 2 });
    expectAccounted(r);
  });

  it('samples the cluster at the end of each interval', () => {
    const w = world([node('n0', 4), node('n1', 4)]);
    const r = run(w, [arrival(w, 0, { name: 'a', cpu: 2 }, 15), arrival(w, 10, { name: 'b', cpu: 1 }, null)], 30, { sampleIntervalS: 10 });
    expect(r.samples.map((s) => s.atS)).toEqual([0, 10, 20, 30]);
    expect(r.samples.map((s) => s.requested[0])).toEqual([2000, 3000, 1000, 1000]);
    expect(r.samples.map((s) => s.running)).toEqual([1, 2, 1, 1]);
    expect(r.samples[0]!.allocatable[0]).toBe(8000);
    expect(r.samples[1]!.liveNodes).toBe(2);
    const util = r.samples[1]!.nodeCpuUtilization!;
    expect([...util].sort()).toEqual([0.25, 0.5].sort());
  });

  it('rejects bad input at the door', () => {
    const w = world([node('n0', 1)]);
    expect(() => run(w, [arrival(w, 5, { name: 'a' }, null), arrival(w, 1, { name: 'b' }, null)], 10)).toThrow(/arrivals\[1\]\.atS: arrivals must be sorted/);
    expect(() => run(w, [arrival(w, 0, { name: 'a' }, -1)], 10)).toThrow(/arrivals\[0\]\.durationS/);
    expect(() => run(w, [], -1)).toThrow(/endS/);
    expect(() => run(w, [], 10, { maxBackoffS: 0.5 })).toThrow(/maxBackoffS/);
    expect(() => run(w, [], 10, {}, [{ atS: 1, kind: 'fail', node: 7 as never }])).toThrow(/nodeEvents\[0\]\.node: node id 7 is not a live node/);
  });
});

describe('simulate: node failure, recovery and drain', () => {
  const profile: ProfileSpec = { ...affinityProfile, score: [...fitProfile.score, { name: 'NodeAffinity', weight: 2 }] };
  const pinN0 = { nodeSelector: { 'kubernetes.io/hostname': 'n0' } };
  const preferN0 = {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n0'] }] } }],
    },
  };
  const tolerateUnreachable = (seconds?: number) => [
    { key: UNREACHABLE_TAINT_KEY, operator: 'Exists', effect: 'NoExecute', ...(seconds === undefined ? {} : { tolerationSeconds: seconds }) },
  ];

  /**
   * n0 and n1; on n0: rs (a ReplicaSet's, prefers n0), bare, forever (tolerates the
   * failure forever) and short (for 60 s), the last three pinned to n0.
   */
  function failing(events: (n0: CompiledNode) => NodeEvent[], opts: SimOptions = {}, more: (w: World) => PodArrival[] = () => []) {
    const w = world([node('n0', 8), node('n1', 8)], profile);
    const arrivals = [
      arrival(w, 0, { name: 'rs', cpu: 1, owner: 'web-abc', spec: { affinity: preferN0 } }, null),
      arrival(w, 0, { name: 'bare', cpu: 1, spec: pinN0 }, null),
      arrival(w, 0, { name: 'forever', cpu: 1, spec: { ...pinN0, tolerations: tolerateUnreachable() } }, null),
      arrival(w, 0, { name: 'short', cpu: 1, spec: { ...pinN0, tolerations: tolerateUnreachable(60) } }, null),
      ...more(w),
    ];
    return { w, r: run(w, arrivals, 1000, opts, events(w.c.nodes[0]!)) };
  }

  it('evicts after the default 300 s toleration, recreates the ReplicaSet pod, and keeps forever-tolerating pods', () => {
    const { r } = failing((n0) => [{ atS: 10, kind: 'fail', node: n0 }], {},
      (w) => [arrival(w, 20, { name: 'newcomer', cpu: 1, spec: { affinity: preferN0 } }, null)]);
    const rs = recs(r, 'rs');
    expect(rs.length).toBe(2);
    expect(rs[0]).toMatchObject({ node: 'n0', outcome: 'evicted', endS: 310, evictedCount: 1 });
    expect(rs[1]).toMatchObject({ node: 'n1', outcome: 'running', bindS: 310, arrivalS: 310, replacementOf: rs[0]!.podId, workloadPodId: rs[0]!.podId, evictedCount: 1 });
    expect(rs[0]!.replacedBy).toBe(rs[1]!.podId);
    expect(rec(r, 'bare')).toMatchObject({ outcome: 'evicted', endS: 310, replacedBy: -1 });
    expect(rec(r, 'short')).toMatchObject({ outcome: 'evicted', endS: 70 });
    expect(rec(r, 'forever')).toMatchObject({ outcome: 'running', node: 'n0' });
    // The failed node is tainted NoSchedule: the newcomer that prefers n0 lands on n1.
    expect(rec(r, 'newcomer')).toMatchObject({ outcome: 'running', node: 'n1' });
    expect(r.counts).toEqual({ arrived: 5, running: 3, pending: 0, completed: 0, failed: 2, replaced: 1 });
    expect(r.evictedPods).toBe(3);
    expectAccounted(r);
  });

  it('evicts at once without DefaultTolerationSeconds', () => {
    const { r } = failing((n0) => [{ atS: 10, kind: 'fail', node: n0 }], { defaultTolerationSeconds: null });
    expect(recs(r, 'rs')[0]).toMatchObject({ outcome: 'evicted', endS: 10 });
    expect(recs(r, 'rs')[1]).toMatchObject({ outcome: 'running', bindS: 10, node: 'n1' });
    expect(rec(r, 'bare')).toMatchObject({ outcome: 'evicted', endS: 10, replacedBy: -1 });
    expect(rec(r, 'short')).toMatchObject({ outcome: 'evicted', endS: 70 });
    expect(r.counts.failed).toBe(2);
    expectAccounted(r);
  });

  it('recovery before the tolerations run out cancels the evictions and removes the taints', () => {
    const { r, w } = failing((n0) => [{ atS: 10, kind: 'fail', node: n0 }, { atS: 50, kind: 'recover', node: n0 }]);
    for (const name of ['rs', 'bare', 'forever', 'short']) expect(rec(r, name)).toMatchObject({ outcome: 'running', node: 'n0' });
    expect(w.c.state.nodeTaints(w.c.state.nodeOrder()[0] as NodeId).length).toBe(0);
    expect(r.evictedPods).toBe(0);
    expectAccounted(r);
  });

  it('drain cordons and evicts; replicated pods move; recover uncordons', () => {
    const w = world([node('n0', 3), node('n1', 1)], profile);
    const r = run(w, [
      arrival(w, 0, { name: 'rs', cpu: 1, owner: 'web', spec: { affinity: preferN0 } }, null),
      arrival(w, 0, { name: 'rs2', cpu: 1, owner: 'web', spec: { affinity: preferN0 } }, null),
      arrival(w, 0, { name: 'bare', cpu: 1, spec: pinN0 }, null),
    ], 100, {}, [{ atS: 5, kind: 'drain', node: w.c.nodes[0]! }, { atS: 20, kind: 'recover', node: 0 as NodeId }]);
    const rs = recs(r, 'rs');
    const rs2 = recs(r, 'rs2');
    expect(rs.map((p) => [p.outcome, p.node, p.bindS, p.endS])).toEqual([['evicted', 'n0', 0, 5], ['running', 'n1', 5, null]]);
    // n1 is full and n0 cordoned: rs2's replacement waits for the uncordon at 20 s.
    expect(rs2.map((p) => [p.outcome, p.node, p.bindS, p.endS])).toEqual([['evicted', 'n0', 0, 5], ['running', 'n0', 20, null]]);
    expect(rs2[1]!.lastDiagnosis).toBe('0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.');
    expect(rec(r, 'bare')).toMatchObject({ outcome: 'evicted', replacedBy: -1, endS: 5 });
    expect(w.c.state.unschedulable[0]).toBe(0);
    expect(r.counts).toEqual({ arrived: 3, running: 2, pending: 0, completed: 0, failed: 1, replaced: 2 });
    expectAccounted(r);
  });

  it('drain evicts through the eviction API: a PodDisruptionBudget refuses, the drain retries 5 s later', () => {
    const w = world([node('n0', 3), node('n1', 3)], profile);
    w.c.state.disruptionBudgets.add(compilePodDisruptionBudget({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db', namespace: 'default' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'db' } } },
    }, w.c.model));
    const db = (name: string) => arrival(w, 0, { name, cpu: 1, owner: 'db', labels: { app: 'db' }, spec: { affinity: preferN0 } }, null);
    const r = run(w, [db('db-0'), db('db-1')], 100, {}, [{ atS: 5, kind: 'drain', node: w.c.nodes[0]! }]);
    // db-0 goes at once (2 healthy, 1 needed); db-1 is refused until db-0's replacement runs on n1.
    expect(recs(r, 'db-0').map((p) => [p.outcome, p.node, p.endS])).toEqual([['evicted', 'n0', 5], ['running', 'n1', null]]);
    expect(recs(r, 'db-1').map((p) => [p.outcome, p.node, p.endS])).toEqual([['evicted', 'n0', 10], ['running', 'n1', null]]);
    expect(r.drainEvictionsRefused).toBe(1);
    expect(r.evictedPods).toBe(2);
    expectAccounted(r);
  });

  it('a drain with a budget that never allows a disruption keeps retrying until the node recovers', () => {
    const w = world([node('n0', 3), node('n1', 3)], profile);
    w.c.state.disruptionBudgets.add(compilePodDisruptionBudget({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db', namespace: 'default' },
      spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'db' } } },
    }, w.c.model));
    w.c.state.workloads.add(compileWorkload({
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'db', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'db' } } },
    }, w.c.model));
    const r = run(w, [arrival(w, 0, { name: 'db-0', cpu: 1, owner: 'db', labels: { app: 'db' }, spec: { affinity: preferN0 } }, null)], 100, {},
      [{ atS: 5, kind: 'drain', node: w.c.nodes[0]! }, { atS: 22, kind: 'recover', node: 0 as NodeId }]);
    expect(recs(r, 'db-0').map((p) => [p.outcome, p.node])).toEqual([['running', 'n0']]);
    // Refused at 5, 10, 15 and 20; the retry due at 25 finds the node recovered.
    expect(r.drainEvictionsRefused).toBe(4);
    expectAccounted(r);
  });

  it('a replacement starts from its template: a bound pod of a cluster file is not pinned to its old node by spec.nodeName', () => {
    const w = world([node('n0', 2), node('n1', 2)], profile);
    const raw = podJson({ name: 'web-1', nodeName: 'n0', requests: { cpu: '1' } }) as { metadata: Record<string, unknown> };
    raw.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', controller: true }];
    const pod = compilePod(raw, w.c.model);
    w.c.state.bind(pod, w.c.state.nodeByName(pod.nodeName) as NodeId);
    const r = run(w, [], 30, {}, [{ atS: 5, kind: 'drain', node: w.c.nodes[0]! }]);
    expect(recs(r, 'web-1').map((p) => [p.outcome, p.node])).toEqual([['evicted', 'n0'], ['running', 'n1']]);
  });

  it('adds nodes and lets waiting pods onto them', () => {
    const w = world([node('n0', 1)]);
    const extra = w.c.nodes[0]!;
    const added = { ...extra, name: w.c.model.symbols.intern('n-new') };
    const r = run(w, [arrival(w, 0, { name: 'a', cpu: 1 }, null), arrival(w, 0, { name: 'b', cpu: 1 }, null)], 100, {}, [{ atS: 42, kind: 'add', node: added }]);
    expect(rec(r, 'b')).toMatchObject({ bindS: 42, node: 'n-new' });
    expect(r.samples.at(-1)!.liveNodes).toBe(2);
  });
});

describe('simulate: preemption', () => {
  it('evicts lower-priority pods, nominates the node and keeps the room for the preemptor', () => {
    const w = world([node('n0', 2)]);
    const preempts: string[] = [];
    const r = run(w, [
      arrival(w, 0, { name: 'low1', cpu: 1, priority: 0, owner: 'rs' }, null),
      arrival(w, 0, { name: 'low2', cpu: 1, priority: 0 }, null),
      arrival(w, 5, { name: 'high', cpu: 2, priority: 10 }, null),
      // Arrives while the preemptor backs off: must not take the room preemption freed.
      arrival(w, 5.5, { name: 'sneaky', cpu: 1, priority: 0 }, null),
    ], 20, {}, [], [{ onPreempt: (p, _n, victims) => preempts.push(`${p.name}:${victims.length}`) }]);
    expect(preempts).toEqual(['high:2']);
    // The preemptor failed at 5, went to backoffQ (the deletions were a move request in its cycle), bound at 6.
    expect(rec(r, 'high')).toMatchObject({ outcome: 'running', node: 'n0', bindS: 6, attempts: 2 });
    const low1 = recs(r, 'low1');
    expect(low1[0]).toMatchObject({ outcome: 'preempted', endS: 5, preemptedCount: 1 });
    expect(low1[1]).toMatchObject({ outcome: 'pending', preemptedCount: 1, arrivalS: 5 });
    expect(rec(r, 'low2')).toMatchObject({ outcome: 'preempted', replacedBy: -1 });
    expect(rec(r, 'sneaky').outcome).toBe('pending');
    expect(r.preemptions).toBe(1);
    expect(r.preemptedPods).toBe(2);
    expect(r.counts).toEqual({ arrived: 4, running: 1, pending: 2, completed: 0, failed: 1, replaced: 1 });
    expectAccounted(r);
  });

  it('counts the victims whose deletion violates a PodDisruptionBudget (preemption is not stopped by one)', () => {
    const w = world([node('n0', 2)]);
    w.c.state.disruptionBudgets.add(compilePodDisruptionBudget({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'low', namespace: 'default' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'low' } } },
    }, w.c.model));
    const r = run(w, [
      arrival(w, 0, { name: 'low1', cpu: 1, priority: 0, labels: { app: 'low' } }, null),
      arrival(w, 0, { name: 'low2', cpu: 1, priority: 0, labels: { app: 'low' } }, null),
      arrival(w, 5, { name: 'high', cpu: 2, priority: 10 }, null),
    ], 20);
    // One disruption was allowed (2 healthy, 1 needed): the first victim uses it, the second violates.
    expect(r.preemptedPods).toBe(2);
    expect(r.pdbViolatingVictims).toBe(1);
    expect(rec(r, 'high')).toMatchObject({ outcome: 'running', node: 'n0' });
  });

  it('a nominated pod is respected by filters, never seen by scoring (RunFilterPluginsWithNominatedPods)', () => {
    const w = world([node('n0', 8), node('n1', 4)], affinityProfile);
    // Nominated to n0 (status.nominatedNodeName), of higher priority, and unschedulable
    // anywhere (its nodeSelector matches no node); preemptionPolicy Never keeps the nomination.
    const nominated = (cpu: number) => arrival(w, 0, {
      name: 'waiting', cpu, priority: 10, spec: { nodeSelector: { zone: 'nowhere' }, preemptionPolicy: 'Never' }, status: { nominatedNodeName: 'n0' },
    }, null);
    const small = run(w, [nominated(7), arrival(w, 1, { name: 'p', cpu: 1 }, null)], 10);
    // The pass with the nominated pod added fits (7 + 1 <= 8); scores see n0 empty, the least allocated.
    expect(rec(small, 'waiting')).toMatchObject({ outcome: 'pending' });
    expect(rec(small, 'p')).toMatchObject({ outcome: 'running', node: 'n0' });
    const w2 = world([node('n0', 8), node('n1', 4)], affinityProfile);
    const big = simulate({
      state: w2.c.state, scheduler: w2.scheduler, endS: 10, rng: Rng.fromSeed(1).fork('preemption'),
      arrivals: [
        arrival(w2, 0, { name: 'waiting', cpu: 7, priority: 10, spec: { nodeSelector: { zone: 'nowhere' }, preemptionPolicy: 'Never' }, status: { nominatedNodeName: 'n0' } }, null),
        arrival(w2, 1, { name: 'p', cpu: 2 }, null),
      ],
    });
    // 7 + 2 > 8: the pass with the nominated pod fails on n0, so p goes to n1.
    expect(rec(big, 'p')).toMatchObject({ outcome: 'running', node: 'n1' });
  });

  it('a pod not eligible to preempt keeps its nomination (a victim of its earlier preemption still terminating there)', () => {
    // kube's Preempt returns a nil result for an ineligible pod, so its nominated node stays
    // and later pods' filters still count it there; "no candidate" would clear it.
    const w = world([node('n0', 8), node('n1', 4)], affinityProfile);
    const n0 = w.c.state.nodeByName(w.c.model.symbols.intern('n0')) as NodeId;
    w.c.state.bind({ ...w.c.pod({ name: 'victim', requests: { cpu: '1' }, priority: 0 }), terminating: true, preemptedByScheduler: true }, n0);
    const r = run(w, [
      // 8 cpu: Insufficient cpu on n0 while the victim terminates (resolvable), so eligibility is what decides.
      arrival(w, 0, { name: 'waiting', cpu: 8, priority: 10, status: { nominatedNodeName: 'n0' } }, null),
      arrival(w, 1, { name: 'p', cpu: 2 }, null),
    ], 10);
    expect(r.preemptions).toBe(0);
    expect(rec(r, 'waiting')).toMatchObject({ outcome: 'pending' });
    // Kept: 1 (victim) + 8 (nominated) + 2 > 8 on n0, so p goes to n1; cleared, n0 (least allocated) would take it.
    expect(rec(r, 'p')).toMatchObject({ outcome: 'running', node: 'n1' });
  });

  it('never preempts pods of equal or higher priority, and can be turned off', () => {
    const w = world([node('n0', 1)]);
    const r = run(w, [
      arrival(w, 0, { name: 'a', cpu: 1, priority: 10 }, null),
      arrival(w, 1, { name: 'b', cpu: 1, priority: 10 }, null),
    ], 20);
    expect(rec(r, 'a').outcome).toBe('running');
    expect(r.preemptions).toBe(0);
    const w2 = world([node('n0', 1)]);
    const r2 = run(w2, [
      arrival(w2, 0, { name: 'a', cpu: 1, priority: 0 }, null),
      arrival(w2, 1, { name: 'b', cpu: 1, priority: 10 }, null),
    ], 20, { preemption: false });
    expect(rec(r2, 'a').outcome).toBe('running');
    expect(rec(r2, 'b').outcome).toBe('pending');
  });

  it('chooses the node with the cheapest victims', () => {
    const pin = (n: string) => ({ nodeSelector: { 'kubernetes.io/hostname': n } });
    const w2 = world([node('n0', 1), node('n1', 1), node('n2', 1)], affinityProfile);
    const r = run(w2, [
      arrival(w2, 0, { name: 'p5', cpu: 1, priority: 5, spec: pin('n0') }, null),
      arrival(w2, 0, { name: 'p1', cpu: 1, priority: 1, spec: pin('n1') }, null),
      arrival(w2, 0, { name: 'p3', cpu: 1, priority: 3, spec: pin('n2') }, null),
      arrival(w2, 1, { name: 'boss', cpu: 1, priority: 100 }, null),
    ], 10);
    expect(rec(r, 'boss')).toMatchObject({ node: 'n1', bindS: 2 });
    expect(rec(r, 'p1').outcome).toBe('preempted');
    expect(rec(r, 'p5').outcome).toBe('running');
    expect(rec(r, 'p3').outcome).toBe('running');
  });
});

describe('simulate: pod affinity', () => {
  it('moves a pod waiting for an affinity partner when a matching pod is bound', () => {
    const w = world([node('n0', 4, { labels: { 'kubernetes.io/hostname': 'n0', zone: 'a' } })], defaultProfile());
    const log = attemptLog();
    const follower: PodSketch = {
      name: 'follower',
      requests: { cpu: '1' },
      spec: {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' }],
          },
        },
      },
    };
    const r = run(w, [
      arrival(w, 0, follower, null),
      arrival(w, 100, { name: 'db', cpu: 1, labels: { app: 'db' } }, null),
    ], 200, {}, [], [log.observer]);
    expect(log.times.get('follower')).toEqual([0, 100]);
    expect(rec(r, 'follower')).toMatchObject({ outcome: 'running', bindS: 100 });
  });
});

describe('simulate: determinism', () => {
  /** A mixed workload: priorities, controllers, durations, node failures, drains and adds. */
  function scenario(seed: number): { w: World; arrivals: PodArrival[]; events: NodeEvent[] } {
    const rng = Rng.fromSeed(seed).fork('workload');
    const w = world(Array.from({ length: 12 }, (_, i) => node(`n${i}`, 2 + rng.int(6), { labels: { 'kubernetes.io/hostname': `n${i}`, 'topology.kubernetes.io/zone': `z${i % 3}` } })), defaultProfile(), seed);
    const arrivals: PodArrival[] = [];
    let t = 0;
    for (let i = 0; i < 150; i++) {
      t += rng.float() * 4;
      const a = arrival(w, t, {
        name: `p${i}`, cpu: 0.25 * (1 + rng.int(8)), priority: [0, 0, 10, 100][rng.int(4)],
        labels: { app: `a${rng.int(4)}` }, owner: rng.int(2) === 0 ? `rs${i % 5}` : undefined,
      }, rng.int(5) === 0 ? null : 20 + rng.float() * 200);
      arrivals.push(a);
    }
    const extra = { ...w.c.nodes[0]!, name: w.c.model.symbols.intern('late-node') };
    const events: NodeEvent[] = [
      { atS: 60, kind: 'fail', node: w.c.nodes[1]! },
      { atS: 120, kind: 'drain', node: w.c.nodes[2]! },
      { atS: 200, kind: 'add', node: extra },
      { atS: 400, kind: 'recover', node: w.c.nodes[1]! },
    ];
    return { w, arrivals, events };
  }

  it('gives identical per-pod records and samples for the same inputs and seed', () => {
    const results = [1, 1, 2].map((seed) => {
      const s = scenario(seed);
      return run(s.w, s.arrivals, 900, { sampleIntervalS: 30, defaultTolerationSeconds: 30 }, s.events);
    });
    expect(results[1]!.pods).toEqual(results[0]!.pods);
    expect(results[1]!.samples).toEqual(results[0]!.samples);
    expect(results[2]!.pods).not.toEqual(results[0]!.pods);
    expect(results[0]!.preemptions + results[0]!.evictedPods).toBeGreaterThan(0);
    for (const r of results) expectAccounted(r);
  });
});

describe('simulate: Job parallelism', () => {
  /** Arrivals of one Job: `name-i` at atS[i] running durS[i], at most `parallelism` at once. */
  function job(w: World, name: string, parallelism: number, atS: readonly number[], durS: readonly (number | null)[], cpu = 1, extra: Partial<PodArrival> = {}): PodArrival[] {
    return atS.map((t, i) => ({ ...arrival(w, t, { name: `${name}-${i}`, cpu }, durS[i]!), group: { key: `Job/${name}`, parallelism }, ...extra }));
  }
  const times = (r: SimResult, name: string, n: number, f: (p: PodRecord) => number | null) => Array.from({ length: n }, (_, i) => f(rec(r, `${name}-${i}`)));

  const cases = [
    {
      name: 'parallelism 2, five pods due at once: each completion releases the next',
      parallelism: 2, atS: [0, 0, 0, 0, 0], durS: [10, 5, 7, 3, 4],
      arrive: [0, 0, 5, 10, 12], end: [10, 5, 12, 13, 16],
    },
    {
      name: 'a held pod arrives at its release; a pod due after a slot freed arrives on time',
      parallelism: 2, atS: [0, 0, 1, 20, 21], durS: [10, 5, 7, 3, 4],
      arrive: [0, 0, 5, 20, 21], end: [10, 5, 12, 23, 25],
    },
    {
      name: 'parallelism 1 runs the pods one after another',
      parallelism: 1, atS: [0, 0, 0], durS: [1, 2, 3],
      arrive: [0, 1, 3], end: [1, 3, 6],
    },
    {
      name: 'parallelism at least the pod count holds nothing back',
      parallelism: 5, atS: [0, 1, 2], durS: [10, 10, 10],
      arrive: [0, 1, 2], end: [10, 11, 12],
    },
  ];
  for (const k of cases) {
    it(k.name, () => {
      const w = world([node('n0', 16)]);
      const arrived: [string, number][] = [];
      const r = run(w, job(w, 'j', k.parallelism, k.atS, k.durS), 100, {}, [], [{ onArrive: (p, atS) => arrived.push([p.name, atS]) }]);
      const n = k.atS.length;
      expect(times(r, 'j', n, (p) => p.arrivalS)).toEqual(k.arrive);
      expect(times(r, 'j', n, (p) => p.bindS)).toEqual(k.arrive);
      expect(times(r, 'j', n, (p) => p.endS)).toEqual(k.end);
      expect(arrived.map(([, t]) => t)).toEqual([...k.arrive].sort((a, b) => a - b));
      expect(r.counts).toEqual({ arrived: n, running: 0, pending: 0, completed: n, failed: 0, replaced: 0 });
      expect(r.heldArrivals).toBe(0);
      expectAccounted(r);
    });
  }

  it('pods still held at the end were never created: not counted, not recorded', () => {
    const w = world([node('n0', 16)]);
    const r = run(w, job(w, 'j', 2, [0, 0, 0, 0, 0], [10, 10, 10, 10, 10]), 15);
    expect(r.pods.map((p) => p.name)).toEqual(['j-0', 'j-1', 'j-2', 'j-3']);
    expect(r.counts).toMatchObject({ arrived: 4, running: 2, completed: 2 });
    expect(r.heldArrivals).toBe(1);
    expectAccounted(r);
  });

  it('a pending pod holds its slot', () => {
    const w = world([node('n0', 2)]);
    const big = job(w, 'j', 1, [0], [5], 4);
    const rest = job(w, 'k', 1, [0, 0], [5, 5]).map((a) => ({ ...a, group: { key: 'Job/j', parallelism: 1 } }));
    const r = run(w, [...big, ...rest], 50);
    expect(rec(r, 'j-0').outcome).toBe('pending');
    expect(r.pods.length).toBe(1);
    expect(r.heldArrivals).toBe(2);
    expectAccounted(r);
  });

  it('groups are independent, and pods without a group are never held', () => {
    const w = world([node('n0', 16)]);
    const r = run(w, [
      ...job(w, 'a', 1, [0, 0], [10, 10]),
      ...job(w, 'b', 1, [0, 0], [3, 3]),
      arrival(w, 0, { name: 'free', cpu: 1 }, 1),
    ], 100);
    expect(times(r, 'a', 2, (p) => p.bindS)).toEqual([0, 10]);
    expect(times(r, 'b', 2, (p) => p.bindS)).toEqual([0, 3]);
    expect(rec(r, 'free').bindS).toBe(0);
    expectAccounted(r);
  });

  it('an evicted Job pod fails and frees its slot; with replicated its replacement keeps the slot', () => {
    const events = (w: World): NodeEvent[] => [{ atS: 5, kind: 'drain', node: w.c.nodes[0]! }];
    const w = world([node('n0', 16), node('n1', 16)], affinityProfile);
    const pin = { spec: { nodeSelector: { 'kubernetes.io/hostname': 'n0' } } };
    const onN0 = (ww: World, replicated: boolean) => [
      { ...arrival(ww, 0, { name: 'j-0', cpu: 1, ...pin }, 10), group: { key: 'Job/j', parallelism: 1 }, replicated },
      { ...arrival(ww, 0, { name: 'j-1', cpu: 1 }, 10), group: { key: 'Job/j', parallelism: 1 }, replicated },
    ];
    const r = run(w, onN0(w, false), 100, {}, events(w));
    expect(rec(r, 'j-0')).toMatchObject({ outcome: 'evicted', endS: 5, replacedBy: -1 });
    expect(rec(r, 'j-1')).toMatchObject({ arrivalS: 5, bindS: 5, node: 'n1', outcome: 'completed', endS: 15 });
    expect(r.counts).toEqual({ arrived: 2, running: 0, pending: 0, completed: 1, failed: 1, replaced: 0 });
    expectAccounted(r);

    const w2 = world([node('n0', 16), node('n1', 16)], affinityProfile);
    const r2 = run(w2, onN0(w2, true), 100, {}, events(w2));
    // The replacement is pinned to the cordoned n0: it stays pending and keeps the slot.
    expect(recs(r2, 'j-0').map((p) => p.outcome)).toEqual(['evicted', 'pending']);
    expect(r2.pods.some((p) => p.name === 'j-1')).toBe(false);
    expect(r2.heldArrivals).toBe(1);
    expect(r2.counts).toEqual({ arrived: 1, running: 0, pending: 1, completed: 0, failed: 0, replaced: 1 });
    expectAccounted(r2);
  });

  it('a preempted Job pod fails and the next one is released', () => {
    const w = world([node('n0', 2)]);
    const r = run(w, [
      ...job(w, 'j', 1, [0, 0], [100, 10], 2),
      arrival(w, 5, { name: 'boss', cpu: 2, priority: 100 }, 20),
    ], 200);
    expect(rec(r, 'j-0')).toMatchObject({ outcome: 'preempted', endS: 5 });
    // Created at the preemption; bound when boss completes at 26 (boss bound at 6 after its backoff).
    expect(rec(r, 'j-1')).toMatchObject({ arrivalS: 5, outcome: 'completed', bindS: 26, endS: 36 });
    expect(r.counts).toMatchObject({ arrived: 3, completed: 2, failed: 1 });
    expectAccounted(r);
  });

  it('rejects bad groups at the door', () => {
    const w = world([node('n0', 1)]);
    const a = (group: unknown) => ({ ...arrival(w, 0, { name: 'x' }, 1), group } as PodArrival);
    expect(() => run(w, [a({ key: 'j', parallelism: 0 })], 10)).toThrow(/arrivals\[0\]\.group\.parallelism: expected a positive integer, got 0/);
    expect(() => run(w, [a({ key: 'j', parallelism: 1.5 })], 10)).toThrow(/group\.parallelism/);
    expect(() => run(w, [a({ key: '', parallelism: 1 })], 10)).toThrow(/arrivals\[0\]\.group\.key/);
    const b = { ...arrival(w, 0, { name: 'y' }, 1), group: { key: 'j', parallelism: 3 } };
    expect(() => run(w, [a({ key: 'j', parallelism: 2 }), b], 10)).toThrow(/arrivals\[1\]\.group\.parallelism: group j has parallelism 2 in an earlier arrival, got 3/);
  });
});

describe('simulate: preemptionPolicy', () => {
  const cases = [
    { policy: undefined, preempts: true },
    { policy: 'PreemptLowerPriority', preempts: true },
    { policy: 'Never', preempts: false },
  ];
  for (const k of cases) {
    it(`a higher-priority pod with preemptionPolicy ${k.policy ?? '(absent)'} ${k.preempts ? 'preempts' : 'never preempts'}`, () => {
      const w = world([node('n0', 1)]);
      const spec = k.policy === undefined ? {} : { preemptionPolicy: k.policy };
      const r = run(w, [
        arrival(w, 0, { name: 'low', cpu: 1, priority: 0 }, null),
        arrival(w, 1, { name: 'high', cpu: 1, priority: 10, spec }, null),
      ], 20);
      expect(r.preemptions).toBe(k.preempts ? 1 : 0);
      expect(rec(r, 'low').outcome).toBe(k.preempts ? 'preempted' : 'running');
      expect(rec(r, 'high').outcome).toBe(k.preempts ? 'running' : 'pending');
      expect(rec(r, 'high').lastDiagnosis).toBe('0/1 nodes are available: 1 Insufficient cpu.');
      expectAccounted(r);
    });
  }

  it('a pod with preemptionPolicy Never can still be a victim', () => {
    const w = world([node('n0', 1)]);
    const r = run(w, [
      arrival(w, 0, { name: 'low', cpu: 1, priority: 0, spec: { preemptionPolicy: 'Never' } }, null),
      arrival(w, 1, { name: 'high', cpu: 1, priority: 10 }, null),
    ], 20);
    expect(rec(r, 'low').outcome).toBe('preempted');
    expect(rec(r, 'high').outcome).toBe('running');
  });
});

describe('simulate: explainFailures', () => {
  /** `big` fails for cpu at 0 (n0 is full); n0 is drained at 5, so the retry fails on the cordon instead. */
  function cordoned(explainFailures: 'first' | 'every' | 'never' | undefined) {
    const w = world([node('n0', 1)]);
    const seen: { explained: boolean; unresolvable: boolean }[] = [];
    const r = run(w, [arrival(w, 0, { name: 'small', cpu: 1 }, null), arrival(w, 0, { name: 'big', cpu: 1 }, null)], 50, explainFailures === undefined ? {} : { explainFailures },
      [{ atS: 5, kind: 'drain', node: w.c.nodes[0]! }],
      [{ onUnschedulable: (_p, d) => seen.push({ explained: isExplained(d), unresolvable: d.unresolvable }) }]);
    return { r, seen };
  }
  const cases = [
    { how: undefined, last: '0/1 nodes are available: 1 Insufficient cpu.', explained: [true, false] },
    { how: 'first' as const, last: '0/1 nodes are available: 1 Insufficient cpu.', explained: [true, false] },
    { how: 'every' as const, last: '0/1 nodes are available: 1 node(s) were unschedulable.', explained: [true, true] },
    { how: 'never' as const, last: '0/1 nodes are available (reasons not collected).', explained: [false, false] },
  ];
  for (const k of cases) {
    it(`${k.how ?? '(default)'}: the recorded message and which attempts are explained`, () => {
      const { r, seen } = cordoned(k.how);
      expect(rec(r, 'big')).toMatchObject({ outcome: 'pending', attempts: 2, lastDiagnosis: k.last });
      expect(seen.map((s) => s.explained)).toEqual(k.explained);
      // Insufficient cpu can be resolved by preemption; an unschedulable node cannot.
      expect(seen.map((s) => s.unresolvable)).toEqual([false, true]);
    });
  }

  it('rejects an unknown value', () => {
    const w = world([node('n0', 1)]);
    expect(() => run(w, [], 10, { explainFailures: 'some' as never })).toThrow(/SimOptions\.explainFailures/);
  });
});
