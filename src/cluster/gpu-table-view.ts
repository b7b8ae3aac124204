import type { GpuRequest } from '../model/gpu-request.js';
import type { NodeId, PodId } from '../model/ids.js';

/**
 * What plugins and metrics read of the per-GPU state (ClusterView.gpus): implemented by
 * GpuTable, which ClusterState alone changes (in bind and unbind). An interface so the
 * view never imports the table (gpu-table.ts imports ClusterView for gpuTableOf).
 */
export interface GpuTableView {
  /** GPUs per node. */
  readonly count: Int32Array<ArrayBuffer>;
  /** GPU model (sym) per node; NO_SYM for a node without GPUs. */
  readonly model: Int32Array<ArrayBuffer>;
  /** Index in `freeMilli` of the node's first GPU. */
  readonly offset: Int32Array<ArrayBuffer>;
  /** Free milli-GPU per GPU (0..1000); may go negative only when bind overcommits. */
  readonly freeMilli: Int32Array<ArrayBuffer>;
  /** Per node: free milli-GPU summed over its GPUs. */
  readonly freeMilliTotal: Int32Array<ArrayBuffer>;
  /** Per node: GPUs with all 1000 milli-GPU free. */
  readonly fullyFree: Int32Array<ArrayBuffer>;
  /** Per node: the most free milli-GPU on any one of its GPUs (0 without GPUs). */
  readonly maxFreeMilli: Int32Array<ArrayBuffer>;
  /** kindCount[node * GPU_POD_KINDS + kind]: bound GPU pods of each kind on the node. */
  readonly kindCount: Int32Array<ArrayBuffer>;
  /** Per node: how many kinds have at least one bound pod. */
  readonly kinds: Int32Array<ArrayBuffer>;
  /** GPUs on live nodes. */
  readonly totalGpus: number;
  /** GPUs laid out in `freeMilli` so far (removed nodes keep their slots). */
  readonly gpuSlots: number;
  /** Free milli-GPU of the node's GPU `i`. */
  gpuFreeMilli(node: NodeId, i: number): number;
  /** Whether the node has GPUs for `req` right now (the artifact's AllocateGpuId finds one). */
  fits(node: NodeId, req: GpuRequest): boolean;
  /** The GPUs pod `pod` holds (bitmask), 0 when none. */
  gpusOf(pod: PodId): number;
  /** Whether `mask` names req.count distinct GPUs of the node, each with milliPerGpu free. */
  maskFits(node: NodeId, req: GpuRequest, mask: number): boolean;
  /** Whether `mask` names exactly req.count GPUs that exist on the node. */
  validMask(node: NodeId, req: GpuRequest, mask: number): boolean;
}
