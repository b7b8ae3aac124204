import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod, OwnerRef } from '../model/pod.js';
import type { DisruptionStatus } from '../model/pod-disruption-budget.js';
import { compilePodDisruptionBudget } from '../model/pod-disruption-budget.js';
import { compileWorkload } from '../model/workloads.js';
import type { TestCluster } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';

const NS = 'shop';
const rs = (name: string, replicas: number, deployment?: string) => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name, namespace: NS, ...(deployment === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment, controller: true }] }) },
  spec: { replicas, selector: { matchLabels: { app: 'web' } } },
});
const deployment = (name: string, replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: NS }, spec: { replicas, selector: { matchLabels: { app: 'web' } } } });
const job = (name: string) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: NS }, spec: { parallelism: 2 } });
const owner = (kind: string, name: string, apiVersion = 'apps/v1'): OwnerRef => ({ apiVersion, kind, name });

interface PodSpec { readonly owner?: OwnerRef; readonly terminating?: boolean; readonly pending?: boolean; readonly labels?: Record<string, string>; readonly namespace?: string }

/** A two-node cluster with these workloads, pods (bound round-robin unless pending) and one PDB spec. */
function setup(workloads: readonly unknown[], pods: readonly PodSpec[], pdbSpec: Record<string, unknown>) {
  const c = testCluster([{ name: 'n0' }, { name: 'n1' }]);
  for (const w of workloads) c.state.workloads.add(compileWorkload(w, c.model));
  const compiled = pods.map((p, i) => place(c, p, i));
  const pdb = compilePodDisruptionBudget({ kind: 'PodDisruptionBudget', metadata: { name: 'b', namespace: NS }, spec: { selector: { matchLabels: { app: 'web' } }, ...pdbSpec } }, c.model);
  c.state.disruptionBudgets.add(pdb);
  return { c, pdb, pods: compiled, budgets: c.state.disruptionBudgets };
}

function place(c: TestCluster, p: PodSpec, i: number): CompiledPod {
  const base = c.pod({ name: `p${i}`, namespace: p.namespace ?? NS, labels: p.labels ?? { app: 'web' } });
  const pod: CompiledPod = { ...base, owner: p.owner ?? null, terminating: p.terminating ?? false };
  if (p.pending === true) c.state.disruptionBudgets.addPending(pod);
  else c.state.bind(pod, (i % 2) as NodeId);
  return pod;
}

const web = (n: number, o?: OwnerRef, extra: PodSpec = {}): PodSpec[] => Array.from({ length: n }, () => ({ ...(o === undefined ? {} : { owner: o }), ...extra }));

describe('DisruptionBudgets.status (pkg/controller/disruption getExpectedPodCount, countHealthyPods, updatePdbStatus)', () => {
  const cases: { name: string; workloads?: unknown[]; pods: PodSpec[]; spec: Record<string, unknown>; want: Partial<DisruptionStatus> }[] = [
    { name: 'integer minAvailable: expected = matching pods', pods: web(3), spec: { minAvailable: 2 }, want: { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 } },
    { name: 'a terminating pod is not healthy', pods: [...web(2), { terminating: true }], spec: { minAvailable: 2 }, want: { currentHealthy: 2, disruptionsAllowed: 0 } },
    { name: 'a pending pod is expected but not healthy', pods: [...web(2), { pending: true }], spec: { minAvailable: 1 }, want: { expectedPods: 3, currentHealthy: 2, disruptionsAllowed: 1 } },
    { name: 'minAvailable above the healthy pods: 0, never negative', pods: web(2), spec: { minAvailable: 5 }, want: { disruptionsAllowed: 0 } },
    { name: 'neither set: expectedPods 0, so 0 allowed', pods: web(3, owner('ReplicaSet', 'rs')), workloads: [rs('rs', 3)], spec: {}, want: { expectedPods: 0, disruptionsAllowed: 0 } },
    { name: 'maxUnavailable: the Deployment\'s replicas through its ReplicaSet', workloads: [deployment('d', 4), rs('rs', 4, 'd')], pods: web(4, owner('ReplicaSet', 'rs')), spec: { maxUnavailable: 1 }, want: { expectedPods: 4, desiredHealthy: 3, disruptionsAllowed: 1 } },
    { name: 'maxUnavailable 25% of 5 rounds up to 2', workloads: [rs('rs', 5)], pods: web(5, owner('ReplicaSet', 'rs')), spec: { maxUnavailable: '25%' }, want: { expectedPods: 5, desiredHealthy: 3, disruptionsAllowed: 2 } },
    { name: 'minAvailable 50% of 3 rounds up to 2', workloads: [rs('rs', 3)], pods: web(3, owner('ReplicaSet', 'rs')), spec: { minAvailable: '50%' }, want: { expectedPods: 3, desiredHealthy: 2, disruptionsAllowed: 1 } },
    { name: 'scale counts the replicas, not the pods: 6 replicas, 3 pods bound', workloads: [rs('rs', 6)], pods: web(3, owner('ReplicaSet', 'rs')), spec: { maxUnavailable: 1 }, want: { expectedPods: 6, desiredHealthy: 5, disruptionsAllowed: 0 } },
    {
      name: 'two ReplicaSets of one Deployment (a rollout) count the Deployment once',
      workloads: [deployment('d', 4), rs('old', 2, 'd'), rs('new', 2, 'd')],
      pods: [...web(2, owner('ReplicaSet', 'old')), ...web(2, owner('ReplicaSet', 'new'))], spec: { maxUnavailable: 1 }, want: { expectedPods: 4, desiredHealthy: 3, disruptionsAllowed: 1 },
    },
    { name: 'a ReplicaSet whose Deployment is not loaded answers with its own scale', workloads: [rs('rs', 3, 'gone')], pods: web(3, owner('ReplicaSet', 'rs')), spec: { maxUnavailable: 1 }, want: { expectedPods: 3, disruptionsAllowed: 1 } },
    { name: 'unmanaged pods are left out of the scale (UnmanagedPods)', workloads: [rs('rs', 2)], pods: [...web(2, owner('ReplicaSet', 'rs')), {}], spec: { maxUnavailable: 1 }, want: { expectedPods: 2, desiredHealthy: 1, currentHealthy: 3, unmanagedPods: 1, disruptionsAllowed: 2 } },
    { name: 'a Job owner: no scale subresource, sync fails, 0 allowed', workloads: [job('j')], pods: web(3, owner('Job', 'j', 'batch/v1')), spec: { maxUnavailable: 1 }, want: { disruptionsAllowed: 0, syncFailure: 'jobs.batch does not implement the scale subresource' } },
    { name: 'an owner that is not loaded: found no controllers, 0 allowed', pods: web(2, owner('StatefulSet', 'ss')), spec: { minAvailable: '50%' }, want: { disruptionsAllowed: 0, syncFailure: 'found no controllers for pod "p0"' } },
    { name: 'an owner kind schedbench cannot scale (a CRD)', pods: web(2, owner('Rollout', 'r', 'argoproj.io/v1alpha1')), spec: { maxUnavailable: 1 }, want: { disruptionsAllowed: 0 } },
    { name: 'integer minAvailable needs no controller at all', pods: web(3, owner('Job', 'j', 'batch/v1')), spec: { minAvailable: 1 }, want: { disruptionsAllowed: 2, syncFailure: null } },
    { name: 'pods of another namespace are not selected', pods: [...web(2), { namespace: 'other' }], spec: { minAvailable: 1 }, want: { expectedPods: 2 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { pdb, budgets } = setup(c.workloads ?? [], c.pods, c.spec);
      expect(budgets.status(pdb)).toMatchObject(c.want);
    });
  }

  it('an empty selector selects every pod of its namespace (policy/v1); a null one none', () => {
    const c = testCluster([{ name: 'n0' }]);
    const all = compilePodDisruptionBudget({ kind: 'PodDisruptionBudget', metadata: { name: 'all', namespace: NS }, spec: { minAvailable: 1, selector: {} } }, c.model);
    const none = compilePodDisruptionBudget({ kind: 'PodDisruptionBudget', metadata: { name: 'none', namespace: NS }, spec: { minAvailable: 1 } }, c.model);
    c.state.disruptionBudgets.add(all);
    c.state.disruptionBudgets.add(none);
    const p = c.bound({ name: 'x', namespace: NS, labels: { any: 'thing' }, nodeName: 'n0' });
    c.bound({ name: 'y', namespace: 'other', nodeName: 'n0' });
    expect(c.state.disruptionBudgets.pdbsOf(p).map((b) => b.name)).toEqual(['all']);
    expect(c.state.disruptionBudgets.status(all)).toMatchObject({ expectedPods: 1, currentHealthy: 1 });
  });

  it('follows binds and unbinds after the budget was added', () => {
    const { c, pdb, pods, budgets } = setup([], web(2), { minAvailable: 1 });
    expect(budgets.disruptionsAllowed(pdb)).toBe(1);
    c.state.unbind(pods[0]!, 0 as NodeId);
    expect(budgets.disruptionsAllowed(pdb)).toBe(0);
    c.state.bind(pods[0]!, 1 as NodeId);
    expect(budgets.disruptionsAllowed(pdb)).toBe(1);
  });
});

describe('DisruptionBudgets: questions of preemption and drains', () => {
  it('splitByViolation: each victim takes one from its budget; the one that takes it below zero violates (filterPodsWithPDBViolation)', () => {
    const { pods, budgets } = setup([], web(3), { minAvailable: 2 });
    const { violating, nonViolating } = budgets.splitByViolation([pods[0]!, pods[1]!]);
    expect(nonViolating.map((p) => p.name)).toEqual(['p0']);
    expect(violating.map((p) => p.name)).toEqual(['p1']);
  });

  it('splitByViolation: the scheduler matches no victim to an empty-selector budget, and no unlabelled victim', () => {
    const c = testCluster([{ name: 'n0' }]);
    c.state.disruptionBudgets.add(compilePodDisruptionBudget({ kind: 'PodDisruptionBudget', metadata: { name: 'all', namespace: NS }, spec: { minAvailable: 5, selector: {} } }, c.model));
    const p = c.bound({ name: 'x', namespace: NS, labels: { app: 'web' }, nodeName: 'n0' });
    expect(c.state.disruptionBudgets.splitByViolation([p]).violating).toEqual([]);
    // The eviction API does see the budget (the lister's policy/v1 semantics).
    expect(c.state.disruptionBudgets.evictionVerdict(p)).toMatchObject({ allowed: false, reason: 'budget' });
  });

  it('evictionVerdict: allowed while the budget allows, then refused with kube\'s message', () => {
    const { c, pods, budgets } = setup([], web(2), { minAvailable: 1 });
    expect(budgets.evictionVerdict(pods[0]!)).toEqual({ allowed: true });
    c.state.unbind(pods[0]!, 0 as NodeId);
    expect(budgets.evictionVerdict(pods[1]!)).toMatchObject({ allowed: false, reason: 'budget', message: "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget b needs 1 healthy pods and has 1 currently" });
    // A pod that is not bound is deleted without a budget check (canIgnorePDB).
    expect(budgets.evictionVerdict(pods[0]!)).toEqual({ allowed: true });
  });

  it('evictionVerdict: a pod of two budgets cannot be evicted', () => {
    const { c, pods, budgets } = setup([], web(3), { minAvailable: 0 });
    budgets.add(compilePodDisruptionBudget({ kind: 'PodDisruptionBudget', metadata: { name: 'b2', namespace: NS }, spec: { maxUnavailable: 3, selector: {} } }, c.model));
    expect(budgets.evictionVerdict(pods[0]!)).toMatchObject({ allowed: false, reason: 'multiple-budgets' });
  });

  it('violatedBy: the budgets that evicting these pods at once would break', () => {
    const { pods, budgets, pdb } = setup([], web(3), { minAvailable: 2 });
    expect(budgets.violatedBy([pods[0]!])).toEqual([]);
    expect(budgets.violatedBy([pods[0]!, pods[1]!])).toEqual([pdb]);
  });
});

describe('DisruptionBudgets properties', () => {
  const podArb = fc.record({
    app: fc.constantFrom('web', 'db'),
    owner: fc.constantFrom<'rs' | 'rs2' | 'none' | 'job'>('rs', 'rs2', 'none', 'job'),
    terminating: fc.boolean(),
    pending: fc.boolean(),
  });
  const countArb = fc.oneof(fc.nat({ max: 8 }), fc.nat({ max: 100 }).map((n) => `${n}%`));
  const specArb = fc.oneof(countArb.map((v) => ({ minAvailable: v })), countArb.map((v) => ({ maxUnavailable: v })), fc.constant({}));
  const setupArb = fc.record({ pods: fc.array(podArb, { maxLength: 12 }), spec: specArb, replicas: fc.nat({ max: 8 }), replicas2: fc.nat({ max: 8 }) });

  interface Drawn {
    readonly pods: readonly { readonly app: string; readonly owner: string; readonly terminating: boolean; readonly pending: boolean }[];
    readonly spec: Record<string, unknown>;
    readonly replicas: number;
    readonly replicas2: number;
  }

  function build(s: Drawn) {
    const owners: Record<string, OwnerRef | undefined> = { rs: owner('ReplicaSet', 'rs'), rs2: owner('ReplicaSet', 'rs2'), none: undefined, job: owner('Job', 'j', 'batch/v1') };
    return setup(
      [deployment('d', s.replicas), rs('rs', s.replicas, 'd'), rs('rs2', s.replicas2), job('j')],
      s.pods.map((p) => ({ labels: { app: p.app }, terminating: p.terminating, pending: p.pending, ...(owners[p.owner] === undefined ? {} : { owner: owners[p.owner]! }) })),
      s.spec,
    );
  }

  it('disruptionsAllowed is never negative and never more than the healthy pods', () => {
    fc.assert(fc.property(setupArb, (s) => {
      const { pdb, budgets } = build(s);
      const st = budgets.status(pdb);
      expect(st.disruptionsAllowed).toBeGreaterThanOrEqual(0);
      expect(st.disruptionsAllowed).toBeLessThanOrEqual(st.currentHealthy);
    }), { numRuns: 300 });
  });

  it('evicting only while the budget allows it never takes the healthy pods below the desired count', () => {
    fc.assert(fc.property(setupArb, fc.array(fc.nat(), { maxLength: 12 }), (s, picks) => {
      const { c, pdb, pods, budgets } = build(s);
      for (const k of picks) {
        const bound = pods.filter((p) => c.state.nodeOf(p.id) !== -1);
        if (bound.length === 0) break;
        const victim = bound[k % bound.length]!;
        const before = budgets.status(pdb);
        const verdict = budgets.evictionVerdict(victim);
        if (!verdict.allowed) continue;
        const selected = budgets.pdbsOf(victim).includes(pdb);
        c.state.unbind(victim, c.state.nodeOf(victim.id) as NodeId);
        const after = budgets.status(pdb);
        expect(after.disruptionsAllowed).toBeGreaterThanOrEqual(0);
        // A healthy pod of the budget went only because the budget allowed it.
        if (selected && !victim.terminating) {
          expect(before.disruptionsAllowed).toBeGreaterThan(0);
          expect(after.currentHealthy).toBeGreaterThanOrEqual(after.desiredHealthy);
        }
      }
    }), { numRuns: 300 });
  });
});

describe('DisruptionBudgets: known pods across a what-if', () => {
  it('a pending pod bound for a moment (a nominated pod\'s filter pass) and unbound again is still expected', () => {
    const { c, pdb, pods, budgets } = setup([], [...web(2), { pending: true }], { minAvailable: 1 });
    const waiting = pods[2]!;
    expect(budgets.status(pdb).expectedPods).toBe(3);
    c.state.bind(waiting, 0 as NodeId);
    expect(budgets.status(pdb)).toMatchObject({ expectedPods: 3, currentHealthy: 3 });
    c.state.unbind(waiting, 0 as NodeId);
    expect(budgets.status(pdb)).toMatchObject({ expectedPods: 3, currentHealthy: 2 });
    budgets.removePending(waiting);
    expect(budgets.status(pdb).expectedPods).toBe(2);
  });
});
