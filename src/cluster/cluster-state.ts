import type { GpuRequest } from '../model/gpu-request.js';
import { gpuRequestOf } from '../model/gpu-request.js';
import { GPU_COUNT_RESOURCE, GPU_MODEL_LABEL } from '../model/gpu-resources.js';
import type { NodeId, PodId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { LabelSet } from '../model/labels.js';
import { EMPTY_LABELS, labelValue } from '../model/labels.js';
import type { ModelContext } from '../model/model-context.js';
import { synthesizedNamespaceLabels } from '../model/namespace.js';
import type { CompiledNode, NodeImage } from '../model/node.js';
import type { CompiledPod } from '../model/pod.js';
import type { HostPort } from '../model/ports.js';
import { PriorityClasses } from '../model/priority-class.js';
import type { Effect, TaintList } from '../model/taints.js';
import { NO_TAINTS } from '../model/taints.js';
import { WorkloadSet } from '../model/workloads.js';
import type { ClusterListener } from './cluster-listener.js';
import type { ClusterView } from './cluster-view.js';
import { mostFreeGpus, pickGpus } from './gpu-pick.js';
import { GpuTable } from './gpu-table.js';
import { DisruptionBudgets } from './disruption-budgets.js';
import { NodeOrder } from './node-order.js';
import { PodIndexes } from './pod-indexes.js';
import { StorageState } from './storage-state.js';

const NO_PODS: readonly PodId[] = [];
const NO_PORTS: readonly HostPort[] = [];

/**
 * The mutable cluster: nodes as rows of typed arrays (struct of arrays), bound pods, and
 * the small per-node tables plugins read. Only the simulator (or a harness) mutates it;
 * plugins get it as a ClusterView. bind and unbind are exact inverses and cost
 * O(resource dims + host ports + GPUs of the node + listeners' work), never a scan of
 * the cluster. GPUs (count from allocatable alibabacloud.com/gpu-count, model from the
 * alibabacloud.com/gpu-card-model label) are tracked per GPU in `gpus`.
 */
export class ClusterState implements ClusterView {
  readonly model: ModelContext;
  nodeCapacity = 0;
  dims: number;
  allocatable: Float64Array;
  requested: Float64Array;
  nonZeroRequested: Float64Array;
  unschedulable: Uint8Array;
  nodeName: Int32Array;
  /** Per node, bumped on every change of the node's row; for caches. */
  generation: Int32Array;
  /** 1 for a live node, 0 for a removed one. */
  live: Uint8Array;
  /** Services and controllers (system default spreading; controllers' scale for PDBs). */
  readonly workloads: WorkloadSet;
  /** Free milli-GPU per GPU of every node and the GPUs each bound pod holds. */
  readonly gpus = new GpuTable();
  /** PodDisruptionBudgets, their members kept current by bind and unbind. */
  readonly disruptionBudgets: DisruptionBudgets;
  /**
   * The cluster's PriorityClasses (the system classes at least), for compiling pods
   * that join this cluster as the Priority admission plugin would admit them.
   */
  priorityClasses = new PriorityClasses();
  /**
   * Claims, volumes, storage classes, CSI nodes and drivers, storage capacities, and the
   * bound pods using each claim (the volume plugins read it; see storage-view.ts).
   */
  readonly storage: StorageState;

  private rows = 0;
  private readonly labels: LabelSet[] = [];
  private readonly taints: TaintList[] = [];
  /** Per node, the image names it holds. */
  private readonly images: (Set<Sym> | null)[] = [];
  private readonly ports: HostPort[][] = [];
  private readonly podLists: PodId[][] = [];
  private readonly columns = new Map<Sym, Int32Array>();
  /** Per image name: how many live nodes hold it, and its size (see setImages). */
  private readonly imageNodes = new Map<Sym, number>();
  private readonly imageSizes = new Map<Sym, number>();
  private readonly byName = new Map<Sym, NodeId>();
  private readonly order: NodeOrder;
  private readonly pods: (CompiledPod | undefined)[] = [];
  private podNode = new Int32Array(64).fill(-1);
  private readonly nsLabels = new Map<Sym, LabelSet>();
  private readonly listeners: ClusterListener[] = [];
  /** Live cordoned nodes, and live nodes with at least one taint of each effect. */
  private cordoned = 0;
  private nodesVersionValue = 0;
  private readonly taintedByEffect = new Int32Array(4);
  private indexes: PodIndexes | null = null;

  constructor(model: ModelContext, initialNodes = 16) {
    this.model = model;
    this.workloads = new WorkloadSet(model);
    this.disruptionBudgets = new DisruptionBudgets(this, this.workloads);
    this.listeners.push(this.disruptionBudgets);
    this.storage = new StorageState(model.symbols);
    this.listeners.push(this.storage);
    this.order = new NodeOrder(model.symbols);
    this.dims = model.resources.size;
    const cap = Math.max(1, initialNodes);
    this.allocatable = new Float64Array(cap * this.dims);
    this.requested = new Float64Array(cap * this.dims);
    this.nonZeroRequested = new Float64Array(cap * 2);
    this.unschedulable = new Uint8Array(cap);
    this.nodeName = new Int32Array(cap);
    this.generation = new Int32Array(cap);
    this.live = new Uint8Array(cap);
    this.nodeCapacity = cap;
  }

  /** A state holding these nodes, in order. */
  static from(model: ModelContext, nodes: readonly CompiledNode[]): ClusterState {
    const s = new ClusterState(model, nodes.length);
    for (const n of nodes) s.addNode(n);
    return s;
  }

  /** Registers an incremental index; it is told about every later change. */
  addListener(l: ClusterListener): void {
    this.listeners.push(l);
  }

  /**
   * The pod indexes InterPodAffinity and PodTopologySpread read (topology domains,
   * counted terms, bound pods' affinity terms). Built on first use from the pods bound
   * so far, then kept current as a listener; profiles that never ask pay nothing.
   */
  get podIndexes(): PodIndexes {
    if (this.indexes === null) {
      this.indexes = new PodIndexes(this, this.workloads);
      this.addListener(this.indexes);
    }
    return this.indexes;
  }

  // ---- nodes -------------------------------------------------------------------------

  /** Adds a node and returns its id. Node names must be unique among live nodes. */
  addNode(n: CompiledNode): NodeId {
    this.nodesVersionValue++;
    if (this.byName.has(n.name)) throw new Error(`duplicate node name ${this.model.symbols.text(n.name)}`);
    this.syncDims();
    if (this.rows === this.nodeCapacity) this.grow(this.nodeCapacity * 2);
    const id = this.rows++ as NodeId;
    const base = id * this.dims;
    for (let r = 0; r < n.allocatable.length; r++) this.allocatable[base + r] = n.allocatable[r]!;
    this.unschedulable[id] = n.unschedulable ? 1 : 0;
    this.nodeName[id] = n.name;
    this.countNode(n.unschedulable ? 1 : 0, n.taints, +1);
    this.live[id] = 1;
    this.labels[id] = n.labels;
    this.taints[id] = n.taints;
    this.images[id] = null;
    this.ports[id] = [];
    this.podLists[id] = [];
    this.setImages(id, n.images);
    this.indexLabels(id, n.labels, +1);
    this.byName.set(n.name, id);
    this.gpus.addNode(id, this.gpuCountOf(n), labelValue(n.labels, this.model.symbols.lookup(GPU_MODEL_LABEL) ?? NO_SYM));
    this.order.add(id, n.labels);
    for (const l of this.listeners) l.nodeAdded?.(id, this);
    return id;
  }

  /** Removes a node; its bound pods are unbound first and returned. */
  removeNode(node: NodeId): PodId[] {
    this.nodesVersionValue++;
    this.assertLive(node);
    const evicted = [...this.podLists[node]!];
    for (const p of evicted) this.unbind(this.pod(p), node);
    for (const l of this.listeners) l.nodeRemoved?.(node, this);
    this.countNode(this.unschedulable[node]!, this.taints[node]!, -1);
    this.indexLabels(node, this.labels[node]!, -1);
    this.setImages(node, []);
    this.order.remove(node);
    this.byName.delete(this.nodeName[node] as Sym);
    this.gpus.removeNode(node);
    this.live[node] = 0;
    this.generation[node]++;
    return evicted;
  }

  /** Cordons or uncordons a node (spec.unschedulable). */
  setUnschedulable(node: NodeId, value: boolean): void {
    this.nodesVersionValue++;
    this.assertLive(node);
    this.countNode(this.unschedulable[node]!, NO_TAINTS, -1);
    this.unschedulable[node] = value ? 1 : 0;
    this.countNode(this.unschedulable[node]!, NO_TAINTS, +1);
    this.generation[node]++;
  }

  setTaints(node: NodeId, taints: TaintList): void {
    this.nodesVersionValue++;
    this.assertLive(node);
    this.countNode(0, this.taints[node]!, -1);
    this.taints[node] = taints;
    this.countNode(0, taints, +1);
    this.generation[node]++;
  }

  /** Replaces a node's labels, keeping label columns and listeners' indexes in step. */
  setLabels(node: NodeId, labels: LabelSet): void {
    this.nodesVersionValue++;
    this.assertLive(node);
    for (const l of this.listeners) l.nodeLabelsChanging?.(node, this);
    this.indexLabels(node, this.labels[node]!, -1);
    this.order.remove(node);
    this.labels[node] = labels;
    this.indexLabels(node, labels, +1);
    this.order.add(node, labels);
    this.generation[node]++;
    for (const l of this.listeners) l.nodeLabelsChanged?.(node, this);
  }

  // ---- pods --------------------------------------------------------------------------

  /**
   * Binds a pod to a node: adds its requests, ports and labels to the node's row and
   * gives a GPU pod its GPUs. `gpuMask` names them (bit i = the node's GPU i; it must
   * name req.count GPUs with room). Without it, or 0 (a placer without an opinion, see
   * Scheduler.placeGpus): the tightest fit (GpuSelection 'best'), else, when nothing fits
   * because the caller skipped the GPU filter, the GPUs with the most free milli-GPU,
   * overcommitted: binding never fails and unbind still undoes it. What-ifs never bind
   * and unbind here: they use an overlay view (OverlayView).
   */
  bind(pod: CompiledPod, node: NodeId, gpuMask?: number): void {
    this.assertLive(node);
    if (pod.id < this.podNode.length && this.podNode[pod.id] !== -1) {
      throw new Error(`pod ${pod.name} is already bound`);
    }
    const gpu = gpuRequestOf(pod);
    // Chosen (and checked) before anything changes, so a bad mask leaves the state as it was.
    const mask = gpu.count > 0 ? this.chooseGpus(pod, node, gpu, gpuMask) : 0;
    this.syncDims();
    this.ensurePodCapacity(pod.id);
    this.pods[pod.id] = pod;
    this.podNode[pod.id] = node;
    this.addRequests(pod, node, +1);
    if (gpu.count > 0) this.gpus.place(pod.id, node, gpu, mask);
    for (const hp of pod.hostPorts) this.ports[node]!.push(hp);
    this.podLists[node]!.push(pod.id);
    this.generation[node]++;
    for (const l of this.listeners) l.podBound?.(pod, node, this);
  }

  /** The exact inverse of bind. */
  unbind(pod: CompiledPod, node: NodeId): void {
    if (this.podNode[pod.id] !== node) throw new Error(`pod ${pod.name} is not bound to node ${node}`);
    this.addRequests(pod, node, -1);
    const gpu = gpuRequestOf(pod);
    if (gpu.count > 0) this.gpus.release(pod.id, node, gpu);
    const ports = this.ports[node]!;
    for (const hp of pod.hostPorts) ports.splice(ports.indexOf(hp), 1);
    const list = this.podLists[node]!;
    const i = list.indexOf(pod.id);
    list[i] = list[list.length - 1]!;
    list.pop();
    this.podNode[pod.id] = -1;
    this.generation[node]++;
    for (const l of this.listeners) l.podUnbound?.(pod, node, this);
  }

  /** Registers namespace labels (for pod-affinity namespaceSelector). */
  setNamespace(ns: Sym, labels: LabelSet): void {
    this.nsLabels.set(ns, labels);
  }

  /**
   * Makes sure a namespace exists: one that is not known yet is added with the only label
   * the API server gives every namespace (`kubernetes.io/metadata.name: <name>`), as if
   * its Namespace object had been created bare; a known one is left as it is. Every
   * namespace a pod uses exists in a real cluster, so namespaceSelector terms see it.
   */
  ensureNamespace(ns: Sym): void {
    if (!this.nsLabels.has(ns)) this.nsLabels.set(ns, synthesizedNamespaceLabels(ns, this.model.symbols));
  }

  // ---- ClusterView -------------------------------------------------------------------

  get nodesVersion(): number {
    return this.nodesVersionValue;
  }

  get cordonedNodeCount(): number {
    return this.cordoned;
  }

  taintedNodeCount(effect: Effect): number {
    return this.taintedByEffect[effect]!;
  }

  nodeOrder(): Int32Array {
    return this.order.list();
  }

  get liveNodeCount(): number {
    return this.order.size;
  }

  nodeByName(name: Sym): NodeId | -1 {
    return this.byName.get(name) ?? -1;
  }

  nodeLabels(node: NodeId): LabelSet {
    return this.labels[node] ?? EMPTY_LABELS;
  }

  labelColumn(key: Sym): Int32Array | null {
    return this.columns.get(key) ?? null;
  }

  nodeTaints(node: NodeId): TaintList {
    return this.taints[node] ?? NO_TAINTS;
  }

  imageSize(node: NodeId, name: Sym): number {
    return this.images[node]?.has(name) === true ? this.imageSizes.get(name)! : -1;
  }

  imageNodeCount(name: Sym): number {
    return this.imageNodes.get(name) ?? 0;
  }

  usedHostPorts(node: NodeId): readonly HostPort[] {
    return this.ports[node] ?? NO_PORTS;
  }

  podsOn(node: NodeId): readonly PodId[] {
    return this.podLists[node] ?? NO_PODS;
  }

  pod(id: PodId): CompiledPod {
    const p = this.pods[id];
    if (p === undefined) throw new Error(`unknown pod id ${id}`);
    return p;
  }

  nodeOf(id: PodId): NodeId | -1 {
    return id < this.podNode.length ? (this.podNode[id] as NodeId | -1) : -1;
  }

  namespaceLabels(ns: Sym): LabelSet {
    return this.nsLabels.get(ns) ?? EMPTY_LABELS;
  }

  namespaces(): readonly Sym[] {
    return [...this.nsLabels.keys()];
  }

  // ---- internals ---------------------------------------------------------------------

  /** Widens every row when new resource dimensions were interned since the last call. */
  syncDims(): void {
    const want = this.model.resources.size;
    if (want === this.dims) return;
    const relayout = (old: Float64Array) => {
      const next = new Float64Array(this.nodeCapacity * want);
      for (let n = 0; n < this.rows; n++) next.set(old.subarray(n * this.dims, (n + 1) * this.dims), n * want);
      return next;
    };
    this.allocatable = relayout(this.allocatable);
    this.requested = relayout(this.requested);
    this.dims = want;
  }

  /** The GPUs bind gives a GPU pod (see bind). */
  private chooseGpus(pod: CompiledPod, node: NodeId, req: GpuRequest, gpuMask: number | undefined): number {
    const gpus = this.gpus;
    if (gpuMask !== undefined && gpuMask !== 0) {
      if (!gpus.maskFits(node, req, gpuMask)) {
        throw new Error(`pod ${pod.name}: GPU mask ${gpuMask.toString(2)} does not name ${req.count} GPU(s) of node ${node} with ${req.milliPerGpu} milli free`);
      }
      return gpuMask;
    }
    const best = pickGpus(gpus, node, req, 'best');
    return best !== 0 ? best : mostFreeGpus(gpus, node, req.count);
  }

  /** GPUs on a node: its allocatable alibabacloud.com/gpu-count (0 when absent). */
  private gpuCountOf(n: CompiledNode): number {
    const dim = this.model.resources.lookup(GPU_COUNT_RESOURCE);
    return dim !== undefined && dim < n.allocatable.length ? n.allocatable[dim]! : 0;
  }

  private addRequests(pod: CompiledPod, node: NodeId, sign: 1 | -1): void {
    const base = node * this.dims;
    const req = pod.requests;
    for (let r = 0; r < req.length; r++) this.requested[base + r] += sign * req[r]!;
    this.nonZeroRequested[node * 2] += sign * pod.nonZeroCpuMilli;
    this.nonZeroRequested[node * 2 + 1] += sign * pod.nonZeroMemBytes;
  }

  /** Adds (+1) or removes (-1) a node's contribution to the cordon and taint counters. */
  private countNode(unschedulable: number, taints: TaintList, sign: 1 | -1): void {
    this.cordoned += sign * unschedulable;
    let seen = 0;
    for (let i = 2; i < taints.length; i += 3) {
      const bit = 1 << taints[i]!;
      if ((seen & bit) === 0) {
        seen |= bit;
        this.taintedByEffect[taints[i]!] += sign;
      }
    }
  }

  /**
   * Replaces a node's images, keeping the cluster-wide image table as kube's scheduler
   * cache keeps imageStates (pkg/scheduler/backend/cache addNodeImageStates /
   * removeNodeImageStates): one entry per image name with the set of nodes holding it
   * and the size reported by the node that created the entry; the entry goes when its
   * last node does. Within one node the first entry naming an image counts.
   */
  private setImages(node: NodeId, images: readonly NodeImage[]): void {
    const old = this.images[node];
    if (old) {
      for (const name of old) {
        const left = this.imageNodes.get(name)! - 1;
        if (left > 0) {
          this.imageNodes.set(name, left);
        } else {
          this.imageNodes.delete(name);
          this.imageSizes.delete(name);
        }
      }
    }
    if (images.length === 0) {
      this.images[node] = null;
      return;
    }
    const names = new Set<Sym>();
    for (const img of images) {
      if (names.has(img.name)) continue;
      names.add(img.name);
      const holders = this.imageNodes.get(img.name) ?? 0;
      if (holders === 0) this.imageSizes.set(img.name, img.sizeBytes);
      this.imageNodes.set(img.name, holders + 1);
    }
    this.images[node] = names;
  }

  private indexLabels(node: NodeId, labels: LabelSet, sign: 1 | -1): void {
    for (let i = 0; i < labels.length; i += 2) {
      const key = labels[i] as Sym;
      let col = this.columns.get(key);
      if (col === undefined) {
        col = new Int32Array(this.nodeCapacity).fill(NO_SYM);
        this.columns.set(key, col);
      }
      col[node] = sign > 0 ? labels[i + 1]! : NO_SYM;
    }
  }

  private grow(cap: number): void {
    const f64 = (a: Float64Array, w: number) => { const b = new Float64Array(cap * w); b.set(a); return b; };
    const u8 = (a: Uint8Array) => { const b = new Uint8Array(cap); b.set(a); return b; };
    const i32 = (a: Int32Array, fill = 0) => { const b = new Int32Array(cap).fill(fill); b.set(a); return b; };
    this.allocatable = f64(this.allocatable, this.dims);
    this.requested = f64(this.requested, this.dims);
    this.nonZeroRequested = f64(this.nonZeroRequested, 2);
    this.unschedulable = u8(this.unschedulable);
    this.live = u8(this.live);
    this.nodeName = i32(this.nodeName);
    this.generation = i32(this.generation);
    for (const [k, col] of this.columns) this.columns.set(k, i32(col, NO_SYM));
    this.nodeCapacity = cap;
  }

  private ensurePodCapacity(id: number): void {
    if (id < this.podNode.length) return;
    let cap = this.podNode.length;
    while (cap <= id) cap *= 2;
    const next = new Int32Array(cap).fill(-1);
    next.set(this.podNode);
    this.podNode = next;
  }

  private assertLive(node: NodeId): void {
    if (node < 0 || node >= this.rows || this.live[node] !== 1) throw new Error(`node ${node} is not a live node`);
  }
}
