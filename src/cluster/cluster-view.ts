import type { NodeId, PodId, Sym } from '../model/ids.js';
import type { LabelSet } from '../model/labels.js';
import type { ModelContext } from '../model/model-context.js';
import type { DisruptionStatus, EvictionVerdict, PodDisruptionBudget } from '../model/pod-disruption-budget.js';
import type { CompiledPod } from '../model/pod.js';
import type { HostPort } from '../model/ports.js';
import type { Effect, TaintList } from '../model/taints.js';
import type { GpuTableView } from './gpu-table-view.js';
import type { PodIndexesView } from './pod-indexes-view.js';
import type { StorageView } from './storage-view.js';

/**
 * The read-only cluster that plugins see during a cycle: typed arrays indexed by node id
 * (struct of arrays), plus lookups. Node ids are stable; removed nodes keep their id and
 * drop out of `nodeOrder`. By contract nothing here is written through the view.
 */
export interface ClusterView {
  readonly model: ModelContext;
  /** Node ids ever allocated (array rows); live nodes are those in nodeOrder. */
  readonly nodeCapacity: number;
  /** Live nodes in kube-scheduler's snapshot order (zones interleaved, see NodeOrder). */
  nodeOrder(): Int32Array;
  /** Number of live nodes. */
  readonly liveNodeCount: number;
  /** Resource dimensions per row of allocatable/requested. */
  readonly dims: number;
  /** allocatable[node * dims + r] */
  readonly allocatable: Float64Array;
  /** requested[node * dims + r]: sum of bound pods' requests; requested[.. + PODS] = pod count. */
  readonly requested: Float64Array;
  /** nonZeroRequested[node * 2 + 0] millicores, [node * 2 + 1] bytes: scoring defaults applied. */
  readonly nonZeroRequested: Float64Array;
  readonly unschedulable: Uint8Array;
  /**
   * Per node, bumped on every change to the node's row (resources, pods, labels, taints,
   * cordon). A result computed from a node's row alone stays valid while it is unchanged.
   */
  readonly generation: Int32Array;
  /**
   * Bumped whenever a node is added or removed or its labels, taints or cordon change
   * (not when pods are bound or unbound): results that depend on nodes alone stay valid
   * while it is unchanged.
   */
  readonly nodesVersion: number;
  /** Live nodes with spec.unschedulable. */
  readonly cordonedNodeCount: number;
  /** Live nodes with at least one taint of this effect. */
  taintedNodeCount(effect: Effect): number;
  /** Node name sym per node. */
  readonly nodeName: Int32Array;
  /** The node with this name, or -1. */
  nodeByName(name: Sym): NodeId | -1;
  /** A node's labels. */
  nodeLabels(node: NodeId): LabelSet;
  /**
   * The value of label `key` per node id (NO_SYM when absent), or null when no node has
   * the key. Fetch once per cycle; index it per node in the hot loop.
   */
  labelColumn(key: Sym): Int32Array | null;
  nodeTaints(node: NodeId): TaintList;
  /**
   * Size in bytes of image `name` when `node` holds it, or -1 when it does not. The size
   * is the cluster's one size for that name, as kube's scheduler cache keeps it: the one
   * reported by the first node that reported the image (imageStates), not the node's own.
   */
  imageSize(node: NodeId, name: Sym): number;
  /** How many live nodes have image `name`. */
  imageNodeCount(name: Sym): number;
  /** Host ports in use on a node. */
  usedHostPorts(node: NodeId): readonly HostPort[];
  /** Pods bound to a node. */
  podsOn(node: NodeId): readonly PodId[];
  /** A pod known to the cluster (bound or not), by id. */
  pod(id: PodId): CompiledPod;
  /** The node a pod is bound to, or -1. */
  nodeOf(id: PodId): NodeId | -1;
  /** Labels of a namespace (for namespaceSelector); empty when unknown. */
  namespaceLabels(ns: Sym): LabelSet;
  /** Known namespaces (syms), in the order they were registered. */
  namespaces(): readonly Sym[];
  /**
   * Incremental pod-to-pod indexes (matching-pod counts per node and topology domain,
   * existing pods' affinity terms) for InterPodAffinity and PodTopologySpread. Built on
   * first use, then kept up to date by every bind and unbind.
   */
  readonly podIndexes: PodIndexesView;
  /** Per-GPU state of every node (GPU-sharing model); empty for clusters without GPUs. */
  readonly gpus: GpuTableView;
  /** The PodDisruptionBudgets and the disruption controller's view of them. */
  readonly disruptionBudgets: DisruptionBudgetsView;
  /**
   * Claims, volumes, storage classes, CSI nodes and drivers, storage capacities, and the
   * bound pods using each claim, as kube-scheduler's informers and its snapshot's
   * StorageInfos show them to the volume plugins. A what-if overlay shows its base's: kube's
   * AddPod/RemovePod change no storage object, and the plugins follow a what-if's pods
   * through their PreFilter state (VolumeRestrictions' ReadWriteOncePod users).
   */
  readonly storage: StorageView;
}

/**
 * The cluster's PodDisruptionBudgets, read-only: which budgets select a pod, their status
 * as the disruption controller computes it from the current state, and the questions
 * preemption and node drains ask (see DisruptionBudgets for the kube sources).
 */
export interface DisruptionBudgetsView {
  readonly size: number;
  list(): readonly PodDisruptionBudget[];
  get(namespace: Sym, name: string): PodDisruptionBudget | null;
  /** Budgets selecting the pod (policy/v1 lister: an empty selector selects every pod of the namespace). */
  pdbsOf(pod: CompiledPod): readonly PodDisruptionBudget[];
  status(pdb: PodDisruptionBudget): DisruptionStatus;
  /** status(pdb).disruptionsAllowed: never negative. */
  disruptionsAllowed(pdb: PodDisruptionBudget): number;
  /** Preemption victims split as DefaultPreemption's filterPodsWithPDBViolation splits them. */
  splitByViolation(victims: readonly CompiledPod[]): { readonly violating: readonly CompiledPod[]; readonly nonViolating: readonly CompiledPod[] };
  /** Budgets that evicting all of `pods` at once would take below their desired healthy count. */
  violatedBy(pods: readonly CompiledPod[]): readonly PodDisruptionBudget[];
  /** Whether the eviction API would evict the pod now. */
  evictionVerdict(pod: CompiledPod): EvictionVerdict;
}
