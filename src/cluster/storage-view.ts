import type { Sym } from '../model/ids.js';
import type { CsiDriver } from '../model/csi-driver.js';
import type { CsiNode } from '../model/csi-node.js';
import type { CsiStorageCapacity } from '../model/csi-storage-capacity.js';
import type { PersistentVolume } from '../model/persistent-volume.js';
import type { PersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import type { StorageClass } from '../model/storage-class.js';

/**
 * The cluster's storage objects, read-only, as kube-scheduler's informers and its
 * snapshot's StorageInfos show them to the volume plugins: claims, volumes, classes, CSI
 * nodes and drivers, storage capacities, and how many bound pods use each claim.
 */
export interface StorageView {
  /** Bumped on every change (a claim bound, a volume provisioned). */
  readonly version: number;
  /** The claim `namespace/name`, or null (kube: NotFound). */
  claim(namespace: Sym, name: string): PersistentVolumeClaim | null;
  /** The volume of this name, or null. */
  volume(name: string): PersistentVolume | null;
  storageClass(name: string): StorageClass | null;
  /** The volumes of a class (GetPersistentVolumeClass), in the order they became known (pvCache.ListPVs). */
  volumesOfClass(className: string): readonly PersistentVolume[];
  /** The CSINode of the node of this name, or null. */
  csiNode(nodeName: Sym): CsiNode | null;
  csiDriver(name: string): CsiDriver | null;
  /** Every CSIStorageCapacity, in the order they became known. */
  capacities(): readonly CsiStorageCapacity[];
  /** How many bound pods use the claim `namespace/name` (StorageInfos.IsPVCUsedByPods: more than 0). */
  claimUsers(namespace: Sym, name: string): number;
}
