import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/load-cluster.js';
import { buildFramework } from '../framework/framework.js';
import { defaultProfile } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { Rng } from '../generators/rng.js';
import { compileNode } from '../model/compile-node.js';
import type { NodeId } from '../model/ids.js';
import { ModelContext } from '../model/model-context.js';
import { inTreeRegistry } from '../plugins/index.js';
import { simulate } from '../sim/simulator.js';
import type { NodeEvent } from '../sim/types.js';
import { measureRun } from './measure-run.js';
import { largestZoneSharePct, provisionedByZone } from './provisioned-volumes.js';
import { statefulReplacementWaitsS } from './stateful-replacement-wait.js';
import { StorageObserver } from './storage-observer.js';
import { volumePendingEnd } from './volume-pending.js';

const ZONE = 'topology.kubernetes.io/zone';
const DRIVER = 'ebs.csi.aws.com';

const node = (name: string, zone: string, cpu: number) => `kind: Node
metadata: { name: ${name}, labels: { ${ZONE}: ${zone}, kubernetes.io/hostname: ${name} } }
status: { allocatable: { cpu: "${cpu}", memory: 16Gi, pods: "110" } }`;
const csiNode = (name: string, count: number) => `kind: CSINode
metadata: { name: ${name} }
spec: { drivers: [{ name: ${DRIVER}, nodeID: ${name}, topologyKeys: [${ZONE}], allocatable: { count: ${count} } }] }`;
const claim = (name: string, spec: string) => `kind: PersistentVolumeClaim
metadata: { name: ${name}, namespace: db, uid: u-${name} }
spec: { resources: { requests: { storage: 1Gi } }, ${spec} }`;
/** A pod of namespace db asking `cpu`, with `extra` spec fields, `claim` as its volume, and a StatefulSet owner when `sts`. */
const pod = (name: string, o: { cpu: string; claim?: string; sts?: boolean; spec?: string; nodeName?: string }) => `kind: Pod
metadata:
  name: ${name}
  namespace: db${o.sts === true ? `
  ownerReferences: [{ apiVersion: apps/v1, kind: StatefulSet, name: db, uid: sts-db, controller: true }]` : ''}
spec:${o.nodeName !== undefined ? `
  nodeName: ${o.nodeName}` : ''}
  containers: [{ name: c, resources: { requests: { cpu: "${o.cpu}" } } }]${o.claim !== undefined ? `
  volumes: [{ name: v, persistentVolumeClaim: { claimName: ${o.claim} } }]` : ''}${o.spec ?? ''}`;
const prefer = (host: string) => `
  affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: kubernetes.io/hostname, operator: In, values: [${host}] }] } }] } }`;
const inZone = (zone: string) => `
  nodeSelector: { ${ZONE}: ${zone} }`;

/**
 * Zone a: a1 (4 CPU), a2 (1 CPU, running `writer`); zone b: b1 (4 CPU), and b2 (4 CPU)
 * joining at 600 s; zone c: c1, whose CSINode lets no volume of the driver attach. At
 * time 0 arrive, in this order:
 *   db-0, db-1  StatefulSet pods (2 CPU) with zonal WaitForFirstConsumer claims, preferring
 *               a1 and b1: their volumes are provisioned in zones a and b;
 *   logger      an unbound Immediate claim: VolumeBinding's PreFilter refuses it;
 *   cache-0     zone c only: NodeVolumeLimits refuses c1 (limit 0);
 *   legacy      zone a only, its claim bound to a volume labelled zone b: VolumeZone;
 *   reader      the ReadWriteOncePod claim `writer` uses: VolumeRestrictions on every node;
 *   big         100 CPU: no volume reason at all.
 * a1 fails at 10 s: db-0 is evicted at 310 s (the default 300 s toleration) and its
 * replacement can go nowhere (a1 tainted, a2 too small, b1 in the wrong zone for its
 * volume, c1 over its volume limit). b1 is drained at 500 s: db-1's replacement waits
 * until b2 joins zone b at 600 s.
 */
function world(observe = true) {
  const dir = mkdtempSync(join(tmpdir(), 'schedbench-storage-metrics-'));
  const file = join(dir, 'cluster.yaml');
  writeFileSync(file, [
    node('a1', 'a', 4), node('a2', 'a', 1), node('b1', 'b', 4), node('c1', 'c', 4),
    csiNode('a1', 25), csiNode('a2', 25), csiNode('b1', 25), csiNode('c1', 0),
    `kind: StorageClass
metadata: { name: zonal }
provisioner: ${DRIVER}
volumeBindingMode: WaitForFirstConsumer`,
    `kind: StorageClass
metadata: { name: immediate }
provisioner: ${DRIVER}`,
    claim('data-db-0', 'accessModes: [ReadWriteOnce], storageClassName: zonal'),
    claim('data-db-1', 'accessModes: [ReadWriteOnce], storageClassName: zonal'),
    claim('logs', 'accessModes: [ReadWriteOnce], storageClassName: immediate'),
    claim('data-cache', 'accessModes: [ReadWriteOnce], storageClassName: zonal'),
    claim('old', 'accessModes: [ReadWriteOnce], storageClassName: "", volumeName: pv-old'),
    claim('shared', 'accessModes: [ReadWriteOncePod], storageClassName: "", volumeName: pv-shared'),
    `kind: PersistentVolume
metadata: { name: pv-old, labels: { ${ZONE}: b } }
spec: { capacity: { storage: 1Gi }, accessModes: [ReadWriteOnce], claimRef: { namespace: db, name: old, uid: u-old } }
status: { phase: Bound }`,
    `kind: PersistentVolume
metadata: { name: pv-shared }
spec: { capacity: { storage: 1Gi }, accessModes: [ReadWriteOncePod], claimRef: { namespace: db, name: shared, uid: u-shared } }
status: { phase: Bound }`,
    pod('writer', { cpu: '100m', claim: 'shared', nodeName: 'a2' }),
    pod('db-0', { cpu: '2', claim: 'data-db-0', sts: true, spec: prefer('a1') }),
    pod('db-1', { cpu: '2', claim: 'data-db-1', sts: true, spec: prefer('b1') }),
    pod('logger', { cpu: '100m', claim: 'logs' }),
    pod('cache-0', { cpu: '100m', claim: 'data-cache', spec: inZone('c') }),
    pod('legacy', { cpu: '100m', claim: 'old', spec: inZone('a') }),
    pod('reader', { cpu: '100m', claim: 'shared' }),
    pod('big', { cpu: '100' }),
  ].join('\n---\n'));
  const model = new ModelContext();
  const { state, pending } = loadCluster([file], model);
  const fw = buildFramework(defaultProfile(), inTreeRegistry, model);
  const b2 = compileNode({ kind: 'Node', metadata: { name: 'b2', labels: { [ZONE]: 'b', 'kubernetes.io/hostname': 'b2' } }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } }, model);
  const nodeEvents: NodeEvent[] = [
    { atS: 10, kind: 'fail', node: state.nodeByName(model.symbols.intern('a1')) as NodeId },
    { atS: 500, kind: 'drain', node: state.nodeByName(model.symbols.intern('b1')) as NodeId },
    { atS: 600, kind: 'add', node: b2 },
  ];
  const observer = new StorageObserver(fw, state);
  const arrivals = pending.map((p) => ({ atS: 0, pod: p, durationS: null }));
  const result = simulate({
    state, scheduler: new Scheduler(fw, Rng.fromSeed(1).fork('tiebreak')), arrivals, nodeEvents, endS: 1000,
    rng: Rng.fromSeed(1).fork('preemption'), observers: observe ? [observer] : [],
  });
  return { state, result, facts: observer.facts(), arrivedPods: arrivals.map((a) => a.pod) };
}

describe('storage metrics of a run', () => {
  const w = world();
  const incarnations = (name: string) => w.result.pods.filter((p) => p.name === name).map((p) => [p.node, p.outcome, p.arrivalS, p.bindS]);

  it('the run went as the fixture says', () => {
    expect(incarnations('db-0')).toEqual([['a1', 'evicted', 0, 0], [null, 'pending', 310, null]]);
    expect(incarnations('db-1')).toEqual([['b1', 'evicted', 0, 0], ['b2', 'running', 500, 600]]);
    for (const name of ['logger', 'cache-0', 'legacy', 'reader', 'big']) expect(incarnations(name)).toEqual([[null, 'pending', 0, null]]);
  });

  it('pods pending because of volumes at the end, per plugin and per kube reason', () => {
    const p = volumePendingEnd(w.result, w.facts);
    // db-0's replacement (VolumeBinding on b1, NodeVolumeLimits on c1), logger, cache-0, legacy, reader; not big.
    expect(p.pods).toBe(5);
    expect([...p.byPlugin]).toEqual([['VolumeBinding', 2], ['VolumeZone', 1], ['VolumeRestrictions', 1], ['NodeVolumeLimits', 2]]);
    expect(p.byReason).toEqual([
      { plugin: 'VolumeBinding', reason: 'node(s) had volume node affinity conflict', pods: 1 },
      { plugin: 'VolumeBinding', reason: 'pod has unbound immediate PersistentVolumeClaims', pods: 1 },
      { plugin: 'VolumeZone', reason: 'node(s) had no available volume zone', pods: 1 },
      { plugin: 'VolumeRestrictions', reason: 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode', pods: 1 },
      { plugin: 'NodeVolumeLimits', reason: 'node(s) exceed max volume count', pods: 2 },
    ]);
  });

  it('provisioned volumes per zone: data-db-0 in a (bound on a1), data-db-1 in b (on b1); the replacements reuse them', () => {
    const zones = provisionedByZone(w.facts);
    expect(zones).toEqual([{ zone: 'a', volumes: 1 }, { zone: 'b', volumes: 1 }]);
    expect(w.facts.provisioned.map((v) => v.volume)).toEqual(['pvc-u-data-db-0', 'pvc-u-data-db-1']);
    expect(largestZoneSharePct(zones)).toBe(50);
  });

  it('the time replaced StatefulSet pods waited: db-0\'s from 310 s to the end (1000 s), db-1\'s from 500 s to 600 s', () => {
    expect(statefulReplacementWaitsS(w.facts, w.result.endS)).toEqual([690, 100]);
  });

  it('measureRun carries them as catalogue metrics', () => {
    const m = measureRun({ key: { scenario: 's', policy: 'p', seed: 1 }, result: w.result, view: w.state, arrivedPods: w.arrivedPods, withPlacements: false, storage: w.facts });
    expect(m.values).toMatchObject({
      pods_unschedulable_end: 6,
      pods_volume_pending_end: 5,
      volume_binding_pending_end: 2,
      volume_zone_pending_end: 1,
      volume_restrictions_pending_end: 1,
      node_volume_limits_pending_end: 2,
      volumes_provisioned: 2,
      volumes_provisioned_max_zone_pct: 50,
      stateful_replacement_wait_mean_s: (690 + 100) / 2,
      stateful_replacement_wait_max_s: 690,
    });
  });

  it('measureRun carries the rows behind them as RunMetrics.volumes, in VOLUME_PLUGINS then reason order, zones sorted', () => {
    const m = measureRun({ key: { scenario: 's', policy: 'p', seed: 1 }, result: w.result, view: w.state, arrivedPods: w.arrivedPods, withPlacements: false, storage: w.facts });
    // Hand-counted from the fixture: db-0's replacement is refused by VolumeBinding (b1: its
    // volume is in zone a) and NodeVolumeLimits (c1, limit 0); logger by VolumeBinding's
    // PreFilter; cache-0 by NodeVolumeLimits; legacy by VolumeZone; reader by VolumeRestrictions.
    expect(m.volumes).toEqual({
      pendingByReason: [
        { plugin: 'VolumeBinding', reason: 'node(s) had volume node affinity conflict', pods: 1 },
        { plugin: 'VolumeBinding', reason: 'pod has unbound immediate PersistentVolumeClaims', pods: 1 },
        { plugin: 'VolumeZone', reason: 'node(s) had no available volume zone', pods: 1 },
        { plugin: 'VolumeRestrictions', reason: 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode', pods: 1 },
        { plugin: 'NodeVolumeLimits', reason: 'node(s) exceed max volume count', pods: 2 },
      ],
      provisionedByZone: [{ zone: 'a', volumes: 1 }, { zone: 'b', volumes: 1 }],
    });
  });

  it('watching changes nothing in the run (its PreFilter questions only read)', () => {
    const strip = (r: typeof w.result) => ({ ...r, cycleNs: null });
    expect(strip(world(false).result)).toEqual(strip(w.result));
  });

  it('without the storage observer\'s facts the storage metrics are NaN, not 0', () => {
    const m = measureRun({ key: { scenario: 's', policy: 'p', seed: 1 }, result: w.result, view: w.state, arrivedPods: w.arrivedPods, withPlacements: false });
    expect(m.values.pods_volume_pending_end).toBeNaN();
    expect(m.values.volumes_provisioned).toBeNaN();
    expect(m.values.stateful_replacement_wait_max_s).toBeNaN();
    // Absent, not empty: no rows would claim that no pod waited on a volume.
    expect(m.volumes).toBeUndefined();
    expect('volumes' in m).toBe(false);
  });
});
