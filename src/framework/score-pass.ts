import type { NodeId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';
import type { Framework } from './framework.js';
import { fusedResourceScores } from './fused-resource-scores.js';
import { NodeResultCache } from './node-result-cache.js';
import type { ResourceKernel } from './resource-kernel.js';
import type { CycleContext, NodeList, Plugin } from './types.js';
import { SKIP, UniformScore } from './types.js';

/**
 * The scheduler's PreScore, Score, NormalizeScore and weighted sum (kube's
 * RunPreScorePlugins + RunScorePlugins), with the same results as runScorePlugins
 * (run-plugins.ts, which explain uses) and less work per node:
 *   - plugins whose preScore hands out a ResourceKernel (NodeResourcesFit,
 *     NodeResourcesBalancedAllocation) are scored together, one pass reading each node's
 *     cpu and memory row once, straight into the totals;
 *   - the first contribution to the totals is written, not added to zeros;
 *   - raw scores of plugins without normalize go into the totals in the pass that
 *     computes them;
 *   - results are reused across cycles (NodeResultCache) for the fused group when every
 *     member's reuseScores says so, and per plugin otherwise.
 * Per-plugin scores of the chosen node (Decision.pluginScores) come from pluginScore().
 * Scratch buffers are reused across cycles.
 */
export class ScorePass {
  /** Per scorer: normalized scores of the last cycle (not kept for fused plugins). */
  private scores: Float64Array[] = [];
  /** Weighted totals of the last cycle, less the uniform part run() returned. */
  totals = new Float64Array(0);
  private readonly caches: (NodeResultCache | null)[];
  private readonly groupCache = new NodeResultCache();
  /** Per scorer, this cycle: 0 skipped, 1 uniform, 2 scored, 3 fused. */
  private readonly how: Uint8Array;
  private readonly pres: unknown[];
  private readonly uniformScores: Float64Array;
  private groupKernels: ResourceKernel[] = [];
  private groupWeights = new Float64Array(0);
  private groupMembers = new Int32Array(0);
  private readonly reuseGroup: (prev: GroupState, next: GroupState, prevPod: CompiledPod, nextPod: CompiledPod) => boolean;

  constructor(private readonly fw: Framework) {
    const n = fw.scorers.length;
    this.caches = fw.scorers.map((p) => (p.reuseScores ? new NodeResultCache() : null));
    this.how = new Uint8Array(n);
    this.pres = new Array(n);
    this.uniformScores = new Float64Array(n);
    this.groupWeights = new Float64Array(n);
    this.groupMembers = new Int32Array(n);
    const scorers = fw.scorers;
    this.reuseGroup = (prev, next, prevPod, nextPod) => {
      if (prev.members !== next.members) return false;
      for (let k = 0; k < next.pres.length; k++) {
        const p = scorers[next.plugins[k]!]!;
        if (prev.plugins[k] !== next.plugins[k] || !p.reuseScores || !p.reuseScores(prev.pres[k], next.pres[k], prevPod, nextPod)) return false;
      }
      return true;
    };
  }

  /**
   * Scores `feasible` for `pod`: totals[i] is node feasible.ids[i]'s weighted sum, less
   * the part every node shares (plugins whose preScore returned UniformScore), which is
   * returned.
   */
  run(cx: CycleContext, pod: CompiledPod, feasible: NodeList): number {
    const count = feasible.count;
    this.ensureCapacity(count);
    const { fw, how, pres, totals } = this;
    const scorers = fw.scorers;
    let uniform = 0;
    let group = 0;
    let members = 0;
    for (let s = 0; s < scorers.length; s++) {
      const p = scorers[s]!;
      const pre = p.preScore ? p.preScore(cx, pod, feasible) : undefined;
      pres[s] = pre;
      if (pre === SKIP) {
        how[s] = 0;
      } else if (pre instanceof UniformScore) {
        how[s] = 1;
        this.uniformScores[s] = pre.score;
        uniform += pre.score * fw.weights[s]!;
      } else {
        const kernel = p.resourceKernel && !p.normalize ? p.resourceKernel(pre) : null;
        if (kernel === null) {
          how[s] = 2;
        } else {
          how[s] = 3;
          this.groupKernels[group] = kernel;
          this.groupWeights[group] = fw.weights[s]!;
          this.groupMembers[group] = s;
          members |= 1 << Math.min(s, 30);
          group++;
        }
      }
    }
    let written = false;
    if (group > 0) {
      this.scoreGroup(cx, pod, feasible, group, members);
      written = true;
    }
    for (let s = 0; s < scorers.length; s++) {
      if (how[s] !== 2) continue;
      this.scorePlugin(cx, pod, feasible, s, written);
      written = true;
    }
    if (!written) totals.fill(0, 0, count);
    return uniform;
  }

  /**
   * Scorer s's weighted score of feasible.ids[i] in the last run (Decision.pluginScores):
   * a fused plugin's is computed again for that node alone (plugins without normalize
   * score a node the same alone as in a batch).
   */
  pluginScore(cx: CycleContext, pod: CompiledPod, feasible: NodeList, s: number, i: number): number {
    const w = this.fw.weights[s]!;
    switch (this.how[s]) {
      case 0: return 0;
      case 1: return this.uniformScores[s]! * w;
      case 3: return this.fw.scorers[s]!.score!(cx, pod, feasible.ids[i] as NodeId, this.pres[s]) * w;
      default: return this.scores[s]![i]! * w;
    }
  }

  /** The fused group's weighted sum into totals (written, the group runs first). */
  private scoreGroup(cx: CycleContext, pod: CompiledPod, feasible: NodeList, group: number, members: number): void {
    const kernels = this.groupKernels.length === group ? this.groupKernels : this.groupKernels.slice(0, group);
    const weights = this.groupWeights;
    const cacheable = this.everyMemberReuses(group);
    const view = cx.view;
    if (!cacheable) {
      fusedResourceScores(view, feasible.ids, feasible.count, kernels, weights, this.totals);
      return;
    }
    const state: GroupState = {
      members,
      plugins: this.groupMembers.slice(0, group),
      pres: Array.from(this.groupMembers.subarray(0, group), (s) => this.pres[s]),
    };
    this.groupCache.fill(view, feasible.ids, feasible.count, pod, state, this.reuseGroup,
      (ids, n, o: Float64Array) => fusedResourceScores(view, ids, n, kernels, weights, o), this.totals);
  }

  private everyMemberReuses(group: number): boolean {
    for (let k = 0; k < group; k++) if (!this.fw.scorers[this.groupMembers[k]!]!.reuseScores) return false;
    return true;
  }

  /** One plugin's Score (and NormalizeScore), times its weight, into totals. */
  private scorePlugin(cx: CycleContext, pod: CompiledPod, feasible: NodeList, s: number, written: boolean): void {
    const p = this.fw.scorers[s]!;
    const out = this.scores[s]!;
    const w = this.fw.weights[s]!;
    const pre = this.pres[s];
    const count = feasible.count;
    const totals = this.totals;
    const cache = this.caches[s];
    // Without normalize, raw scores are final: they reach the totals in the same pass.
    const direct = !p.normalize;
    if (direct && !written) totals.fill(0, 0, count);
    if (cache && p.reuseScores) {
      cache.fill(cx.view, feasible.ids, count, pod, pre, p.reuseScores, (ids, n, o: Float64Array) => scoreNodes(p, cx, pod, { ids, count: n }, pre, o), out,
        direct ? totals : undefined, w);
    } else {
      scoreNodes(p, cx, pod, feasible, pre, out);
      if (direct) for (let i = 0; i < count; i++) totals[i] += out[i]! * w;
    }
    if (direct) return;
    p.normalize!(cx, pod, feasible, out, pre);
    if (written) for (let i = 0; i < count; i++) totals[i] += out[i]! * w;
    else for (let i = 0; i < count; i++) totals[i] = out[i]! * w;
  }

  private ensureCapacity(n: number): void {
    if (this.totals.length >= n) return;
    const cap = Math.max(n, this.totals.length * 2);
    this.totals = new Float64Array(cap);
    this.scores = this.fw.scorers.map(() => new Float64Array(cap));
  }
}

/** The fused group's PreScore states, for the reuse test across cycles. */
interface GroupState {
  /** Bit s set for each member scorer s (s >= 30 share bit 30; plugins are compared too). */
  readonly members: number;
  readonly plugins: Int32Array;
  readonly pres: unknown[];
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
