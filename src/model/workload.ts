import type { Sym } from './ids.js';
import type { LabelSelector, LabelSet, Requirement } from './labels.js';
import { OP_IN } from './labels.js';
import type { OwnerRef } from './pod.js';

/** Controllers a pod can be owned by, among the kinds schedbench loads. */
export type ControllerKind = 'ReplicationController' | 'ReplicaSet' | 'StatefulSet' | 'Deployment' | 'Job' | 'DaemonSet';

/** The objects around pods that select or own them: Services and controllers. */
export type WorkloadKind = 'Service' | ControllerKind;

/** The apiVersion each workload kind is read as (the served versions of Kubernetes 1.35). */
export const WORKLOAD_API_VERSIONS: Readonly<Record<WorkloadKind, string>> = {
  Service: 'v1',
  ReplicationController: 'v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  Deployment: 'apps/v1',
  Job: 'batch/v1',
  DaemonSet: 'apps/v1',
};

/** Whether `kind` names a workload kind. */
export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.hasOwn(WORKLOAD_API_VERSIONS, kind);
}

/**
 * A compiled workload: what selects (and, for controllers, owns) a set of pods in one
 * namespace. Services and ReplicationControllers select with a label map (kept as
 * `labels`, because kube merges them as label sets); the apps/v1 and batch/v1 kinds with
 * a metav1.LabelSelector.
 */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly namespace: Sym;
  readonly name: string;
  /** The selector as a LabelSelector (a map becomes `key In [value]` requirements). */
  readonly selector: LabelSelector;
  /**
   * Service / ReplicationController: spec.selector as a LabelSet; null when the map is
   * absent (a Service without selector selects nothing). Always null for the other kinds.
   */
  readonly labels: LabelSet | null;
  /**
   * spec.replicas of the kinds with a scale subresource (ReplicationController,
   * ReplicaSet, StatefulSet, Deployment; the API server defaults it to 1): the scale
   * the disruption controller counts pods against. null for Service, Job, DaemonSet.
   */
  readonly replicas: number | null;
  /** Job only: spec.parallelism (defaulted to 1); null for the other kinds. */
  readonly parallelism: number | null;
  /** Job only: spec.completions; null when unset (and for the other kinds). */
  readonly completions: number | null;
  /** The workload's own controller (a ReplicaSet's Deployment, a Job's CronJob); null when none. */
  readonly owner: OwnerRef | null;
}

/** labels.Set.AsSelector: one `key In [value]` requirement per label, in key order. */
export function labelsAsSelector(labels: LabelSet): LabelSelector {
  const reqs: Requirement[] = [];
  for (let i = 0; i < labels.length; i += 2) {
    reqs.push({ key: labels[i] as Sym, op: OP_IN, values: Int32Array.of(labels[i + 1]!), bound: 0 });
  }
  return { nothing: false, requirements: reqs };
}
