import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildFramework } from '../framework/framework.js';
import { registryCapabilities } from '../framework/registry-capabilities.js';
import { ClusterState } from '../cluster/cluster-state.js';
import { generateCluster } from '../generators/generate-cluster.js';
import { generateWorkload } from '../generators/generate-workload.js';
import { Rng } from '../generators/rng.js';
import type { WorkloadItemSpec } from '../generators/workload-spec.js';
import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import type { NodeId, PodId } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { CellResult } from './cell.js';
import { registerWorkloadObjects } from './register-workload-objects.js';
import { ScenarioCellRunner } from './scenario-cell.js';

/**
 * Scenario cells register a generated workload's objects as a real cluster holds them, so
 * kube-scheduler's system default spreading (PodTopologySpread with no constraints of the
 * pod's own: hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway, selector from the pod's
 * ReplicaSet and Services) and PriorityClasses apply to generated pods. Each scenario is
 * written as a file and read by loadScenario, as a user's would be.
 */

const dir = mkdtempSync(join(tmpdir(), 'scenario-cell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const caps = registryCapabilities(inTreeRegistry, new ModelContext());
let files = 0;

type Obj = Record<string, unknown>;
const MOST_ALLOCATED = { name: 'most-allocated', extends: 'default', args: { NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } } } };
/** The same without PodTopologySpread, to show what spreading changes. */
const MOST_ALLOCATED_NO_SPREAD = { ...MOST_ALLOCATED, name: 'no-spread', disable: ['PodTopologySpread'] };
/** The same with system defaulting turned off as kube allows it (defaultingType List, no constraints). */
const MOST_ALLOCATED_NO_DEFAULTS = {
  ...MOST_ALLOCATED, name: 'no-defaults',
  args: { ...MOST_ALLOCATED.args, PodTopologySpread: { defaultingType: 'List', defaultConstraints: [] } },
};

/** Two nodes of 4 CPU / 8Gi (one zone), the workloads given, both policies, placements kept. */
function scenario(workloads: Obj[], extra: Obj = {}): string {
  const f = join(dir, `s-${files++}.yaml`);
  writeFileSync(f, stringify({
    name: 'objects', seeds: [1, 2, 3, 4, 5], durationS: 600, placements: true,
    cluster: { generate: { pools: [{ name: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi', pods: 110 } }] } },
    workload: { workloads },
    policies: [MOST_ALLOCATED, MOST_ALLOCATED_NO_SPREAD, MOST_ALLOCATED_NO_DEFAULTS],
    ...extra,
  }));
  return f;
}

/** Runs one policy of the scenario file on one seed. */
function run(file: string, policy: string, seed: number): CellResult {
  const s = loadScenario(file, caps, (p) => buildFramework(p, inTreeRegistry, new ModelContext()));
  return new ScenarioCellRunner([s]).run('cell', { kind: 'scenario', scenario: 0, policy, seed });
}

/** Pods bound per node, as "node-0:n/node-1:m". */
function split(r: CellResult): string {
  const counts = new Map<string, number>([['node-0', 0], ['node-1', 0]]);
  for (const p of r.run.placements!) if (p.node !== '') counts.set(p.node, counts.get(p.node)! + 1);
  return [...counts].map(([n, c]) => `${n}:${c}`).join('/');
}
const sorted = (r: CellResult) => split(r).split('/').map((x) => Number(x.split(':')[1])).sort((a, b) => b - a).join('/');

const small = { requests: { cpu: '100m', memory: '128Mi' } };
const web = { kind: 'Deployment', name: 'web', replicas: 4, template: small, arrival: { process: 'all-at-once' } };
const batch = {
  kind: 'Job', name: 'batch', completions: 4, template: small, arrival: { process: 'all-at-once' },
  durationS: { kind: 'constant', value: 500 },
};

describe('system default spreading of generated workloads (issue 11)', () => {
  // Hand calculation for the second pod (pod 1 on node A, none on B), MostAllocated over
  // cpu and memory: fit A = (200m/4 CPU -> 5, 256Mi/8Gi -> 3) / 2 = 4, B = (2 + 1) / 2 = 1.
  // System default spreading, PodTopologySpread weight 2: hostname raw A = 1 * ln(2 + 2)
  // + (3 - 1) = 3.39, B = 2; the zone term is the same on both (one zone); rounded sums
  // A 8, B 7 normalize to A 87, B 100. B wins by 2 * 13 = 26 against 3: 2/2 in the end,
  // as kube-scheduler places them. Without spreading MostAllocated packs them: 4/0.
  const cases = [
    { name: 'a Deployment of 4 small replicas spreads 2/2 on 2 nodes under MostAllocated', workloads: [web], policy: 'most-allocated', want: '2/2' },
    { name: '... and packs 4/0 without PodTopologySpread', workloads: [web], policy: 'no-spread', want: '4/0' },
    { name: '... and packs 4/0 with defaultingType List and no defaultConstraints', workloads: [web], policy: 'no-defaults', want: '4/0' },
    { name: 'a Deployment with a Service spreads 2/2 too (the Service\'s selector merged in)', workloads: [{ ...web, service: true }], policy: 'most-allocated', want: '2/2' },
    { name: 'a Job without a Service packs 4/0: kube\'s DefaultSelector reads no Job', workloads: [batch], policy: 'most-allocated', want: '4/0' },
    { name: 'a Job with a Service spreads 2/2: the Service selects its pods', workloads: [{ ...batch, service: true }], policy: 'most-allocated', want: '2/2' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const file = scenario(c.workloads);
      for (const seed of [1, 2, 3, 4, 5]) expect(sorted(run(file, c.policy, seed)), `seed ${seed}`).toBe(c.want);
    });
  }

  it('two Deployments are spread each by its own ReplicaSet: 2/2 and 2/2', () => {
    const file = scenario([web, { ...web, name: 'api' }]);
    const r = run(file, 'most-allocated', 1);
    for (const name of ['web', 'api']) {
      const nodes = r.run.placements!.filter((p) => p.pod.startsWith(`${name}-`)).map((p) => p.node);
      expect(nodes.filter((n) => n === 'node-0')).toHaveLength(2);
    }
  });
});

describe('namespaces of generated pods', () => {
  it('exist, labelled kubernetes.io/metadata.name, so a namespaceSelector finds their pods', () => {
    // `cache` (namespace default) must sit with `web` (namespace shop), found through the
    // namespace's label alone: only a namespace that exists has it.
    const cache = {
      kind: 'Deployment', name: 'cache', replicas: 1, arrival: { process: 'all-at-once', atS: 10 },
      template: {
        ...small,
        spec: {
          affinity: {
            podAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [{
                labelSelector: { matchLabels: { app: 'web' } },
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
                topologyKey: 'kubernetes.io/hostname',
              }],
            },
          },
        },
      },
    };
    const file = scenario([{ ...web, namespace: 'shop', replicas: 1 }, cache]);
    for (const seed of [1, 2, 3]) {
      const placed = new Map(run(file, 'most-allocated', seed).run.placements!.map((p) => [p.pod, p.node]));
      expect(placed.get('cache-0')).not.toBe('');
      expect(placed.get('cache-0')).toBe(placed.get('web-0'));
    }
  });
});

describe('PriorityClasses of a scenario', () => {
  // One node of 1 CPU: `low` (1 CPU) runs from t=0; `high` (1 CPU) arrives at t=10 and
  // preempts it only if its priority is higher and its class lets it preempt.
  const oneNode = (classes: Obj[], lowTemplate: Obj, highTemplate: Obj): string => {
    const f = join(dir, `p-${files++}.yaml`);
    writeFileSync(f, stringify({
      name: 'priorities', seeds: [1], durationS: 100,
      cluster: { generate: { pools: [{ name: 'node', count: 1, capacity: { cpu: '1', memory: '8Gi', pods: 110 } }] } },
      workload: {
        workloads: [
          { kind: 'Deployment', name: 'low', replicas: 1, template: { requests: { cpu: '1' }, ...lowTemplate }, arrival: { process: 'all-at-once' } },
          { kind: 'Deployment', name: 'high', replicas: 1, template: { requests: { cpu: '1' }, ...highTemplate }, arrival: { process: 'all-at-once', atS: 10 } },
        ],
      },
      policies: [{ name: 'default', extends: 'default' }],
      priorityClasses: classes,
    }));
    return f;
  };
  const cases = [
    { name: 'a class\'s value decides: high (1000) preempts low (no class, priority 0)', classes: [{ name: 'high', value: 1000 }], low: {}, high: { priorityClassName: 'high' }, preemptions: 1 },
    { name: 'a class with preemptionPolicy Never does not preempt', classes: [{ name: 'high', value: 1000, preemptionPolicy: 'Never' }], low: {}, high: { priorityClassName: 'high' }, preemptions: 0 },
    {
      name: 'a pod without class takes the globalDefault class: low at 5000 is not preempted by 1000',
      classes: [{ name: 'high', value: 1000 }, { name: 'base', value: 5000, globalDefault: true }], low: {}, high: { priorityClassName: 'high' }, preemptions: 0,
    },
    { name: 'a system class may be named without declaring it', classes: [], low: { priority: 5 }, high: { priorityClassName: 'system-cluster-critical' }, preemptions: 1 },
  ];
  /** The same on a snapshot of one 1-CPU node that holds a PriorityClass `snap-high` (1000). */
  const onSnapshot = (classes: Obj[], highTemplate: Obj): string => {
    const snapshot = join(dir, `snapshot-${files++}.yaml`);
    writeFileSync(snapshot, [
      { kind: 'Node', metadata: { name: 'node-0', labels: { 'kubernetes.io/hostname': 'node-0' } }, status: { allocatable: { cpu: '1', memory: '8Gi', pods: '110' } } },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'snap-high' }, value: 1000 },
    ].map((o) => stringify(o)).join('---\n'));
    const f = oneNode(classes, {}, highTemplate);
    const text = stringify({ ...(parse(readFileSync(f, 'utf8')) as Obj), cluster: { snapshot: [snapshot] } });
    writeFileSync(f, text);
    return f;
  };

  it('a template may name a class the snapshot holds', () => {
    const s = loadScenario(onSnapshot([], { priorityClassName: 'snap-high' }), caps);
    const r = new ScenarioCellRunner([s]).run('cell', { kind: 'scenario', scenario: 0, policy: 'default', seed: 1 });
    expect(r.run.values.preemptions).toBe(1);
  });

  it('a template naming a class neither holds is refused when the cell runs, naming the scenario file', () => {
    const file = onSnapshot([], { priorityClassName: 'nowhere' });
    const s = loadScenario(file, caps);
    expect(() => new ScenarioCellRunner([s]).run('cell', { kind: 'scenario', scenario: 0, policy: 'default', seed: 1 }))
      .toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: pod default/high: spec\\.priorityClassName: no PriorityClass with name nowhere was found$`));
  });

  it('a scenario class clashing with the snapshot\'s is refused, naming the scenario\'s entry', () => {
    const file = onSnapshot([{ name: 'snap-high', value: 5 }], {});
    const s = loadScenario(file, caps);
    expect(() => new ScenarioCellRunner([s]).run('cell', { kind: 'scenario', scenario: 0, policy: 'default', seed: 1 }))
      .toThrow(/: priorityClasses\[0\]: PriorityClass snap-high: duplicate PriorityClass name "snap-high" \(the snapshot's classes and the scenario's are one cluster's\)$/);
  });

  for (const c of cases) {
    it(c.name, () => {
      const s = loadScenario(oneNode(c.classes, c.low, c.high), caps);
      const r = new ScenarioCellRunner([s]).run('cell', { kind: 'scenario', scenario: 0, policy: 'default', seed: 1 });
      expect(r.run.values.preemptions).toBe(c.preemptions);
    });
  }
});

describe('registerWorkloadObjects', () => {
  /** A generated plan's objects registered in a 2-node state, and its pods bound alternately. */
  const setUp = (workloads: Obj[]) => {
    const model = new ModelContext();
    const nodes = generateCluster({ pools: [{ name: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi', pods: '110' } }] }, Rng.fromSeed(1));
    const state = ClusterState.from(model, nodes.map((n) => compileNode(n, model)));
    // The workloads are written as a scenario file writes them (loosely typed here).
    const plan = generateWorkload({ workloads: workloads as unknown as WorkloadItemSpec[] }, Rng.fromSeed(1));
    registerWorkloadObjects(state, plan.objects, 'scenario.yaml');
    const templates = plan.templates.map((t) => compilePod(t, model));
    plan.arrivals.forEach((a, i) => state.bind({ ...templates[a.template]!, id: model.newPodId() as PodId, name: a.name }, (i % 2) as NodeId));
    return { state, ns: model.symbols.intern('shop') };
  };

  it('registers the Deployment, its ReplicaSet and the Service as workloads', () => {
    const { state, ns } = setUp([{ ...web, namespace: 'shop', service: true }]);
    expect(state.workloads.get('Deployment', ns, 'web')?.replicas).toBe(4);
    expect(state.workloads.get('Service', ns, 'web')).not.toBeNull();
    const rs = state.workloads.controllerOf(state.pod(state.podsOn(0 as NodeId)[0]!));
    expect(rs).toMatchObject({ kind: 'ReplicaSet', owner: { kind: 'Deployment', name: 'web' } });
    expect(state.namespaces()).toContain(ns);
  });

  // The disruption controller's arithmetic over the registered objects
  // (pkg/controller/disruption): a percentage is of the Deployment's scale (4, found
  // through the ReplicaSet's owner), rounded up; all 4 pods are bound and healthy.
  const budgets = [
    { pdb: { minAvailable: '50%' }, desiredHealthy: 2, allowed: 2 },
    { pdb: { minAvailable: 3 }, desiredHealthy: 3, allowed: 1 },
    { pdb: { maxUnavailable: '25%' }, desiredHealthy: 3, allowed: 1 },
    { pdb: { maxUnavailable: 0 }, desiredHealthy: 4, allowed: 0 },
  ];
  for (const b of budgets) {
    it(`registers pdb ${JSON.stringify(b.pdb)}: desired healthy ${b.desiredHealthy}, ${b.allowed} disruptions allowed`, () => {
      const { state, ns } = setUp([{ ...web, namespace: 'shop', pdb: b.pdb }]);
      const pdb = state.disruptionBudgets.get(ns, 'web')!;
      expect(state.disruptionBudgets.status(pdb)).toMatchObject({ expectedPods: 4, desiredHealthy: b.desiredHealthy, currentHealthy: 4, disruptionsAllowed: b.allowed });
    });
  }

  it('a Job\'s budget counts with an integer minAvailable only, as in kube (a Job has no scale subresource)', () => {
    const job = { ...batch, namespace: 'shop' };
    const count = setUp([{ ...job, pdb: { minAvailable: 3 } }]);
    expect(count.state.disruptionBudgets.status(count.state.disruptionBudgets.get(count.ns, 'batch')!)).toMatchObject({ disruptionsAllowed: 1, syncFailure: null });
    const pct = setUp([{ ...job, pdb: { minAvailable: '50%' } }]);
    expect(pct.state.disruptionBudgets.status(pct.state.disruptionBudgets.get(pct.ns, 'batch')!)).toMatchObject({
      disruptionsAllowed: 0, syncFailure: expect.stringMatching(/jobs\.batch does not implement the scale subresource/),
    });
  });
});
