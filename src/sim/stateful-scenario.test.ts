import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenarios } from '../run/load-scenarios.js';
import { ScenarioCellRunner } from '../run/scenario-cell.js';
import type { Scenario } from '../scenario/types.js';

/**
 * Scenario files with StatefulSets and a storage section, run cell by cell as `schedbench
 * run` runs them: the claims, classes, volumes and CSINodes the file declares reach the
 * simulated cluster and decide where the pods go.
 */

const dir = mkdtempSync(join(tmpdir(), 'schedbench-stateful-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function load(doc: Record<string, unknown>): Promise<Scenario> {
  const file = join(dir, `s-${n++}.yaml`);
  writeFileSync(file, stringify(doc));
  const [s] = await loadScenarios([file], () => {});
  return s!;
}

/** Runs one cell and returns its metrics. */
function cell(s: Scenario, policy: string, seed: number) {
  return new ScenarioCellRunner([s]).run(`${s.name}/${policy}/${seed}`, { kind: 'scenario', scenario: 0, policy, seed }).run;
}

/** 6 nodes over 3 zones (node-<i> in zone-0-<i mod 3>) and one StatefulSet `db` of `replicas` pods of 1 CPU. */
const base = (storage: Record<string, unknown>, claimTemplates: Record<string, unknown>[], replicas = 3) => ({
  name: `stateful-${n}`,
  seeds: [1],
  durationS: 600,
  placements: true,
  cluster: { generate: { pools: [{ name: 'node', count: 6, capacity: { cpu: '4', memory: '16Gi', pods: '20' } }], topology: { zonesPerRegion: 3 } } },
  storage,
  workload: {
    workloads: [{
      kind: 'StatefulSet', name: 'db', replicas, template: { requests: { cpu: '1' } }, arrival: { process: 'all-at-once' },
      volumeClaimTemplates: claimTemplates,
    }],
  },
  policies: [{ name: 'default', extends: 'default' }],
});
const claimOf = (cls: string, name = 'data') => ({ name, storageClassName: cls, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } });
const zoneOf = (node: string) => `zone-0-${Number(node.split('-')[1]) % 3}`;

describe('scenarios/stateful-zones.yaml', () => {
  it('loads as a default-suite scenario whose cells provision one zonal volume per replica and replace database pods only in their zone', async () => {
    const [s] = await loadScenarios([resolve('scenarios/stateful-zones.yaml')], () => {});
    expect(s!.labels).toContain('default');
    for (const policy of ['default', 'bin-packing']) {
      for (const seed of [1, 2]) {
        const run = cell({ ...s!, placements: true }, policy, seed);
        expect(run.values.volumes_provisioned).toBe(6);
        // The pods of the failed zone's nodes were evicted at 900 s and replaced.
        expect(run.values.evictions).toBeGreaterThan(0);
        expect(run.values.stateful_replacement_wait_max_s).toBeGreaterThanOrEqual(0);
        const first = new Map<string, string>();
        for (const p of run.placements!) {
          if (!p.pod.startsWith('db-') || p.node === '') continue;
          const zone = first.get(p.pod);
          if (zone === undefined) first.set(p.pod, zoneOf(p.node));
          else expect(zoneOf(p.node)).toBe(zone);
        }
        expect(first.size).toBe(6);
      }
    }
  });

  it('the same seed gives the same run', async () => {
    const [s] = await loadScenarios([resolve('scenarios/stateful-zones.yaml')], () => {});
    const a = cell(s!, 'bin-packing', 1);
    const b = cell(s!, 'bin-packing', 1);
    expect(b.values).toEqual(a.values);
  });
});

describe('a scenario\'s storage in its cells', () => {
  it('CSI attach limits per pool: a pod with two volumes of a driver allowed one per node waits, refused by NodeVolumeLimits', async () => {
    const s = await load(base({
      classes: [{ name: 'zonal', provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' }],
      csiDrivers: [{ name: 'ebs.csi.aws.com', topologyKeys: ['topology.kubernetes.io/zone'], attachLimits: { node: 1 } }],
    }, [claimOf('zonal'), claimOf('zonal', 'wal')]));
    const run = cell(s, 'default', 1);
    expect(run.values.pods_scheduled).toBe(0);
    expect(run.values.node_volume_limits_pending_end).toBe(3);
    expect(run.values.volumes_provisioned).toBe(0);
  });

  it('the same pods fit with a limit of two', async () => {
    const s = await load(base({
      classes: [{ name: 'zonal', provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' }],
      csiDrivers: [{ name: 'ebs.csi.aws.com', topologyKeys: ['topology.kubernetes.io/zone'], attachLimits: { node: 2 } }],
    }, [claimOf('zonal'), claimOf('zonal', 'wal')]));
    const run = cell(s, 'default', 1);
    expect(run.values.pods_scheduled).toBe(3);
    expect(run.values.volumes_provisioned).toBe(6);
  });

  it('local volumes: each replica goes to a node with an available local volume; one more replica than volumes waits', async () => {
    const local = (node: string) => ({ name: `local-${node}`, storageClassName: 'local', capacity: '100Gi', accessModes: ['ReadWriteOnce'], node });
    const s = await load(base({
      classes: [{ name: 'local', provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' }],
      volumes: [local('node-2'), local('node-5')],
    }, [claimOf('local')]));
    const run = cell(s, 'default', 1);
    expect(run.placements!.filter((p) => p.node !== '').map((p) => p.node).sort()).toEqual(['node-2', 'node-5']);
    expect(run.values.volume_binding_pending_end).toBe(1);
  });

  it('an Immediate class bound at creation: a StatefulSet\'s volumes round-robin over allowedTopologies\' zones, and each pod follows its volume', async () => {
    const s = await load(base({
      classes: [{
        name: 'fast', provisioner: 'pd.csi.storage.gke.io', volumeBindingMode: 'Immediate',
        allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['zone-0-1', 'zone-0-2'] }] }],
      }],
      csiDrivers: [{ name: 'pd.csi.storage.gke.io', topologyKeys: ['topology.kubernetes.io/zone'] }],
    }, [claimOf('fast')], 4));
    const run = cell(s, 'default', 1);
    // Provisioned when the claims were created, not at bind.
    expect(run.values.volumes_provisioned).toBe(0);
    const zones = run.placements!.map((p) => [p.pod, zoneOf(p.node)]).sort();
    expect(zones.map(([, z]) => z).filter((z) => z === 'zone-0-0')).toEqual([]);
    // Consecutive ordinals alternate between the two zones (hash("db") + ordinal, mod 2).
    expect(zones[0]![1]).not.toBe(zones[1]![1]);
    expect(zones[1]![1]).not.toBe(zones[2]![1]);
    expect(zones[2]![1]).not.toBe(zones[3]![1]);
  });
});

describe('more replicas of a snapshot\'s StatefulSet with volumeClaimTemplates (fromSnapshot)', () => {
  const ZONE = 'topology.kubernetes.io/zone';
  const zonal = (name: string, zone: string, claim: string | null) => ({
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name },
    spec: {
      capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', csi: { driver: 'ebs.csi.aws.com', volumeHandle: name },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: [zone] }] }] } },
      ...(claim !== null ? { claimRef: { namespace: 'shop', name: claim } } : {}),
    },
    status: { phase: 'Bound' },
  });
  const claim = (name: string, volume: string) => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'shop', labels: { app: 'db' } },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', resources: { requests: { storage: '10Gi' } }, volumeName: volume },
  });
  const zones = ['a', 'b', 'c'];
  const snapshot = {
    apiVersion: 'v1', kind: 'List',
    items: [
      ...zones.map((z) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: `n-${z}`, labels: { [ZONE]: z, 'kubernetes.io/hostname': `n-${z}` } }, status: { allocatable: { cpu: z === 'b' ? '4' : '8', memory: '16Gi', pods: '20' } } })),
      ...zones.map((z) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: `n-${z}` }, spec: { drivers: [{ name: 'ebs.csi.aws.com', nodeID: `n-${z}`, topologyKeys: [ZONE] }] } })),
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'zonal' }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' },
      {
        apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' },
        spec: {
          replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db:1', resources: { requests: { cpu: '1' } } }] } },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', resources: { requests: { storage: '10Gi' } } } }],
        },
      },
      ...zones.map((z, i) => ({
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: `db-${i}`, namespace: 'shop', labels: { app: 'db' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true }] },
        spec: { nodeName: `n-${z}`, containers: [{ name: 'db', image: 'db:1', resources: { requests: { cpu: '1' } } }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-db-${i}` } }] },
        status: { phase: 'Running' },
      })),
      ...zones.map((z, i) => zonal(`pv-${i}`, z, `data-db-${i}`)),
      ...zones.map((_, i) => claim(`data-db-${i}`, `pv-${i}`)),
      // Ordinal 3's claim, kept from an earlier scale-down, bound to a volume in zone b.
      zonal('pv-3', 'b', 'data-db-3'),
      claim('data-db-3', 'pv-3'),
    ],
  };

  // n-b is the smallest node, so LeastAllocated alone would not choose it.
  it('the new ordinals get their claims (ordinal 3 reuses the snapshot\'s, so its pod goes to zone b); the others are provisioned where their pods go', async () => {
    const cluster = join(dir, 'stateful-snapshot.json');
    writeFileSync(cluster, JSON.stringify(snapshot));
    const s = await load({
      name: 'snapshot-stateful', seeds: [1], durationS: 600, placements: true,
      cluster: { snapshot: [cluster] },
      workload: { workloads: [{ fromSnapshot: { kind: 'StatefulSet', name: 'db', namespace: 'shop', scale: 1 }, arrival: { process: 'all-at-once' } }] },
      policies: [{ name: 'default', extends: 'default' }],
    });
    const w = s.workload.kind === 'generate' ? s.workload.spec.workloads[0]! : null;
    expect(w?.kind === 'FromSnapshot' && w.claims?.templates.map((t) => t.name)).toEqual(['data']);
    const run = cell(s, 'default', 1);
    const placed = Object.fromEntries(run.placements!.map((p) => [p.pod, p.node]));
    expect(placed['db-3']).toBe('n-b');
    expect(placed['db-4']).toMatch(/^n-[abc]$/);
    expect(placed['db-5']).toMatch(/^n-[abc]$/);
    expect(run.values.volumes_provisioned).toBe(2);
  });
});
