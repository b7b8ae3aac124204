import type { NodeId, PodId, Sym } from '../model/ids.js';
import { gpuRequestOf } from '../model/gpu-request.js';
import type { LabelSet } from '../model/labels.js';
import type { ModelContext } from '../model/model-context.js';
import type { CompiledPod } from '../model/pod.js';
import type { HostPort } from '../model/ports.js';
import type { Effect, TaintList } from '../model/taints.js';
import type { ClusterView, DisruptionBudgetsView } from './cluster-view.js';
import { mostFreeGpus, pickGpus } from './gpu-pick.js';
import { GpuTable } from './gpu-table.js';
import type { GpuTableView } from './gpu-table-view.js';
import type { PodIndexesView } from './pod-indexes-view.js';
import type { StorageView } from './storage-view.js';

/**
 * A what-if over a cluster view: one node (the focus) with some pods added and some of
 * its bound pods removed, everything else as the base view has it. It does the job of
 * kube's NodeInfo.Snapshot() plus AddPod/RemovePod for the node-local data plugins read
 * in Filter (requested resources, non-zero requests, pod count, host ports, GPUs, the
 * pods on the node, where a pod is bound), without touching the base: the live state is
 * never changed by a what-if.
 *
 * Cluster-wide pod indexes are not overlaid: a plugin whose PreFilter reads bound pods
 * updates its PreFilter state through its addPod/removePod hooks instead (kube's
 * PreFilterExtensions), so reading podIndexes here is a bug and throws.
 *
 * Cost: begin() copies the base's per-node rows once (O(nodes x dims), reused buffers);
 * focus() restores the previous focus's row and is O(dims + pods of the node); add and
 * remove are O(dims + ports + GPUs of the node).
 */
export class OverlayView implements ClusterView {
  private base: ClusterView | null = null;
  private focusNode = -1;
  requested: Float64Array = new Float64Array(0);
  nonZeroRequested: Float64Array = new Float64Array(0);
  generation: Int32Array = new Int32Array(0);
  private readonly gpuScratch = new GpuTable();
  private gpusInUse: GpuTable | null = null;
  /** Pods added to the focus, in the order added. */
  private readonly added: CompiledPod[] = [];
  /** Bound pods of the focus taken off it. */
  private readonly removed = new Set<PodId>();
  /**
   * GPUs (bitmask) of every pod the overlay moved: what an added pod holds now, what a
   * removed pod held last (adding it back within the what-if restores them when still
   * free: the pod never left in reality, and undo must be exact).
   */
  private readonly gpuMasks = new Map<PodId, number>();
  private podList: PodId[] = [];
  private ports: HostPort[] = [];

  /** Starts what-ifs over `base`: copies its per-node rows; no node is in focus yet. */
  begin(base: ClusterView): void {
    this.base = base;
    this.focusNode = -1;
    this.requested = copyInto(this.requested, base.requested);
    this.nonZeroRequested = copyInto(this.nonZeroRequested, base.nonZeroRequested);
    this.generation = copyInto(this.generation, base.generation);
    this.gpusInUse = null;
    this.clearChanges();
  }

  /** Puts `node` in focus with no change yet; the previous focus's row is the base's again. */
  focus(node: NodeId): void {
    const base = this.view();
    if (this.focusNode >= 0) this.restoreRow(this.focusNode as NodeId);
    this.clearChanges();
    this.focusNode = node;
    this.podList = [...base.podsOn(node)];
    this.ports = [...base.usedHostPorts(node)];
    // A distinct generation, so nothing cached against the base's row is taken for this one.
    this.generation[node] = base.generation[node]! + 1;
  }

  /** The node in focus. */
  get node(): NodeId {
    if (this.focusNode < 0) throw new Error('OverlayView: no node in focus');
    return this.focusNode as NodeId;
  }

  /** Adds `pod` to the focus (it is pending in the base, or was removed from the focus before). */
  add(pod: CompiledPod): void {
    const node = this.node;
    const wasRemoved = this.removed.delete(pod.id);
    if (!wasRemoved) {
      if (this.base!.nodeOf(pod.id) !== -1 || this.added.some((p) => p.id === pod.id)) {
        throw new Error(`OverlayView: pod ${pod.name} is already bound`);
      }
      this.added.push(pod);
    }
    const gpu = gpuRequestOf(pod);
    let mask = 0;
    if (gpu.count > 0) {
      const gpus = this.ownGpus();
      // A pod the what-if removed goes back on its GPUs when still free; otherwise as
      // ClusterState.bind chooses without a placer: the tightest fit, else the most free.
      const previous = this.gpuMasks.get(pod.id) ?? 0;
      mask = previous !== 0 && gpus.maskFits(node, gpu, previous) ? previous : pickGpus(gpus, node, gpu, 'best');
      if (mask === 0) mask = mostFreeGpus(gpus, node, gpu.count);
      this.gpuMasks.set(pod.id, mask);
    }
    this.apply(pod, node, +1, mask);
  }

  /** Removes `pod` from the focus (bound there in the base, or added before). */
  remove(pod: CompiledPod): void {
    const node = this.node;
    const i = this.added.findIndex((p) => p.id === pod.id);
    if (i >= 0) {
      this.added.splice(i, 1);
    } else {
      if (this.view().nodeOf(pod.id) !== node || this.removed.has(pod.id)) {
        throw new Error(`OverlayView: pod ${pod.name} is not on the node in focus`);
      }
      this.removed.add(pod.id);
    }
    const mask = this.gpuMasks.get(pod.id) ?? this.view().gpus.gpusOf(pod.id);
    if (mask !== 0) this.gpuMasks.set(pod.id, mask);
    this.apply(pod, node, -1, mask);
  }

  /** The GPUs (bitmask) `pod` holds in the what-if: as in the base unless the overlay moved it. */
  gpusOf(pod: PodId): number {
    if (this.removed.has(pod)) return 0;
    return this.gpuMasks.get(pod) ?? this.view().gpus.gpusOf(pod);
  }

  // ---- ClusterView: what the overlay changes ----------------------------------------

  podsOn(node: NodeId): readonly PodId[] {
    return node === this.focusNode ? this.podList : this.view().podsOn(node);
  }

  usedHostPorts(node: NodeId): readonly HostPort[] {
    return node === this.focusNode ? this.ports : this.view().usedHostPorts(node);
  }

  nodeOf(id: PodId): NodeId | -1 {
    if (this.removed.has(id)) return -1;
    if (this.added.some((p) => p.id === id)) return this.focusNode as NodeId;
    return this.view().nodeOf(id);
  }

  pod(id: PodId): CompiledPod {
    return this.added.find((p) => p.id === id) ?? this.view().pod(id);
  }

  get gpus(): GpuTableView {
    return this.gpusInUse ?? this.view().gpus;
  }

  get podIndexes(): PodIndexesView {
    throw new Error('OverlayView has no pod indexes: a PreFilter state follows a what-if through the plugin\'s addPod/removePod');
  }

  // ---- ClusterView: the base's ---------------------------------------------------------

  get model(): ModelContext { return this.view().model; }
  get nodeCapacity(): number { return this.view().nodeCapacity; }
  nodeOrder(): Int32Array { return this.view().nodeOrder(); }
  get liveNodeCount(): number { return this.view().liveNodeCount; }
  get dims(): number { return this.view().dims; }
  get allocatable(): Float64Array { return this.view().allocatable; }
  get unschedulable(): Uint8Array { return this.view().unschedulable; }
  get nodesVersion(): number { return this.view().nodesVersion; }
  get cordonedNodeCount(): number { return this.view().cordonedNodeCount; }
  taintedNodeCount(effect: Effect): number { return this.view().taintedNodeCount(effect); }
  get nodeName(): Int32Array { return this.view().nodeName; }
  nodeByName(name: Sym): NodeId | -1 { return this.view().nodeByName(name); }
  nodeLabels(node: NodeId): LabelSet { return this.view().nodeLabels(node); }
  labelColumn(key: Sym): Int32Array | null { return this.view().labelColumn(key); }
  nodeTaints(node: NodeId): TaintList { return this.view().nodeTaints(node); }
  imageSize(node: NodeId, name: Sym): number { return this.view().imageSize(node, name); }
  imageNodeCount(name: Sym): number { return this.view().imageNodeCount(name); }
  namespaceLabels(ns: Sym): LabelSet { return this.view().namespaceLabels(ns); }
  namespaces(): readonly Sym[] { return this.view().namespaces(); }
  get disruptionBudgets(): DisruptionBudgetsView { return this.view().disruptionBudgets; }
  /** The base's storage: a what-if adds and removes pods, never claims or volumes (see ClusterView.storage). */
  get storage(): StorageView { return this.view().storage; }

  // ---- internals ---------------------------------------------------------------------

  private view(): ClusterView {
    if (this.base === null) throw new Error('OverlayView: begin() first');
    return this.base;
  }

  /** The pod's requests, ports, GPUs and id on or off the focus row (as ClusterState.bind / unbind). */
  private apply(pod: CompiledPod, node: NodeId, sign: 1 | -1, gpuMask: number): void {
    const dims = this.view().dims;
    const row = node * dims;
    const req = pod.requests;
    for (let r = 0; r < req.length && r < dims; r++) this.requested[row + r] += sign * req[r]!;
    this.nonZeroRequested[node * 2] += sign * pod.nonZeroCpuMilli;
    this.nonZeroRequested[node * 2 + 1] += sign * pod.nonZeroMemBytes;
    if (sign > 0) {
      for (const hp of pod.hostPorts) this.ports.push(hp);
      this.podList.push(pod.id);
    } else {
      for (const hp of pod.hostPorts) this.ports.splice(this.ports.indexOf(hp), 1);
      this.podList.splice(this.podList.indexOf(pod.id), 1);
    }
    const gpu = gpuRequestOf(pod);
    if (gpu.count > 0 && gpuMask !== 0) this.ownGpus().adjust(node, gpu, gpuMask, sign > 0 ? -1 : 1);
    this.generation[node]++;
  }

  /** The overlay's own GPU table, copied from the base on first need in a focus. */
  private ownGpus(): GpuTable {
    if (this.gpusInUse === null) {
      this.gpuScratch.copyNodesFrom(this.view().gpus);
      this.gpusInUse = this.gpuScratch;
    }
    return this.gpusInUse;
  }

  private restoreRow(node: NodeId): void {
    const base = this.view();
    const dims = base.dims;
    this.requested.set(base.requested.subarray(node * dims, (node + 1) * dims), node * dims);
    this.nonZeroRequested.set(base.nonZeroRequested.subarray(node * 2, node * 2 + 2), node * 2);
    this.generation[node] = base.generation[node]!;
  }

  private clearChanges(): void {
    this.added.length = 0;
    this.removed.clear();
    this.gpuMasks.clear();
    this.gpusInUse = null;
  }
}

/** `from`'s contents in `into` (reused when the lengths match). */
function copyInto<T extends Float64Array | Int32Array>(into: T, from: T): T {
  if (into.length !== from.length) return from.slice() as T;
  (into as Float64Array).set(from as Float64Array);
  return into;
}
