import type { GpuTableView } from '../cluster/gpu-table-view.js';
import { gpuTableOf } from '../cluster/gpu-table.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { SKIP } from '../framework/types.js';
import type { GpuRequest } from '../model/gpu-request.js';
import { gpuRequestOf } from '../model/gpu-request.js';
import { MILLI_PER_GPU } from '../model/gpu-resources.js';
import type { NodeId } from '../model/ids.js';

/**
 * GpuPacking: fill GPUs already in use before opening idle ones, and idle GPUs on used
 * nodes before idle nodes (the artifact's GpuPackingScore, plugin/gpu_packing_score.go).
 * For a GPU pod on a node with n GPUs, f of them entirely free, the GPUs it would take
 * are those the artifact walks to (free milli ascending, lowest index first, each with
 * room): for a shared task the fullest GPU that fits, for whole GPUs free ones.
 *   1. every GPU of the node free (f = n):         max(33 − f, f)
 *   2. it must take u ≥ 1 entirely free GPUs:      max(50 − u, 33)
 *   3. a shared task on a GPU with F milli free:   max(100 − trunc(trunc(F·100/1000)/10), 50)
 * (integer arithmetic as in Go). Pods that ask no GPU score 0 everywhere. No normalize.
 */
export const NAME = 'GpuPacking';

interface Pre {
  readonly req: GpuRequest;
  readonly gpus: GpuTableView;
}

/** Builds GpuPacking; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    preScore(cx, pod) {
      const gpus = gpuTableOf(cx.view);
      const req = gpuRequestOf(pod);
      // The artifact returns MinNodeScore for every node of a pod without GPU milli.
      if (req.count === 0) return SKIP;
      const pre: Pre = { req, gpus };
      return pre;
    },
    score: (_cx, _pod, node, pre) => packingScore(pre.gpus, node, pre.req),
    scoreMany(_cx, _pod, feasible, pre, out) {
      for (let i = 0; i < feasible.count; i++) out[i] = packingScore(pre.gpus, feasible.ids[i] as NodeId, pre.req);
    },
  } satisfies Plugin<undefined, Pre>;
}

function packingScore(gpus: GpuTableView, node: NodeId, req: GpuRequest): number {
  const n = gpus.count[node]!;
  const fullyFree = gpus.fullyFree[node]!;
  if (fullyFree === n) return Math.max(33 - fullyFree, fullyFree);
  if (req.milliPerGpu === MILLI_PER_GPU) {
    // Whole GPUs: the ascending walk can only take entirely free GPUs.
    return fullyFree >= req.count ? Math.max(50 - req.count, 33) : 0;
  }
  // A shared task: the walk stops at the fullest GPU with room.
  const base = gpus.offset[node]!;
  let chosen = -1;
  for (let i = base; i < base + n; i++) {
    const f = gpus.freeMilli[i]!;
    if (f >= req.milliPerGpu && (chosen === -1 || f < chosen)) chosen = f;
  }
  if (chosen === -1) return 0;
  if (chosen === MILLI_PER_GPU) return Math.max(50 - 1, 33);
  return Math.max(100 - Math.trunc(Math.trunc((chosen * 100) / MILLI_PER_GPU) / 10), 50);
}
