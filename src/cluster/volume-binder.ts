import { accessModesSatisfied } from '../model/access-modes.js';
import { capacitySufficient } from '../model/csi-storage-capacity.js';
import type { Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { LabelSet, Requirement } from '../model/labels.js';
import { labelValue, OP_IN, selectorMatches } from '../model/labels.js';
import type { PersistentVolume } from '../model/persistent-volume.js';
import { volumeAdmitsNode } from '../model/persistent-volume.js';
import type { PersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import type { CompiledPod } from '../model/pod.js';
import type { StorageClass } from '../model/storage-class.js';
import { NO_PROVISIONER, topologyAllows } from '../model/storage-class.js';
import type { SymbolTable } from '../model/symbols.js';
import type { StorageState } from './storage-state.js';
import type { StorageView } from './storage-view.js';

/**
 * The volume binding decisions of kube-scheduler 1.35's VolumeBinding plugin, written once
 * for the plugin (PreFilter, Filter) and for the simulator (Reserve and PreBind, then the
 * PV controller and the external provisioner finishing what they asked for). Mirrors
 * pkg/scheduler/framework/plugins/volumebinding/binder.go (GetPodVolumeClaims,
 * FindPodVolumes, checkBoundClaims, findMatchingVolumes, checkVolumeProvisions,
 * hasEnoughCapacity) and component-helpers storage/volume (FindMatchingVolume,
 * CheckNodeAffinity, IsDelayBindingMode).
 */

/** A pod's claims, split as GetPodVolumeClaims splits them. */
export interface PodVolumeClaims {
  /** Claims bound to a volume (spec.volumeName set). */
  readonly bound: readonly PersistentVolumeClaim[];
  /** Unbound claims of a WaitForFirstConsumer class, smallest request first (byPVCSize; ties in spec order). */
  readonly delayed: readonly PersistentVolumeClaim[];
  /** Unbound claims of an Immediate class (or of none): the PV controller should have bound them. */
  readonly immediateUnbound: number;
}

/** Why a pod's claims cannot be read (podHasPVCs): kube's error text, UnschedulableAndUnresolvable. */
export interface ClaimsProblem {
  readonly problem: string;
}

/**
 * podHasPVCs then GetPodVolumeClaims: null when the pod uses no claim (VolumeBinding
 * skips it), a problem when a claim does not exist, is being deleted, or is Lost.
 * CAVEAT: kube also requires an ephemeral volume's claim to be owned by the pod
 * (ephemeral.VolumeIsForPod); schedbench does not keep claims' owners and takes the
 * claim of that name.
 */
export function readPodVolumeClaims(storage: StorageView, pod: CompiledPod): PodVolumeClaims | ClaimsProblem | null {
  const refs = pod.volumes.claims;
  if (refs.length === 0) return null;
  const claims: PersistentVolumeClaim[] = [];
  for (const ref of refs) {
    const c = storage.claim(pod.namespace, ref.name);
    if (c === null) return { problem: `persistentvolumeclaim ${JSON.stringify(ref.name)} not found` };
    if (c.terminating) return { problem: `persistentvolumeclaim ${JSON.stringify(ref.name)} is being deleted` };
    if (c.lost) return { problem: `persistentvolumeclaim ${JSON.stringify(ref.name)} bound to non-existent persistentvolume ${JSON.stringify(c.volumeName)}` };
    claims.push(c);
  }
  const bound: PersistentVolumeClaim[] = [];
  const delayed: PersistentVolumeClaim[] = [];
  let immediateUnbound = 0;
  for (const c of claims) {
    if (c.volumeName !== '') bound.push(c);
    else if (isDelayBinding(storage, c)) delayed.push(c);
    else immediateUnbound++;
  }
  // byPVCSize: sort.Sort is not stable in Go; a stable sort keeps equal sizes in spec order.
  delayed.sort((a, b) => a.requestBytes - b.requestBytes);
  return { bound, delayed, immediateUnbound };
}

/** IsDelayBindingMode: the claim's class exists and waits for the first consumer. */
function isDelayBinding(storage: StorageView, c: PersistentVolumeClaim): boolean {
  if (c.storageClassName === '') return false;
  return storage.storageClass(c.storageClassName)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** A node as the binder reads it. */
export interface BinderNode {
  readonly name: Sym;
  readonly labels: LabelSet;
}

/** FindPodVolumes' reasons (volumebinding ConflictReason), as bits. */
export const PV_NOT_EXIST = 1;
export const NODE_CONFLICT = 2;
export const BIND_CONFLICT = 4;
export const NOT_ENOUGH_SPACE = 8;

/** What FindPodVolumes found for one node: reasons (0 = fits), and the bindings Reserve would assume. */
export interface PodVolumesOnNode {
  readonly reasons: number;
  /** Delayed claims matched to existing available volumes (StaticBindings). */
  readonly staticBindings: readonly { readonly claim: PersistentVolumeClaim; readonly volume: PersistentVolume }[];
  /** Delayed claims to provision on this node (DynamicProvisions). */
  readonly provisions: readonly PersistentVolumeClaim[];
}

/**
 * FindPodVolumes for one node: bound claims' volumes must exist and admit the node;
 * delayed claims are matched to available volumes (smallest that fits) and the rest
 * must be provisionable there (a provisioner, the class's allowedTopologies, and storage
 * capacity where the driver publishes it). Reasons come in kube's order.
 */
export function findPodVolumes(storage: StorageView, claims: PodVolumeClaims, node: BinderNode, symbols: SymbolTable): PodVolumesOnNode {
  let boundFound = true;
  let boundSatisfied = true;
  let unboundSatisfied = true;
  let sufficientStorage = true;
  const staticBindings: { claim: PersistentVolumeClaim; volume: PersistentVolume }[] = [];
  let provisions: PersistentVolumeClaim[] = [];
  const label = (key: Sym) => labelValue(node.labels, key);
  // checkBoundClaims: the first claim that fails decides.
  for (const c of claims.bound) {
    const v = storage.volume(c.volumeName);
    if (v === null) { boundFound = false; break; }
    if (!volumeAdmitsNode(v.nodeAffinity, label, symbols)) { boundSatisfied = false; break; }
  }
  if (claims.delayed.length > 0) {
    const toMatch: PersistentVolumeClaim[] = [];
    const toProvision: PersistentVolumeClaim[] = [];
    let skipped = false;
    for (const c of claims.delayed) {
      if (c.selectedNode !== '') {
        // A claim being provisioned for a node fits that node only (fast path).
        if (c.selectedNode !== symbols.text(node.name)) { unboundSatisfied = false; skipped = true; break; }
        toProvision.push(c);
      } else {
        toMatch.push(c);
      }
    }
    if (!skipped) {
      const chosen = new Set<string>();
      for (const c of toMatch) {
        const v = findMatchingVolume(c, storage.volumesOfClass(c.storageClassName), label, chosen, symbols);
        if (v === null) {
          toProvision.push(c);
          unboundSatisfied = false;
          continue;
        }
        chosen.add(v.name);
        staticBindings.push({ claim: c, volume: v });
      }
      if (toProvision.length > 0) {
        const p = checkVolumeProvisions(storage, toProvision, node, label, symbols);
        unboundSatisfied = p.satisfied;
        sufficientStorage = p.sufficient;
        provisions = p.satisfied && p.sufficient ? toProvision : [];
      }
    }
  }
  let reasons = 0;
  if (!boundFound) reasons |= PV_NOT_EXIST;
  if (!boundSatisfied) reasons |= NODE_CONFLICT;
  if (!unboundSatisfied) reasons |= BIND_CONFLICT;
  if (!sufficientStorage) reasons |= NOT_ENOUGH_SPACE;
  return { reasons, staticBindings, provisions };
}

/**
 * FindMatchingVolume on the scheduler's path: a volume pre-bound to the claim wins (if it
 * admits the node; otherwise nothing matches); else the smallest available volume with at
 * least the claim's size, the same volume mode, not being deleted, whose labels the
 * claim's selector selects, of the claim's class, admitting the node, with every access
 * mode the claim asks for. The first of equal sizes in list order wins.
 */
export function findMatchingVolume(
  claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], label: (key: Sym) => Sym, excluded: ReadonlySet<string>, symbols: SymbolTable,
): PersistentVolume | null {
  let smallest: PersistentVolume | null = null;
  const claimNs = symbols.text(claim.namespace);
  for (const v of volumes) {
    if (excluded.has(v.name)) continue;
    const boundToClaim = v.claimRef !== null && isBoundToClaim(v, claim, claimNs);
    if (v.claimRef !== null && !boundToClaim) continue;
    if (v.capacityBytes < claim.requestBytes) continue;
    if (v.volumeMode !== claim.volumeMode) continue;
    if (v.terminating) continue;
    const admits = volumeAdmitsNode(v.nodeAffinity, label, symbols);
    if (boundToClaim) return admits ? v : null;
    if (v.phase !== 'Available') continue;
    if (claim.selector !== null && !selectorMatches(claim.selector, v.labels, symbols)) continue;
    if (v.storageClassName !== claim.storageClassName) continue;
    if (!admits) continue;
    if (!accessModesSatisfied(claim.accessModes, v.accessModes)) continue;
    if (smallest === null || smallest.capacityBytes > v.capacityBytes) smallest = v;
  }
  return smallest;
}

/** IsVolumeBoundToClaim: the claimRef names the claim (and its uid, when the ref has one). */
function isBoundToClaim(v: PersistentVolume, claim: PersistentVolumeClaim, claimNs: string): boolean {
  const ref = v.claimRef!;
  return ref.name === claim.name && ref.namespace === claimNs && (ref.uid === '' || ref.uid === claim.uid);
}

/**
 * checkVolumeProvisions: every claim left must be provisionable on the node, the first
 * that is not decides: a class with a provisioner other than kubernetes.io/no-provisioner
 * (else no volume can be made: unbound unsatisfied), whose allowedTopologies admit the
 * node (the same), and enough storage capacity (else satisfied but insufficient).
 */
function checkVolumeProvisions(
  storage: StorageView, claims: readonly PersistentVolumeClaim[], node: BinderNode, label: (key: Sym) => Sym, symbols: SymbolTable,
): { satisfied: boolean; sufficient: boolean } {
  for (const c of claims) {
    const cls = storage.storageClass(c.storageClassName);
    // A delayed claim's class exists (else it would be an Immediate one).
    if (cls === null) return { satisfied: false, sufficient: false };
    if (cls.provisioner === '' || cls.provisioner === NO_PROVISIONER) return { satisfied: false, sufficient: true };
    if (!topologyAllows(cls.allowedTopologies, label)) return { satisfied: false, sufficient: true };
    if (!hasEnoughCapacity(storage, c, cls, node, symbols)) return { satisfied: true, sufficient: false };
  }
  return { satisfied: true, sufficient: true };
}

/**
 * hasEnoughCapacity: nothing to check without a storage request or when the provisioner is
 * not a CSIDriver with storageCapacity: true; else some CSIStorageCapacity of the class,
 * large enough, whose nodeTopology selects the node.
 */
function hasEnoughCapacity(storage: StorageView, claim: PersistentVolumeClaim, cls: StorageClass, node: BinderNode, symbols: SymbolTable): boolean {
  if (!claim.hasRequest) return true;
  const driver = storage.csiDriver(cls.provisioner);
  if (driver === null || !driver.storageCapacity) return true;
  for (const cap of storage.capacities()) {
    if (cap.storageClassName !== cls.name || !capacitySufficient(cap, claim.requestBytes)) continue;
    if (cap.nodeTopology !== null && selectorMatches(cap.nodeTopology, node.labels, symbols)) return true;
  }
  return false;
}

/** What bindPodVolumes did: the claims it bound, as they are now, and the volumes it provisioned for some of them. */
export interface VolumesBound {
  /** Every claim bound, to an existing volume or a provisioned one, in FindPodVolumes' order (static bindings first). */
  readonly claims: readonly PersistentVolumeClaim[];
  /** The volumes provisioned, one per claim that had no matching volume. */
  readonly provisioned: readonly PersistentVolume[];
}

const NOTHING_BOUND: VolumesBound = { claims: [], provisioned: [] };

/**
 * The simulator's VolumeBinding Reserve and PreBind for a pod bound to `node`, with the PV
 * controller and the external provisioner finishing at once: each delayed claim binds to
 * the volume FindPodVolumes matched on that node, or gets a new volume provisioned for
 * it. A provisioned volume is named `pvc-<claim uid>` (`pvc-<namespace>-<name>` without a
 * uid), as large as the request, and reachable from the chosen node's topology: one node
 * affinity term with `key In [node's value]` for each of the provisioner's topologyKeys in
 * the node's CSINode that the node has a label for (the segment a CSI driver reports as
 * the volume's accessible topology); none when the node's CSINode lists no keys for it.
 * Claims stay bound when the pod goes (a StatefulSet's replacement reuses them). Nothing
 * changes when the claims do not fit the node (a profile without VolumeBinding's Filter
 * placed the pod). Returns what it bound.
 */
export function bindPodVolumes(storage: StorageState, pod: CompiledPod, node: BinderNode, symbols: SymbolTable): VolumesBound {
  const claims = readPodVolumeClaims(storage, pod);
  if (claims === null || 'problem' in claims || claims.delayed.length === 0) return NOTHING_BOUND;
  const found = findPodVolumes(storage, claims, node, symbols);
  // Only a profile without VolumeBinding's Filter binds a pod whose claims do not fit the
  // node; its Reserve finds no volumes for the node then, and the claims stay as they are.
  if (found.reasons !== 0) return NOTHING_BOUND;
  const bound: PersistentVolumeClaim[] = [];
  for (const b of found.staticBindings) {
    storage.bindClaim(b.claim, b.volume);
    bound.push(storage.claim(b.claim.namespace, b.claim.name)!);
  }
  const made: PersistentVolume[] = [];
  for (const c of found.provisions) {
    const cls = storage.storageClass(c.storageClassName)!;
    const v = provisionedVolume(storage, c, cls, node, symbols);
    storage.provision(c, v);
    bound.push(storage.claim(c.namespace, c.name)!);
    made.push(v);
  }
  return { claims: bound, provisioned: made };
}

function provisionedVolume(storage: StorageView, claim: PersistentVolumeClaim, cls: StorageClass, node: BinderNode, symbols: SymbolTable): PersistentVolume {
  const base = `pvc-${claim.uid !== '' ? claim.uid : `${symbols.text(claim.namespace)}-${claim.name}`}`;
  let name = base;
  for (let i = 2; storage.volume(name) !== null; i++) name = `${base}-${i}`;
  const keys = storage.csiNode(node.name)?.topologyKeys.get(cls.provisioner) ?? [];
  const labels: Requirement[] = [];
  for (const k of keys) {
    const key = symbols.lookup(k);
    const value = key === undefined ? NO_SYM : labelValue(node.labels, key);
    if (key !== undefined && value !== NO_SYM) labels.push({ key, op: OP_IN, values: Int32Array.of(value), bound: 0 });
  }
  return {
    name,
    labels: EMPTY_VOLUME_LABELS,
    capacityBytes: claim.requestBytes,
    accessModes: claim.accessModes,
    storageClassName: claim.storageClassName,
    nodeAffinity: labels.length === 0 ? null : { terms: [{ labels, fields: [], empty: false, parseError: null }] },
    claimRef: { namespace: symbols.text(claim.namespace), name: claim.name, uid: claim.uid },
    phase: 'Bound',
    volumeMode: claim.volumeMode,
    csi: { driver: cls.provisioner, volumeHandle: name },
    terminating: false,
  };
}

const EMPTY_VOLUME_LABELS: LabelSet = new Int32Array(0);
