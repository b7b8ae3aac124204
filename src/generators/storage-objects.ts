import { HOSTNAME_LABEL } from './cluster-spec.js';
import type { CsiDriverSpec, PersistentVolumeSpec, StorageClassSpec, VolumeClaimTemplateSpec } from '../scenario/scenario-schema.js';

/**
 * The Kubernetes objects of a scenario's `storage` section and of a StatefulSet's claims,
 * as the API server would hold them (raw JSON-shaped data, the v1 defaults filled in),
 * for the model to validate and compile like a snapshot's (compileStorageClass,
 * compilePersistentVolume, compileCsiNode, compilePersistentVolumeClaim). Each depends on
 * the spec alone: no random draw.
 */

/** A storage.k8s.io/v1 StorageClass; volumeBindingMode defaults to Immediate, as the API server defaults it. */
export function storageClassObject(c: StorageClassSpec): Record<string, unknown> {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: c.name },
    provisioner: c.provisioner,
    volumeBindingMode: c.volumeBindingMode ?? 'Immediate',
    ...(c.allowedTopologies !== undefined ? { allowedTopologies: c.allowedTopologies } : {}),
  };
}

/**
 * A pre-created v1 PersistentVolume, Available (the PV controller has seen it and no claim
 * holds it). A local volume's `node` becomes the node affinity local-static-provisioner
 * writes: kubernetes.io/hostname In [node].
 */
export function persistentVolumeObject(v: PersistentVolumeSpec): Record<string, unknown> {
  const required = v.node !== undefined
    ? { nodeSelectorTerms: [{ matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [v.node] }] }] }
    : v.nodeAffinity?.required;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: v.name, ...(v.labels !== undefined ? { labels: v.labels } : {}) },
    spec: {
      capacity: { storage: v.capacity },
      accessModes: v.accessModes,
      storageClassName: v.storageClassName,
      volumeMode: v.volumeMode ?? 'Filesystem',
      ...(required !== undefined ? { nodeAffinity: { required } } : {}),
      ...(v.csi !== undefined ? { csi: v.csi } : {}),
    },
    status: { phase: 'Available' },
  };
}

/**
 * The storage.k8s.io/v1 CSINode the kubelet of node `nodeName` (of pool `pool`) registers:
 * every driver with its topology keys, and allocatable.count where the driver's
 * attachLimits names the pool.
 */
export function csiNodeObject(nodeName: string, pool: string, drivers: readonly CsiDriverSpec[]): Record<string, unknown> {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSINode',
    metadata: { name: nodeName },
    spec: {
      drivers: drivers.map((d) => {
        const count = d.attachLimits !== undefined && Object.hasOwn(d.attachLimits, pool) ? d.attachLimits[pool] : undefined;
        return {
          name: d.name,
          nodeID: nodeName,
          topologyKeys: d.topologyKeys ?? [],
          ...(count !== undefined ? { allocatable: { count } } : {}),
        };
      }),
    },
  };
}

/**
 * The claim kube's StatefulSet controller creates for one replica from one of its
 * volumeClaimTemplates (getPersistentVolumeClaims in pkg/controller/statefulset
 * stateful_set_utils.go): named `<template>-<statefulset>-<ordinal>` (getPersistentVolumeClaimName),
 * in the StatefulSet's namespace, labelled with its selector's matchLabels, with the
 * template's spec. Generated claims have no uid; a volume provisioned for one is named
 * `pvc-<namespace>-<name>` (see bindPodVolumes).
 */
export function volumeClaimObject(
  t: VolumeClaimTemplateSpec, claimName: string, namespace: string, labels: Readonly<Record<string, string>>,
): Record<string, unknown> & { readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> } } {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: claimName, namespace, labels: { ...labels } },
    spec: {
      accessModes: t.accessModes,
      storageClassName: t.storageClassName,
      resources: { requests: { storage: t.resources.requests.storage } },
      volumeMode: t.volumeMode ?? 'Filesystem',
    },
  };
}

/** getPersistentVolumeClaimName: the claim of template `template` for the StatefulSet's pod of `ordinal`. */
export function statefulClaimName(template: string, statefulSet: string, ordinal: number): string {
  return `${template}-${statefulSet}-${ordinal}`;
}
