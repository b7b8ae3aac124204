import type { ClusterView } from '../cluster/cluster-view.js';
import { clusterGpuFragmentation, GpuFragmentation } from '../cluster/gpu-fragmentation.js';
import type { NodeId, Sym } from '../model/ids.js';
import { MILLI_PER_GPU } from '../model/gpu-resources.js';
import type { CompiledPod } from '../model/pod.js';
import { typicalTaskShapes } from '../model/typical-task-shapes.js';

/** All milli-GPU of live nodes and how much of it is free. */
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
  const shapes = typicalTaskShapes(arrived.map((p) => ({
    cpuMilli: p.nonZeroCpuMilli,
    gpuCount: p.gpu.count,
    gpuMilliPerGpu: p.gpu.milliPerGpu,
    gpuModels: [...p.gpu.models].map((m) => symbols.text(m as Sym)),
  })));
  const { fragMilli, idleMilli } = clusterGpuFragmentation(view, view.gpus, new GpuFragmentation(shapes, symbols));
  return idleMilli > 0 ? (fragMilli / idleMilli) * 100 : Number.NaN;
}
