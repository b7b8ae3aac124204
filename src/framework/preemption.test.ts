import { describe, expect, it } from 'vitest';
import { ClusterState } from '../cluster/cluster-state.js';
import { buildFramework } from './framework.js';
import type { ProfileSpec } from './profile.js';
import type { NodeId, PodId } from '../model/ids.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { NodeSketch, TestCluster } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { NodeFitChecker } from './node-fit-checker.js';
import type { NominatedPods } from './nominated-pods.js';
import { NO_NOMINATED_PODS } from './nominated-pods.js';
import type { PreemptionEnv } from './preemption.js';
import { calculateNumCandidates, findPreemption, selectVictimsOnNode } from './preemption.js';

const profile: ProfileSpec = {
  name: 'fit', filter: ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit'], score: [{ name: 'NodeResourcesFit', weight: 1 }],
};

const node = (name: string, cpu: number, extra: Partial<NodeSketch> = {}): NodeSketch => ({
  name, allocatable: { cpu: String(cpu), memory: '64Gi', pods: 110 }, ...extra,
});

/** A cluster, its pods by name, and a PreemptionEnv with start times by pod name. */
function setup(
  nodes: NodeSketch[],
  pods: { name: string; node: string; cpu: number; priority: number; startS?: number; labels?: Record<string, string> }[],
  over: Partial<PreemptionEnv> = {},
  pdbs: { name: string; app: string; minAvailable: number }[] = [],
) {
  const c = testCluster(nodes);
  const byName = new Map<string, PodId>();
  const start = new Map<PodId, number>();
  for (const b of pdbs) {
    c.state.disruptionBudgets.add(compilePodDisruptionBudget({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: b.name, namespace: 'default' },
      spec: { minAvailable: b.minAvailable, selector: { matchLabels: { app: b.app } } },
    }, c.model));
  }
  for (const p of pods) {
    const bound = c.bound({ name: p.name, nodeName: p.node, requests: { cpu: String(p.cpu) }, priority: p.priority, labels: p.labels });
    byName.set(p.name, bound.id);
    start.set(bound.id, p.startS ?? 0);
  }
  const env: PreemptionEnv = {
    state: c.state,
    checker: new NodeFitChecker(buildFramework(profile, inTreeRegistry, c.model)),
    rng: { int: () => 0 },
    minCandidateNodesPercentage: 10,
    minCandidateNodesAbsolute: 100,
    startTimeS: (id) => start.get(id) ?? 0,
    nominated: NO_NOMINATED_PODS,
    ...over,
  };
  const nodeId = (name: string) => c.state.nodeByName(c.model.symbols.intern(name)) as NodeId;
  const names = (ids: readonly { id: PodId }[] | null) => ids?.map((p) => c.state.pod(p.id).name) ?? null;
  return { c, env, nodeId, names, byName };
}

const preemptor = (c: TestCluster, cpu: number, priority: number) => c.pod({ name: 'preemptor', requests: { cpu: String(cpu) }, priority });

describe('selectVictimsOnNode', () => {
  const cases = [
    {
      name: 'reprieves from the highest priority down; the rest are victims, most important first',
      pods: [1, 2, 3, 4].map((p) => ({ name: `p${p}`, node: 'n0', cpu: 1, priority: p })),
      want: { cpu: 2, priority: 10, victims: ['p2', 'p1'] },
    },
    {
      name: 'only lower-priority pods are candidates: not enough room without the higher one',
      pods: [{ name: 'hi', node: 'n0', cpu: 3, priority: 10 }, { name: 'lo', node: 'n0', cpu: 1, priority: 0 }],
      want: { cpu: 2, priority: 5, victims: null },
    },
    {
      name: 'only lower-priority pods are candidates: the lower one is enough',
      pods: [{ name: 'hi', node: 'n0', cpu: 3, priority: 10 }, { name: 'lo', node: 'n0', cpu: 1, priority: 0 }],
      want: { cpu: 1, priority: 5, victims: ['lo'] },
    },
    {
      name: 'pods of equal priority are never victims',
      pods: [{ name: 'same', node: 'n0', cpu: 4, priority: 5 }],
      want: { cpu: 1, priority: 5, victims: null },
    },
    {
      name: 'among equal priorities the longer-running pod is reprieved first',
      pods: [{ name: 'young', node: 'n0', cpu: 2, priority: 1, startS: 10 }, { name: 'old', node: 'n0', cpu: 2, priority: 1, startS: 5 }],
      want: { cpu: 2, priority: 9, victims: ['young'] },
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const { c, env, nodeId, names } = setup([node('n0', 4)], t.pods);
      const before = Array.from(c.state.requested);
      const podsBefore = [...c.state.podsOn(nodeId('n0'))].sort();
      expect(names(selectVictimsOnNode(env, preemptor(c, t.want.cpu, t.want.priority), nodeId('n0'))?.victims ?? null)).toEqual(t.want.victims);
      // The what-if leaves the cluster as it found it.
      expect(Array.from(c.state.requested)).toEqual(before);
      expect([...c.state.podsOn(nodeId('n0'))].sort()).toEqual(podsBefore);
    });
  }

  it('respects the pods nominated to the node with priority >= the preemptor\'s (RunFilterPluginsWithNominatedPods)', () => {
    const pods = [{ name: 'a', node: 'n0', cpu: 1, priority: 0 }, { name: 'b', node: 'n0', cpu: 1, priority: 0 }];
    const { c, env, nodeId, names } = setup([node('n0', 2)], pods);
    expect(names(selectVictimsOnNode(env, preemptor(c, 1, 5), nodeId('n0'))?.victims ?? null)).toEqual(['b']);
    // A pending pod of priority 10 is nominated to n0: the preemptor must leave room for it.
    const waiting = c.pod({ name: 'nominated', requests: { cpu: '1' }, priority: 10 });
    const nominated: NominatedPods = {
      size: 1,
      affects: (n, p) => n === nodeId('n0') && p.id !== waiting.id && waiting.priority >= p.priority,
      forEach: (n, p, each) => {
        if (n === nodeId('n0') && p.id !== waiting.id && waiting.priority >= p.priority) each(waiting);
      },
    };
    const before = Array.from(c.state.requested);
    expect(names(selectVictimsOnNode({ ...env, nominated }, preemptor(c, 1, 5), nodeId('n0'))?.victims ?? null)).toEqual(['a', 'b']);
    expect(Array.from(c.state.requested)).toEqual(before);
    // A preemptor of higher priority than the nominated pod does not respect it.
    expect(names(selectVictimsOnNode({ ...env, nominated }, preemptor(c, 1, 11), nodeId('n0'))?.victims ?? null)).toEqual(['b']);
  });
});

describe('selectVictimsOnNode with PodDisruptionBudgets (filterPodsWithPDBViolation)', () => {
  // Two pods of app "db" under minAvailable 1 (one disruption allowed) and one other pod.
  const pods = [
    { name: 'db-a', node: 'n0', cpu: 1, priority: 1, labels: { app: 'db' } },
    { name: 'db-b', node: 'n0', cpu: 1, priority: 1, labels: { app: 'db' }, startS: 5 },
    { name: 'web', node: 'n0', cpu: 1, priority: 1, labels: { app: 'web' }, startS: 10 },
  ];
  const cases = [
    // Order by importance: db-a, db-b (earlier start), web. db-b is the second db pod: its
    // deletion would violate the budget, so it is reprieved first, before db-a and web.
    { name: 'a violating pod is reprieved before more important non-violating ones', cpu: 3, victims: ['db-a', 'web'], violations: 0 },
    { name: 'violations are counted when the violating pod cannot be reprieved', cpu: 4, victims: ['db-a', 'db-b', 'web'], violations: 1 },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const { c, env, nodeId, names } = setup([node('n0', 4)], pods, {}, [{ name: 'db', app: 'db', minAvailable: 1 }]);
      const plan = selectVictimsOnNode(env, preemptor(c, t.cpu, 10), nodeId('n0'));
      expect(names(plan?.victims ?? null)).toEqual(t.victims);
      expect(plan?.numPdbViolations).toBe(t.violations);
    });
  }

  it('a budget is never violated by the split of the status before the what-if alone', () => {
    const { c, env, nodeId } = setup([node('n0', 4)], pods, {}, [{ name: 'db', app: 'db', minAvailable: 0 }]);
    const plan = selectVictimsOnNode(env, preemptor(c, 4, 10), nodeId('n0'));
    expect(plan?.victims.length).toBe(3);
    expect(plan?.numPdbViolations).toBe(0);
  });
});

describe('findPreemption', () => {
  it('looks past numCandidates until a candidate violates no PodDisruptionBudget (DryRunPreemption)', () => {
    const { c, env } = setup([node('n0', 2), node('n1', 2)], [
      { name: 'guarded', node: 'n0', cpu: 2, priority: 0, labels: { app: 'db' } },
      { name: 'free', node: 'n1', cpu: 2, priority: 0, labels: { app: 'web' } },
    ], { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 }, [{ name: 'db', app: 'db', minAvailable: 1 }]);
    // One candidate is wanted and n0 comes first, but its victim violates the budget.
    const plan = findPreemption(env, preemptor(c, 2, 10));
    expect(c.model.symbols.text(c.state.nodeName[plan!.node] as never)).toBe('n1');
  });

  it('prefers the node whose victims violate fewer PodDisruptionBudgets (pickOneNodeForPreemption step 1)', () => {
    const { c, env } = setup([node('n0', 2), node('n1', 2)], [
      { name: 'guarded', node: 'n0', cpu: 2, priority: 0, labels: { app: 'db' } },
      { name: 'free', node: 'n1', cpu: 2, priority: 5, labels: { app: 'web' } },
    ], {}, [{ name: 'db', app: 'db', minAvailable: 1 }]);
    const plan = findPreemption(env, preemptor(c, 2, 10));
    // n0's victim has the lower priority, but deleting it violates the budget.
    expect(c.model.symbols.text(c.state.nodeName[plan!.node] as never)).toBe('n1');
    expect(plan!.numPdbViolations).toBe(0);
  });

  it('picks the node whose most important victim has the lowest priority', () => {
    const { c, env, names } = setup([node('n0', 2), node('n1', 2), node('n2', 2)], [
      { name: 'a', node: 'n0', cpu: 2, priority: 3 },
      { name: 'b', node: 'n1', cpu: 2, priority: 1 },
      { name: 'c', node: 'n2', cpu: 2, priority: 2 },
    ]);
    const plan = findPreemption(env, preemptor(c, 1, 10));
    expect(c.model.symbols.text(c.state.nodeName[plan!.node] as never)).toBe('n1');
    expect(names(plan!.victims)).toEqual(['b']);
  });

  it('breaks a priority tie by the victims\' sum, then count, then the latest start', () => {
    const { c, env } = setup([node('n0', 2), node('n1', 2), node('n2', 2)], [
      { name: 'a1', node: 'n0', cpu: 1, priority: 2, startS: 100 },
      { name: 'a2', node: 'n0', cpu: 1, priority: 2, startS: 100 },
      { name: 'b', node: 'n1', cpu: 2, priority: 2, startS: 10 },
      { name: 'c', node: 'n2', cpu: 2, priority: 2, startS: 20 },
    ]);
    // n0 needs two victims (bigger sum); n1 and n2 one each; n2's victim started later.
    const plan = findPreemption(env, preemptor(c, 2, 10));
    expect(c.model.symbols.text(c.state.nodeName[plan!.node] as never)).toBe('n2');
  });

  it('skips nodes where preemption cannot help (UnschedulableAndUnresolvable)', () => {
    const { c, env } = setup([node('n0', 2), node('n1', 2, { unschedulable: true })], [
      { name: 'a', node: 'n0', cpu: 2, priority: 5 },
      { name: 'b', node: 'n1', cpu: 2, priority: 0 },
    ]);
    const plan = findPreemption(env, preemptor(c, 1, 10));
    expect(c.model.symbols.text(c.state.nodeName[plan!.node] as never)).toBe('n0');
    expect(findPreemption(env, preemptor(c, 1, 4))).toBeNull();
  });

  it('dry-runs only numCandidates nodes starting at the seeded offset', () => {
    const nodes = [0, 1, 2, 3].map((i) => node(`n${i}`, 1));
    const pods = [0, 1, 2, 3].map((i) => ({ name: `p${i}`, node: `n${i}`, cpu: 1, priority: 3 - i }));
    const { c, env } = setup(nodes, pods, { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 });
    for (const offset of [0, 1, 2, 3]) {
      const plan = findPreemption({ ...env, rng: { int: (n) => { expect(n).toBe(4); return offset; } } }, preemptor(c, 1, 10));
      expect(plan!.node).toBe(c.state.nodeOrder()[offset]);
    }
    // With every node a candidate, the best one (n3: lowest victim priority) wins from any offset.
    const all = findPreemption({ ...env, minCandidateNodesAbsolute: 100, rng: { int: () => 2 } }, preemptor(c, 1, 10));
    expect(c.model.symbols.text(c.state.nodeName[all!.node] as never)).toBe('n3');
  });

  it('returns null when the pod does not fit even on an emptied node', () => {
    const { c, env } = setup([node('n0', 2)], [{ name: 'a', node: 'n0', cpu: 1, priority: 0 }]);
    expect(findPreemption(env, preemptor(c, 3, 10))).toBeNull();
  });

  it('works on an empty cluster', () => {
    const c = testCluster([]);
    const env: PreemptionEnv = {
      state: new ClusterState(c.model), checker: new NodeFitChecker(buildFramework(profile, inTreeRegistry, c.model)),
      rng: { int: () => 0 }, minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100, startTimeS: () => 0, nominated: NO_NOMINATED_PODS,
    };
    expect(findPreemption(env, preemptor(c, 1, 10))).toBeNull();
  });
});

describe('calculateNumCandidates', () => {
  // DefaultPreemption defaults: 10 %, at least 100, at most all.
  const cases = [
    { nodes: 10_000, want: 1000 }, { nodes: 5000, want: 500 }, { nodes: 999, want: 100 },
    { nodes: 100, want: 100 }, { nodes: 50, want: 50 }, { nodes: 1, want: 1 },
  ];
  for (const t of cases) it(`${t.nodes} potential nodes -> ${t.want}`, () => expect(calculateNumCandidates(t.nodes, 10, 100)).toBe(t.want));
  it('truncates as Go int32 division', () => expect(calculateNumCandidates(1999, 10, 1)).toBe(199));
});
