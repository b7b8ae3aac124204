import type { GpuDemand } from '../framework/gpu-demand.js';
import { gpuDemand } from '../framework/gpu-demand.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import { MAX_NODE_SCORE } from '../framework/normalize.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { MAX_SPEC_CPU_MILLI, MAX_SPEC_GPU_MILLI } from '../model/gpu-resources.js';
import type { NodeId } from '../model/ids.js';
import { CPU } from '../model/resources.js';

/**
 * DotProduct: Tetris-style alignment of the pod's demand vector with the node's free
 * vector (Grandl et al., SIGCOMM '14), as the FGD paper's baseline computes it (the
 * artifact's DotProductScore with dimExtMethod "merge" and normMethod "max", the
 * experiment's settings). Both vectors are [CPU millicores, milli-GPU summed over the
 * node's GPUs], each divided by the largest node spec (128000, 8000):
 *   d   = (c/128000)·(r_c/128000) + (g/8000)·(r_g/8000)
 *   raw = trunc(100 · (1 − d/2))
 * with c, g the node's free CPU and milli-GPU and r_c, r_g the pod's requests. The
 * artifact scores the *smaller* product higher ("the larger the dot product, the lower
 * the score"), so it prefers the node whose free vector, weighted by the demand, is
 * smallest: a packing rule. A node with less free CPU than r_c scores 0. No normalize.
 */
export const NAME = 'DotProduct';

type Pre = GpuDemand;

/** Builds DotProduct; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    preScore: (cx, pod) => gpuDemand(cx, pod),
    score: (cx, _pod, node, pre) => dotProductRaw(cx.view, node, pre),
    scoreMany(cx, _pod, feasible, pre, out) {
      for (let i = 0; i < feasible.count; i++) out[i] = dotProductRaw(cx.view, feasible.ids[i] as NodeId, pre);
    },
  } satisfies Plugin<undefined, Pre>;
}

function dotProductRaw(view: ClusterView, node: NodeId, pre: Pre): number {
  const base = node * view.dims;
  const cpuFree = view.allocatable[base + CPU]! - view.requested[base + CPU]!;
  if (cpuFree < pre.cpuReq) return 0;
  const gpuFree = pre.gpus.freeMilliTotal[node]!;
  const d = (cpuFree / MAX_SPEC_CPU_MILLI) * (pre.cpuReq / MAX_SPEC_CPU_MILLI) + (gpuFree / MAX_SPEC_GPU_MILLI) * (pre.gpuReq / MAX_SPEC_GPU_MILLI);
  // Clamped for nodes beyond the artifact's largest spec, whose product can exceed 2.
  return Math.max(0, Math.trunc(MAX_NODE_SCORE * (1 - d / 2)));
}
