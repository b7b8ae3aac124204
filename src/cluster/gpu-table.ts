import type { ClusterView } from './cluster-view.js';
import type { GpuTableView } from './gpu-table-view.js';
import type { NodeId, PodId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { GpuRequest } from '../model/gpu-request.js';
import { isSharedGpu } from '../model/gpu-request.js';
import { MAX_GPUS_PER_NODE, MILLI_PER_GPU } from '../model/gpu-resources.js';

/**
 * The kinds of GPU pod GpuClustering groups by (the artifact's "GPU affinity"): kind 0
 * is a shared GPU, kind k (1..MAX_GPUS_PER_NODE) is k whole GPUs.
 */
export const GPU_POD_KINDS = MAX_GPUS_PER_NODE + 1;

/** A GPU pod's kind: 0 for a shared GPU, else its number of whole GPUs. */
export function gpuPodKind(req: GpuRequest): number {
  return isSharedGpu(req) ? 0 : req.count;
}

/**
 * The per-node column that decides whether `req` fits a node (GpuTableView.fits): a
 * node fits when its value is at least gpuFitLeast(req). Whole GPUs need that many GPUs
 * entirely free; a shared GPU (count 1) needs its share free on the roomiest GPU. A batch
 * check reads the column once per pod instead of asking node by node.
 */
export function gpuFitColumn(gpus: GpuTableView, req: GpuRequest): Int32Array {
  return req.milliPerGpu === MILLI_PER_GPU ? gpus.fullyFree : gpus.maxFreeMilli;
}

/** The least value of gpuFitColumn(gpus, req) at a node `req` fits. */
export function gpuFitLeast(req: GpuRequest): number {
  return req.milliPerGpu === MILLI_PER_GPU ? req.count : req.milliPerGpu;
}

/**
 * Per-GPU state of every node, struct of arrays: free milli-GPU of each GPU (a node's
 * GPUs are consecutive in `freeMilli`), per-node totals kept in step, and which GPUs each
 * bound pod holds (a bitmask over its node's GPUs). ClusterState owns one and changes it
 * only inside bind and unbind, which also bump the node's generation, so results cached
 * by generation see every GPU change. Plugins read it through gpuTableOf(view).
 */
export class GpuTable implements GpuTableView {
  /** GPUs per node. */
  count = new Int32Array(0);
  /** GPU model (sym) per node; NO_SYM for a node without GPUs. */
  model = new Int32Array(0);
  /** Index in `freeMilli` of the node's first GPU. */
  offset = new Int32Array(0);
  /** Free milli-GPU per GPU (0..1000); may go negative only when bind overcommits. */
  freeMilli = new Int32Array(0);
  /** Per node: free milli-GPU summed over its GPUs. */
  freeMilliTotal = new Int32Array(0);
  /** Per node: GPUs with all 1000 milli-GPU free. */
  fullyFree = new Int32Array(0);
  /** Per node: the most free milli-GPU on any one of its GPUs (0 without GPUs). */
  maxFreeMilli = new Int32Array(0);
  /** kindCount[node * GPU_POD_KINDS + kind]: bound GPU pods of each kind on the node. */
  kindCount = new Int32Array(0);
  /** Per node: how many kinds have at least one bound pod. */
  kinds = new Int32Array(0);
  /** GPUs on live nodes. */
  totalGpus = 0;

  /** GPUs laid out in `freeMilli` so far (removed nodes keep their slots). */
  private gpus = 0;
  /** Per pod id: the GPUs it holds (bitmask over its node's GPUs), 0 when none. */
  private podMask = new Int32Array(0);

  /** The `gpus` count above, for copyNodesFrom's source read through GpuTableView. */
  get gpuSlots(): number {
    return this.gpus;
  }

  /** Registers node `node` (ids come in increasing order) with `gpus` GPUs of `model`. */
  addNode(node: NodeId, gpus: number, model: Sym): void {
    if (!Number.isInteger(gpus) || gpus < 0 || gpus > MAX_GPUS_PER_NODE) {
      throw new RangeError(`a node has 0 to ${MAX_GPUS_PER_NODE} GPUs, got ${gpus}`);
    }
    this.ensureNodes(node + 1);
    this.ensureGpus(this.gpus + gpus);
    this.count[node] = gpus;
    this.model[node] = gpus > 0 ? model : NO_SYM;
    this.offset[node] = this.gpus;
    this.freeMilli.fill(MILLI_PER_GPU, this.gpus, this.gpus + gpus);
    this.gpus += gpus;
    this.freeMilliTotal[node] = gpus * MILLI_PER_GPU;
    this.fullyFree[node] = gpus;
    this.maxFreeMilli[node] = gpus > 0 ? MILLI_PER_GPU : 0;
    this.totalGpus += gpus;
  }

  /** Takes a removed node's GPUs out of the totals (its pods were unbound before). */
  removeNode(node: NodeId): void {
    this.totalGpus -= this.count[node]!;
  }

  /** Free milli-GPU of the node's GPU `i`. */
  gpuFreeMilli(node: NodeId, i: number): number {
    return this.freeMilli[this.offset[node]! + i]!;
  }

  /** Whether the node has GPUs for `req` right now (the artifact's AllocateGpuId finds one). */
  fits(node: NodeId, req: GpuRequest): boolean {
    return gpuFitColumn(this, req)[node]! >= gpuFitLeast(req);
  }

  /** The GPUs pod `pod` holds (bitmask), 0 when none. */
  gpusOf(pod: PodId): number {
    return pod < this.podMask.length ? this.podMask[pod]! : 0;
  }

  /** Whether `mask` names req.count distinct GPUs of the node, each with milliPerGpu free. */
  maskFits(node: NodeId, req: GpuRequest, mask: number): boolean {
    return this.validMask(node, req, mask) && this.maskFree(node, req, mask);
  }

  /** Whether `mask` names exactly req.count GPUs that exist on the node. */
  validMask(node: NodeId, req: GpuRequest, mask: number): boolean {
    const n = this.count[node]!;
    if (n < MAX_GPUS_PER_NODE && (mask >>> n) !== 0) return false;
    return popCount(mask) === req.count;
  }

  /**
   * Gives the pod the GPUs in `mask` on `node`. Normally maskFits holds; ClusterState.bind
   * may overcommit (free goes negative, or fewer GPUs than asked on a node without enough),
   * and release undoes whatever place did.
   */
  place(pod: PodId, node: NodeId, req: GpuRequest, mask: number): void {
    this.ensurePods(pod + 1);
    this.podMask[pod] = mask;
    this.apply(node, req, mask, -1);
  }

  /** Takes back the GPUs the pod holds on `node`; the exact inverse of place. */
  release(pod: PodId, node: NodeId, req: GpuRequest): void {
    const mask = this.gpusOf(pod);
    this.apply(node, req, mask, +1);
    this.podMask[pod] = 0;
  }

  /**
   * Makes this table's per-node and per-GPU state a copy of `from`'s (not which GPUs each
   * pod holds): the scratch table of an overlay view, changed after with adjust().
   */
  copyNodesFrom(from: GpuTableView): void {
    const copy = (a: Int32Array<ArrayBuffer>, b: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      if (a.length !== b.length) return b.slice();
      a.set(b);
      return a;
    };
    this.count = copy(this.count, from.count);
    this.model = copy(this.model, from.model);
    this.offset = copy(this.offset, from.offset);
    this.freeMilli = copy(this.freeMilli, from.freeMilli);
    this.freeMilliTotal = copy(this.freeMilliTotal, from.freeMilliTotal);
    this.fullyFree = copy(this.fullyFree, from.fullyFree);
    this.maxFreeMilli = copy(this.maxFreeMilli, from.maxFreeMilli);
    this.kindCount = copy(this.kindCount, from.kindCount);
    this.kinds = copy(this.kinds, from.kinds);
    this.totalGpus = from.totalGpus;
    this.gpus = from.gpuSlots;
  }

  /** Takes (sign -1) or gives back (+1) req on the GPUs of `mask`, as place and release do, without a pod. */
  adjust(node: NodeId, req: GpuRequest, mask: number, sign: 1 | -1): void {
    this.apply(node, req, mask, sign);
  }

  private maskFree(node: NodeId, req: GpuRequest, mask: number): boolean {
    const base = this.offset[node]!;
    for (let i = 0, m = mask; m !== 0; i++, m >>>= 1) {
      if ((m & 1) !== 0 && this.freeMilli[base + i]! < req.milliPerGpu) return false;
    }
    return true;
  }

  /** Adds (sign +1) or takes (sign -1) req.milliPerGpu on each GPU of `mask`, totals in step. */
  private apply(node: NodeId, req: GpuRequest, mask: number, sign: 1 | -1): void {
    const base = this.offset[node]!;
    const milli = req.milliPerGpu;
    let fullyFree = this.fullyFree[node]!;
    for (let i = 0, m = mask; m !== 0; i++, m >>>= 1) {
      if ((m & 1) === 0) continue;
      const before = this.freeMilli[base + i]!;
      const after = before + sign * milli;
      this.freeMilli[base + i] = after;
      fullyFree += (after === MILLI_PER_GPU ? 1 : 0) - (before === MILLI_PER_GPU ? 1 : 0);
    }
    this.fullyFree[node] = fullyFree;
    this.freeMilliTotal[node] += sign * milli * popCount(mask);
    let max = 0;
    for (let g = base; g < base + this.count[node]!; g++) if (this.freeMilli[g]! > max) max = this.freeMilli[g]!;
    this.maxFreeMilli[node] = max;
    const k = node * GPU_POD_KINDS + gpuPodKind(req);
    const was = this.kindCount[k]!;
    this.kindCount[k] = was - sign;
    if (sign < 0 && was === 0) this.kinds[node]++;
    if (sign > 0 && was === 1) this.kinds[node]--;
  }

  private ensureNodes(n: number): void {
    if (n <= this.count.length) return;
    const cap = Math.max(n, this.count.length * 2, 16);
    const grow = (a: Int32Array, width = 1, fill = 0) => {
      const b = new Int32Array(cap * width).fill(fill);
      b.set(a);
      return b;
    };
    this.count = grow(this.count);
    this.model = grow(this.model, 1, NO_SYM);
    this.offset = grow(this.offset);
    this.freeMilliTotal = grow(this.freeMilliTotal);
    this.fullyFree = grow(this.fullyFree);
    this.maxFreeMilli = grow(this.maxFreeMilli);
    this.kindCount = grow(this.kindCount, GPU_POD_KINDS);
    this.kinds = grow(this.kinds);
  }

  private ensureGpus(n: number): void {
    if (n <= this.freeMilli.length) return;
    const b = new Int32Array(Math.max(n, this.freeMilli.length * 2, 64));
    b.set(this.freeMilli);
    this.freeMilli = b;
  }

  private ensurePods(n: number): void {
    if (n <= this.podMask.length) return;
    const cap = Math.max(n, this.podMask.length * 2, 64);
    const grow = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.podMask = grow(this.podMask);
  }
}

/** Number of set bits in a 32-bit mask. */
export function popCount(mask: number): number {
  let m = mask >>> 0;
  let n = 0;
  while (m !== 0) {
    m &= m - 1;
    n++;
  }
  return n;
}

/** The view's GPU table. */
export function gpuTableOf(view: ClusterView): GpuTableView {
  return view.gpus;
}
