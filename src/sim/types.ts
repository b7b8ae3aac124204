import type { ClusterState } from '../cluster/cluster-state.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import type { Scheduler } from '../framework/scheduler.js';
import type { Diagnosis, RandomSource } from '../framework/types.js';
import type { NodeId, PodId } from '../model/ids.js';
import type { CompiledNode } from '../model/node.js';
import type { PersistentVolume } from '../model/persistent-volume.js';
import type { PersistentVolumeClaim } from '../model/persistent-volume-claim.js';
import type { CompiledPod } from '../model/pod.js';

/**
 * A pod entering the simulation: created at `atS` (simulated seconds) and queued for
 * scheduling. Arrivals are given sorted by time.
 */
export interface PodArrival {
  readonly atS: number;
  readonly pod: CompiledPod;
  /** How long the pod runs once bound, in simulated seconds; null: until the end of the run. */
  readonly durationS: number | null;
  /**
   * Whether a controller recreates the pod when it is evicted, preempted or loses its
   * node (a ReplicaSet's pod, for example). When absent, derived from pod.owner.kind
   * (see isReplicatedOwner).
   */
  readonly replicated?: boolean;
  /**
   * The Job this pod belongs to, for the Job controller's parallelism: at most
   * `parallelism` pods of the group (same `key`; every arrival of a key must give the
   * same parallelism) are active, i.e. created and not finished, at once. A later
   * arrival waits, in arrival order, and is created when an active pod of its group
   * completes or is deleted without a replacement: its creation (arrival time, counts,
   * record, onArrive) happens then, at max(atS, that time). A pending pod, gated or not,
   * is active: it holds its slot. An evicted or preempted pod of a group is not
   * recreated unless `replicated` is true; without it the pod counts as failed and its
   * slot goes to the next held pod, so the Job ends one completion short. (kube's Job
   * controller counts the pod failed and creates a replacement, up to backoffLimit,
   * default 6, failures and after a growing failure backoff; `replicated: true` models
   * that as an immediate replacement, without a limit, which keeps the slot.) Absent:
   * no limit.
   */
  readonly group?: { readonly key: string; readonly parallelism: number };
}

/** What happens to a node at a simulated time. */
export type NodeEventKind = 'add' | 'fail' | 'recover' | 'drain';

/**
 * A change to the cluster's nodes at `atS`:
 *   add     - a new node joins (`node` must be a CompiledNode);
 *   fail    - the node stops reporting: the node lifecycle controller taints it
 *             node.kubernetes.io/unreachable with NoSchedule and NoExecute, and the taint
 *             manager evicts its pods as their tolerations allow;
 *   recover - the failure taints are removed (and a drained node is uncordoned);
 *   drain   - `kubectl drain`: cordon, then evict every pod on the node.
 * `node` names the node by id or by a CompiledNode with the node's name.
 */
export interface NodeEvent {
  readonly atS: number;
  readonly kind: NodeEventKind;
  readonly node: CompiledNode | NodeId;
}

/** Why a bound pod left its node before completing. */
export type EvictionReason = 'preempted' | 'node-failure' | 'drain';

/**
 * Notified of what happens during a run (metrics collectors implement this). Observers
 * see the cluster but must not change it: metrics never steer the run.
 */
export interface SimObserver {
  onArrive?(pod: CompiledPod, atS: number): void;
  onBind?(pod: CompiledPod, node: NodeId, atS: number, view: ClusterView): void;
  /**
   * VolumeBinding's Reserve and PreBind bound the pod's unbound WaitForFirstConsumer
   * claims for `node`, right before the pod is bound there (onBind follows): `claims` as
   * they are now, each bound to its volume; `provisioned` the volumes made for those that
   * had no matching volume (the others were bound to existing ones). Called only when at
   * least one claim was bound (see the simulator's volumeBindingBindsClaims).
   */
  onVolumesBound?(pod: CompiledPod, node: NodeId, claims: readonly PersistentVolumeClaim[], provisioned: readonly PersistentVolume[], atS: number, view: ClusterView): void;
  /**
   * A scheduling attempt failed. diagnosis.unresolvable and nodeCount are always exact;
   * its reasons and kube's FitError message are built only for the attempts
   * SimOptions.explainFailures selects (isExplained(diagnosis) tells which).
   */
  onUnschedulable?(pod: CompiledPod, diagnosis: Diagnosis, atS: number): void;
  /** A preemptor was nominated to `node` after `victims` were chosen (before they are evicted). */
  onPreempt?(preemptor: CompiledPod, node: NodeId, victims: readonly PodId[], atS: number): void;
  onEvict?(pod: CompiledPod, node: NodeId, reason: EvictionReason, atS: number): void;
  /** A controller recreated a deleted pod as `replacement` (a new id, the same spec). */
  onRecreate?(deleted: CompiledPod, replacement: CompiledPod, atS: number): void;
  onComplete?(pod: CompiledPod, node: NodeId, atS: number): void;
  /** One scheduling cycle finished; wallNs is the measured wall-clock time of the cycle. */
  onCycle?(pod: CompiledPod, bound: boolean, wallNs: number, atS: number): void;
  onSample?(sample: ClusterSample): void;
}

/** Everything one run needs. `state` is mutated by the run. */
export interface SimInput {
  /** The cluster at time 0; pods already bound in it count as running from time 0. */
  readonly state: ClusterState;
  readonly scheduler: Scheduler;
  /** Sorted by atS. Arrivals after endS never happen. */
  readonly arrivals: readonly PodArrival[];
  /** Sorted by atS. */
  readonly nodeEvents?: readonly NodeEvent[];
  /** The run stops after every event at or before endS (simulated seconds). */
  readonly endS: number;
  /** Preemption's random candidate offset (kube's rand.Int31n); a named stream of the run's seed. */
  readonly rng: RandomSource;
  readonly observers?: readonly SimObserver[];
}

/**
 * How a pod incarnation ended (or stands at the end of the run):
 *   running   - bound at endS;
 *   completed - ran for its duration and finished;
 *   pending   - never bound, or waiting again; see lastDiagnosis;
 *   preempted - deleted to make room for a higher-priority pod;
 *   evicted   - deleted by node failure (NoExecute taint) or drain.
 * A preempted or evicted pod with `replacedBy` set was recreated by its controller.
 */
export type PodOutcome = 'running' | 'completed' | 'pending' | 'preempted' | 'evicted';

/**
 * What happened to one pod incarnation (one pod id). A replicated pod that is deleted
 * is recreated with a new id, so one workload pod can span several records, linked by
 * replacementOf / replacedBy and sharing workloadPodId.
 */
export interface PodRecord {
  readonly podId: PodId;
  readonly name: string;
  /** The pod id of the first incarnation (the arrival, or the pod bound at time 0). */
  readonly workloadPodId: PodId;
  /** The incarnation this one replaces, or -1. */
  readonly replacementOf: PodId | -1;
  /** The incarnation that replaced this one, or -1. */
  readonly replacedBy: PodId | -1;
  /** When this incarnation was created (its arrival or its recreation). */
  readonly arrivalS: number;
  readonly firstAttemptS: number | null;
  /** When this incarnation was bound (null: never). */
  readonly bindS: number | null;
  /** When it completed or was deleted (null: still running or pending at the end). */
  readonly endS: number | null;
  /** Name of the node it was bound to, or null. */
  readonly node: string | null;
  /** Scheduling cycles this incarnation went through. */
  readonly attempts: number;
  readonly outcome: PodOutcome;
  /**
   * kube's FitError message of the last failed attempt whose reasons were collected
   * (SimOptions.explainFailures: by default the incarnation's first failed attempt, or
   * every one), or why the pod is never attempted (gated, terminating); null if none.
   */
  readonly lastDiagnosis: string | null;
  /** Preemptions of this workload pod so far, counting earlier incarnations. */
  readonly preemptedCount: number;
  /** Evictions (node failure, drain) of this workload pod so far, counting earlier incarnations. */
  readonly evictedCount: number;
}

/**
 * Counts of workload pods (one per arrival or initial pod, whatever incarnation it is
 * in). Invariant: arrived = running + pending + completed + failed.
 */
export interface PodCounts {
  readonly arrived: number;
  readonly running: number;
  readonly pending: number;
  readonly completed: number;
  /** Preempted or evicted and not recreated (no controller). */
  readonly failed: number;
  /** Incarnations deleted and recreated by a controller (not workload pods). */
  readonly replaced: number;
}

/** The cluster at the end of simulated second `atS` (after every event at atS). */
export interface ClusterSample extends PodCounts {
  readonly atS: number;
  readonly liveNodes: number;
  /** Sum of bound pods' requests over live nodes, per resource dimension. */
  readonly requested: Float64Array;
  /** Sum of allocatable over live nodes, per resource dimension. */
  readonly allocatable: Float64Array;
  /** milli-GPU of all GPUs of live nodes (GPU-sharing model), and how much of it is free. */
  readonly gpuMilliTotal: number;
  readonly gpuMilliFree: number;
  /** requested / allocatable CPU per node id (NaN: no such node or no CPU); null when disabled. */
  readonly nodeCpuUtilization: Float32Array | null;
  /** requested / allocatable memory per node id; null when disabled. */
  readonly nodeMemUtilization: Float32Array | null;
}

/** What a run produced. Everything but `cycleNs` is a pure function of the inputs. */
export interface SimResult {
  /** One record per pod incarnation, by pod id. */
  readonly pods: readonly PodRecord[];
  readonly samples: readonly ClusterSample[];
  readonly counts: PodCounts;
  /** Wall-clock nanoseconds of each scheduling cycle, in cycle order (not deterministic). */
  readonly cycleNs: Float64Array;
  readonly cycles: number;
  /** Preemptions carried out (a preemptor nominated, its victims deleted). */
  readonly preemptions: number;
  /** Pods deleted as preemption victims. */
  readonly preemptedPods: number;
  /**
   * Preemption victims whose deletion took a PodDisruptionBudget below zero allowed
   * disruptions (DefaultPreemption's filterPodsWithPDBViolation over the chosen victims).
   */
  readonly pdbViolatingVictims: number;
  /** Pods deleted by node failure or drain. */
  readonly evictedPods: number;
  /** Eviction requests of drains that a PodDisruptionBudget refused (each retried later). */
  readonly drainEvictionsRefused: number;
  /**
   * Arrivals due at or before endS that were still held back by their Job's parallelism
   * at the end (PodArrival.group): never created, so not in `counts` or `pods`.
   */
  readonly heldArrivals: number;
  /** Events taken off the event queue. */
  readonly events: number;
  readonly endS: number;
}

/**
 * The events of the simulation, ordered by (time, insertion sequence) in the EventQueue.
 * Events that refer to a bound pod or a failed node carry the epoch they were created
 * in; a later bind/unbind or recovery makes them stale, and they are then ignored.
 */
export type SimEvent =
  | { readonly kind: 'arrive'; readonly index: number }
  | { readonly kind: 'complete'; readonly pod: PodId; readonly bindEpoch: number }
  | { readonly kind: 'node-add'; readonly index: number }
  | { readonly kind: 'node-fail'; readonly index: number }
  | { readonly kind: 'node-recover'; readonly index: number }
  | { readonly kind: 'node-drain'; readonly index: number }
  | { readonly kind: 'taint-evict'; readonly pod: PodId; readonly bindEpoch: number; readonly outage: number }
  /** A drain's eviction of a pod that a PodDisruptionBudget refused, tried again. */
  | { readonly kind: 'drain-retry'; readonly pod: PodId; readonly bindEpoch: number }
  | { readonly kind: 'backoff-expire' }
  | { readonly kind: 'flush-unschedulable' }
  | { readonly kind: 'schedule' };
