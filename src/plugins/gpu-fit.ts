import type { GpuTableView } from '../cluster/gpu-table-view.js';
import { gpuFitColumn, gpuFitLeast, gpuTableOf } from '../cluster/gpu-table.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv, Verdict } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import type { GpuRequest } from '../model/gpu-request.js';
import { gpuRequestOf } from '../model/gpu-request.js';
import type { NodeId } from '../model/ids.js';

/**
 * GpuFit: a GPU pod fits a node only if the node has GPUs with room for it, checked per
 * GPU as the artifact's Open-Gpu-Share Filter does (GpuNodeInfo.AllocateGpuId):
 *   - whole GPUs (count k, 1000 milli each): at least k GPUs entirely free;
 *   - a shared GPU (count 1, m < 1000 milli): at least one GPU with m milli free.
 * A node with fewer GPUs than the pod asks (CPU-only nodes included) is rejected as
 * unresolvable: evicting pods cannot help. Pods that ask no GPU skip the plugin. The GPU
 * model (gpu_spec) is GpuModel's check; cpu and memory are NodeResourcesFit's.
 */
export const NAME = 'GpuFit';

const INSUFFICIENT = 1 << 0;
const TOO_FEW_GPUS = 1 << 1;
const REASONS = [
  { text: 'Insufficient GPU', unresolvable: false },
  { text: 'Insufficient GPU', unresolvable: true },
] as const;

interface Pre {
  readonly req: GpuRequest;
}

/** Builds GpuFit; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    reasons: REASONS,
    preFilter(_cx, pod) {
      const req = gpuRequestOf(pod);
      if (req.count === 0) return SKIP;
      const pre: Pre = { req };
      return pre;
    },
    // The GPU table is read from the view Filter gets (an overlay's in a what-if).
    filter: (cx, _pod, node, pre) => gpuVerdict(gpuTableOf(cx.view), pre, node),
    // gpuVerdict with the pod's columns and thresholds read once.
    filterMany(cx, _pod, nodes, count, pre, verdicts) {
      const gpus = gpuTableOf(cx.view);
      const gpuCount = gpus.count;
      const need = pre.req.count;
      const column = gpuFitColumn(gpus, pre.req);
      const least = gpuFitLeast(pre.req);
      for (let i = 0; i < count; i++) {
        const n = nodes[i]!;
        verdicts[i] = gpuCount[n]! < need ? TOO_FEW_GPUS : column[n]! >= least ? PASS : INSUFFICIENT;
      }
    },
    // No reuseVerdicts: the check is O(1) per node (GpuTableView keeps fullyFree and maxFreeMilli),
    // cheaper than the cache's bookkeeping.
  } satisfies Plugin<Pre, undefined>;
}

function gpuVerdict(gpus: GpuTableView, pre: Pre, node: NodeId): Verdict {
  if (gpus.count[node]! < pre.req.count) return TOO_FEW_GPUS;
  return gpus.fits(node, pre.req) ? PASS : INSUFFICIENT;
}
