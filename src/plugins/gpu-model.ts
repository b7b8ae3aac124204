import { gpuTableOf } from '../cluster/gpu-table.js';
import { NO_ARGS, parsePluginArgs } from '../framework/plugin-args.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import { gpuRequestOf } from '../model/gpu-request.js';
import { NO_SYM } from '../model/ids.js';

/**
 * GpuModel: a GPU pod that lists GPU models (the trace's gpu_spec, e.g. V100M16|V100M32)
 * fits only nodes whose GPU model (label alibabacloud.com/gpu-card-model) is one of them;
 * a node without GPUs matches no list. An empty list means any model, so such pods, and
 * pods that ask no GPU, skip the plugin. Mirrors the artifact's IsNodeAccessibleToPodByType
 * check in the Open-Gpu-Share Filter. Unresolvable: evicting pods cannot change a model.
 */
export const NAME = 'GpuModel';

const MISMATCH = 1;
const REASONS = [{ text: "node(s) didn't match the pod's GPU model", unresolvable: true }] as const;

interface Pre {
  readonly models: Int32Array;
  /** GPU model per node; null when the view has no GPU table (no node has a model). */
  readonly nodeModel: Int32Array | null;
}

/** Builds GpuModel; it takes no args. */
export function create(args: unknown, _env: PluginEnv): Plugin {
  parsePluginArgs(NO_ARGS, args);
  return {
    name: NAME,
    reasons: REASONS,
    preFilter(cx, pod) {
      const req = gpuRequestOf(pod);
      if (req.count === 0 || req.models.length === 0) return SKIP;
      const pre: Pre = { models: req.models, nodeModel: gpuTableOf(cx.view)?.model ?? null };
      return pre;
    },
    filter(_cx, _pod, node, pre) {
      const model = pre.nodeModel === null ? NO_SYM : pre.nodeModel[node]!;
      return model !== NO_SYM && pre.models.includes(model) ? PASS : MISMATCH;
    },
  } satisfies Plugin<Pre, undefined>;
}
