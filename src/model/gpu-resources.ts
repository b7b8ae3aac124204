/**
 * Names and units of the GPU-sharing model, as the FGD paper's simulator
 * (hkust-adsl/kubernetes-scheduler-simulator, Alibaba's open-gpu-share) spells them on
 * nodes. A GPU is 1000 milli-GPU; a node's GPUs are all of one model.
 */

/** milli-GPU in one whole GPU. */
export const MILLI_PER_GPU = 1000;

/** Node allocatable: the number of GPUs on the node. */
export const GPU_COUNT_RESOURCE = 'alibabacloud.com/gpu-count';

/** Node allocatable: the node's GPU capacity in milli-GPU (GPUs × 1000); informational. */
export const GPU_MILLI_RESOURCE = 'alibabacloud.com/gpu-milli';

/** Node label: the GPU model of every GPU on the node (P100, T4, V100M16, G2, ...). */
export const GPU_MODEL_LABEL = 'alibabacloud.com/gpu-card-model';

/**
 * The most GPUs a node may have: which GPUs a pod holds is a bitmask in an Int32.
 * Real nodes have up to 8 (16 on a few designs).
 */
export const MAX_GPUS_PER_NODE = 32;

/**
 * CPU of the largest node the FGD artifact's heuristics normalize by (open-gpu-share
 * utils/const.go MaxSpecCpu): 128 cores. BestFit and DotProduct divide free CPU by it.
 */
export const MAX_SPEC_CPU_MILLI = 128_000;

/**
 * GPU of the largest node the artifact's heuristics normalize by (MaxSpecGpu): 8 GPUs.
 * BestFit, DotProduct and GpuClustering divide free milli-GPU by it.
 */
export const MAX_SPEC_GPU_MILLI = 8 * MILLI_PER_GPU;
