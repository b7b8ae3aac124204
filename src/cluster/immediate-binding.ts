import type { ClusterState } from './cluster-state.js';
import { findMatchingVolume } from './volume-binder.js';
import { ACCESS_MODE_NAMES } from '../model/access-modes.js';
import type { NodeId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import { labelValue } from '../model/labels.js';
import type { ModelContext } from '../model/model-context.js';
import type { PersistentVolume } from '../model/persistent-volume.js';
import { compilePersistentVolume } from '../model/persistent-volume.js';
import type { PersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import type { StorageClass } from '../model/storage-class.js';
import { NO_PROVISIONER } from '../model/storage-class.js';

/**
 * What the PV controller and the external provisioner do with a generated claim of an
 * Immediate class (or of none) as soon as it is created, before any pod uses it (kube's
 * pv_controller syncUnboundClaim; a WaitForFirstConsumer claim waits for the scheduler,
 * see bindPodVolumes):
 *   1. bind it to the smallest matching available volume (FindMatchingVolume with no node:
 *      a volume's node affinity is not checked, the pod will have to go where it is);
 *   2. else, when its class has a provisioner, have one provisioned (csi-provisioner's
 *      GenerateAccessibilityRequirements without a selected node, see immediateTopology);
 *   3. else leave it unbound: pods using it stay unschedulable (VolumeBinding's "pod has
 *      unbound immediate PersistentVolumeClaims"), as in kube.
 * Returns what happened. CAVEAT: the PV controller walks volumes grouped by access modes
 * (pvIndex.findByClaim); here the class's volumes are walked in order, as the
 * scheduler's binder walks them.
 */
export function bindImmediateClaim(state: ClusterState, claim: PersistentVolumeClaim): 'bound' | 'provisioned' | 'pending' {
  const storage = state.storage;
  const symbols = state.model.symbols;
  const cls = claim.storageClassName === '' ? null : storage.storageClass(claim.storageClassName);
  // A claim bound already, or of a WaitForFirstConsumer class, is not the PV controller's now.
  if (claim.volumeName !== '' || cls?.volumeBindingMode === 'WaitForFirstConsumer') return 'pending';
  // FindMatchingVolume with a nil node: the volumes are seen without their node affinity.
  const volumes = storage.volumesOfClass(claim.storageClassName);
  const unpinned = volumes.map((v) => (v.nodeAffinity === null ? v : { ...v, nodeAffinity: null }));
  const match = findMatchingVolume(claim, unpinned, () => NO_SYM, new Set(), symbols);
  if (match !== null) {
    storage.bindClaim(claim, volumes[unpinned.indexOf(match)]!);
    return 'bound';
  }
  if (cls === null || cls.provisioner === NO_PROVISIONER) return 'pending';
  storage.provision(claim, provisionedVolume(state, claim, cls, state.model));
  return 'provisioned';
}

/** The volume made for an Immediate claim: its size, modes and class, reachable from immediateTopology's segment. */
function provisionedVolume(state: ClusterState, claim: PersistentVolumeClaim, cls: StorageClass, model: ModelContext): PersistentVolume {
  const ns = model.symbols.text(claim.namespace);
  const base = `pvc-${claim.uid !== '' ? claim.uid : `${ns}-${claim.name}`}`;
  let name = base;
  for (let i = 2; state.storage.volume(name) !== null; i++) name = `${base}-${i}`;
  const segment = immediateTopology(state, claim.name, cls);
  const accessModes = ACCESS_MODE_NAMES.filter((_, i) => (claim.accessModes & (1 << i)) !== 0);
  return compilePersistentVolume({
    metadata: { name },
    spec: {
      capacity: { storage: String(claim.requestBytes) },
      accessModes,
      storageClassName: cls.name,
      volumeMode: claim.volumeMode,
      claimRef: { namespace: ns, name: claim.name, uid: claim.uid },
      csi: { driver: cls.provisioner, volumeHandle: name },
      ...(segment.length > 0
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: segment.map(([key, value]) => ({ key, operator: 'In', values: [value] })) }] } } }
        : {}),
    },
    status: { phase: 'Bound' },
  }, model);
}

/** A topology segment: (key, value) pairs sorted by key, as csi-provisioner's topologyTerm. */
type Segment = readonly (readonly [string, string])[];

/**
 * The segment an Immediate claim's volume is created in, as csi-provisioner's
 * GenerateAccessibilityRequirements (pkg/controller/topology.go) asks for it without a
 * selected node: the requisite segments are the class's allowedTopologies flattened
 * (each combination of one value per key), or else every node's values of the driver's
 * topology keys (aggregateTopologies; the keys of the first CSINode that has some for the
 * driver); sorted, duplicates dropped, then rotated by the claim name's hash and replica
 * index (getPVCNameHashAndIndexOffset) so a StatefulSet's volumes go round-robin over the
 * segments. The volume is reachable from the first preferred segment. CAVEAT: which of
 * the preferred segments a CSI driver uses is the driver's choice; EBS and PD take the
 * first. [] when no topology applies (no allowedTopologies, no keys): the volume then
 * has no node affinity.
 */
export function immediateTopology(state: ClusterState, claimName: string, cls: StorageClass): Segment {
  const symbols = state.model.symbols;
  let requisite: Segment[] = [];
  if (cls.allowedTopologies.length > 0) {
    for (const term of cls.allowedTopologies) {
      let terms: [string, string][][] = [[]];
      for (const r of term) {
        const key = symbols.text(r.key);
        terms = terms.flatMap((t) => Array.from(r.values, (v) => [...t, [key, symbols.text(v as Sym)] as [string, string]]));
      }
      requisite.push(...terms.filter((t) => t.length > 0).map(sortSegment));
    }
  } else {
    const order = state.nodeOrder();
    let keys: readonly string[] = [];
    for (let i = 0; i < order.length && keys.length === 0; i++) {
      keys = state.storage.csiNode(state.nodeName[order[i]!] as Sym)?.topologyKeys.get(cls.provisioner) ?? [];
    }
    if (keys.length === 0) return [];
    for (let i = 0; i < order.length; i++) {
      const node = order[i] as NodeId;
      const labels = state.nodeLabels(node);
      const segment: [string, string][] = [];
      for (const k of keys) {
        const key = symbols.lookup(k);
        const value = key === undefined ? NO_SYM : labelValue(labels, key);
        if (value === NO_SYM) break;
        segment.push([k, symbols.text(value)]);
      }
      if (segment.length === keys.length) requisite.push(sortSegment(segment));
    }
  }
  if (requisite.length === 0) return [];
  requisite.sort(compareSegments);
  requisite = requisite.filter((t, i) => i === 0 || compareSegments(t, requisite[i - 1]!) !== 0);
  const { hash, index } = pvcNameHashAndIndex(claimName);
  // Go adds the two as uint32: the sum wraps at 2^32.
  return requisite[((hash + index) >>> 0) % requisite.length]!;
}

function sortSegment(s: readonly (readonly [string, string])[]): Segment {
  return [...s].sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
}

/** topologyTerm.compare: shorter first, then key by key and value by value (bytewise, as Go's strings.Compare). */
function compareSegments(a: Segment, b: Segment): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const r = compareText(a[i]![0], b[i]![0]) || compareText(a[i]![1], b[i]![1]);
    if (r !== 0) return r;
  }
  return 0;
}

function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * getPVCNameHashAndIndexOffset (csi-provisioner topology.go, the same as kube's
 * pkg/volume/util ChooseZonesForVolume heuristic): a name ending in -<integer> hashes only
 * the part before it (and of that, only what follows its last dash: the StatefulSet's
 * name in `<claim>-<statefulset>-<ordinal>`) and is offset by the integer; FNV-1 32-bit.
 */
export function pvcNameHashAndIndex(name: string): { hash: number; index: number } {
  let hashed = name;
  let index = 0;
  const lastDash = name.lastIndexOf('-');
  if (lastDash !== -1) {
    const id = name.slice(lastDash + 1);
    // strconv.ParseUint(id, 10, 32): decimal digits only, at most 2^32 - 1.
    if (/^[0-9]+$/.test(id) && Number(id) <= 0xffffffff) {
      index = Number(id);
      hashed = name.slice(0, lastDash);
      const inner = hashed.lastIndexOf('-');
      if (inner !== -1) hashed = hashed.slice(inner + 1);
    }
  }
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(hashed)) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return { hash, index };
}
