/**
 * One kind of task in a workload and how often it occurs: the "typical pods" the FGD
 * paper measures fragmentation against. Models are names (not syms) so shapes can be
 * written in a profile's plugin args and shared between runs.
 */
export interface TaskShape {
  /** CPU request in millicores, with kube's 100m default for a pod that asks none. */
  readonly cpuMilli: number;
  /** GPUs asked (0 = a CPU-only task). */
  readonly gpuCount: number;
  /** milli-GPU on each GPU: 1000 for whole GPUs, 1..999 for a shared GPU, 0 without GPU. */
  readonly gpuMilliPerGpu: number;
  /** GPU models the task may run on; empty = any. */
  readonly gpuModels: readonly string[];
  /** Relative frequency; a shape list's weights need not sum to 1 (users of it normalize). */
  readonly weight: number;
}
