import { POD_TEMPLATE_HASH_LABEL, podTemplateHash } from '../model/pod-template-hash.js';
import { statefulClaimName, volumeClaimObject } from './storage-objects.js';
import type { StatefulSetSpec, WorkloadItemSpec, WorkloadObject } from './workload-spec.js';

/** The labels the API server adds to a Job's pod template (batch/v1 Job strategy): current and legacy form. */
export const JOB_NAME_LABELS = ['batch.kubernetes.io/job-name', 'job-name'] as const;
/** The label kube's StatefulSet controller puts on its pods: the revision they were made from (apps.ControllerRevisionHashLabelKey). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/** A workload's pods as their controller makes them, and the objects around them. */
export interface WorkloadObjects {
  /** metadata.labels of every pod of the workload. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** metadata.annotations of every pod of the workload (null: none). */
  readonly podAnnotations: Readonly<Record<string, string>> | null;
  /** The pods' controller reference (metadata.ownerReferences[0]). */
  readonly podOwner: { readonly apiVersion: string; readonly kind: 'ReplicaSet' | 'Job' | 'StatefulSet'; readonly name: string };
  /** v1.PodSpec of the workload's pods, without requests and limits when BestEffort (a StatefulSet's: its pod 0's). */
  podSpec(bestEffort: boolean): Record<string, unknown>;
  /**
   * A StatefulSet's pod `ordinal`'s spec.volumes, its claims' volumes first (the one part
   * of the spec that differs from pod to pod); null for the other kinds.
   */
  podVolumes(ordinal: number): readonly Record<string, unknown>[] | null;
  /**
   * Owners before what they own: Deployment, ReplicaSet | Job | StatefulSet and its claims,
   * then Service and PodDisruptionBudget if asked for.
   */
  readonly objects: readonly WorkloadObject[];
}

/** What a pod template says of the pods, whichever form it was written in. */
interface TemplateParts {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>> | null;
  podSpec(bestEffort: boolean): Record<string, unknown>;
}

/**
 * The labels, annotations and spec of a template. The short form's one container
 * `main` (image schedbench/<workload>:1) holds its requests and limits; a full template's
 * spec is the user's, and its BestEffort variant has no requests or limits in any
 * container nor at the pod level (the BestEffort QoS class: none anywhere).
 */
function templateParts(w: WorkloadItemSpec): TemplateParts {
  const t = w.template;
  if (t.pod !== undefined) {
    const { spec, metadata } = t.pod;
    return {
      labels: metadata?.labels ?? {},
      annotations: metadata?.annotations ?? null,
      podSpec: (bestEffort) => (bestEffort ? withoutRequests(spec) : structuredClone(spec)),
    };
  }
  return {
    labels: t.labels ?? t.metadata?.labels ?? {},
    annotations: t.metadata?.annotations ?? null,
    podSpec: (bestEffort) => {
      const resources: Record<string, unknown> = {};
      if (t.requests && !bestEffort) resources.requests = { ...t.requests };
      if (t.limits && !bestEffort) resources.limits = { ...t.limits };
      return {
        ...(t.spec ?? {}),
        containers: [{ name: 'main', image: `schedbench/${w.name}:1`, resources }],
        ...(t.priority !== undefined ? { priority: t.priority } : {}),
        ...(t.priorityClassName !== undefined ? { priorityClassName: t.priorityClassName } : {}),
      };
    },
  };
}

/** A pod spec with the requests and limits taken out of every container and the pod-level resources. */
function withoutRequests(spec: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = structuredClone(spec) as Record<string, unknown>;
  delete out.resources;
  for (const field of ['containers', 'initContainers']) {
    const list = out[field];
    if (!Array.isArray(list)) continue;
    for (const c of list as Record<string, unknown>[]) {
      if (c === null || typeof c !== 'object' || c.resources === null || typeof c.resources !== 'object') continue;
      const { requests: _r, limits: _l, ...rest } = c.resources as Record<string, unknown>;
      c.resources = rest;
    }
  }
  return out;
}

/** A template's metadata: labels, and annotations only when there are some (so a template without them hashes as before). */
function templateMetadata(labels: Readonly<Record<string, string>>, annotations: Readonly<Record<string, string>> | null) {
  return annotations === null ? { labels } : { labels, annotations };
}

/**
 * Builds the objects a real cluster holds for one workload of the spec, and the labels and
 * owner its pods carry there:
 *   Deployment    apps/v1 Deployment `<name>` (selector `app`), owning the apps/v1 ReplicaSet
 *                 `<name>-<pod-template-hash>` (selector `app` + pod-template-hash); the pods
 *                 carry pod-template-hash, as the Deployment controller labels them
 *                 (podTemplateHash: same shape as kube's, not the same value).
 *   StatefulSet   apps/v1 StatefulSet `<name>` (serviceName `<name>`, selector `app`, its
 *                 volumeClaimTemplates), then one v1 PersistentVolumeClaim per replica and
 *                 template, `<template>-<name>-<ordinal>`, labelled `app` as kube's controller
 *                 labels them; the pods carry controller-revision-hash (podTemplateHash, as
 *                 for a Deployment) and each pod's spec.volumes name its own claims
 *                 (podVolumes). CAVEAT: the per-pod labels statefulset.kubernetes.io/pod-name
 *                 and apps.kubernetes.io/pod-index are not set (pods of a workload share one
 *                 compiled template; only the name and the volumes differ).
 *   Job           batch/v1 Job `<name>` (parallelism, completions); the pods carry the Job's
 *                 job-name labels and the Job selects by them. CAVEAT: kube selects a Job's
 *                 pods by batch.kubernetes.io/controller-uid; generated objects have no uid,
 *                 and the job name is as unique within a namespace.
 *   FromSnapshot  no object: the pods are more of a snapshot's controller (its ReplicaSet or
 *                 StatefulSet, already in the cluster), with its template's labels as they
 *                 are and that controller as their owner; a StatefulSet's claims for the
 *                 new ordinals, from its volumeClaimTemplates, and each pod's volumes naming
 *                 them (a claim the snapshot holds already is reused when registered).
 *   service       v1 Service `<name>` selecting `app: <the pods' app label>`.
 *   pdb           policy/v1 PodDisruptionBudget `<name>` selecting the same `app` label.
 * The pods' `app` label is the workload's name unless the template's labels set it (a
 * Deployment's or Job's pods; the user's labels are kept beside it). Depends on the spec
 * alone (no random draw).
 */
export function workloadObjects(w: WorkloadItemSpec): WorkloadObjects {
  const namespace = w.namespace ?? 'default';
  const parts = templateParts(w);
  const { podSpec, annotations } = parts;
  if (w.kind === 'FromSnapshot') {
    const claims = w.claims;
    if (claims === undefined || claims.templates.length === 0) {
      return { podLabels: { ...parts.labels }, podAnnotations: annotations, podOwner: w.owner, podSpec, podVolumes: () => null, objects: [] };
    }
    // More replicas of a snapshot's StatefulSet: their claims, as its controller makes them.
    const names = claims.templates.map((t) => t.name);
    const sts = w.source.name;
    const objects: WorkloadObject[] = [];
    for (let i = 0; i < w.replicas; i++) {
      for (const t of claims.templates) {
        objects.push({
          apiVersion: 'v1', kind: 'PersistentVolumeClaim',
          metadata: { name: statefulClaimName(t.name, sts, w.podNames.first + i), namespace, labels: { ...t.labels, ...claims.selectorLabels } },
          spec: structuredClone(t.spec) as Record<string, unknown>,
        });
      }
    }
    const ownVolumes = podSpec(false).volumes;
    const podVolumes = (ordinal: number) => statefulPodVolumes(names, sts, ordinal, ownVolumes);
    return {
      podLabels: { ...parts.labels }, podAnnotations: annotations, podOwner: w.owner, objects, podVolumes,
      podSpec: (bestEffort) => ({ ...podSpec(bestEffort), volumes: podVolumes(w.podNames.first) }),
    };
  }
  const templateLabels: Record<string, string> = { app: w.name, ...parts.labels };
  const app = { app: templateLabels.app! };
  const objects: WorkloadObject[] = [];
  let podLabels: Record<string, string>;
  let podOwner: WorkloadObjects['podOwner'];
  let podSpecOf = podSpec;
  let podVolumes: WorkloadObjects['podVolumes'] = () => null;
  switch (w.kind) {
    case 'Deployment': {
      const template = { metadata: templateMetadata(templateLabels, annotations), spec: podSpec(false) };
      const hash = podTemplateHash(template);
      // The controller's label wins over one the template sets (it overwrites it in kube).
      podLabels = { ...templateLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
      const rsName = `${w.name}-${hash}`;
      objects.push({
        apiVersion: 'apps/v1', kind: 'Deployment',
        metadata: { name: w.name, namespace, labels: app },
        spec: { replicas: w.replicas, selector: { matchLabels: app }, template },
      }, {
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: {
          name: rsName, namespace, labels: podLabels,
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: w.name, controller: true, blockOwnerDeletion: true }],
        },
        spec: {
          replicas: w.replicas,
          selector: { matchLabels: { ...app, [POD_TEMPLATE_HASH_LABEL]: hash } },
          template: { metadata: templateMetadata(podLabels, annotations), spec: template.spec },
        },
      });
      podOwner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName };
      break;
    }
    case 'Job': {
      const jobLabels = Object.fromEntries(JOB_NAME_LABELS.map((k) => [k, w.name]));
      podLabels = { ...templateLabels, ...jobLabels };
      objects.push({
        apiVersion: 'batch/v1', kind: 'Job',
        metadata: { name: w.name, namespace, labels: app },
        spec: {
          // The simulator runs at most `parallelism` pods at once, all of them when unset.
          parallelism: w.parallelism ?? w.completions,
          completions: w.completions,
          selector: { matchLabels: { [JOB_NAME_LABELS[0]]: w.name } },
          template: { metadata: templateMetadata(podLabels, annotations), spec: podSpec(false) },
        },
      });
      podOwner = { apiVersion: 'batch/v1', kind: 'Job', name: w.name };
      break;
    }
    case 'StatefulSet': {
      const template = { metadata: templateMetadata(templateLabels, annotations), spec: podSpec(false) };
      podLabels = { ...templateLabels, [CONTROLLER_REVISION_HASH_LABEL]: `${w.name}-${podTemplateHash(template)}` };
      const claimTemplates = w.volumeClaimTemplates ?? [];
      objects.push({
        apiVersion: 'apps/v1', kind: 'StatefulSet',
        metadata: { name: w.name, namespace, labels: app },
        spec: {
          replicas: w.replicas,
          // The governing Service's name (kube's API required it before 1.32); a Service of
          // that name exists when the workload asks for one (`service: true`).
          serviceName: w.name,
          selector: { matchLabels: app },
          template,
          volumeClaimTemplates: claimTemplates.map((t) => {
            const { metadata: _m, ...claim } = volumeClaimObject(t, t.name, namespace, {});
            return { metadata: { name: t.name }, spec: claim.spec };
          }),
        },
      });
      // The controller creates each pod's claims before the pod (createPersistentVolumeClaims).
      for (let i = 0; i < w.replicas; i++) {
        for (const t of claimTemplates) objects.push(claimObject(t, w, namespace, app, i));
      }
      podOwner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: w.name };
      if (claimTemplates.length > 0) {
        const names = claimTemplates.map((t) => t.name);
        podVolumes = (ordinal) => statefulPodVolumes(names, w.name, ordinal, template.spec.volumes);
        podSpecOf = (bestEffort) => ({ ...podSpec(bestEffort), volumes: statefulPodVolumes(names, w.name, 0, template.spec.volumes) });
      }
      break;
    }
    default: {
      const never: never = w;
      throw new Error(`unhandled workload ${String(never)}`);
    }
  }
  if (w.service === true) {
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: w.name, namespace }, spec: { selector: app } });
  }
  if (w.pdb !== undefined) {
    objects.push({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
      metadata: { name: w.name, namespace },
      spec: { selector: { matchLabels: app }, ...w.pdb },
    });
  }
  return { podLabels, podAnnotations: annotations, podOwner, podSpec: podSpecOf, podVolumes, objects };
}

/** One replica's claim of one template, as a WorkloadObject. */
function claimObject(t: NonNullable<StatefulSetSpec['volumeClaimTemplates']>[number], w: StatefulSetSpec, namespace: string, labels: Readonly<Record<string, string>>, ordinal: number): WorkloadObject {
  const o = volumeClaimObject(t, statefulClaimName(t.name, w.name, ordinal), namespace, labels);
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: o.metadata, spec: o.spec as Record<string, unknown> };
}

/**
 * updateStorage in kube's StatefulSet controller (stateful_set_utils.go): a volume per
 * claim template, `persistentVolumeClaim.claimName` its claim for this ordinal, then the
 * template's own volumes but those a claim template's name replaces. CAVEAT: kube walks
 * the claims as a Go map (any order); here they come in template order.
 */
function statefulPodVolumes(claimTemplates: readonly string[], statefulSet: string, ordinal: number, templateVolumes: unknown): Record<string, unknown>[] {
  const names = new Set(claimTemplates);
  const own = Array.isArray(templateVolumes) ? (templateVolumes as Record<string, unknown>[]) : [];
  return [
    ...claimTemplates.map((t) => ({ name: t, persistentVolumeClaim: { claimName: statefulClaimName(t, statefulSet, ordinal) } })),
    ...own.filter((v) => v === null || typeof v !== 'object' || !names.has(v.name as string)).map((v) => structuredClone(v)),
  ];
}
