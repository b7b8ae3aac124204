import type { PodId, Sym } from './ids.js';
import type { LabelSelector, LabelSet } from './labels.js';
import type { NodeSelector, NodeSelectorTerm } from './node-selector.js';
import type { GpuRequest } from './gpu-request.js';
import type { HostPort } from './ports.js';
import type { PodVolumes } from './pod-volumes.js';
import type { Toleration } from './taints.js';

/** A compiled pod-affinity term (v1.PodAffinityTerm), namespaces resolved as kube-scheduler does. */
export interface PodAffinityTerm {
  /** The label selector, with matchLabelKeys / mismatchLabelKeys already merged in. */
  readonly selector: LabelSelector;
  /** Namespaces named by the term; the pod's own when neither list nor selector is given. */
  readonly namespaces: Int32Array;
  /** Namespaces selected by labels; SELECT_NOTHING when absent, everything for {}. */
  readonly namespaceSelector: LabelSelector;
  readonly topologyKey: Sym;
}

export interface WeightedPodAffinityTerm {
  readonly weight: number;
  readonly term: PodAffinityTerm;
}

export interface WeightedNodeSelectorTerm {
  readonly weight: number;
  readonly term: NodeSelectorTerm;
}

export const DO_NOT_SCHEDULE = 0;
export const SCHEDULE_ANYWAY = 1;

/** A compiled v1.TopologySpreadConstraint with its defaults filled in. */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: Sym;
  readonly whenUnsatisfiable: typeof DO_NOT_SCHEDULE | typeof SCHEDULE_ANYWAY;
  /** The selector with matchLabelKeys merged in (key In [pod's value]). */
  readonly selector: LabelSelector;
  /** Defaults to 1. */
  readonly minDomains: number;
  /** nodeAffinityPolicy Honor (the default): only nodes the pod's node affinity admits count. */
  readonly honorNodeAffinity: boolean;
  /** nodeTaintsPolicy Honor (default Ignore): only nodes whose taints the pod tolerates count. */
  readonly honorNodeTaints: boolean;
}

/**
 * spec.preemptionPolicy: whether the pod may preempt lower-priority pods when it fits
 * nowhere (kube's DefaultPreemption skips pods with Never: PodEligibleToPreemptOthers).
 */
export type PreemptionPolicy = 'PreemptLowerPriority' | 'Never';

/** The controller owning a pod (metadata.ownerReferences with controller: true). */
export interface OwnerRef {
  /** "apps/v1", "v1", ...; "" when the reference has none. */
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * A pod compiled for scheduling: strings interned, requests summed as kube-scheduler sums
 * them, selectors and terms compiled. Built once per pod, outside any scheduling cycle.
 */
export interface CompiledPod {
  readonly id: PodId;
  readonly name: string;
  readonly namespace: Sym;
  readonly labels: LabelSet;
  /** metadata.annotations as given (frozen; shared by the pods of one template). */
  readonly annotations: Readonly<Record<string, string>>;
  /** spec.priority, as the Priority admission plugin resolves it (see PriorityClasses.admit). */
  readonly priority: number;
  /** spec.priorityClassName after admission: the named class, the globalDefault class, or "". */
  readonly priorityClassName: string;
  /** spec.preemptionPolicy, or the pod's PriorityClass's; PreemptLowerPriority when neither says. */
  readonly preemptionPolicy: PreemptionPolicy;
  /**
   * Requests per resource dimension as kube-scheduler's NodeInfo counts the pod on its
   * node (resourcehelper.PodRequests with UseStatusResources: max(sum of containers,
   * each init container with the sidecars before it) + overhead, each container's
   * requests the larger of spec and status while an in-place resize is under way).
   * requests[PODS] is 1. Length is the resource table size at compile time; missing
   * dims are 0.
   */
  readonly requests: Float64Array;
  /** Requests with 100m CPU / 200Mi memory for containers that request none (NodeInfo's NonZeroRequested). */
  readonly nonZeroCpuMilli: number;
  readonly nonZeroMemBytes: number;
  /**
   * The same defaults as kube applies them to the pod being scored
   * (resource_allocation.go calculatePodResourceRequest); differs from nonZero* only for
   * pods with pod-level requests.
   */
  readonly scoreCpuMilli: number;
  readonly scoreMemBytes: number;
  /**
   * The same five numbers from the spec alone, or null when the pod's container
   * statuses change none of them (always, for a pod no kubelet has reported on).
   * kube-scheduler sizes the pod being scheduled this way in NodeResourcesFit's
   * PreFilter (computePodResourceRequest: "pod hasn't scheduled yet"), and a pod a
   * controller recreates starts from its spec (see withSpecResources).
   */
  readonly specResources: PodResources | null;
  /** spec.nodeName, NO_SYM when empty. */
  readonly nodeName: Sym;
  /** spec.nodeSelector as requirements (each `key In [value]`); null when absent. */
  readonly nodeSelector: NodeSelectorTerm | null;
  readonly requiredNodeAffinity: NodeSelector | null;
  readonly preferredNodeAffinity: readonly WeightedNodeSelectorTerm[];
  readonly tolerations: readonly Toleration[];
  readonly affinityRequired: readonly PodAffinityTerm[];
  readonly affinityPreferred: readonly WeightedPodAffinityTerm[];
  readonly antiAffinityRequired: readonly PodAffinityTerm[];
  readonly antiAffinityPreferred: readonly WeightedPodAffinityTerm[];
  readonly spread: readonly SpreadConstraint[];
  readonly hostPorts: readonly HostPort[];
  /** Normalized image names of init and regular containers, in spec order. */
  readonly images: readonly Sym[];
  /**
   * GPUs the pod asks for (openb / Alibaba GPU-sharing convention: annotations
   * alibabacloud.com/gpu-count, gpu-milli and gpu-card-model); NO_GPU when none.
   */
  readonly gpu: GpuRequest;
  /** Init plus regular containers, with or without an image (ImageLocality scales by it). */
  readonly containerCount: number;
  readonly owner: OwnerRef | null;
  /** metadata.deletionTimestamp is set. */
  readonly terminating: boolean;
  /**
   * The pod's first DisruptionTarget condition in status.conditions is True with reason
   * PreemptionByScheduler: the scheduler preempted it (with `terminating`, kube's
   * podTerminatingByPreemption, which DefaultPreemption's PodEligibleToPreemptOthers reads).
   */
  readonly preemptedByScheduler: boolean;
  /** spec.schedulingGates is not empty: the pod waits and is never attempted. */
  readonly gated: boolean;
  /** status.nominatedNodeName, NO_SYM when empty. */
  readonly nominatedNodeName: Sym;
  /** spec.volumes as the volume plugins read them (claims, exclusive disks); NO_VOLUMES for most pods. */
  readonly volumes: PodVolumes;
}

/**
 * What kube-scheduler derives from resourcehelper.PodRequests for one pod: the requests
 * and the non-zero (scoring) amounts of cpu and memory.
 */
export type PodResources = Pick<CompiledPod, 'requests' | 'nonZeroCpuMilli' | 'nonZeroMemBytes' | 'scoreCpuMilli' | 'scoreMemBytes'>;

/**
 * `pod` with the resources of its spec alone: what a replacement pod made from the same
 * template asks for (it has no container statuses yet), and how NodeResourcesFit's
 * PreFilter sizes a pod being scheduled. The pod itself when its status changes nothing.
 */
export function withSpecResources(pod: CompiledPod): CompiledPod {
  return pod.specResources === null ? pod : { ...pod, ...pod.specResources, specResources: null };
}
