import type { NodeId, Sym } from '../model/ids.js';
import type { CsiDriver } from '../model/csi-driver.js';
import type { CsiNode } from '../model/csi-node.js';
import type { CsiStorageCapacity } from '../model/csi-storage-capacity.js';
import type { PersistentVolume } from '../model/persistent-volume.js';
import type { PersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import type { CompiledPod } from '../model/pod.js';
import type { StorageClass } from '../model/storage-class.js';
import type { SymbolTable } from '../model/symbols.js';
import type { ClusterListener } from './cluster-listener.js';
import type { StorageView } from './storage-view.js';

/**
 * The cluster's storage objects, mutable by the loader and by the simulator's volume
 * binding (the VolumeBinding plugin's Reserve/PreBind, see volume-binder.ts): claims by
 * namespace and name, volumes by name and by class, classes, CSINodes by node name, CSI
 * drivers, storage capacities. As a ClusterListener it counts the bound pods using each
 * claim, as kube's NodeInfo PVCRefCounts and the snapshot's usedPVCSet do (persistent
 * and generic ephemeral volumes, keyed by the pod's namespace and the claim's name); a
 * pod without claims costs one length test per bind.
 */
export class StorageState implements StorageView, ClusterListener {
  private versionValue = 0;
  private readonly claims = new Map<string, PersistentVolumeClaim>();
  private readonly volumes = new Map<string, PersistentVolume>();
  private readonly byClass = new Map<string, PersistentVolume[]>();
  private readonly classes = new Map<string, StorageClass>();
  private readonly csiNodes = new Map<Sym, CsiNode>();
  private readonly drivers = new Map<string, CsiDriver>();
  private readonly capacityList: CsiStorageCapacity[] = [];
  private readonly users = new Map<string, number>();

  /** `symbols` reads namespace syms as text (a volume's claimRef holds its namespace as text, as the API does). */
  constructor(private readonly symbols: SymbolTable) {}

  get version(): number {
    return this.versionValue;
  }

  /** Whether the cluster holds no claim (every pod with claims then fails to find them). */
  get claimCount(): number {
    return this.claims.size;
  }

  // ---- loading ---------------------------------------------------------------------

  /** Adds a claim; false when one of that namespace and name is known already. */
  addClaim(c: PersistentVolumeClaim): boolean {
    const key = claimKey(c.namespace, c.name);
    if (this.claims.has(key)) return false;
    this.claims.set(key, c);
    this.versionValue++;
    return true;
  }

  /** Adds a volume; false when one of that name is known already. */
  addVolume(v: PersistentVolume): boolean {
    if (this.volumes.has(v.name)) return false;
    this.volumes.set(v.name, v);
    let list = this.byClass.get(v.storageClassName);
    if (list === undefined) {
      list = [];
      this.byClass.set(v.storageClassName, list);
    }
    list.push(v);
    this.versionValue++;
    return true;
  }

  /** Adds a class; false when one of that name is known already. */
  addClass(c: StorageClass): boolean {
    if (this.classes.has(c.name)) return false;
    this.classes.set(c.name, c);
    this.versionValue++;
    return true;
  }

  /** Adds a CSINode for the node named `node`; false when that node has one already. */
  addCsiNode(node: Sym, n: CsiNode): boolean {
    if (this.csiNodes.has(node)) return false;
    this.csiNodes.set(node, n);
    this.versionValue++;
    return true;
  }

  /** Adds a CSI driver; false when one of that name is known already. */
  addCsiDriver(d: CsiDriver): boolean {
    if (this.drivers.has(d.name)) return false;
    this.drivers.set(d.name, d);
    this.versionValue++;
    return true;
  }

  addCapacity(c: CsiStorageCapacity): void {
    this.capacityList.push(c);
    this.versionValue++;
  }

  /** Every claim, in the order added. */
  claimList(): readonly PersistentVolumeClaim[] {
    return [...this.claims.values()];
  }

  /** Every volume, in the order added. */
  volumeList(): readonly PersistentVolume[] {
    return [...this.volumes.values()];
  }

  // ---- binding (the simulator's PV controller and external provisioner) ---------------

  /**
   * Binds `claim` to the available volume `volume` (both sides, as the PV controller
   * completes a binding the scheduler asked for in PreBind).
   */
  bindClaim(claim: PersistentVolumeClaim, volume: PersistentVolume): void {
    this.replaceClaim({ ...claim, volumeName: volume.name });
    this.replaceVolume({ ...volume, claimRef: { namespace: '', name: claim.name, uid: claim.uid }, phase: 'Bound' }, claim.namespace);
  }

  /** Adds a newly provisioned volume bound to `claim` (the external provisioner and PV controller). */
  provision(claim: PersistentVolumeClaim, volume: PersistentVolume): void {
    if (!this.addVolume(volume)) throw new Error(`volume ${volume.name} exists already`);
    this.replaceClaim({ ...claim, volumeName: volume.name });
  }

  // ---- StorageView -------------------------------------------------------------------

  claim(namespace: Sym, name: string): PersistentVolumeClaim | null {
    return this.claims.get(claimKey(namespace, name)) ?? null;
  }

  volume(name: string): PersistentVolume | null {
    return this.volumes.get(name) ?? null;
  }

  storageClass(name: string): StorageClass | null {
    return this.classes.get(name) ?? null;
  }

  volumesOfClass(className: string): readonly PersistentVolume[] {
    return this.byClass.get(className) ?? [];
  }

  csiNode(nodeName: Sym): CsiNode | null {
    return this.csiNodes.get(nodeName) ?? null;
  }

  csiDriver(name: string): CsiDriver | null {
    return this.drivers.get(name) ?? null;
  }

  capacities(): readonly CsiStorageCapacity[] {
    return this.capacityList;
  }

  claimUsers(namespace: Sym, name: string): number {
    return this.users.get(claimKey(namespace, name)) ?? 0;
  }

  // ---- ClusterListener ---------------------------------------------------------------

  podBound(pod: CompiledPod, _node: NodeId): void {
    if (pod.volumes.claims.length > 0) this.countUsers(pod, +1);
  }

  podUnbound(pod: CompiledPod, _node: NodeId): void {
    if (pod.volumes.claims.length > 0) this.countUsers(pod, -1);
  }

  // ---- internals ---------------------------------------------------------------------

  private countUsers(pod: CompiledPod, sign: 1 | -1): void {
    for (const c of pod.volumes.claims) {
      const key = claimKey(pod.namespace, c.name);
      const n = (this.users.get(key) ?? 0) + sign;
      if (n === 0) this.users.delete(key);
      else this.users.set(key, n);
    }
  }

  private replaceClaim(c: PersistentVolumeClaim): void {
    this.claims.set(claimKey(c.namespace, c.name), c);
    this.versionValue++;
  }

  /** Replaces a volume in place (its class list keeps its position). The claim's namespace is the claimRef's. */
  private replaceVolume(v: PersistentVolume, claimNamespace: Sym): void {
    const old = this.volumes.get(v.name);
    if (old === undefined) throw new Error(`unknown volume ${v.name}`);
    const withNs = v.claimRef === null ? v : { ...v, claimRef: { ...v.claimRef, namespace: this.symbols.text(claimNamespace) } };
    this.volumes.set(v.name, withNs);
    const list = this.byClass.get(old.storageClassName)!;
    list[list.indexOf(old)] = withNs;
    this.versionValue++;
  }

}

/** The key of a claim: namespace sym and name (kube's GetNamespacedName). */
function claimKey(namespace: Sym, name: string): string {
  return `${namespace}/${name}`;
}
