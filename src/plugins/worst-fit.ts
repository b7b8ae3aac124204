import type { GpuDemand } from '../framework/gpu-demand.js';
import { gpuDemand } from '../framework/gpu-demand.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import { minMaxNormalize } from '../framework/min-max-normalize.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import type { NodeId } from '../model/ids.js';
import { CPU } from '../model/resources.js';

/**
 * WorstFit: the node the pod leaves most free (the artifact's WorstFitScore,
 * plugin/worst_fit_score.go). With free CPU c and free milli-GPU g as in BestFit:
 *   raw = trunc(1·(c − r_c) + 100·(g − r_g))
 * (milli-GPU weighs 100 millicores), then min–max scaled to 0..100 over feasible nodes.
 */
export const NAME = 'WorstFit';

type Pre = GpuDemand;

/** Builds WorstFit; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    preScore: (cx, pod) => gpuDemand(cx, pod),
    score: (cx, _pod, node, pre) => worstFitRaw(cx.view, node, pre),
    scoreMany(cx, _pod, feasible, pre, out) {
      for (let i = 0; i < feasible.count; i++) out[i] = worstFitRaw(cx.view, feasible.ids[i] as NodeId, pre);
    },
    normalize: (_cx, _pod, feasible, scores) => minMaxNormalize(scores, feasible.count),
  } satisfies Plugin<undefined, Pre>;
}

function worstFitRaw(view: ClusterView, node: NodeId, pre: Pre): number {
  const base = node * view.dims;
  const cpuFree = view.allocatable[base + CPU]! - view.requested[base + CPU]!;
  let left = 0;
  left += (cpuFree - pre.cpuReq) * 1;
  left += (pre.gpus.freeMilliTotal[node]! - pre.gpuReq) * 100;
  return Math.trunc(left);
}
