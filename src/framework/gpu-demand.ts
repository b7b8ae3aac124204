import type { GpuTableView } from '../cluster/gpu-table-view.js';
import { gpuTableOf } from '../cluster/gpu-table.js';
import { gpuRequestOf, totalGpuMilli } from '../model/gpu-request.js';
import type { CompiledPod } from '../model/pod.js';
import type { CycleContext } from './types.js';

/** A pod's CPU and GPU demand and the cluster's GPU table: the per-pod state of the fit heuristics. */
export interface GpuDemand {
  /** CPU request with kube's 100m default (non-zero requests). */
  readonly cpuReq: number;
  /** milli-GPU in total (GPU count x milli per GPU). */
  readonly gpuReq: number;
  readonly gpus: GpuTableView;
}

/** The GpuDemand of `pod` (computed once per cycle, in preScore). */
export function gpuDemand(cx: CycleContext, pod: CompiledPod): GpuDemand {
  return { cpuReq: pod.nonZeroCpuMilli, gpuReq: totalGpuMilli(gpuRequestOf(pod)), gpus: gpuTableOf(cx.view) };
}
