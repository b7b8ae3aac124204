import { describe, expect, it } from 'vitest';
import { OverlayView } from '../cluster/overlay-view.js';
import { buildFramework } from '../framework/framework.js';
import type { ProfileSpec } from '../framework/profile.js';
import { defaultProfile } from '../framework/profile.js';
import { Scheduler } from '../framework/scheduler.js';
import { Rng } from '../generators/rng.js';
import { compileCsiNode } from '../model/csi-node.js';
import { compilePersistentVolume } from '../model/persistent-volume.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { compilePod } from '../model/compile-pod.js';
import { compileStorageClass } from '../model/storage-class.js';
import { inTreeRegistry } from '../plugins/index.js';
import type { NodeId } from '../model/ids.js';
import type { NodeSketch } from '../testing/builders.js';
import { podJson, testCluster } from '../testing/builders.js';
import { simulate, volumeBindingBindsClaims } from './simulator.js';
import type { NodeEvent, SimObserver, SimResult } from './types.js';

const ZONE = 'topology.kubernetes.io/zone';
const DRIVER = 'ebs.csi.aws.com';

/** a1, a2 in zone a with 8 CPU; b1, b2 in zone b with 16 (LeastAllocated prefers them). */
function zonalWorld(opts: { a2Cpu?: number; withVolume?: boolean; staticVolume?: boolean; profile?: ProfileSpec } = {}) {
  const nodes: NodeSketch[] = [
    { name: 'a1', allocatable: { cpu: '8', memory: '32Gi', pods: 110 }, labels: { [ZONE]: 'a', 'kubernetes.io/hostname': 'a1' } },
    { name: 'a2', allocatable: { cpu: String(opts.a2Cpu ?? 8), memory: '32Gi', pods: 110 }, labels: { [ZONE]: 'a', 'kubernetes.io/hostname': 'a2' } },
    { name: 'b1', allocatable: { cpu: '16', memory: '32Gi', pods: 110 }, labels: { [ZONE]: 'b', 'kubernetes.io/hostname': 'b1' } },
    { name: 'b2', allocatable: { cpu: '16', memory: '32Gi', pods: 110 }, labels: { [ZONE]: 'b', 'kubernetes.io/hostname': 'b2' } },
  ];
  const c = testCluster(nodes);
  const { model, state } = c;
  state.storage.addClass(compileStorageClass({ metadata: { name: 'zonal' }, provisioner: DRIVER, volumeBindingMode: 'WaitForFirstConsumer' }, model));
  for (const n of nodes) {
    const csi = compileCsiNode({ metadata: { name: n.name }, spec: { drivers: [{ name: DRIVER, topologyKeys: [ZONE], allocatable: { count: 25 } }] } });
    state.storage.addCsiNode(model.symbols.intern(n.name), csi);
  }
  state.storage.addClaim(compilePersistentVolumeClaim({
    metadata: { name: 'data-db-0', namespace: 'db', uid: 'u-0' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zonal', resources: { requests: { storage: '10Gi' } } },
  }, model));
  if (opts.staticVolume === true) {
    state.storage.addVolume(compilePersistentVolume({
      metadata: { name: 'local-a1' },
      spec: {
        capacity: { storage: '20Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'zonal',
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['a1'] }] }] } },
      },
      status: { phase: 'Available' },
    }, model));
  }
  const scheduler = new Scheduler(buildFramework(opts.profile ?? defaultProfile(), inTreeRegistry, model), Rng.fromSeed(1).fork('tiebreak'));
  // db-0, a StatefulSet's pod preferring a1, with its claim (or without, to compare).
  const raw = podJson({
    name: 'db-0', namespace: 'db', requests: { cpu: '2' },
    spec: {
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['a1'] }] } }] } },
      ...(opts.withVolume === false ? {} : { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }] }),
    },
  }) as { metadata: Record<string, unknown> };
  raw.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true }];
  const pod = compilePod(raw, model);
  return { c, scheduler, pod };
}

function runWithA1Failing(w: ReturnType<typeof zonalWorld>, observers: readonly SimObserver[] = []): SimResult {
  const fail: NodeEvent[] = [{ atS: 10, kind: 'fail', node: w.c.nodes[0]! }];
  return simulate({ state: w.c.state, scheduler: w.scheduler, arrivals: [{ atS: 0, pod: w.pod, durationS: null }], nodeEvents: fail, endS: 1000, rng: Rng.fromSeed(1).fork('preemption'), observers }, {});
}

describe('simulate: volume binding at bind time', () => {
  it('provisions a WaitForFirstConsumer claim in the chosen node\'s zone; after the node fails the replacement can only go back to that zone', () => {
    const w = zonalWorld();
    const r = runWithA1Failing(w);
    const incarnations = r.pods.filter((p) => p.name === 'db-0');
    expect(incarnations.map((p) => [p.node, p.outcome])).toEqual([['a1', 'evicted'], ['a2', 'running']]);
    const claim = w.c.state.storage.claim(w.c.model.symbols.intern('db'), 'data-db-0')!;
    expect(claim.volumeName).toBe('pvc-u-0');
    const pv = w.c.state.storage.volume('pvc-u-0')!;
    expect(pv).toMatchObject({ capacityBytes: 10 * 2 ** 30, storageClassName: 'zonal', phase: 'Bound', claimRef: { namespace: 'db', name: 'data-db-0', uid: 'u-0' }, csi: { driver: DRIVER, volumeHandle: 'pvc-u-0' } });
    expect(pv.nodeAffinity?.terms[0]?.labels.map((q) => w.c.model.symbols.text(q.key))).toEqual([ZONE]);
  });

  it('without the claim the same replacement goes to the emptier zone b (the claim alone keeps it in a)', () => {
    const r = runWithA1Failing(zonalWorld({ withVolume: false }));
    expect(r.pods.filter((p) => p.name === 'db-0').map((p) => p.node?.[0])).toEqual(['a', 'b']);
  });

  it('the replacement waits when its zone is full, though zone b has room: VolumeBinding\'s node affinity conflict', () => {
    const r = runWithA1Failing(zonalWorld({ a2Cpu: 1 }));
    const [first, second] = r.pods.filter((p) => p.name === 'db-0');
    expect(first).toMatchObject({ node: 'a1', outcome: 'evicted' });
    expect(second).toMatchObject({ node: null, outcome: 'pending' });
    expect(second!.lastDiagnosis).toMatch(/volume node affinity conflict/);
  });

  it('binds a WaitForFirstConsumer claim to a matching available volume of the chosen node instead of provisioning', () => {
    const w = zonalWorld({ staticVolume: true });
    runWithA1Failing(w);
    expect(w.c.state.storage.claim(w.c.model.symbols.intern('db'), 'data-db-0')!.volumeName).toBe('local-a1');
    expect(w.c.state.storage.volume('local-a1')).toMatchObject({ phase: 'Bound', claimRef: { namespace: 'db', name: 'data-db-0' } });
    expect(w.c.state.storage.volume('pvc-u-0')).toBeNull();
  });
});

describe('ClusterView.storage', () => {
  it('a what-if overlay shows its base\'s storage, so preemption\'s dry runs and user plugins read the same claims', () => {
    const w = zonalWorld();
    const overlay = new OverlayView();
    overlay.begin(w.c.state);
    overlay.focus(w.c.state.nodeByName(w.c.nodes[0]!.name) as NodeId);
    expect(overlay.storage).toBe(w.c.state.storage);
    expect(overlay.storage.claim(w.c.model.symbols.intern('db'), 'data-db-0')?.storageClassName).toBe('zonal');
  });
});

/** The default profile without VolumeBinding (disabled at MultiPoint: no Filter, no Reserve, no PreBind). */
function withoutVolumeBinding(): ProfileSpec {
  const p = defaultProfile();
  return { ...p, filter: p.filter.filter((n) => n !== 'VolumeBinding'), score: p.score.filter((s) => s.name !== 'VolumeBinding') };
}

/** What onVolumesBound reported, as text. */
function volumeEvents(out: string[]): SimObserver {
  return {
    onVolumesBound: (pod, _node, claims, provisioned, atS) => {
      out.push(`${atS} ${pod.name}: ${claims.map((c) => `${c.name}->${c.volumeName}`).join(' ')}; provisioned ${provisioned.map((v) => v.name).join(' ')}`);
    },
  };
}

describe('simulate: claims are bound only where the profile runs VolumeBinding at Reserve and PreBind', () => {
  const profiles: { name: string; profile: () => ProfileSpec; binds: boolean }[] = [
    { name: 'the default profile (MultiPoint: every point)', profile: defaultProfile, binds: true },
    { name: 'VolumeBinding disabled', profile: withoutVolumeBinding, binds: false },
    // A KubeSchedulerConfiguration disabling it at reserve (or preBind) only, as its reader would keep those lists.
    { name: 'VolumeBinding disabled at reserve only', profile: () => ({ ...defaultProfile(), reserve: [], preBind: ['VolumeBinding'] }) as ProfileSpec, binds: false },
    { name: 'VolumeBinding disabled at preBind only', profile: () => ({ ...defaultProfile(), reserve: ['VolumeBinding'], preBind: [] }) as ProfileSpec, binds: false },
    { name: 'VolumeBinding listed at reserve and preBind', profile: () => ({ ...defaultProfile(), reserve: ['VolumeBinding'], preBind: ['VolumeBinding'] }) as ProfileSpec, binds: true },
  ];
  for (const c of profiles) {
    it(`${c.name}: ${c.binds ? 'binds' : 'leaves unbound'}`, () => {
      expect(volumeBindingBindsClaims(c.profile())).toBe(c.binds);
      const w = zonalWorld({ profile: c.profile() });
      const seen: string[] = [];
      const r = runWithA1Failing(w, [volumeEvents(seen)]);
      const claim = w.c.state.storage.claim(w.c.model.symbols.intern('db'), 'data-db-0')!;
      if (c.binds) {
        // Bound at 0 on a1 (its preference), the volume provisioned in zone a; the replacement reuses it.
        expect(seen).toEqual(['0 db-0: data-db-0->pvc-u-0; provisioned pvc-u-0']);
        expect(claim.volumeName).toBe('pvc-u-0');
        expect(r.pods.filter((p) => p.name === 'db-0').map((p) => p.node)).toEqual(['a1', 'a2']);
      } else {
        // The pod runs on a1 all the same, its claim never bound, no volume made; so nothing keeps
        // the replacement in zone a and it goes to the emptier zone b.
        expect(seen).toEqual([]);
        expect(claim.volumeName).toBe('');
        expect(w.c.state.storage.volumeList()).toEqual([]);
        expect(r.pods.filter((p) => p.name === 'db-0').map((p) => p.node?.[0])).toEqual(['a', 'b']);
      }
    });
  }

  it('onVolumesBound names the static binding and provisions nothing when a matching volume exists', () => {
    const w = zonalWorld({ staticVolume: true });
    const seen: string[] = [];
    runWithA1Failing(w, [volumeEvents(seen)]);
    expect(seen).toEqual(['0 db-0: data-db-0->local-a1; provisioned ']);
  });
});
