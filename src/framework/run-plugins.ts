import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { Framework } from './framework.js';
import type { NodeResultCache } from './node-result-cache.js';
import type { CycleContext, NodeList, Plugin } from './types.js';
import { PASS, Rejection, SKIP, UniformScore } from './types.js';

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

/** Where runFilters stops: the rejecting filter's verdict. */
export interface FilterRejection {
  verdict: number;
}

/**
 * Every filter plugin's Filter on one node in profile order, first failure wins (kube's
 * RunFilterPlugins), with the PreFilter states `states` (SKIP: not run). Returns the
 * index of the filter that rejects the node, its verdict in `out`, or -1 when all pass.
 */
export function runFilters(fw: Framework, cx: CycleContext, pod: CompiledPod, node: NodeId, states: readonly unknown[], out: FilterRejection): number {
  const filters = fw.filters;
  for (let f = 0; f < filters.length; f++) {
    const st = states[f];
    if (st === SKIP) continue;
    const v = filters[f]!.filter!(cx, pod, node, st);
    if (v !== PASS) {
      out.verdict = v;
      return f;
    }
  }
  return -1;
}

/**
 * PreScore, Score and NormalizeScore for every score plugin over `feasible`, as kube's
 * RunPreScorePlugins + RunScorePlugins: a plugin whose preScore returns SKIP contributes
 * 0 everywhere. scores[s][i] receives plugin s's normalized (unweighted) score for node
 * feasible.ids[i]; totals[i] the weighted sum, less the part every node shares (plugins
 * whose preScore returned UniformScore), which is returned. `record` (explain only)
 * receives raw scores before normalization and which plugins skipped.
 */
export function runScorePlugins(
  fw: Framework, cx: CycleContext, pod: CompiledPod, feasible: NodeList,
  scores: readonly Float64Array[], totals: Float64Array,
  record?: { readonly raw: readonly Float64Array[]; readonly skipped: boolean[] },
  caches?: readonly (NodeResultCache | null)[],
): number {
  const count = feasible.count;
  const ids = feasible.ids;
  totals.fill(0, 0, count);
  let uniform = 0;
  const scorers = fw.scorers;
  for (let s = 0; s < scorers.length; s++) {
    const p = scorers[s]!;
    const out = scores[s]!;
    const w = fw.weights[s]!;
    const pre = p.preScore ? p.preScore(cx, pod, feasible) : undefined;
    if (record) record.skipped[s] = pre === SKIP;
    if (pre === SKIP) {
      out.fill(0, 0, count);
      continue;
    }
    if (pre instanceof UniformScore) {
      out.fill(pre.score, 0, count);
      if (record) record.raw[s]!.fill(pre.raw, 0, count);
      uniform += pre.score * w;
      continue;
    }
    const cache = caches?.[s];
    // Without normalize, raw scores are final: add them to totals in the same pass.
    const fuse = !p.normalize && !record;
    if (cache && p.reuseScores) {
      cache.fill(cx.view, ids, count, pod, pre, p.reuseScores, (nodes, n, o) => scoreNodes(p, cx, pod, { ids: nodes, count: n }, pre, o), out,
        fuse ? totals : undefined, w);
    } else {
      scoreNodes(p, cx, pod, feasible, pre, out);
      if (fuse) for (let i = 0; i < count; i++) totals[i] += out[i]! * w;
    }
    if (record) record.raw[s]!.set(out.subarray(0, count));
    if (fuse) continue;
    p.normalize?.(cx, pod, feasible, out, pre);
    for (let i = 0; i < count; i++) totals[i] += out[i]! * w;
  }
  return uniform;
}
/** One plugin's raw scores for the listed nodes, through its batch hook when it has one. */
function scoreNodes(p: Plugin, cx: CycleContext, pod: CompiledPod, nodes: NodeList, pre: unknown, out: Float64Array): void {
  if (p.scoreMany) {
    p.scoreMany(cx, pod, nodes, pre, out);
    return;
  }
  const score = p.score!;
  for (let i = 0; i < nodes.count; i++) out[i] = score(cx, pod, nodes.ids[i] as never, pre);
}
