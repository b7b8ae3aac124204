import type { ClusterView } from '../cluster/cluster-view.js';
import { clusterGpuFragmentation, GpuFragmentation } from '../cluster/gpu-fragmentation.js';
import type { NodeId, Sym } from '../model/ids.js';
import { MAX_GPUS_PER_NODE, MILLI_PER_GPU } from '../model/gpu-resources.js';
import type { CompiledPod } from '../model/pod.js';
import { typicalTaskShapes } from '../model/typical-task-shapes.js';
import type { TaskOfShape } from '../model/typical-task-shapes.js';

/** The extended resource of the NVIDIA device plugin: whole GPUs, no sharing. */
export const NVIDIA_GPU_RESOURCE = 'nvidia.com/gpu';

/** GPU amounts of a cluster in both GPU models. */
export interface GpuAmounts {
  /** milli-GPU of all GPUs of live nodes in the GPU-sharing table (alibabacloud.com/gpu-count x 1000). */
  readonly tableTotalMilli: number;
  /** ... and how much of it is free. */
  readonly tableFreeMilli: number;
  /** nvidia.com/gpu requested by bound pods on live nodes (whole GPUs). */
  readonly nvidiaRequested: number;
  /** nvidia.com/gpu allocatable on live nodes (whole GPUs). */
  readonly nvidiaAllocatable: number;
}

/**
 * Allocated GPU in percent, counting both GPU models a cluster may use, a whole
 * nvidia.com/gpu as 1000 milli-GPU: (table milli allocated + 1000 x nvidia.com/gpu
 * requested) / (table milli + 1000 x nvidia.com/gpu allocatable) x 100. NaN only when
 * the cluster has neither kind of GPU.
 */
export function gpuAllocPct(a: GpuAmounts): number {
  const total = a.tableTotalMilli + MILLI_PER_GPU * a.nvidiaAllocatable;
  const allocated = a.tableTotalMilli - a.tableFreeMilli + MILLI_PER_GPU * a.nvidiaRequested;
  return total > 0 ? (allocated / total) * 100 : Number.NaN;
}

/** The GPU amounts of `view` now, over its live nodes. */
export function gpuAmounts(view: ClusterView): GpuAmounts {
  const { totalMilli, freeMilli } = gpuAllocation(view);
  const dim = view.model.resources.lookup(NVIDIA_GPU_RESOURCE);
  let nvidiaRequested = 0;
  let nvidiaAllocatable = 0;
  if (dim !== undefined && dim < view.dims) {
    for (const node of view.nodeOrder()) {
      nvidiaRequested += view.requested[node * view.dims + dim]!;
      nvidiaAllocatable += view.allocatable[node * view.dims + dim]!;
    }
  }
  return { tableTotalMilli: totalMilli, tableFreeMilli: freeMilli, nvidiaRequested, nvidiaAllocatable };
}

/**
 * The GPU amounts of one node now: its GPUs in the GPU-sharing table (count x 1000
 * milli-GPU, and their free milli-GPU) and its nvidia.com/gpu requested and allocatable.
 * gpuAllocPct of them is the node's allocated GPU in percent, NaN for a node without GPUs.
 */
export function nodeGpuAmounts(view: ClusterView, node: NodeId): GpuAmounts {
  const dim = view.model.resources.lookup(NVIDIA_GPU_RESOURCE);
  const nvidia = dim !== undefined && dim < view.dims;
  return {
    tableTotalMilli: view.gpus.count[node]! * MILLI_PER_GPU,
    tableFreeMilli: view.gpus.freeMilliTotal[node]!,
    nvidiaRequested: nvidia ? view.requested[node * view.dims + dim]! : 0,
    nvidiaAllocatable: nvidia ? view.allocatable[node * view.dims + dim]! : 0,
  };
}

/** All milli-GPU of live nodes in the GPU-sharing table and how much of it is free. */
export function gpuAllocation(view: ClusterView): { totalMilli: number; freeMilli: number } {
  let totalMilli = 0;
  let freeMilli = 0;
  for (const node of view.nodeOrder()) {
    totalMilli += view.gpus.count[node as NodeId]! * MILLI_PER_GPU;
    freeMilli += view.gpus.freeMilliTotal[node as NodeId]!;
  }
  return { totalMilli, freeMilli };
}

/**
 * The FGD paper's GPU fragmentation rate in percent: fragmented over idle milli-GPU of
 * the cluster, each node's fragmentation measured against the typical task shapes of the
 * arrived pods (shapes covering 95% of them, as the paper's artifact picks them). NaN
 * without idle GPU or without pods.
 */
export function gpuFragPct(view: ClusterView, arrived: readonly CompiledPod[]): number {
  if (arrived.length === 0 || gpuAllocation(view).totalMilli === 0) return Number.NaN;
  const { symbols } = view.model;
  // Count arrived pods per shape and word each shape once: a run has thousands of pods
  // and a few hundred shapes. A shape with at most one model is keyed by one safe integer.
  const modelRange = symbols.size + 1;
  const tasks = new Map<number | string, { shape: TaskOfShape; count: number }>();
  for (const p of arrived) {
    const { count, milliPerGpu, models } = p.gpu;
    const cpu = p.nonZeroCpuMilli;
    const small = models.length <= 1 && Number.isInteger(cpu) && cpu >= 0 && count <= MAX_GPUS_PER_NODE && milliPerGpu <= MILLI_PER_GPU;
    const numeric = small ? ((cpu * (MAX_GPUS_PER_NODE + 1) + count) * (MILLI_PER_GPU + 1) + milliPerGpu) * modelRange + (models.length === 0 ? 0 : models[0]! + 1) : -1;
    const key = Number.isSafeInteger(numeric) && numeric >= 0 ? numeric : `${cpu}/${count}/${milliPerGpu}/${models.join(',')}`;
    const t = tasks.get(key);
    if (t !== undefined) {
      t.count++;
      continue;
    }
    tasks.set(key, {
      shape: { cpuMilli: cpu, gpuCount: count, gpuMilliPerGpu: milliPerGpu, gpuModels: [...models].map((m) => symbols.text(m as Sym)) },
      count: 1,
    });
  }
  const shapes = typicalTaskShapes([...tasks.values()].map((t) => ({ ...t.shape, count: t.count })));
  const { fragMilli, idleMilli } = clusterGpuFragmentation(view, view.gpus, new GpuFragmentation(shapes, symbols));
  return idleMilli > 0 ? (fragMilli / idleMilli) * 100 : Number.NaN;
}
