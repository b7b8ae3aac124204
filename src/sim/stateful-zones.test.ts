import { describe, expect, it } from 'vitest';
import { ClusterState } from '../cluster/cluster-state.js';
import { buildFramework } from '../framework/framework.js';
import { defaultProfile } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { ZONE_LABEL } from '../generators/cluster-spec.js';
import { generateCluster } from '../generators/generate-cluster.js';
import { generateWorkload } from '../generators/generate-workload.js';
import { Rng } from '../generators/rng.js';
import { csiNodeObject, storageClassObject } from '../generators/storage-objects.js';
import type { StatefulSetSpec, WorkloadItemSpec } from '../generators/workload-spec.js';
import { compileCsiNode } from '../model/csi-node.js';
import { compileNode } from '../model/compile-node.js';
import { compilePod } from '../model/compile-pod.js';
import type { NodeId, PodId, Sym } from '../model/ids.js';
import { labelValue } from '../model/labels.js';
import { ModelContext } from '../model/model-context.js';
import type { VolumeInput } from '../model/pod-volumes.js';
import { compilePodVolumes } from '../model/pod-volumes.js';
import { compileStorageClass } from '../model/storage-class.js';
import { inTreeRegistry } from '../plugins/index.js';
import { registerWorkloadObjects } from '../run/register-workload-objects.js';
import type { ClusterSpec } from '../scenario/scenario-schema.js';
import { simulate } from './simulator.js';
import type { PodArrival, SimResult } from './types.js';

/**
 * A generated StatefulSet on zonal WaitForFirstConsumer disks, through the same steps a
 * scenario cell takes (generated nodes and storage, the workload's objects registered,
 * each pod naming its own claims), then one node failing: a replaced pod keeps its name,
 * so it reuses its claim, whose volume was provisioned in its first node's zone; it may
 * only come back in that zone, or wait.
 */

const DRIVER = 'pd.csi.storage.gke.io';
const FAIL_AT_S = 100;
/** The node lifecycle evicts a failed node's pods after the default 300 s toleration. */
const EVICT_AT_S = FAIL_AT_S + 300;

/** 3 zones x 2 nodes of 4 CPU: node-0/node-3 in zone-0-0, node-1/node-4 in zone-0-1, node-2/node-5 in zone-0-2. */
const cluster: ClusterSpec = { pools: [{ name: 'node', count: 6, capacity: { cpu: '4', memory: '16Gi', pods: '110' } }], topology: { zonesPerRegion: 3 } };

function db(replicas: number, cpu: string, withClaims = true): StatefulSetSpec {
  return {
    kind: 'StatefulSet', name: 'db', namespace: 'data', replicas, template: { requests: { cpu, memory: '1Gi' } },
    arrival: { process: 'poisson', ratePerS: 1 },
    ...(withClaims ? { volumeClaimTemplates: [{ name: 'data', storageClassName: 'zonal', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } }] } : {}),
  };
}

/** Runs the workloads on the cluster with `failNode` failing at FAIL_AT_S (never recovering). */
function run(workloads: readonly WorkloadItemSpec[], seed: number, failNode: (state: ClusterState, first: SimResult) => string | null) {
  const build = () => {
    const rng = Rng.fromSeed(seed);
    const model = new ModelContext();
    const state = ClusterState.from(model, generateCluster(cluster, rng.fork('cluster')).map((n) => compileNode(n, model)));
    state.storage.addClass(compileStorageClass(storageClassObject({ name: 'zonal', provisioner: DRIVER, volumeBindingMode: 'WaitForFirstConsumer' }), model));
    for (const n of state.nodeOrder()) {
      const name = state.nodeName[n] as Sym;
      state.storage.addCsiNode(name, compileCsiNode(csiNodeObject(model.symbols.text(name), 'node', [{ name: DRIVER, topologyKeys: [ZONE_LABEL] }])));
    }
    const plan = generateWorkload({ workloads: [...workloads] }, rng.fork('workload'));
    registerWorkloadObjects(state, plan.objects, 'test');
    const templates = plan.templates.map((t) => compilePod(t, model));
    const arrivals: PodArrival[] = plan.arrivals.map((a) => ({
      atS: a.atS,
      pod: {
        ...templates[a.template]!, id: model.newPodId() as PodId, name: a.name,
        ...(a.volumes !== undefined ? { volumes: compilePodVolumes(a.volumes as unknown as VolumeInput[], a.name, (p, m) => { throw new Error(`${p}: ${m}`); }) } : {}),
      },
      durationS: null,
    }));
    const scheduler = new Scheduler(buildFramework(defaultProfile(), inTreeRegistry, model), rng.fork('tiebreak'));
    return { state, model, arrivals, scheduler, rng };
  };
  // A first run without failure says where the pods go; the second fails one of those nodes.
  const dry = build();
  const first = simulate({ state: dry.state, scheduler: dry.scheduler, arrivals: dry.arrivals, endS: FAIL_AT_S, rng: dry.rng.fork('preemption') }, {});
  const node = failNode(dry.state, first);
  const w = build();
  const nodeEvents = node === null ? [] : [{ atS: FAIL_AT_S, kind: 'fail' as const, node: w.state.nodeByName(w.model.symbols.intern(node)) as never }];
  const result = simulate({ state: w.state, scheduler: w.scheduler, arrivals: w.arrivals, nodeEvents, endS: 2000, rng: w.rng.fork('preemption') }, {});
  const zoneOf = (nodeName: string) => w.model.symbols.text(labelValue(w.state.nodeLabels(w.state.nodeByName(w.model.symbols.intern(nodeName)) as NodeId), w.model.symbols.intern(ZONE_LABEL)));
  return { ...w, result, failed: node, zoneOf };
}

/** Stateless pods of 1 CPU that fill most of the room the replicas leave. */
const web = (replicas: number): WorkloadItemSpec => ({
  kind: 'Deployment', name: 'web', namespace: 'data', replicas, template: { requests: { cpu: '1' } }, arrival: { process: 'poisson', ratePerS: 1 },
});

/** 4 replicas of 2 CPU and 12 web pods: 20 of the 24 CPUs, so the failed node's zone may or may not have room again. */
const world = (withClaims = true): WorkloadItemSpec[] => [db(4, '2', withClaims), web(12)];

/** The node holding most db pods at FAIL_AT_S (ties: the first by name). */
const busiestDbNode = (_state: ClusterState, first: SimResult): string | null => {
  const counts = new Map<string, number>();
  for (const p of first.pods) if (p.name.startsWith('db-') && p.node !== null) counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
};

describe('a StatefulSet replica on a zonal disk after its node fails', () => {
  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

  it('each replica gets its own claim <template>-<sts>-<ordinal>, provisioned in the zone of the node its pod was first bound to', () => {
    const w = run([db(4, '1')], 1, () => null);
    const ns = w.model.symbols.intern('data');
    for (const p of w.result.pods) {
      const claim = w.state.storage.claim(ns, `data-${p.name}`)!;
      expect(claim.volumeName).toBe(`pvc-data-data-${p.name}`);
      const pv = w.state.storage.volume(claim.volumeName)!;
      const [req] = pv.nodeAffinity!.terms[0]!.labels;
      expect(w.model.symbols.text(req!.key)).toBe(ZONE_LABEL);
      expect(w.model.symbols.text(req!.values[0] as Sym)).toBe(w.zoneOf(p.node!));
    }
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: every replaced replica comes back in its volume's zone or waits pending; none goes to another zone`, () => {
      const w = run(world(), seed, busiestDbNode);
      expect(w.failed).not.toBeNull();
      const replaced = w.result.pods.filter((p) => p.replacementOf !== -1 && p.name.startsWith('db-'));
      expect(replaced.length).toBeGreaterThan(0);
      const failedZone = w.zoneOf(w.failed!);
      for (const p of replaced) {
        expect(p.arrivalS).toBe(EVICT_AT_S);
        if (p.outcome === 'running') {
          expect(p.node).not.toBe(w.failed);
          expect(w.zoneOf(p.node!)).toBe(failedZone);
        } else {
          expect(p.outcome).toBe('pending');
          expect(p.lastDiagnosis).toMatch(/volume node affinity conflict/);
        }
      }
    });
  }

  /** Per seed, what became of the replaced replicas: S same zone, O other zone, P pending. */
  const fates = (withClaims: boolean) => SEEDS.map((seed) => {
    const w = run(world(withClaims), seed, busiestDbNode);
    const zone = w.zoneOf(w.failed!);
    return w.result.pods.filter((p) => p.replacementOf !== -1 && p.name.startsWith('db-'))
      .map((p) => (p.node === null ? 'P' : w.zoneOf(p.node) === zone ? 'S' : 'O')).join('');
  });

  it('across the seeds, replacements both move within the zone and wait when the zone is full', () => {
    const all = fates(true).join('');
    expect(all).toContain('S');
    expect(all).toContain('P');
    expect(all).not.toContain('O');
  });

  it('without claims, every replica that waited for its zone is placed in another zone at once: the claim alone keeps it there', () => {
    const withClaims = fates(true);
    const without = fates(false);
    for (let i = 0; i < SEEDS.length; i++) {
      expect(without[i]!.length).toBe(withClaims[i]!.length);
      for (let j = 0; j < withClaims[i]!.length; j++) if (withClaims[i]![j] === 'P') expect(without[i]![j]).toBe('O');
    }
    expect(without.join('')).toContain('O');
  });
});
