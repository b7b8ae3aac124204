import type { CompiledPod } from '../model/pod.js';
import type { Framework } from './framework.js';
import type { CycleContext, NodeList } from './types.js';
import { Rejection, SKIP } from './types.js';

/**
 * Runs every filter plugin's preFilter in profile order. out[i] receives filter i's
 * state, or SKIP. Returns the first Rejection (the cycle ends there, as in kube's
 * RunPreFilterPlugins), else null.
 */
export function runPreFilters(fw: Framework, cx: CycleContext, pod: CompiledPod, out: unknown[]): { plugin: string; rejection: Rejection } | null {
  const filters = fw.filters;
  for (let i = 0; i < filters.length; i++) {
    const p = filters[i]!;
    const st = p.preFilter ? p.preFilter(cx, pod) : undefined;
    if (st instanceof Rejection) return { plugin: p.name, rejection: st };
    out[i] = st;
  }
  return null;
}

/**
 * PreScore, Score and NormalizeScore for every score plugin over `feasible`, as kube's
 * RunPreScorePlugins + RunScorePlugins: a plugin whose preScore returns SKIP contributes
 * 0 everywhere. scores[s][i] receives plugin s's normalized (unweighted) score for node
 * feasible.ids[i]; totals[i] the weighted sum. `record` (explain only) receives raw
 * scores before normalization and which plugins skipped.
 */
export function runScorePlugins(
  fw: Framework, cx: CycleContext, pod: CompiledPod, feasible: NodeList,
  scores: readonly Float64Array[], totals: Float64Array,
  record?: { readonly raw: readonly Float64Array[]; readonly skipped: boolean[] },
): void {
  const count = feasible.count;
  const ids = feasible.ids;
  totals.fill(0, 0, count);
  const scorers = fw.scorers;
  for (let s = 0; s < scorers.length; s++) {
    const p = scorers[s]!;
    const out = scores[s]!;
    const pre = p.preScore ? p.preScore(cx, pod, feasible) : undefined;
    if (record) record.skipped[s] = pre === SKIP;
    if (pre === SKIP) {
      out.fill(0, 0, count);
      continue;
    }
    if (p.scoreMany) {
      p.scoreMany(cx, pod, feasible, pre, out);
    } else {
      const score = p.score!;
      for (let i = 0; i < count; i++) out[i] = score(cx, pod, ids[i] as never, pre);
    }
    if (record) record.raw[s]!.set(out.subarray(0, count));
    p.normalize?.(cx, pod, feasible, out, pre);
    const w = fw.weights[s]!;
    for (let i = 0; i < count; i++) totals[i] += out[i]! * w;
  }
}
