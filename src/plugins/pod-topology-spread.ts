import { z } from 'zod';
import type { CountDelta } from '../cluster/count-patch.js';
import { bumped, countAt, deltaAt, domainAt } from '../cluster/count-patch.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import type { CountedTermView, KeyDomainsView, PodIndexesView } from '../cluster/pod-indexes-view.js';
import { MAX_NODE_SCORE } from '../framework/normalize.js';
import { parsePluginArgs, TYPE_META } from '../framework/plugin-args.js';
import { ProfileError } from '../framework/profile-error.js';
import type { NodeList, Plugin, PluginEnv, Verdict } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import type { NodeId, Sym } from '../model/ids.js';
import type { LabelSelector } from '../model/labels.js';
import { isQualifiedName, SELECT_NOTHING, selectorMatches } from '../model/labels.js';
import type { CompiledPod, SpreadConstraint } from '../model/pod.js';
import { DO_NOT_SCHEDULE, SCHEDULE_ANYWAY } from '../model/pod.js';
import type { SymbolTable } from '../model/symbols.js';
import { firstUntoleratedDoNotScheduleTaint } from '../model/taints.js';

/**
 * PodTopologySpread: a node passes when placing the pod there keeps, for every
 * DoNotSchedule constraint, (matching pods in the node's domain + self match - global
 * minimum) <= maxSkew (Filter); ScheduleAnyway constraints score nodes by the matching
 * pods in their domains, each constraint weighted by log(domains + 2), fewer is better
 * (Score, NormalizeScore). Pods without constraints of their own get the default
 * constraints when a Service, ReplicationController, ReplicaSet or StatefulSet selects
 * them. Mirrors kube-scheduler pkg/scheduler/framework/plugins/podtopologyspread
 * (common.go, filtering.go, scoring.go, plugin.go).
 *
 * Counts come from PodIndexesView (counted terms per node and per domain) instead of a walk
 * over every pod: one cycle costs O(nodes + constraints), and O(domains) when every node
 * counts for every constraint (no nodeAffinity/taints policy in play, all nodes labeled).
 * What-ifs (preemption's dry runs, the pass with nominated pods) change the PreFilter
 * state through addPod/removePod (kube's PreFilterExtensions, updateWithPod), which
 * patch the counts without copying them.
 */
export const NAME = 'PodTopologySpread';

const HOSTNAME_KEY = 'kubernetes.io/hostname';
const ZONE_KEY = 'topology.kubernetes.io/zone';

/** math.MaxInt32, kube's criticalPaths start value (the minimum when no domain is counted). */
const MAX_INT32 = 2147483647;

const MISSING_LABEL = 1 << 0;
const SKEW_EXCEEDED = 1 << 1;
const REASONS = [
  { text: "node(s) didn't match pod topology spread constraints (missing required label)", unresolvable: true },
  { text: "node(s) didn't match pod topology spread constraints", unresolvable: false },
] as const;

/** What Filter needs, per DoNotSchedule constraint i (kube's preFilterState). */
interface PreFilter {
  readonly count: number;
  /** Domain id per node id for constraint i's topology key (-1: node lacks the key). */
  readonly domainOf: readonly Int32Array[];
  /** Matching pods per domain over the nodes constraint i counts (TpValueToMatchNum). */
  readonly matchNum: readonly Int32Array[];
  /** 1 when the incoming pod matches constraint i's selector. */
  readonly selfMatch: Int32Array;
  /** The global minimum, 0 while fewer than minDomains domains exist (minMatchNum). */
  readonly minMatch: Int32Array;
  readonly maxSkew: Int32Array;
  /** What addPod/removePod need besides the counts; shared by every state derived from one preFilter. */
  readonly hooks: SpreadHooks;
  /**
   * Count changes made by addPod/removePod on top of matchNum, which is never copied (it
   * may be the live index's tally, and a hostname key has one domain per node): null for
   * a state straight from preFilter, whose filter is the fast path.
   */
  readonly patch: readonly CountDelta[] | null;
}

/** The incoming pod's side of the PreFilter state, for addPod/removePod (kube keeps Constraints). */
interface SpreadHooks {
  /** The DoNotSchedule constraints, in state order. */
  readonly constraints: readonly SpreadConstraint[];
  /** Per constraint, the domains PreFilter counted (EligibleCounts.present; null: every domain with a live node). */
  readonly present: readonly (Uint8Array | null)[];
  readonly kds: readonly KeyDomainsView[];
  /**
   * Domains counted per constraint (EligibleCounts.domains, kube's len(TpValueToMatchNum[i])).
   * A what-if never changes it: the node it touches passed the same inclusion test in
   * PreFilter, so its domain is among them. Below minDomains the minimum stays 0.
   */
  readonly domains: Int32Array;
  /** Nodes the pod's required node affinity admits, or null when it has none or no constraint honors it. */
  readonly affinityNodes: Uint8Array | null;
  /**
   * Per constraint i, kube's two critical paths over matchNum as PreFilter left it:
   * [4i] the domain with the smallest count, [4i+1] that count, [4i+2] and [4i+3] the
   * next smallest (-1 / MaxInt32 when missing); [4i] is -2 until a hook first needs it.
   * A cache, null until a hook first needs it (a cycle without what-ifs pays nothing);
   * filling it changes no state's meaning.
   */
  lowest: Int32Array | null;
}


/** What Score and NormalizeScore need, per ScheduleAnyway constraint i (kube's preScoreState). */
interface PreScore {
  readonly count: number;
  /**
   * Nodes lacking a constraint's key score 0 (kube's IgnoredNodes). Set only when kube
   * requires every key and some live node lacks one, so score() checks keys only then.
   */
  readonly ignoreNodesLackingKeys: boolean;
  readonly domainOf: readonly Int32Array[];
  /** Matching pods per domain (unused for hostname constraints). */
  readonly podCounts: readonly Int32Array[];
  /** Matching pods per node, for hostname constraints; null when nothing can match. */
  readonly perNode: readonly (Int32Array | null)[];
  readonly isHostname: Uint8Array;
  /** log(domains among candidates + 2) (topologyNormalizingWeight). */
  readonly weight: Float64Array;
  /** maxSkew - 1, added per constraint (scoreForCount). */
  readonly skewBias: Float64Array;
}

/** Resolved PodTopologySpreadArgs. */
interface Args {
  /** defaultingType: System (the defaults are the built-in hostname/zone pair). */
  readonly systemDefaulted: boolean;
  /** Default constraints with a placeholder selector (DefaultSelector replaces it per pod). */
  readonly defaults: readonly SpreadConstraint[];
}

/** Builds the PodTopologySpread plugin from PodTopologySpreadArgs. */
export function create(args: unknown, env: PluginEnv): Plugin {
  const { symbols } = env.model;
  const a = compileArgs(args, env);
  const hostnameKey = symbols.intern(HOSTNAME_KEY);
  const defaultsFor = defaultConstraintCache(a.defaults);

  /** The pod's constraints for one action: its own, else the defaults (getConstraints / initPreScoreState). */
  const constraintsFor = (idx: PodIndexesView, pod: CompiledPod, action: number): readonly SpreadConstraint[] =>
    pod.spread.length > 0 ? pod.spread.filter((c) => c.whenUnsatisfiable === action) : defaultsFor(idx, pod, action);

  return {
    name: NAME,
    // Counts of matching pods per domain: a what-if follows them through addPod/removePod.
    preFilterReadsPods: true,
    reasons: REASONS,

    preFilter(cx, pod) {
      const idx = cx.view.podIndexes;
      const cs = constraintsFor(idx, pod, DO_NOT_SCHEDULE);
      // kube: an empty state means Skip, and Filter is not called.
      if (cs.length === 0) return SKIP;
      const kds = cs.map((c) => idx.domains.forKey(c.topologyKey));
      const terms = cs.map((c) => countedTerm(idx, c.selector, pod));
      // calPreFilterState always requires every constraint's key on a counted node.
      const counted = countEligible(cx.view, idx, pod, cs, kds, terms, true);
      const n = cs.length;
      const minMatch = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        // minMatchNum: fewer eligible domains than minDomains makes the global minimum 0.
        minMatch[i] = counted.domains[i]! < cs[i]!.minDomains ? 0 : minOverDomains(counted.matchNum[i]!, counted.present[i] ?? null, kds[i]!);
      }
      const hooks: SpreadHooks = {
        constraints: cs, present: counted.present, kds, domains: counted.domains, affinityNodes: counted.affinityNodes, lowest: null,
      };
      return {
        count: n,
        domainOf: kds.map((kd) => kd.domainOf),
        matchNum: counted.matchNum,
        selfMatch: Int32Array.from(cs, (c) => (selectorMatches(c.selector, pod.labels, symbols) ? 1 : 0)),
        minMatch,
        maxSkew: Int32Array.from(cs, (c) => c.maxSkew),
        hooks,
        patch: null,
      };
    },

    addPod(cx, pod, pre, added, node) {
      return withPodChanged(cx.view, pod, pre, added, node, 1, symbols);
    },

    removePod(cx, pod, pre, removed, node) {
      return withPodChanged(cx.view, pod, pre, removed, node, -1, symbols);
    },

    filter(_cx, _pod, node, s) {
      if (s.patch !== null) return filterPatched(s, s.patch, node);
      // Constraints in order; the first one that fails decides the status, as in kube.
      for (let i = 0; i < s.count; i++) {
        const d = s.domainOf[i]![node]!;
        if (d < 0) return MISSING_LABEL;
        if (s.matchNum[i]![d]! + s.selfMatch[i]! - s.minMatch[i]! > s.maxSkew[i]!) return SKEW_EXCEEDED;
      }
      return PASS;
    },

    preScore(cx, pod, feasible) {
      if (cx.view.liveNodeCount === 0) return SKIP;
      const idx = cx.view.podIndexes;
      const cs = constraintsFor(idx, pod, SCHEDULE_ANYWAY);
      if (cs.length === 0) return SKIP;
      // Only the system defaults tolerate nodes without every key (hostname spreading
      // still works on nodes without a zone label).
      const requireAll = pod.spread.length > 0 || !a.systemDefaulted;
      const n = cs.length;
      const kds = cs.map((c) => idx.domains.forKey(c.topologyKey));
      // When every live node has every key, no node is ignored: skip the per-node check.
      const someNodeLacksAKey = kds.some((kd) => kd.nodesWithKey !== cx.view.liveNodeCount);
      const terms = cs.map((c) => countedTerm(idx, c.selector, pod));
      const isHostname = Uint8Array.from(cs, (c) => (c.topologyKey === hostnameKey ? 1 : 0));
      const counted = countEligible(cx.view, idx, pod, cs, kds, terms, requireAll);
      const weight = new Float64Array(n);
      const sizes = candidateDomainCounts(feasible, kds, isHostname, requireAll, someNodeLacksAKey, counted.absent);
      for (let i = 0; i < n; i++) weight[i] = topologyNormalizingWeight(sizes[i]!);
      return {
        count: n,
        ignoreNodesLackingKeys: requireAll && someNodeLacksAKey,
        domainOf: kds.map((kd) => kd.domainOf),
        podCounts: counted.matchNum,
        perNode: terms.map((t) => (t === null ? null : t.nodeCounts(cx.view.nodeCapacity))),
        isHostname,
        weight,
        skewBias: Float64Array.from(cs, (c) => c.maxSkew - 1),
      };
    },

    score(_cx, _pod, node, s) {
      if (isIgnored(s, node)) return 0;
      let score = 0;
      for (let i = 0; i < s.count; i++) {
        const d = s.domainOf[i]![node]!;
        if (d < 0) continue;
        let cnt: number;
        if (s.isHostname[i] === 1) {
          const per = s.perNode[i]!;
          cnt = per === null ? 0 : per[node]!;
        } else {
          cnt = s.podCounts[i]![d]!;
        }
        // scoreForCount, summed in float64 in constraint order.
        score += cnt * s.weight[i]! + s.skewBias[i]!;
      }
      // Go's math.Round rounds half away from zero; scores are >= 0, where Math.round agrees.
      return Math.round(score);
    },

    normalize(_cx, _pod, feasible, scores, s) {
      const ids = feasible.ids;
      const count = feasible.count;
      let minScore = Number.MAX_SAFE_INTEGER;
      let maxScore = 0;
      for (let i = 0; i < count; i++) {
        if (isIgnored(s, ids[i] as NodeId)) continue;
        const v = scores[i]!;
        if (v < minScore) minScore = v;
        if (v > maxScore) maxScore = v;
      }
      for (let i = 0; i < count; i++) {
        if (isIgnored(s, ids[i] as NodeId)) {
          scores[i] = 0;
        } else if (maxScore === 0) {
          scores[i] = MAX_NODE_SCORE;
        } else {
          // Mirrors NormalizeScore: int64 arithmetic, the division truncates.
          scores[i] = Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - scores[i]!)) / maxScore);
        }
      }
    },
  } satisfies Plugin<PreFilter, PreScore>;
}

// ---- what-ifs (PreFilterExtensions) -------------------------------------------------------

const NO_DELTAS: readonly CountDelta[] = [];

/**
 * kube's updateWithPod (AddPod with sign +1, RemovePod with -1): the state as if
 * `changed` were bound to (or gone from) `node`, in a new state; `s` and its arrays are
 * never written. Like kube, nothing changes unless `changed` is in the incoming pod's
 * namespace and `node` has every constraint's key (nodeLabelsMatchSpreadConstraints);
 * then each constraint whose selector matches `changed`'s labels, and whose
 * nodeAffinityPolicy / nodeTaintsPolicy admit `node` for the incoming pod
 * (matchNodeInclusionPolicies), counts `sign` more pods in `node`'s domain, and its
 * minimum is recomputed (patchedMin). Only node labels and taints are read from `view`
 * (nothing about `changed`'s placement: it may be pending there, or bound elsewhere).
 *
 * NOTE: where this differs from running PreFilter again on the changed cluster, it
 * follows kube, whose updateWithPod checks less than countPodsMatchSelector does:
 *  - a terminating pod counts (PreFilter skips pods with a deletionTimestamp), so
 *    removing one lowers the count below what PreFilter found;
 *  - an empty selector ({}) matches every pod of the namespace (labels.Everything()),
 *    where PreFilter counts nothing for it.
 * Cost: O(constraints x patch entries); nothing per node or domain.
 */
function withPodChanged(
  view: ClusterView, pod: CompiledPod, s: PreFilter, changed: CompiledPod, node: NodeId, sign: 1 | -1, symbols: SymbolTable,
): PreFilter {
  if (changed.namespace !== pod.namespace) return s;
  const n = s.count;
  for (let i = 0; i < n; i++) if (domainAt(s.domainOf[i]!, node) < 0) return s;
  const h = s.hooks;
  const before = s.patch ?? NO_DELTAS;
  let patch = before;
  let minMatch: Int32Array | null = null;
  let tolerated = -1;
  for (let i = 0; i < n; i++) {
    const c = h.constraints[i]!;
    if (!selectorMatches(c.selector, changed.labels, symbols)) continue;
    if (c.honorNodeAffinity && h.affinityNodes !== null && (h.affinityNodes[node] ?? 0) !== 1) continue;
    if (c.honorNodeTaints) {
      if (tolerated < 0) tolerated = firstUntoleratedDoNotScheduleTaint(view.nodeTaints(node), pod.tolerations) < 0 ? 1 : 0;
      if (tolerated === 0) continue;
    }
    patch = bumped(patch, i, s.domainOf[i]![node]!, sign);
    // Later constraints never touch constraint i's entries: its minimum is final now.
    minMatch ??= s.minMatch.slice();
    minMatch[i] = patchedMin(s, patch, i);
  }
  if (minMatch === null) return s;
  return { ...s, minMatch, patch: patch.length === 0 ? null : patch };
}

/**
 * Constraint i's global minimum (minMatchNum) with `patch` applied: 0 below minDomains,
 * else the smallest count over the domains PreFilter counted. The patched domains are
 * read directly; the untouched ones through kube's two critical paths (the two smallest
 * counts PreFilter saw): the first path whose domain is untouched holds their minimum.
 * CAVEAT: kube keeps only those two paths and trusts them because a what-if changes one
 * node ("we only preempt pods on the same node"), so one domain per constraint. A
 * what-if touching several domains of one constraint (never ours: WhatIf has one focus)
 * would make kube's paths stale; here, when both paths' domains are patched, the other
 * domains are scanned instead (O(domains)), so the minimum stays exact.
 */
function patchedMin(s: PreFilter, patch: readonly CountDelta[], i: number): number {
  const h = s.hooks;
  if (h.domains[i]! < h.constraints[i]!.minDomains) return 0;
  const base = s.matchNum[i]!;
  const low = lowestOf(s, i);
  const d0 = low[4 * i]!;
  const d1 = low[4 * i + 2]!;
  let min = MAX_INT32;
  let touched0 = false;
  let touched1 = false;
  for (const e of patch) {
    if (e.slot !== i) continue;
    const v = countAt(base, e.domain) + e.count;
    if (v < min) min = v;
    if (e.domain === d0) touched0 = true;
    else if (e.domain === d1) touched1 = true;
  }
  if (!touched0) return Math.min(min, low[4 * i + 1]!);
  if (!touched1) return Math.min(min, low[4 * i + 3]!);
  const present = h.present[i] ?? null;
  const kd = h.kds[i]!;
  for (let d = 0; d < kd.count; d++) {
    if (present === null ? kd.nodesIn[d]! === 0 : present[d] !== 1) continue;
    if (deltaAt(patch, i, d) !== 0) continue; // patched: counted above
    const v = countAt(base, d);
    if (v < min) min = v;
  }
  return min;
}

/**
 * The state's critical paths for constraint i (see SpreadHooks.lowest), computed from
 * matchNum over the counted domains on first use: kube's calPreFilterState feeds every
 * domain through criticalPaths.update, which keeps the two smallest.
 */
function lowestOf(s: PreFilter, i: number): Int32Array {
  const h = s.hooks;
  let low = h.lowest;
  if (low === null) {
    low = new Int32Array(4 * s.count).fill(-2);
    h.lowest = low;
  }
  if (low[4 * i] !== -2) return low;
  const base = s.matchNum[i]!;
  const present = h.present[i] ?? null;
  const kd = h.kds[i]!;
  let d0 = -1;
  let n0 = MAX_INT32;
  let d1 = -1;
  let n1 = MAX_INT32;
  // PreFilter's counts are never negative: two empty domains end the search.
  for (let d = 0; d < kd.count && n1 > 0; d++) {
    if (present === null ? kd.nodesIn[d]! === 0 : present[d] !== 1) continue;
    const v = countAt(base, d);
    if (v < n0) {
      d1 = d0; n1 = n0;
      d0 = d; n0 = v;
    } else if (v < n1) {
      d1 = d; n1 = v;
    }
  }
  low[4 * i] = d0;
  low[4 * i + 1] = n0;
  low[4 * i + 2] = d1;
  low[4 * i + 3] = n1;
  return low;
}

/** Filter for a state addPod/removePod changed: the fast path's check, each count plus its delta. */
function filterPatched(s: PreFilter, patch: readonly CountDelta[], node: NodeId): Verdict {
  for (let i = 0; i < s.count; i++) {
    const d = s.domainOf[i]![node]!;
    if (d < 0) return MISSING_LABEL;
    const matchNum = countAt(s.matchNum[i]!, d) + deltaAt(patch, i, d);
    if (matchNum + s.selfMatch[i]! - s.minMatch[i]! > s.maxSkew[i]!) return SKEW_EXCEEDED;
  }
  return PASS;
}





/** IgnoredNodes: a node lacking any constraint's key is not scored (when kube requires every key). */
function isIgnored(s: PreScore, node: NodeId): boolean {
  if (!s.ignoreNodesLackingKeys) return false;
  for (let i = 0; i < s.count; i++) if (s.domainOf[i]![node]! < 0) return true;
  return false;
}

/** Mirrors topologyNormalizingWeight: log(size + 2). */
function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/**
 * The counted term for a constraint's selector in the pod's namespace, terminating pods
 * excluded (countPodsMatchSelector). null when it counts nothing: kube returns 0 for an
 * empty selector ({} or no requirements) and a nil selector matches no pod.
 */
function countedTerm(idx: PodIndexesView, selector: LabelSelector, pod: CompiledPod): CountedTermView | null {
  if (selector.nothing || selector.requirements.length === 0) return null;
  return idx.terms.acquire([{ selector, namespaces: Int32Array.of(pod.namespace) }], true);
}

/** Per constraint: matching pods per domain and which domains exist, over the nodes it counts. */
interface EligibleCounts {
  readonly matchNum: Int32Array[];
  /** present[i][d] = 1 when a counted node is in domain d; null: every domain with a live node. */
  readonly present: (Uint8Array | null)[];
  /** Number of domains present (len(TpValueToMatchNum[i])). */
  readonly domains: Int32Array;
  /** The domain a node without the key counts under (""), or -1 when every node has the key. */
  readonly absent: Int32Array;
  /** The node affinity mask the counts honored (AffinityMask.nodes), or null when none was used. */
  readonly affinityNodes: Uint8Array | null;
}

/**
 * Sums matching pods per domain over the nodes each constraint counts: nodes that have
 * every constraint's key (when requireAll; otherwise a node without the key counts under
 * the value "", as kube's map lookup of a missing label gives "") and that pass the
 * constraint's nodeAffinityPolicy / nodeTaintsPolicy (matchNodeInclusionPolicies).
 * Three ways, cheapest first:
 *  - every node counts: the index's own per-domain tally, O(1);
 *  - only the pod's node affinity narrows the nodes: the cached affinity mask gives the
 *    domains, and only the nodes holding matching pods are visited;
 *  - otherwise (taints honored, nodes lacking keys): one pass over the nodes.
 */
function countEligible(
  view: ClusterView, idx: PodIndexesView, pod: CompiledPod, cs: readonly SpreadConstraint[], kds: readonly KeyDomainsView[],
  terms: readonly (CountedTermView | null)[], requireAll: boolean,
): EligibleCounts {
  const n = cs.length;
  const live = view.liveNodeCount;
  const checkKeys = requireAll && kds.some((kd) => kd.nodesWithKey !== live);
  const absent = Int32Array.from(kds, (kd) => (!requireAll && kd.nodesWithKey !== live ? kd.emptyDomain : -1));
  const mask = (pod.nodeSelector !== null || pod.requiredNodeAffinity !== null) && cs.some((c) => c.honorNodeAffinity)
    ? idx.affinityMasks.of(pod) : null;
  const out: EligibleCounts = { matchNum: [], present: [], domains: new Int32Array(n), absent, affinityNodes: mask?.nodes ?? null };
  const slow: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = cs[i]!;
    const kd = kds[i]!;
    const t = terms[i]!;
    const byMask = mask !== null && c.honorNodeAffinity;
    if (checkKeys || absent[i]! >= 0 || c.honorNodeTaints) {
      slow.push(i);
      out.matchNum.push(new Int32Array(Math.max(1, kd.count)));
      out.present.push(new Uint8Array(Math.max(1, kd.count)));
    } else if (!byMask) {
      out.matchNum.push(t === null ? new Int32Array(Math.max(1, kd.count)) : t.tally(kd).counts);
      out.present.push(null);
      out.domains[i] = kd.liveDomains;
    } else {
      const covered = mask.domainsOf(kd);
      const counts = new Int32Array(Math.max(1, kd.count));
      if (t !== null) {
        const per = t.nodeCounts(view.nodeCapacity);
        const { ids, count } = t.nodesWithMatches();
        for (let k = 0; k < count; k++) {
          const node = ids[k]!;
          if (mask.nodes[node] === 1) counts[kd.domainOf[node]!] += per[node]!;
        }
      }
      out.matchNum.push(counts);
      out.present.push(covered.present);
      out.domains[i] = covered.domains;
    }
  }
  if (slow.length > 0) countByNodes(view, pod, cs, kds, terms, slow, checkKeys, mask?.nodes ?? null, out);
  return out;
}

/** The O(nodes) pass of countEligible for constraints `which`. */
function countByNodes(
  view: ClusterView, pod: CompiledPod, cs: readonly SpreadConstraint[], kds: readonly KeyDomainsView[],
  terms: readonly (CountedTermView | null)[], which: readonly number[], checkKeys: boolean, mask: Uint8Array | null,
  out: EligibleCounts,
): void {
  const perNode = terms.map((t) => (t === null ? null : t.nodeCounts(view.nodeCapacity)));
  const order = view.nodeOrder();
  for (let k = 0; k < order.length; k++) {
    const node = order[k] as NodeId;
    if (checkKeys && !hasEveryKey(kds, node)) continue;
    let taintsOk = -1;
    for (let w = 0; w < which.length; w++) {
      const i = which[w]!;
      const c = cs[i]!;
      if (mask !== null && c.honorNodeAffinity && mask[node] === 0) continue;
      if (c.honorNodeTaints) {
        if (taintsOk < 0) taintsOk = firstUntoleratedDoNotScheduleTaint(view.nodeTaints(node), pod.tolerations) < 0 ? 1 : 0;
        if (taintsOk === 0) continue;
      }
      let d = kds[i]!.domainOf[node]!;
      if (d < 0) d = out.absent[i]!;
      const present = out.present[i]!;
      if (present[d] === 0) {
        present[d] = 1;
        out.domains[i]++;
      }
      const per = perNode[i];
      if (per !== null && per !== undefined) out.matchNum[i]![d] += per[node]!;
    }
  }
}

function hasEveryKey(kds: readonly KeyDomainsView[], node: NodeId): boolean {
  for (let i = 0; i < kds.length; i++) if (kds[i]!.domainOf[node]! < 0) return false;
  return true;
}

/**
 * The smallest count over the domains that exist (criticalPaths[0].MatchNum; MaxInt32
 * when none do). Stops at the first empty domain: no count is below 0, and with many
 * domains (hostname) one usually comes early.
 */
function minOverDomains(counts: Int32Array, present: Uint8Array | null, kd: KeyDomainsView): number {
  let min = MAX_INT32;
  const nd = kd.count;
  for (let d = 0; d < nd && min > 0; d++) {
    if (present === null ? kd.nodesIn[d]! === 0 : present[d] !== 1) continue;
    if (counts[d]! < min) min = counts[d]!;
  }
  return min;
}

/**
 * Per constraint, the number of domains among the candidate nodes that are scored
 * (initPreScoreState's topoSize): distinct values of the key, nodes without it counting
 * under `absent` ("") unless requireAll; for hostname constraints simply the candidates
 * not ignored. `checkKeys`: some live node lacks a key, so candidates must be checked.
 */
function candidateDomainCounts(
  feasible: NodeList, kds: readonly KeyDomainsView[], isHostname: Uint8Array, requireAll: boolean, checkKeys: boolean,
  absent: Int32Array,
): Int32Array {
  const n = kds.length;
  const sizes = new Int32Array(n);
  let scored = feasible.count;
  if (requireAll && checkKeys) {
    scored = 0;
    for (let k = 0; k < feasible.count; k++) if (hasEveryKey(kds, feasible.ids[k] as NodeId)) scored++;
  }
  for (let i = 0; i < n; i++) {
    if (isHostname[i] === 1) {
      sizes[i] = scored;
      continue;
    }
    const kd = kds[i]!;
    const seen = new Uint8Array(Math.max(1, kd.count));
    // Every domain a candidate can be in: the live ones, plus "" for nodes without the key.
    const most = kd.liveDomains + (absent[i]! >= 0 ? 1 : 0);
    for (let k = 0; k < feasible.count && sizes[i]! < most; k++) {
      const node = feasible.ids[k] as NodeId;
      if (requireAll && checkKeys && !hasEveryKey(kds, node)) continue;
      let d = kd.domainOf[node]!;
      // Only reachable without requireAll, where countEligible assigned the "" domain.
      if (d < 0) d = absent[i]!;
      if (seen[d] === 0) {
        seen[d] = 1;
        sizes[i]++;
      }
    }
  }
  return sizes;
}

/**
 * The default constraints of a pod for one action, with the selector
 * helper.DefaultSelector deduces from the pod's Services and controller
 * (buildDefaultConstraints); none when that selector is empty. Remembers the last pod,
 * so PreFilter and PreScore of one cycle build them once.
 */
function defaultConstraintCache(defaults: readonly SpreadConstraint[]) {
  let lastPod: CompiledPod | null = null;
  let lastGen = -1;
  let lastIdx: PodIndexesView | null = null;
  let cached: readonly SpreadConstraint[] = [];
  return (idx: PodIndexesView, pod: CompiledPod, action: number): readonly SpreadConstraint[] => {
    if (defaults.length === 0) return [];
    if (pod !== lastPod || idx.workloads.generation !== lastGen || idx !== lastIdx) {
      lastPod = pod;
      lastGen = idx.workloads.generation;
      lastIdx = idx;
      const selector = idx.workloads.defaultSelector(pod);
      cached = selector.requirements.length === 0 ? [] : defaults.map((c) => ({ ...c, selector }));
    }
    return cached.filter((c) => c.whenUnsatisfiable === action);
  };
}

// ---- args ------------------------------------------------------------------------------

const constraintSchema = z.strictObject({
  maxSkew: z.number().int(),
  topologyKey: z.string(),
  whenUnsatisfiable: z.string(),
  labelSelector: z.unknown().optional(),
  minDomains: z.number().int().min(1, 'must be greater than zero').nullish(),
  nodeAffinityPolicy: z.enum(['Honor', 'Ignore']).nullish(),
  nodeTaintsPolicy: z.enum(['Honor', 'Ignore']).nullish(),
  matchLabelKeys: z.array(z.string()).nullish(),
});

const argsSchema = z.strictObject({
  ...TYPE_META,
  defaultingType: z.enum(['System', 'List']).optional(),
  defaultConstraints: z.array(constraintSchema).nullish(),
}).nullish();

/** kube-scheduler's systemDefaultConstraints (plugin.go). */
const SYSTEM_DEFAULTS: readonly z.infer<typeof constraintSchema>[] = [
  { topologyKey: HOSTNAME_KEY, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: ZONE_KEY, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/**
 * Validates PodTopologySpreadArgs as ValidatePodTopologySpreadArgs does and applies the
 * v1 default (defaultingType: System).
 */
function compileArgs(raw: unknown, env: PluginEnv): Args {
  const args = parsePluginArgs(argsSchema, raw) ?? {};
  const defaultingType = args.defaultingType ?? 'System';
  const list = args.defaultConstraints ?? [];
  if (defaultingType === 'System' && list.length > 0) {
    throw new ProfileError('defaultingType', 'must be "List" when defaultConstraints are given ("System" uses the built-in defaults)');
  }
  list.forEach((c, i) => {
    const at = `defaultConstraints[${i}]`;
    if (c.maxSkew <= 0) throw new ProfileError(`${at}.maxSkew`, 'must be greater than zero');
    if (c.topologyKey === '') throw new ProfileError(`${at}.topologyKey`, 'can not be empty');
    if (!isQualifiedName(c.topologyKey)) throw new ProfileError(`${at}.topologyKey`, `invalid label name ${JSON.stringify(c.topologyKey)}`);
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      throw new ProfileError(`${at}.whenUnsatisfiable`, `unsupported value ${JSON.stringify(c.whenUnsatisfiable)} (DoNotSchedule or ScheduleAnyway)`);
    }
    if (c.labelSelector !== undefined) {
      throw new ProfileError(`${at}.labelSelector`, 'constraint must not define a selector, as they deduced for each pod');
    }
    for (let j = 0; j < i; j++) {
      const o = list[j]!;
      if (o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable) {
        throw new ProfileError(at, `duplicate {${c.topologyKey}, ${c.whenUnsatisfiable}}`);
      }
    }
  });
  const source = defaultingType === 'System' ? SYSTEM_DEFAULTS : list;
  const { symbols } = env.model;
  // filterTopologySpreadConstraints' defaults: minDomains 1, nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore.
  const defaults = source.map((c): SpreadConstraint => ({
    maxSkew: c.maxSkew,
    topologyKey: symbols.intern(c.topologyKey),
    whenUnsatisfiable: c.whenUnsatisfiable === 'DoNotSchedule' ? DO_NOT_SCHEDULE : SCHEDULE_ANYWAY,
    selector: SELECT_NOTHING,
    minDomains: c.minDomains ?? 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
  }));
  return { systemDefaulted: defaultingType === 'System', defaults };
}
