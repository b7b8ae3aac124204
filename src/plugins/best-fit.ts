import type { GpuDemand } from '../framework/gpu-demand.js';
import { gpuDemand } from '../framework/gpu-demand.js';
import { minMaxNormalize } from '../framework/min-max-normalize.js';
import { MAX_NODE_SCORE } from '../framework/normalize.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { MAX_SPEC_CPU_MILLI, MAX_SPEC_GPU_MILLI } from '../model/gpu-resources.js';
import type { NodeId } from '../model/ids.js';
import { CPU } from '../model/resources.js';
import type { ClusterView } from '../cluster/cluster-view.js';

/**
 * BestFit: the node the pod leaves least free, over CPU and GPU (the artifact's
 * BestFitScore, plugin/best_fit_score.go). With free CPU c (allocatable − requested
 * millicores) and free milli-GPU g (summed over the node's GPUs) after the pod's CPU
 * request r_c (kube's 100m default when none) and GPU request r_g (count × milli):
 *   left = 0.5·(c − r_c)/128000 + 0.5·(g − r_g)/8000         (0 = a perfect fit)
 *   raw  = trunc(100 · (1 − left))
 * then scores are scaled min–max to 0..100 over the feasible nodes (the artifact's
 * NormalizeScore). Memory plays no part.
 */
export const NAME = 'BestFit';

type Pre = GpuDemand;

/** Builds BestFit; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    preScore: (cx, pod) => gpuDemand(cx, pod),
    score: (cx, _pod, node, pre) => bestFitRaw(cx.view, node, pre),
    scoreMany(cx, _pod, feasible, pre, out) {
      for (let i = 0; i < feasible.count; i++) out[i] = bestFitRaw(cx.view, feasible.ids[i] as NodeId, pre);
    },
    normalize: (_cx, _pod, feasible, scores) => minMaxNormalize(scores, feasible.count),
  } satisfies Plugin<undefined, Pre>;
}

function bestFitRaw(view: ClusterView, node: NodeId, pre: Pre): number {
  const base = node * view.dims;
  const cpuFree = view.allocatable[base + CPU]! - view.requested[base + CPU]!;
  const gpuFree = pre.gpus.freeMilliTotal[node]!;
  // The artifact's order of operations, so truncation lands on the same integers.
  let left = 0;
  left += ((cpuFree - pre.cpuReq) / MAX_SPEC_CPU_MILLI) * 0.5;
  left += ((gpuFree - pre.gpuReq) / MAX_SPEC_GPU_MILLI) * 0.5;
  return Math.trunc((1 - left) * MAX_NODE_SCORE);
}
