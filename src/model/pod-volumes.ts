import type { FieldFail } from './parse-object.js';

/** A claim a pod's volume uses: a persistentVolumeClaim volume, or a generic ephemeral volume's claim. */
export interface PodClaim {
  /** The claim's name: claimName, or `<pod name>-<volume name>` for an ephemeral volume (ephemeral.VolumeClaimName). */
  readonly name: string;
  readonly ephemeral: boolean;
}

/**
 * An in-tree volume that VolumeRestrictions' disk-conflict check reads
 * (volumerestrictions isVolumeConflict): the same GCE PD unless both mount it read-only,
 * the same EBS volume id, the same iSCSI IQN unless both read-only, the same RBD image
 * (a shared monitor, same pool and image) unless both read-only.
 */
export type ExclusiveDisk =
  | { readonly kind: 'gcePersistentDisk'; readonly pdName: string; readonly readOnly: boolean }
  | { readonly kind: 'awsElasticBlockStore'; readonly volumeID: string }
  | { readonly kind: 'iscsi'; readonly iqn: string; readonly readOnly: boolean }
  | { readonly kind: 'rbd'; readonly monitors: readonly string[]; readonly pool: string; readonly image: string; readonly readOnly: boolean };

/** The volumes of a pod that scheduling reads, compiled from spec.volumes. */
export interface PodVolumes {
  /** Claims in spec order (a claim named twice is listed twice, as kube's loops see it). */
  readonly claims: readonly PodClaim[];
  readonly disks: readonly ExclusiveDisk[];
}

/** The volumes of a pod with none that scheduling reads (shared). */
export const NO_VOLUMES: PodVolumes = Object.freeze({ claims: Object.freeze([]), disks: Object.freeze([]) });

/** The parts of a v1.Volume read here (the schema in k8s-schema.ts has checked their types). */
export interface VolumeInput {
  readonly name: string;
  readonly persistentVolumeClaim?: { readonly claimName: string } | null;
  readonly ephemeral?: object | null;
  readonly gcePersistentDisk?: { readonly pdName: string; readonly readOnly?: boolean | null } | null;
  readonly awsElasticBlockStore?: { readonly volumeID: string } | null;
  readonly iscsi?: { readonly iqn: string; readonly readOnly?: boolean | null } | null;
  readonly rbd?: { readonly monitors: readonly string[]; readonly pool?: string | null; readonly image: string; readonly readOnly?: boolean | null } | null;
}

/**
 * Compiles spec.volumes: volume names unique (the API server's validation), each claim's
 * name, and the exclusive disks. An RBD volume's pool defaults to "rbd" as the API server
 * defaults it. Other sources (configMap, emptyDir, csi, hostPath, ...) do not take part in
 * scheduling decisions schedbench models and are not kept.
 */
export function compilePodVolumes(volumes: readonly VolumeInput[] | null | undefined, podName: string, fail: FieldFail): PodVolumes {
  if (volumes === null || volumes === undefined || volumes.length === 0) return NO_VOLUMES;
  const claims: PodClaim[] = [];
  const disks: ExclusiveDisk[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const at = `spec.volumes[${i}]`;
    if (names.has(v.name)) fail(`${at}.name`, `duplicate volume name ${JSON.stringify(v.name)}`);
    names.add(v.name);
    if (v.persistentVolumeClaim) claims.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) claims.push({ name: `${podName}-${v.name}`, ephemeral: true });
    else if (v.gcePersistentDisk) disks.push({ kind: 'gcePersistentDisk', pdName: v.gcePersistentDisk.pdName, readOnly: v.gcePersistentDisk.readOnly ?? false });
    else if (v.awsElasticBlockStore) disks.push({ kind: 'awsElasticBlockStore', volumeID: v.awsElasticBlockStore.volumeID });
    else if (v.iscsi) disks.push({ kind: 'iscsi', iqn: v.iscsi.iqn, readOnly: v.iscsi.readOnly ?? false });
    else if (v.rbd) disks.push({ kind: 'rbd', monitors: [...v.rbd.monitors], pool: v.rbd.pool ?? 'rbd', image: v.rbd.image, readOnly: v.rbd.readOnly ?? false });
  });
  return claims.length === 0 && disks.length === 0 ? NO_VOLUMES : { claims, disks };
}

/** volumerestrictions isVolumeConflict for one pair of disks. */
export function disksConflict(a: ExclusiveDisk, b: ExclusiveDisk): boolean {
  switch (a.kind) {
    case 'gcePersistentDisk':
      return b.kind === a.kind && a.pdName === b.pdName && !(a.readOnly && b.readOnly);
    case 'awsElasticBlockStore':
      return b.kind === a.kind && a.volumeID === b.volumeID;
    case 'iscsi':
      return b.kind === a.kind && a.iqn === b.iqn && !(a.readOnly && b.readOnly);
    case 'rbd':
      return b.kind === a.kind && a.monitors.some((m) => b.monitors.includes(m)) && a.pool === b.pool && a.image === b.image && !(a.readOnly && b.readOnly);
    default: {
      const never: never = a;
      throw new Error(`unhandled disk ${String(never)}`);
    }
  }
}
