import { describe, expect, it } from 'vitest';
import type { Sym } from '../model/ids.js';
import { compileCsiNode } from '../model/csi-node.js';
import { compilePersistentVolume } from '../model/persistent-volume.js';
import { compilePersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import { compileStorageClass } from '../model/storage-class.js';
import type { TestCluster } from '../testing/builders.js';
import { testCluster } from '../testing/builders.js';
import { ZONE_LABEL } from '../generators/cluster-spec.js';
import { bindImmediateClaim, immediateTopology, pvcNameHashAndIndex } from './immediate-binding.js';

const DRIVER = 'ebs.csi.aws.com';

/** FNV-1 32-bit of `text` written out: offset basis 0x811c9dc5, per byte multiply by 0x01000193 then xor. */
function fnv1(text: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text)) h = (Math.imul(h, 0x01000193) >>> 0 ^ b) >>> 0;
  return h;
}

describe('pvcNameHashAndIndex (getPVCNameHashAndIndexOffset)', () => {
  it('FNV-1 32-bit: the published vectors for "" and "a"', () => {
    expect(pvcNameHashAndIndex('').hash).toBe(0x811c9dc5);
    expect(pvcNameHashAndIndex('a').hash).toBe(0x050c5d7e);
  });
  const cases = [
    { name: 'a StatefulSet claim hashes the StatefulSet name only, offset by the ordinal', pvc: 'data-db-3', hashed: 'db', index: 3 },
    { name: 'dashes in the claim template name: only the part after the last one is hashed', pvc: 'my-data-db-10', hashed: 'db', index: 10 },
    { name: 'name-<id> round-robins too', pvc: 'claim-5', hashed: 'claim', index: 5 },
    { name: 'no numeric suffix: the whole name, no offset', pvc: 'my-claim', hashed: 'my-claim', index: 0 },
    { name: 'an empty suffix is no number (ParseUint fails)', pvc: 'x-', hashed: 'x-', index: 0 },
    { name: 'a signed suffix is no number', pvc: 'x-+5', hashed: 'x-+5', index: 0 },
    { name: 'a suffix past uint32 is no number', pvc: 'x-4294967296', hashed: 'x-4294967296', index: 0 },
    { name: 'the largest uint32 suffix is one', pvc: 'x-4294967295', hashed: 'x', index: 4294967295 },
  ];
  for (const c of cases) {
    it(c.name, () => expect(pvcNameHashAndIndex(c.pvc)).toEqual({ hash: fnv1(c.hashed), index: c.index }));
  }
});

/** Six nodes over zones a, b, c; each with a CSINode for DRIVER with the zone key unless `noKeys`. */
function world(opts: { noKeys?: boolean } = {}): TestCluster {
  const zones = ['c', 'a', 'b', 'c', 'a', 'b'];
  const c = testCluster(zones.map((z, i) => ({ name: `n${i}`, allocatable: { cpu: '4', memory: '8Gi', pods: 10 }, labels: { [ZONE_LABEL]: z } })));
  for (let i = 0; i < zones.length; i++) {
    const csi = compileCsiNode({ metadata: { name: `n${i}` }, spec: { drivers: [{ name: DRIVER, topologyKeys: opts.noKeys === true ? [] : [ZONE_LABEL] }] } });
    c.state.storage.addCsiNode(c.model.symbols.intern(`n${i}`), csi);
  }
  return c;
}

const immediate = (c: TestCluster, extra: Record<string, unknown> = {}) =>
  compileStorageClass({ metadata: { name: 'fast' }, provisioner: DRIVER, volumeBindingMode: 'Immediate', ...extra }, c.model);

const claim = (c: TestCluster, name: string, cls = 'fast', storage = '10Gi') => compilePersistentVolumeClaim({
  metadata: { name, namespace: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: cls, resources: { requests: { storage } } },
}, c.model);

describe('immediateTopology (csi-provisioner GenerateAccessibilityRequirements without a selected node)', () => {
  const zoneOf = (c: TestCluster, segment: readonly (readonly [string, string])[]) => {
    expect(segment.map(([k]) => k)).toEqual([ZONE_LABEL]);
    return segment[0]![1];
  };

  it('a StatefulSet\'s claims go round-robin over the nodes\' zones, from the zone the StatefulSet name\'s hash picks', () => {
    const c = world();
    const cls = immediate(c);
    const zones = Array.from({ length: 6 }, (_, i) => zoneOf(c, immediateTopology(c.state, `data-db-${i}`, cls)));
    // Requisite sorted: [a, b, c]; ordinal i takes (fnv1("db") + i) mod 3.
    const start = fnv1('db') % 3;
    expect(zones).toEqual(Array.from({ length: 6 }, (_, i) => ['a', 'b', 'c'][(start + i) % 3]));
    // Two claims of one replica (another template) land in the same zone.
    expect(zoneOf(c, immediateTopology(c.state, 'wal-db-4', cls))).toBe(zones[4]);
  });

  it('allowedTopologies flattened are the requisite, whatever zones the nodes have', () => {
    const c = world();
    const cls = immediate(c, { allowedTopologies: [{ matchLabelExpressions: [{ key: ZONE_LABEL, values: ['z2', 'z1'] }] }] });
    const zones = [0, 1, 2, 3].map((i) => zoneOf(c, immediateTopology(c.state, `data-db-${i}`, cls)));
    const start = fnv1('db') % 2;
    expect(zones).toEqual([0, 1, 2, 3].map((i) => ['z1', 'z2'][(start + i) % 2]));
  });

  it('no allowedTopologies and no topology keys on any CSINode: no topology (the volume can be reached from every node)', () => {
    const c = world({ noKeys: true });
    expect(immediateTopology(c.state, 'data-db-0', immediate(c))).toEqual([]);
  });
});

describe('bindImmediateClaim (the PV controller\'s syncUnboundClaim, then the provisioner)', () => {
  const localVolume = (c: TestCluster, name: string, size: string, node: string) => compilePersistentVolume({
    metadata: { name },
    spec: {
      capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'fast',
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
    },
    status: { phase: 'Available' },
  }, c.model);

  it('binds the smallest available volume that fits, whatever node it is on (no node is chosen yet)', () => {
    const c = world();
    c.state.storage.addClass(immediate(c));
    for (const v of [localVolume(c, 'big', '100Gi', 'n0'), localVolume(c, 'small', '20Gi', 'n1'), localVolume(c, 'tiny', '5Gi', 'n2')]) c.state.storage.addVolume(v);
    const pvc = claim(c, 'data-db-0');
    c.state.storage.addClaim(pvc);
    expect(bindImmediateClaim(c.state, pvc)).toBe('bound');
    expect(c.state.storage.claim(pvc.namespace, 'data-db-0')!.volumeName).toBe('small');
    // The volume keeps its node affinity: the claim's pods must go to n1.
    expect(c.state.storage.volume('small')).toMatchObject({ phase: 'Bound', claimRef: { namespace: 'data', name: 'data-db-0' }, nodeAffinity: { terms: [{ empty: false }] } });
  });

  it('provisions a volume in immediateTopology\'s zone when none matches', () => {
    const c = world();
    const cls = immediate(c);
    c.state.storage.addClass(cls);
    const pvc = claim(c, 'data-db-1');
    c.state.storage.addClaim(pvc);
    expect(bindImmediateClaim(c.state, pvc)).toBe('provisioned');
    const pv = c.state.storage.volume('pvc-data-data-db-1')!;
    expect(c.state.storage.claim(pvc.namespace, 'data-db-1')!.volumeName).toBe(pv.name);
    expect(pv).toMatchObject({ capacityBytes: 10 * 2 ** 30, storageClassName: 'fast', phase: 'Bound', csi: { driver: DRIVER, volumeHandle: pv.name } });
    const req = pv.nodeAffinity!.terms[0]!.labels[0]!;
    expect(c.model.symbols.text(req.values[0] as Sym)).toBe(immediateTopology(c.state, 'data-db-1', cls)[0]![1]);
  });

  it('leaves the claim unbound when its class cannot provision (kubernetes.io/no-provisioner) and no volume fits, or the class waits for the first consumer', () => {
    const c = world();
    c.state.storage.addClass(compileStorageClass({ metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate' }, c.model));
    c.state.storage.addClass(compileStorageClass({ metadata: { name: 'zonal' }, provisioner: DRIVER, volumeBindingMode: 'WaitForFirstConsumer' }, c.model));
    for (const [name, cls] of [['a-0', 'local'], ['b-0', 'zonal']] as const) {
      const pvc = claim(c, name, cls);
      c.state.storage.addClaim(pvc);
      expect(bindImmediateClaim(c.state, pvc)).toBe('pending');
      expect(c.state.storage.claim(pvc.namespace, name)!.volumeName).toBe('');
    }
    expect(c.state.storage.volumeList()).toEqual([]);
  });
});
