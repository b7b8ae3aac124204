import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import { kernelScoreOn } from './resource-kernel.js';
import type { Plugin } from './types.js';
import { SKIP, UniformScore } from './types.js';

/** One score plugin's verdict on some nodes: raw scores, then after NormalizeScore. */
export interface PluginScores {
  /** preScore returned SKIP (scores are 0) or a UniformScore (every node the same). */
  readonly skipped: boolean;
  readonly uniform: boolean;
  readonly raw: number[];
  readonly normalized: number[];
}

/**
 * Runs one score plugin's PreScore, Score (node by node and, when it has them, its batch
 * hook and its resource kernel, which must agree) and NormalizeScore over `nodes` as the feasible list, outside
 * any profile: for checking a plugin's scores by hand and in tests.
 */
export function scoreWithPlugin(plugin: Plugin, view: ClusterView, pod: CompiledPod, nodes: readonly NodeId[]): PluginScores {
  const cx = { view };
  const feasible = { ids: Int32Array.from(nodes), count: nodes.length };
  const pre = plugin.preScore ? plugin.preScore(cx, pod, feasible) : undefined;
  if (pre === SKIP) return { skipped: true, uniform: false, raw: nodes.map(() => 0), normalized: nodes.map(() => 0) };
  if (pre instanceof UniformScore) return { skipped: false, uniform: true, raw: nodes.map(() => pre.raw), normalized: nodes.map(() => pre.score) };
  const one = nodes.map((n) => plugin.score!(cx, pod, n, pre));
  const out = new Float64Array(nodes.length);
  if (plugin.scoreMany) {
    plugin.scoreMany(cx, pod, feasible, pre, out);
    const batch = Array.from(out);
    if (batch.some((s, i) => s !== one[i])) throw new Error(`${plugin.name}: scoreMany ${batch.join(',')} differs from score ${one.join(',')}`);
  } else {
    out.set(one);
  }
  const kernel = plugin.resourceKernel && !plugin.normalize ? plugin.resourceKernel(pre) : null;
  if (kernel !== null) {
    const fused = nodes.map((n) => kernelScoreOn(kernel, view, n));
    if (fused.some((s, i) => s !== one[i])) throw new Error(`${plugin.name}: resourceKernel ${fused.join(',')} differs from score ${one.join(',')}`);
  }
  plugin.normalize?.(cx, pod, feasible, out, pre);
  return { skipped: false, uniform: false, raw: one, normalized: Array.from(out) };
}
