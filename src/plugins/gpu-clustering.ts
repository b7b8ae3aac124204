import type { GpuTableView } from '../cluster/gpu-table-view.js';
import { GPU_POD_KINDS, gpuPodKind, gpuTableOf } from '../cluster/gpu-table.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import { gpuRequestOf } from '../model/gpu-request.js';
import { MAX_SPEC_GPU_MILLI } from '../model/gpu-resources.js';
import type { NodeId } from '../model/ids.js';

/**
 * GpuClustering: keep GPU pods of one kind together (the artifact's GpuClusteringScore,
 * plugin/gpu_clustering_score.go). A GPU pod's kind is "shared GPU" or "k whole GPUs";
 * a node's kinds are those of the GPU pods bound to it. With g the node's free milli-GPU,
 *   u = trunc(25 · (8000 − g) / 8000)     (how full the node is, 0..25)
 * the score is u plus
 *   75 if the node holds only pods of the pod's kind,
 *   50 if it holds pods of the pod's kind and of other kinds,
 *   25 if it holds no GPU pod,
 *    0 if it holds only pods of other kinds.
 * Pods that ask no GPU score 0 everywhere. No normalize. (u is clamped at 0 for nodes
 * with more than 8 GPUs, beyond the artifact's largest spec.)
 */
export const NAME = 'GpuClustering';

interface Pre {
  readonly kind: number;
  readonly gpus: GpuTableView;
}

/** Builds GpuClustering; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    preScore(cx, pod) {
      const gpus = gpuTableOf(cx.view);
      const req = gpuRequestOf(pod);
      if (req.count === 0) return SKIP;
      const pre: Pre = { kind: gpuPodKind(req), gpus };
      return pre;
    },
    score: (_cx, _pod, node, pre) => clusteringScore(pre, node),
    scoreMany(_cx, _pod, feasible, pre, out) {
      for (let i = 0; i < feasible.count; i++) out[i] = clusteringScore(pre, feasible.ids[i] as NodeId);
    },
  } satisfies Plugin<undefined, Pre>;
}

function clusteringScore(pre: Pre, node: NodeId): number {
  const gpus = pre.gpus;
  const used = Math.max(0, Math.trunc((25 * (MAX_SPEC_GPU_MILLI - gpus.freeMilliTotal[node]!)) / MAX_SPEC_GPU_MILLI));
  const kinds = gpus.kinds[node]!;
  if (gpus.kindCount[node * GPU_POD_KINDS + pre.kind]! > 0) return used + (kinds === 1 ? 75 : 50);
  return used + (kinds === 0 ? 25 : 0);
}
