import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import { makeDiagnosis, NO_NODES_MESSAGE } from './diagnosis.js';
import { numFeasibleNodesToFind } from './feasible-search.js';
import { FilterSearch } from './filter-search.js';
import { NodeResultCache } from './node-result-cache.js';
import type { Framework } from './framework.js';
import { runPreFilters, runScorePlugins } from './run-plugins.js';
import { selectHost } from './select-host.js';
import type { CycleContext, Decision, RandomSource } from './types.js';
import { SKIP } from './types.js';
import { verdictReasons, verdictStatus } from './verdict.js';

/**
 * Schedules one pod at a time against a ClusterView, the way kube-scheduler's
 * schedulePod does (pkg/scheduler/schedule_one.go):
 *   1. PreFilter (a Rejection ends the cycle);
 *   2. the feasible-node search: nodes in snapshot order starting at a rotating index,
 *      filters in profile order (first failure wins), stopping at numFeasibleNodesToFind;
 *   3. no feasible node: a diagnosis; exactly one: chosen without scoring;
 *   4. PreScore, Score, NormalizeScore, weighted sum;
 *   5. the highest total, ties broken by the seeded stream.
 * It never binds: the caller does. Scratch buffers are reused across cycles.
 */
export class Scheduler {
  private nextStartNodeIndex = 0;
  private readonly search = new FilterSearch();
  /** Per filter / score plugin that can reuse results across cycles (see NodeResultCache). */
  private readonly filterCaches: (NodeResultCache | null)[];
  private readonly scoreCaches: (NodeResultCache | null)[];
  private totals = new Float64Array(0);
  private scores: Float64Array[] = [];
  private readonly filterState: unknown[];

  constructor(readonly fw: Framework, private readonly rng: RandomSource) {
    this.filterState = new Array(fw.filters.length);
    this.filterCaches = fw.filters.map((p) => (p.reuseVerdicts ? new NodeResultCache() : null));
    this.scoreCaches = fw.scorers.map((p) => (p.reuseScores ? new NodeResultCache() : null));
  }

  scheduleOne(view: ClusterView, pod: CompiledPod): Decision {
    const cx: CycleContext = { view };
    const order = view.nodeOrder();
    const numAll = order.length;
    if (numAll === 0) {
      return { kind: 'unschedulable', diagnosis: { ...makeDiagnosis(0, new Map(), null, false), message: NO_NODES_MESSAGE } };
    }
    this.ensureCapacity(numAll);

    const pre = runPreFilters(this.fw, cx, pod, this.filterState);
    if (pre !== null) {
      const msg = pre.rejection.message;
      return { kind: 'unschedulable', diagnosis: makeDiagnosis(numAll, new Map([[msg, numAll]]), msg, pre.rejection.unresolvable) };
    }

    const nodes = this.restrictNodes(order, view.nodeName);
    const { found, rejected } = this.findFeasible(cx, pod, nodes, numAll);
    if (found === 0) return { kind: 'unschedulable', diagnosis: this.diagnose(cx, pod, numAll, rejected) };
    const evaluated = found + rejected;
    if (found === 1) {
      return {
        kind: 'bound', node: this.search.feasible[0] as NodeId, score: 0,
        pluginScores: new Float64Array(this.fw.scorers.length), feasibleNodes: 1, evaluatedNodes: evaluated,
      };
    }
    const list = { ids: this.search.feasible, count: found };
    const uniform = runScorePlugins(this.fw, cx, pod, list, this.scores, this.totals, undefined, this.scoreCaches);
    const best = selectHost(this.totals, found, this.rng);
    const pluginScores = new Float64Array(this.fw.scorers.length);
    for (let s = 0; s < pluginScores.length; s++) pluginScores[s] = this.scores[s]![best]! * this.fw.weights[s]!;
    return {
      kind: 'bound', node: this.search.feasible[best] as NodeId, score: this.totals[best]! + uniform,
      pluginScores, feasibleNodes: found, evaluatedNodes: evaluated,
    };
  }

  /**
   * The nodes the search visits: all of them, or (kube's PreFilterResult) those named by
   * every plugin that restricted the pod, kept in snapshot order. Nodes left out are not
   * counted in the diagnosis, as FitError counts only explicitly rejected nodes.
   */
  private restrictNodes(order: Int32Array, nodeName: Int32Array): Int32Array {
    let allowed: Set<number> | null = null;
    const filters = this.fw.filters;
    for (let i = 0; i < filters.length; i++) {
      const p = filters[i]!;
      const st = this.filterState[i];
      if (!p.preFilterNodeNames || st === SKIP) continue;
      const names = p.preFilterNodeNames(st);
      if (names === null) continue;
      const next = new Set<number>();
      for (const n of names) if (allowed === null || allowed.has(n)) next.add(n);
      allowed = next;
    }
    if (allowed === null) return order;
    return order.filter((n) => allowed.has(nodeName[n]!));
  }

  /** The feasible-node search from the rotating start index (see FilterSearch). */
  private findFeasible(cx: CycleContext, pod: CompiledPod, order: Int32Array, numAllNodes: number): { found: number; rejected: number } {
    if (order.length === 0) return { found: 0, rejected: 0 };
    const want = numFeasibleNodesToFind(this.fw.percentageOfNodesToScore, order.length);
    const r = this.search.run(this.fw, this.filterState, cx, pod, order, this.nextStartNodeIndex % order.length, want, this.filterCaches);
    // kube: nextStartNodeIndex = (nextStartNodeIndex + processed) % len(allNodes).
    this.nextStartNodeIndex = (this.nextStartNodeIndex + r.found + r.rejected) % numAllNodes;
    return r;
  }

  /** Slow path, only when no node fits: reason texts counted per node. */
  private diagnose(cx: CycleContext, pod: CompiledPod, numAll: number, rejected: number) {
    const reasons = new Map<string, number>();
    let unresolvable = true;
    for (let r = 0; r < rejected; r++) {
      const plugin = this.fw.filters[this.search.rejectedPlugin[r]!]!;
      const node = this.search.rejectedNode[r] as NodeId;
      const verdict = this.search.rejectedVerdict[r]!;
      if (verdictStatus(plugin, verdict) !== 'UnschedulableAndUnresolvable') unresolvable = false;
      for (const text of new Set(verdictReasons(plugin, cx, pod, node, verdict, this.filterState[this.search.rejectedPlugin[r]!]))) {
        reasons.set(text, (reasons.get(text) ?? 0) + 1);
      }
    }
    return makeDiagnosis(numAll, reasons, null, unresolvable && rejected > 0);
  }

  private ensureCapacity(n: number): void {
    if (this.totals.length >= n) return;
    const cap = Math.max(n, this.totals.length * 2);
    this.totals = new Float64Array(cap);
    this.scores = this.fw.scorers.map(() => new Float64Array(cap));
  }
}
