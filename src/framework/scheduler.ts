import type { ClusterView } from '../cluster/cluster-view.js';
import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import { makeDiagnosis, NO_NODES_MESSAGE, unexplainedDiagnosis } from './diagnosis.js';
import { numFeasibleNodesToFind } from './feasible-search.js';
import type { NominatedPass } from './filter-search.js';
import { FilterSearch } from './filter-search.js';
import { WhatIf } from './what-if.js';
import type { NominatedPods } from './nominated-pods.js';
import { GPU_PLACEMENT_STREAM } from './gpu-placer.js';
import { NodeResultCache } from './node-result-cache.js';
import type { Framework } from './framework.js';
import { runPreFilters } from './run-plugins.js';
import { ScorePass } from './score-pass.js';
import { selectHost } from './select-host.js';
import type { CycleContext, Decision, Diagnosis, Plugin, RandomSource } from './types.js';
import { SKIP } from './types.js';
import { verdictReasons } from './verdict.js';

/** Options of one scheduling cycle. */
export interface ScheduleOptions {
  /**
   * When no node fits, build the Diagnosis's reason counts and kube's FitError message.
   * That walks every rejected node and may ask its plugin to describe it (plugins read
   * the live cluster to do so), which in a saturated cluster costs more than the search.
   * false: nodeCount and unresolvable are still exact and a PreFilter rejection still
   * carries its message, but filter rejections get UNEXPLAINED_REASONS and no kube
   * message (isExplained() is false). @default true
   */
  readonly explainFailure?: boolean;
  /**
   * Pods nominated to nodes by preemption: the search filters a node with the ones of
   * priority >= the pod's added, then without (RunFilterPluginsWithNominatedPods);
   * scoring never sees them. @default none
   */
  readonly nominated?: NominatedPods;
}

/**
 * Schedules one pod at a time against a ClusterView, the way kube-scheduler's
 * schedulePod does (pkg/scheduler/schedule_one.go):
 *   1. PreFilter (a Rejection ends the cycle);
 *   2. the feasible-node search: nodes in snapshot order starting at a rotating index,
 *      filters in profile order (first failure wins), stopping at numFeasibleNodesToFind;
 *   3. no feasible node: a diagnosis; exactly one: chosen without scoring;
 *   4. PreScore, Score, NormalizeScore, weighted sum (ScorePass);
 *   5. the highest total, ties broken by the seeded stream.
 * It never binds: the caller does, with the GPUs placeGpus names (kube's Reserve), so
 * every caller binds a policy's pods the same way. Scratch buffers are reused across
 * cycles.
 */
export class Scheduler {
  private nextStartNodeIndex = 0;
  private readonly search = new FilterSearch();
  /** Per filter plugin that can reuse verdicts across cycles (see NodeResultCache). */
  private readonly filterCaches: (NodeResultCache | null)[];
  private readonly scorePass: ScorePass;
  private readonly filterState: unknown[];
  /** Per filter plugin: the verdict bits whose reasons are UnschedulableAndUnresolvable. */
  private readonly unresolvableBits: Int32Array;

  /** What-ifs of the pass with nominated pods added. */
  private whatIf: WhatIf | null = null;

  /** The seeded stream placements draw from (see placeGpus). */
  private readonly placementRng: RandomSource;

  /**
   * `rng` breaks ties between nodes. `placementRng` is the stream GPU placements draw
   * from; without it, the fork GPU_PLACEMENT_STREAM of `rng` (or `rng` itself when it
   * cannot fork), kept apart so that a random placement never shifts the tie-breaks.
   */
  constructor(readonly fw: Framework, private readonly rng: RandomSource, placementRng?: RandomSource) {
    this.placementRng = placementRng ?? rng.fork?.(GPU_PLACEMENT_STREAM) ?? rng;
    this.filterState = new Array(fw.filters.length);
    this.unresolvableBits = Int32Array.from(fw.filters, unresolvableMask);
    this.filterCaches = fw.filters.map((p) => (p.reuseVerdicts ? new NodeResultCache() : null));
    this.scorePass = new ScorePass(fw);
  }

  /** One scheduling cycle for `pod`; see the class comment and ScheduleOptions. */
  scheduleOne(view: ClusterView, pod: CompiledPod, opts?: ScheduleOptions): Decision {
    const cx: CycleContext = { view };
    const order = view.nodeOrder();
    const numAll = order.length;
    if (numAll === 0) {
      return { kind: 'unschedulable', diagnosis: { ...makeDiagnosis(0, new Map(), null, false), message: NO_NODES_MESSAGE } };
    }
    const pre = runPreFilters(this.fw, cx, pod, this.filterState);
    if (pre !== null) {
      const msg = pre.rejection.message;
      return { kind: 'unschedulable', diagnosis: makeDiagnosis(numAll, new Map([[msg, numAll]]), msg, pre.rejection.unresolvable) };
    }

    const nodes = this.restrictNodes(order, view.nodeName);
    const nominated = opts?.nominated !== undefined && opts.nominated.size > 0 ? this.nominatedPass(view, pod, opts.nominated) : null;
    const { found, rejected } = this.findFeasible(cx, pod, nodes, numAll, nominated);
    if (found === 0) {
      // kube: preemption can help unless every rejection is UnschedulableAndUnresolvable.
      const unresolvable = rejected > 0 && this.allUnresolvable(rejected);
      const diagnosis = opts?.explainFailure === false
        ? unexplainedDiagnosis(numAll, unresolvable)
        : this.explain(cx, pod, numAll, rejected, unresolvable, nominated !== null);
      return { kind: 'unschedulable', diagnosis };
    }
    const evaluated = found + rejected;
    if (found === 1) {
      return {
        kind: 'bound', node: this.search.feasible[0] as NodeId, score: 0,
        pluginScores: new Float64Array(this.fw.scorers.length), feasibleNodes: 1, evaluatedNodes: evaluated,
      };
    }
    const list = { ids: this.search.feasible, count: found };
    const uniform = this.scorePass.run(cx, pod, list);
    const totals = this.scorePass.totals;
    const best = selectHost(totals, found, this.rng);
    const pluginScores = new Float64Array(this.fw.scorers.length);
    for (let s = 0; s < pluginScores.length; s++) pluginScores[s] = this.scorePass.pluginScore(cx, pod, list, s, best);
    return {
      kind: 'bound', node: this.search.feasible[best] as NodeId, score: totals[best]! + uniform,
      pluginScores, feasibleNodes: found, evaluatedNodes: evaluated,
    };
  }

  /**
   * The GPUs `pod` gets on `node` (a bitmask over the node's GPUs): the profile's GPU
   * placer's choice (Framework.gpuPlacer), or 0, meaning the cluster's default (the
   * tightest fit; see ClusterState.bind), when the pod asks no GPU, the profile has no
   * placer or the placer has no opinion. Call it once per bind, right before binding to
   * the node scheduleOne chose or to a nominated node that fits: a placer may draw from
   * the placement stream.
   */
  placeGpus(view: ClusterView, pod: CompiledPod, node: NodeId): number {
    const placer = this.fw.gpuPlacer;
    if (placer === null || pod.gpu.count === 0) return 0;
    return placer.placeGpus!(view, pod, node, this.placementRng);
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
  private findFeasible(cx: CycleContext, pod: CompiledPod, order: Int32Array, numAllNodes: number, nominated: NominatedPass | null): { found: number; rejected: number } {
    if (order.length === 0) return { found: 0, rejected: 0 };
    const want = numFeasibleNodesToFind(this.fw.percentageOfNodesToScore, order.length);
    const r = this.search.run(this.fw, this.filterState, cx, pod, order, this.nextStartNodeIndex % order.length, want, this.filterCaches, nominated);
    // kube: nextStartNodeIndex = (nextStartNodeIndex + processed) % len(allNodes).
    this.nextStartNodeIndex = (this.nextStartNodeIndex + r.found + r.rejected) % numAllNodes;
    return r;
  }

  /**
   * The pass with nominated pods added, for the search (see NominatedPass): a what-if on
   * each node with nominations, from this cycle's PreFilter states, begun at the first
   * such node (so a cycle without one copies nothing).
   */
  private nominatedPass(view: ClusterView, pod: CompiledPod, nominated: NominatedPods): NominatedPass {
    const whatIf = (this.whatIf ??= new WhatIf(this.fw));
    const states = this.filterState;
    let begun = false;
    return {
      verdict: 0,
      check(node) {
        if (!nominated.affects(node as NodeId, pod)) return -1;
        if (!begun) {
          whatIf.begin(view, pod, states);
          begun = true;
        }
        whatIf.focus(node as NodeId);
        const f = whatIf.nominatedRejection(nominated);
        this.verdict = whatIf.verdict;
        return f;
      },
    };
  }

  /** Whether every rejection of the last search was UnschedulableAndUnresolvable: one AND per node. */
  private allUnresolvable(rejected: number): boolean {
    const { rejectedPlugin, rejectedVerdict } = this.search;
    const bits = this.unresolvableBits;
    for (let r = 0; r < rejected; r++) {
      if ((rejectedVerdict[r]! & bits[rejectedPlugin[r]!]!) === 0) return false;
    }
    return true;
  }

  /**
   * Slow path, only when no node fits and the caller wants the reasons: reason texts
   * counted per node (a text once per node), in order of first appearance. A plugin
   * without describe() words a verdict the same on every node, and so does one whose
   * describeVariesByNode says so for the verdict (unless nominated pods were added: its
   * describe reads the live cluster, not the what-if that rejected the node), so their
   * texts are worked out once per distinct verdict and counted per verdict; describe()
   * is asked node by node otherwise. Must run before the cluster changes and before the
   * next cycle (describe reads the live cluster; the search's rejected lists are scratch).
   */
  private explain(cx: CycleContext, pod: CompiledPod, numAll: number, rejected: number, unresolvable: boolean, nominated: boolean): Diagnosis {
    const { rejectedNode, rejectedPlugin, rejectedVerdict } = this.search;
    const filters = this.fw.filters;
    // Groups in order of first appearance: one per distinct (verdict, plugin) worded
    // alike everywhere, one per node otherwise; each with its texts and node count.
    // Counting texts group by group in that order gives the node-by-node order and counts.
    const groupOf = new Map<number, number>();
    const groupTexts: (readonly string[])[] = [];
    const groupCount: number[] = [];
    // Whether a (verdict, plugin) is worded alike everywhere depends on nothing else this
    // cycle, and neighbours in the list are mostly rejected alike: the last key's answer
    // and group are reused without asking the plugin or the map again.
    let lastKey = -1;
    let lastAlike = false;
    let lastGroup = -1;
    for (let r = 0; r < rejected; r++) {
      const f = rejectedPlugin[r]!;
      const verdict = rejectedVerdict[r]!;
      // verdict * filters + plugin is exact in a double.
      const key = verdict * filters.length + f;
      if (key !== lastKey) {
        const plugin = filters[f]!;
        lastKey = key;
        lastAlike = !plugin.describe || (!nominated && plugin.describeVariesByNode !== undefined && !plugin.describeVariesByNode(verdict, this.filterState[f]));
        lastGroup = lastAlike ? groupOf.get(key) ?? -1 : -1;
      }
      if (!lastAlike) {
        groupTexts.push(distinct(verdictReasons(filters[f]!, cx, pod, rejectedNode[r] as NodeId, verdict, this.filterState[f])));
        groupCount.push(1);
      } else if (lastGroup !== -1) {
        groupCount[lastGroup]!++;
      } else {
        lastGroup = groupTexts.length;
        groupOf.set(key, lastGroup);
        groupTexts.push(distinct(verdictReasons(filters[f]!, cx, pod, rejectedNode[r] as NodeId, verdict, this.filterState[f])));
        groupCount.push(1);
      }
    }
    const reasons = new Map<string, number>();
    for (let g = 0; g < groupTexts.length; g++) {
      const texts = groupTexts[g]!;
      const n = groupCount[g]!;
      for (let i = 0; i < texts.length; i++) {
        const t = texts[i]!;
        reasons.set(t, (reasons.get(t) ?? 0) + n);
      }
    }
    return makeDiagnosis(numAll, reasons, null, unresolvable);
  }
}

/** The verdict bits of a plugin's UnschedulableAndUnresolvable reasons (see verdictStatus). */
function unresolvableMask(p: Plugin): number {
  let mask = 0;
  const reasons = p.reasons ?? [];
  for (let i = 0; i < reasons.length && i < 32; i++) if (reasons[i]!.unresolvable) mask |= 1 << i;
  return mask;
}

/** The texts without repeats, first occurrence kept (kube counts a reason once per node). */
function distinct(texts: string[]): readonly string[] {
  return texts.length <= 1 ? texts : [...new Set(texts)];
}
