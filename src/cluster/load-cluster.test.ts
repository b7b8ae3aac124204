import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NodeId } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import { CPU } from '../model/resources.js';
import { Rng } from '../generators/rng.js';
import { buildFramework } from '../framework/framework.js';
import { defaultProfile } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { labelValue } from '../model/labels.js';
import { NAMESPACE_NAME_LABEL } from '../model/namespace.js';
import type { CompiledPod } from '../model/pod.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { ClusterState } from './cluster-state.js';
import { loadCluster } from './load-cluster.js';

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

describe('loadCluster', () => {
  it('reads a kubectl List: nodes, bound pods placed, pending pods returned, finished pods left out', () => {
    const model = new ModelContext();
    const { state, pending } = loadCluster([fixture('snapshot.json')], model);
    const { symbols } = model;
    expect(state.liveNodeCount).toBe(2);
    const b = state.nodeByName(symbols.intern('node-b')) as NodeId;
    expect(state.requested[b * state.dims + CPU]).toBe(1500);
    expect(state.podsOn(b).map((p) => state.pod(p).name)).toEqual(['web-1']);
    expect(state.pod(state.podsOn(b)[0]!).owner).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9' });
    expect(pending.map((p) => p.name)).toEqual(['web-2']);
    expect(state.nodeTaints(state.nodeByName(symbols.intern('node-a')) as NodeId).length).toBe(3);
    // team: web, plus the kubernetes.io/metadata.name label the API server sets.
    expect(state.namespaceLabels(symbols.intern('shop')).length).toBe(4);
    expect(symbols.text(labelValue(state.namespaceLabels(symbols.intern('shop')), symbols.intern(NAMESPACE_NAME_LABEL)))).toBe('shop');
  });

  const bad = [
    { name: 'a bad quantity names file, line, object and field', file: 'bad-quantity.json', err: /bad-quantity\.json:9: pod default\/web-1: spec\.containers\[0\]\.resources\.requests\.cpu: "12x" is not a quantity/ },
    { name: 'a pod on a node that does not exist', file: 'unknown-node.yaml', err: /unknown-node\.yaml:5: pod default\/lost: spec\.nodeName: node "nowhere" is not in the cluster/ },
    { name: 'a taint effect Kubernetes rejects', file: 'bad-taint.yaml', err: /bad-taint\.yaml:7: node n1: spec\.taints\[0\]\.effect: got "Sometimes"; supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"$/ },
    { name: 'a YAML syntax error gives line and column', file: 'broken.yaml', err: /broken\.yaml:3: column 1: YAML syntax error/ },
    { name: 'a missing file', file: 'nope.json', err: /nope\.json: cannot read: no such file$/ },
  ];
  for (const c of bad) it(c.name, () => expect(() => loadCluster([fixture(c.file)], new ModelContext())).toThrow(c.err));
});

describe('loadCluster: kinds it does not read', () => {
  it('are skipped with one summary line, not refused (a real dump holds many kinds scheduling never reads)', () => {
    const warnings: string[] = [];
    const { state } = loadCluster([fixture('unknown-kind.yaml')], new ModelContext(), { warn: (m) => warnings.push(m) });
    expect(state.liveNodeCount).toBe(1);
    expect(warnings).toContain('skipped 1 object of kinds scheduling does not read: "CronJob" ×1');
  });
});

/** Schedules pods one by one with the default profile (NodeResourcesFit's strategy as given); the pods per node name. */
function placeAll(state: ClusterState, pods: readonly CompiledPod[], strategy: 'LeastAllocated' | 'MostAllocated'): Record<string, number> {
  const spec = { ...defaultProfile(), args: { NodeResourcesFit: { scoringStrategy: { type: strategy, resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } } } };
  const scheduler = new Scheduler(buildFramework(spec, inTreeRegistry, state.model), Rng.fromSeed(7));
  const out: Record<string, number> = {};
  for (const pod of pods) {
    const d = scheduler.scheduleOne(state, pod);
    if (d.kind !== 'bound') throw new Error(`pod ${pod.name} was not bound`);
    state.bind(pod, d.node);
    const name = state.model.symbols.text(state.nodeName[d.node] as never);
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

describe('loadCluster: the objects around the pods (deployment.yaml)', () => {
  it('keeps the Deployment, ReplicaSet and Service, the PDB and the PriorityClass, and synthesizes the namespace', () => {
    const model = new ModelContext();
    const { state, pending } = loadCluster([fixture('deployment.yaml')], model);
    const s = model.symbols;
    const shop = s.intern('shop');
    expect(pending.map((p) => p.name)).toEqual(['web-5f6-a', 'web-5f6-b', 'web-5f6-c', 'web-5f6-d']);
    expect(state.workloads.get('Deployment', shop, 'web')?.replicas).toBe(4);
    expect(state.workloads.get('ReplicaSet', shop, 'web-5f6')?.owner).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
    expect(state.workloads.podServices(pending[0]!).map((w) => w.name)).toEqual(['web']);
    expect(state.workloads.controllerOf(pending[0]!)?.name).toBe('web-5f6');
    // The PriorityClass follows the pods in the file and still gives them its value.
    expect(pending.map((p) => [p.priority, p.priorityClassName])).toEqual(Array(4).fill([1000, 'web-high']));
    expect(state.priorityClasses.get('web-high')?.value).toBe(1000);
    // No Namespace object: "shop" exists with only the label the API server sets.
    expect(state.namespaces()).toEqual([shop]);
    expect(s.text(labelValue(state.namespaceLabels(shop), s.intern(NAMESPACE_NAME_LABEL)))).toBe('shop');
    const pdb = state.disruptionBudgets.get(shop, 'web')!;
    // maxUnavailable 25% of the Deployment's 4 replicas (the pending pods name it): desired 3, none healthy yet.
    expect(state.disruptionBudgets.status(pdb)).toMatchObject({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 0, disruptionsAllowed: 0, syncFailure: null });
  });

  it('spreads the 4 replicas 2/2 under the default profile, as kube-scheduler does', () => {
    const { state, pending } = loadCluster([fixture('deployment.yaml')], new ModelContext());
    expect(placeAll(state, pending, 'LeastAllocated')).toEqual({ 'node-a': 2, 'node-b': 2 });
  });

  it('spreads them 2/2 under MostAllocated too: system default spreading follows the ReplicaSet and the Service', () => {
    const { state, pending } = loadCluster([fixture('deployment.yaml')], new ModelContext());
    expect(placeAll(state, pending, 'MostAllocated')).toEqual({ 'node-a': 2, 'node-b': 2 });
    const pdb = state.disruptionBudgets.list()[0]!;
    expect(state.disruptionBudgets.status(pdb)).toMatchObject({ currentHealthy: 4, desiredHealthy: 3, disruptionsAllowed: 1 });
  });

  it('without the workloads (control), MostAllocated packs all 4 onto one node', () => {
    const { state, pending } = loadCluster([fixture('deployment.yaml')], new ModelContext());
    const shop = state.model.symbols.intern('shop');
    state.workloads.remove('Service', shop, 'web');
    state.workloads.remove('ReplicaSet', shop, 'web-5f6');
    expect(Object.values(placeAll(state, pending, 'MostAllocated'))).toEqual([4]);
  });
});

