import { z } from 'zod';
import { affinityTermMatches } from '../model/affinity-term-matches.js';
import type { CountDelta } from '../cluster/count-patch.js';
import { bumped, countAt, deltaAt, domainAt } from '../cluster/count-patch.js';
import {
  PREFERRED_AFFINITY, PREFERRED_ANTI_AFFINITY, REQUIRED_AFFINITY, REQUIRED_ANTI_AFFINITY,
} from '../cluster/existing-terms.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import type {
  ExistingTermsView as ExistingTerms, KeyDomainsView as KeyDomains, MatchClause, PodIndexesView as PodIndexes, TermGroupView as TermGroup, TermKind,
} from '../cluster/pod-indexes-view.js';
import { MAX_NODE_SCORE } from '../framework/normalize.js';
import { parsePluginArgs, TYPE_META } from '../framework/plugin-args.js';
import { ProfileError } from '../framework/profile-error.js';
import type { Plugin, PluginEnv, Verdict } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import type { NodeId, Sym } from '../model/ids.js';
import { NO_SYM } from '../model/ids.js';
import type { LabelSet } from '../model/labels.js';
import { selectorMatches } from '../model/labels.js';
import type { CompiledPod, PodAffinityTerm } from '../model/pod.js';
import type { SymbolTable } from '../model/symbols.js';

/**
 * InterPodAffinity: the node must lie in a topology domain holding pods that match all
 * of the incoming pod's required affinity terms, in no domain holding pods its required
 * anti-affinity terms match, and in no domain where an existing pod's required
 * anti-affinity term matches the incoming pod (Filter). Nodes score the weights of
 * preferred terms both ways, plus existing pods' required affinity terms towards the pod
 * times hardPodAffinityWeight, min-max normalized (Score, NormalizeScore). Mirrors
 * kube-scheduler pkg/scheduler/framework/plugins/interpodaffinity (filtering.go,
 * scoring.go, plugin.go).
 *
 * Counts come from PodIndexes: the incoming pod's terms are counted terms (matching pods
 * per domain), existing pods' terms are grouped with weights per domain, so a cycle costs
 * O(terms + domains), never a walk over the cluster's pods. What-ifs (preemption's dry
 * runs, the pass with nominated pods) change the PreFilter state through addPod/removePod
 * (kube's PreFilterExtensions, preFilterState.updateWithPod), which patch the counts
 * without copying them.
 */
export const NAME = 'InterPodAffinity';

const AFFINITY_MISMATCH = 1 << 0;
const ANTI_AFFINITY_MISMATCH = 1 << 1;
const EXISTING_ANTI_AFFINITY_MISMATCH = 1 << 2;
const REASONS = [
  { text: "node(s) didn't match pod affinity rules", unresolvable: true },
  { text: "node(s) didn't match pod anti-affinity rules", unresolvable: false },
  { text: "node(s) didn't satisfy existing pods anti-affinity rules", unresolvable: false },
] as const;

/** What Filter needs (kube's preFilterState, as per-domain arrays). */
interface PreFilter {
  /** Per required affinity term: domain id per node, and pods matching ALL terms per domain. */
  readonly affinityDomainOf: readonly Int32Array[];
  readonly affinityCounts: readonly Int32Array[];
  /**
   * satisfyPodAffinity's "first pod of the group": no pod matching all affinity terms
   * sits on a node with one of their keys (kube: len(affinityCounts) == 0), and the pod
   * matches all its own terms. The group's first pod may go anywhere its terms' keys exist.
   */
  readonly firstOfGroup: boolean;
  /** Per required anti-affinity term with matches: domain id per node, matching pods per domain. */
  readonly antiDomainOf: readonly Int32Array[];
  readonly antiCounts: readonly Int32Array[];
  /** Per topology key of existing pods' matching anti-affinity terms: terms per domain. */
  readonly existingDomainOf: readonly Int32Array[];
  readonly existingCounts: readonly Int32Array[];
  /** What addPod/removePod need besides the counts; shared by every state derived from one preFilter. */
  readonly terms: IncomingTerms;
  /** Pods matching all affinity terms summed over the terms (0: kube's affinityCounts is empty). */
  readonly affinityTotal: number;
  /**
   * Changes made by addPod/removePod on top of the arrays above, which are never copied
   * (they may be the live index's tallies, and a hostname key has one domain per node):
   * null for a state straight from preFilter, whose filter is the fast path.
   */
  readonly patch: Patch | null;
}

/** The incoming pod's side of the PreFilter state, for addPod/removePod (kube keeps podInfo and namespaceLabels). */
interface IncomingTerms {
  /** The required affinity terms, namespaceSelector merged (mergeAffinityTermNamespacesIfNotEmpty). */
  readonly affinityClauses: readonly MatchClause[];
  /** Every required anti-affinity term, merged likewise, including those no pod matched yet. */
  readonly antiClauses: readonly MatchClause[];
  /** Per anti-affinity term (all of them): domain id per node and matching pods per domain. */
  readonly antiDomainOf: readonly Int32Array[];
  readonly antiCounts: readonly Int32Array[];
  /** The topology key of each existingDomainOf / existingCounts slot. */
  readonly existingKeys: readonly Sym[];
  /** The incoming pod's namespace labels, which existing pods' namespaceSelectors are matched against. */
  readonly nsLabels: LabelSet;
  /** podMatchesAllAffinityTerms for the incoming pod itself. */
  readonly selfMatch: boolean;
}


/**
 * A count change for a topology pair whose key no existing pod's matching anti-affinity
 * term had when preFilter ran: an added pod may bring it. Nodes are matched by label
 * value (`column` is the view's label column of `key`), as kube's topologyPair does.
 */
interface PairDelta {
  readonly key: Sym;
  readonly column: Int32Array;
  readonly value: Sym;
  readonly count: number;
}

/** addPod/removePod changes, per count of the state (entries whose count returns to 0 are dropped). */
interface Patch {
  readonly affinity: readonly CountDelta[];
  /** Slots index IncomingTerms.antiDomainOf (every anti-affinity term, not only antiDomainOf's). */
  readonly anti: readonly CountDelta[];
  readonly existing: readonly CountDelta[];
  readonly existingPairs: readonly PairDelta[];
}

/** What Score needs: per topology key, the summed weight of each domain (topologyScore). */
interface PreScore {
  readonly domainOf: readonly Int32Array[];
  readonly weights: readonly Float64Array[];
}

/** Resolved InterPodAffinityArgs. */
interface Args {
  /** @default 1 */
  readonly hardPodAffinityWeight: number;
  /** @default false */
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** Builds the InterPodAffinity plugin from InterPodAffinityArgs. */
export function create(args: unknown, env: PluginEnv): Plugin {
  const a = compileArgs(args);
  const { symbols } = env.model;
  const groups: TermGroup[] = [];

  return {
    name: NAME,
    // Counts of matching pods per domain: a what-if follows them through addPod/removePod.
    preFilterReadsPods: true,
    reasons: REASONS,

    preFilter(cx, pod) {
      const idx = cx.view.podIndexes;
      const nsLabels = cx.view.namespaceLabels(pod.namespace);
      groups.length = 0;
      idx.existing.matching(REQUIRED_ANTI_AFFINITY, pod, nsLabels, groups);
      const affinity = pod.affinityRequired;
      const anti = pod.antiAffinityRequired;
      // kube's Skip: no existing pod's anti-affinity matches the pod, and it has no required terms.
      if (groups.length === 0 && affinity.length === 0 && anti.length === 0) return SKIP;

      const affinityDomainOf: Int32Array[] = [];
      const affinityCounts: Int32Array[] = [];
      let affinityClauses: readonly MatchClause[] = NO_CLAUSES;
      let affinityTotal = 0;
      let selfMatch = false;
      if (affinity.length > 0) {
        // An existing pod counts only when it matches every term (updateWithAffinityTerms).
        affinityClauses = affinity.map((t) => incomingClause(t, cx.view));
        const all = idx.terms.acquire(affinityClauses, false);
        for (const t of affinity) {
          const kd = idx.domains.forKey(t.topologyKey);
          const tally = all.tally(kd);
          affinityTotal += tally.total;
          affinityDomainOf.push(kd.domainOf);
          affinityCounts.push(tally.counts);
        }
        selfMatch = matchesAllClauses(affinityClauses, pod, symbols);
      }

      const antiDomainOf: Int32Array[] = [];
      const antiCounts: Int32Array[] = [];
      let antiClauses: readonly MatchClause[] = NO_CLAUSES;
      let allAntiDomainOf: Int32Array[] = antiDomainOf;
      let allAntiCounts: Int32Array[] = antiCounts;
      if (anti.length > 0) {
        antiClauses = anti.map((t) => incomingClause(t, cx.view));
        for (let j = 0; j < anti.length; j++) {
          const kd = idx.domains.forKey(anti[j]!.topologyKey);
          const tally = idx.terms.acquire([antiClauses[j]!], false).tally(kd);
          if (tally.total > 0) {
            antiDomainOf.push(kd.domainOf);
            antiCounts.push(tally.counts);
          } else if (allAntiDomainOf === antiDomainOf) {
            // A term no pod matches (on a node with its key) can reject no node: Filter skips
            // it, but addPod may give it a match, so the hooks keep every term.
            allAntiDomainOf = antiDomainOf.slice();
            allAntiCounts = antiCounts.slice();
          }
          if (allAntiDomainOf !== antiDomainOf) {
            allAntiDomainOf.push(kd.domainOf);
            allAntiCounts.push(tally.counts);
          }
        }
      }

      const existing = sumGroupsByKey(groups);
      groups.length = 0;
      const terms: IncomingTerms = {
        affinityClauses, antiClauses, antiDomainOf: allAntiDomainOf, antiCounts: allAntiCounts,
        existingKeys: existing.keys, nsLabels, selfMatch,
      };
      return {
        affinityDomainOf, affinityCounts, firstOfGroup: affinityTotal === 0 && selfMatch, antiDomainOf, antiCounts,
        existingDomainOf: existing.domainOf, existingCounts: existing.counts, terms, affinityTotal, patch: null,
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
      // satisfyPodAffinity: every term's key must exist on the node (else unresolvable);
      // a domain without matching pods fails unless this is the group's first pod.
      let podsExist = true;
      for (let i = 0; i < s.affinityDomainOf.length; i++) {
        const d = s.affinityDomainOf[i]![node]!;
        if (d < 0) return AFFINITY_MISMATCH;
        if (s.affinityCounts[i]![d]! <= 0) podsExist = false;
      }
      if (!podsExist && !s.firstOfGroup) return AFFINITY_MISMATCH;
      // satisfyPodAntiAffinity: a term whose key the node lacks does not apply.
      for (let i = 0; i < s.antiDomainOf.length; i++) {
        const d = s.antiDomainOf[i]![node]!;
        if (d >= 0 && s.antiCounts[i]![d]! > 0) return ANTI_AFFINITY_MISMATCH;
      }
      // satisfyExistingPodsAntiAffinity.
      for (let i = 0; i < s.existingDomainOf.length; i++) {
        const d = s.existingDomainOf[i]![node]!;
        if (d >= 0 && s.existingCounts[i]![d]! > 0) return EXISTING_ANTI_AFFINITY_MISMATCH;
      }
      return PASS;
    },

    preScore(cx, pod, feasible) {
      if (feasible.count === 0) return SKIP;
      const hasConstraints = pod.affinityPreferred.length > 0 || pod.antiAffinityPreferred.length > 0;
      if (a.ignorePreferredTermsOfExistingPods && !hasConstraints) return SKIP;
      const idx = cx.view.podIndexes;
      const acc = new TopologyScore();
      // The incoming pod's preferred terms, towards existing pods (+ affinity, - anti-affinity).
      for (const w of pod.affinityPreferred) addIncoming(acc, idx, w.term, w.weight, cx.view);
      for (const w of pod.antiAffinityPreferred) addIncoming(acc, idx, w.term, -w.weight, cx.view);
      // Existing pods' terms towards the incoming pod (symmetry).
      const nsLabels = cx.view.namespaceLabels(pod.namespace);
      if (a.hardPodAffinityWeight > 0) addExisting(acc, idx.existing, REQUIRED_AFFINITY, pod, nsLabels, a.hardPodAffinityWeight, groups);
      addExisting(acc, idx.existing, PREFERRED_AFFINITY, pod, nsLabels, 1, groups);
      addExisting(acc, idx.existing, PREFERRED_ANTI_AFFINITY, pod, nsLabels, -1, groups);
      // kube's Skip: no term matched a pod on a node with the term's key.
      if (acc.isEmpty) return SKIP;
      return acc.finish();
    },

    score(_cx, _pod, node, s) {
      let score = 0;
      for (let i = 0; i < s.domainOf.length; i++) {
        const d = s.domainOf[i]![node]!;
        if (d >= 0) score += s.weights[i]![d]!;
      }
      return score;
    },

    normalize(_cx, _pod, feasible, scores) {
      const count = feasible.count;
      let minCount = Number.POSITIVE_INFINITY;
      let maxCount = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < count; i++) {
        const v = scores[i]!;
        if (v > maxCount) maxCount = v;
        if (v < minCount) minCount = v;
      }
      const diff = maxCount - minCount;
      for (let i = 0; i < count; i++) {
        // Mirrors NormalizeScore: float64(MaxNodeScore) * (float64(s-min) / float64(diff)), then int64().
        scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - minCount) / diff)) : 0;
      }
    },
  } satisfies Plugin<PreFilter, PreScore>;
}

/**
 * An incoming pod's term as a counted clause, its namespaceSelector unrolled into
 * namespaces the way PreFilter's mergeAffinityTermNamespacesIfNotEmpty does: `{}` keeps
 * "every namespace", a nil selector adds nothing, any other selector adds the known
 * namespaces whose labels it matches.
 */
function incomingClause(t: PodAffinityTerm, view: ClusterView): MatchClause {
  const sel = t.namespaceSelector;
  if (!sel.nothing && sel.requirements.length === 0) return { selector: t.selector, namespaces: null };
  if (sel.nothing) return { selector: t.selector, namespaces: t.namespaces };
  const out = new Set<number>(t.namespaces);
  const symbols = view.model.symbols;
  for (const ns of view.namespaces()) if (selectorMatches(sel, view.namespaceLabels(ns), symbols)) out.add(ns);
  return { selector: t.selector, namespaces: Int32Array.from(out) };
}

/** podMatchesAllAffinityTerms: `pod` matches every (merged) term; false without terms. */
function matchesAllClauses(clauses: readonly MatchClause[], pod: CompiledPod, symbols: SymbolTable): boolean {
  for (const c of clauses) if (!matchesClause(c, pod, symbols)) return false;
  return clauses.length > 0;
}

/** AffinityTerm.Matches for one of the incoming pod's merged terms (kube passes nil namespace labels). */
function matchesClause(c: MatchClause, pod: CompiledPod, symbols: SymbolTable): boolean {
  if (c.namespaces !== null && !c.namespaces.includes(pod.namespace)) return false;
  return selectorMatches(c.selector, pod.labels, symbols);
}

/**
 * AffinityTerm.Matches for an existing pod's term against the incoming pod: its namespace
 * is listed, or the term's namespaceSelector matches the namespace's labels; then the
 * label selector decides. (The same test as TermGroup.matches, for one term.)
 */
function existingTermMatches(t: PodAffinityTerm, pod: CompiledPod, nsLabels: LabelSet, symbols: SymbolTable): boolean {
  return affinityTermMatches(t, pod.labels, pod.namespace, nsLabels, symbols);
}

const NO_CLAUSES: readonly MatchClause[] = [];
const NO_DELTAS: readonly CountDelta[] = [];
const NO_PAIRS: readonly PairDelta[] = [];
const EMPTY_PATCH: Patch = { affinity: NO_DELTAS, anti: NO_DELTAS, existing: NO_DELTAS, existingPairs: NO_PAIRS };

/**
 * kube's preFilterState.updateWithPod (AddPod with sign +1, RemovePod with -1): the state
 * as if `changed` were bound to (or gone from) `node`, in a new state; `s` and its arrays
 * are never written. Like kube:
 *  - existingAntiAffinityCounts: each of `changed`'s required anti-affinity terms that
 *    matches the incoming pod (its namespace labels as PreFilter saw them) counts on
 *    `node`'s pair of the term's key; a key no existing pod's term had gets a PairDelta;
 *  - affinityCounts: when `changed` matches ALL the incoming pod's affinity terms, each
 *    term counts on `node`'s domain of its key;
 *  - antiAffinityCounts: each incoming anti-affinity term `changed` matches counts on
 *    `node`'s domain of its key (terms PreFilter left out as matching nobody included).
 * A node without a term's key changes nothing (topologyToMatchedTermCount.update).
 * firstOfGroup follows kube's Filter-time rule: no affinity count left and the pod
 * matches its own terms. Cost: O(terms x patch entries); nothing per node or domain.
 * Nothing about `changed`'s placement is read from `view` (it may be pending there or
 * bound elsewhere); only node labels are, which a what-if never changes.
 */
function withPodChanged(
  view: ClusterView, pod: CompiledPod, s: PreFilter, changed: CompiledPod, node: NodeId, sign: 1 | -1, symbols: SymbolTable,
): PreFilter {
  const t = s.terms;
  const patch = s.patch ?? EMPTY_PATCH;
  let { affinity, anti, existing, existingPairs } = patch;
  let affinityTotal = s.affinityTotal;

  for (const term of changed.antiAffinityRequired) {
    if (!existingTermMatches(term, pod, t.nsLabels, symbols)) continue;
    const slot = t.existingKeys.indexOf(term.topologyKey);
    if (slot >= 0) {
      const d = domainAt(s.existingDomainOf[slot]!, node);
      if (d >= 0) existing = bumped(existing, slot, d, sign);
      continue;
    }
    const column = view.labelColumn(term.topologyKey);
    const value = column === null ? NO_SYM : domainAt(column, node) as Sym;
    if (value !== NO_SYM) existingPairs = bumpedPair(existingPairs, term.topologyKey, column!, value, sign);
  }

  if (t.affinityClauses.length > 0 && matchesAllClauses(t.affinityClauses, changed, symbols)) {
    for (let i = 0; i < s.affinityDomainOf.length; i++) {
      const d = domainAt(s.affinityDomainOf[i]!, node);
      if (d < 0) continue;
      affinity = bumped(affinity, i, d, sign);
      affinityTotal += sign;
    }
  }

  for (let j = 0; j < t.antiClauses.length; j++) {
    if (!matchesClause(t.antiClauses[j]!, changed, symbols)) continue;
    const d = domainAt(t.antiDomainOf[j]!, node);
    if (d >= 0) anti = bumped(anti, j, d, sign);
  }

  if (affinity === patch.affinity && anti === patch.anti && existing === patch.existing && existingPairs === patch.existingPairs) return s;
  return {
    ...s,
    affinityTotal,
    firstOfGroup: affinityTotal === 0 && t.selfMatch,
    patch: { affinity, anti, existing, existingPairs },
  };
}

/** Filter for a state addPod/removePod changed: the fast path's checks, each count plus its deltas. */
function filterPatched(s: PreFilter, p: Patch, node: NodeId): Verdict {
  let podsExist = true;
  for (let i = 0; i < s.affinityDomainOf.length; i++) {
    const d = domainAt(s.affinityDomainOf[i]!, node);
    if (d < 0) return AFFINITY_MISMATCH;
    if (countAt(s.affinityCounts[i]!, d) + deltaAt(p.affinity, i, d) <= 0) podsExist = false;
  }
  if (!podsExist && !s.firstOfGroup) return AFFINITY_MISMATCH;
  // Every anti-affinity term, not only those with matches at PreFilter: a pod added since may match one.
  const t = s.terms;
  for (let j = 0; j < t.antiDomainOf.length; j++) {
    const d = domainAt(t.antiDomainOf[j]!, node);
    if (d >= 0 && countAt(t.antiCounts[j]!, d) + deltaAt(p.anti, j, d) > 0) return ANTI_AFFINITY_MISMATCH;
  }
  for (let i = 0; i < s.existingDomainOf.length; i++) {
    const d = domainAt(s.existingDomainOf[i]!, node);
    if (d >= 0 && countAt(s.existingCounts[i]!, d) + deltaAt(p.existing, i, d) > 0) return EXISTING_ANTI_AFFINITY_MISMATCH;
  }
  for (const e of p.existingPairs) {
    if (e.count > 0 && domainAt(e.column, node) === e.value) return EXISTING_ANTI_AFFINITY_MISMATCH;
  }
  return PASS;
}





/** A copy of `pairs` with `by` added to the pair (key, value). */
function bumpedPair(pairs: readonly PairDelta[], key: Sym, column: Int32Array, value: Sym, by: number): readonly PairDelta[] {
  const out: PairDelta[] = [];
  let found = false;
  for (const e of pairs) {
    if (e.key !== key || e.value !== value) out.push(e);
    else {
      found = true;
      if (e.count + by !== 0) out.push({ key, column, value, count: e.count + by });
    }
  }
  if (!found) out.push({ key, column, value, count: by });
  return out;
}

/** Per topology key, the matching groups' per-domain counts summed (one array per key), and the keys. */
function sumGroupsByKey(groups: readonly TermGroup[]): { keys: Sym[]; domainOf: Int32Array[]; counts: Int32Array[] } {
  const byKey = new Map<Sym, { kd: KeyDomains; counts: Int32Array; shared: boolean }>();
  for (const g of groups) {
    const sums = g.synced();
    const cur = byKey.get(g.domains.key);
    if (cur === undefined) {
      byKey.set(g.domains.key, { kd: g.domains, counts: sums, shared: true });
      continue;
    }
    if (cur.shared) {
      cur.counts = Int32Array.from(cur.counts);
      cur.shared = false;
    }
    for (let d = 0; d < sums.length; d++) cur.counts[d] += sums[d]!;
  }
  const keys: Sym[] = [];
  const domainOf: Int32Array[] = [];
  const counts: Int32Array[] = [];
  for (const v of byKey.values()) {
    keys.push(v.kd.key);
    domainOf.push(v.kd.domainOf);
    counts.push(v.counts);
  }
  return { keys, domainOf, counts };
}

/** kube's topologyScore: weight per (topology key, domain), built from weighted per-domain counts. */
class TopologyScore {
  private readonly byKey = new Map<Sym, { kd: KeyDomains; weights: Float64Array }>();
  private contributions = 0;

  get isEmpty(): boolean {
    return this.contributions === 0;
  }

  /** Adds weight x counts[d] to every domain d of kd's key. */
  add(kd: KeyDomains, counts: Int32Array, weight: number): void {
    let e = this.byKey.get(kd.key);
    if (e === undefined) this.byKey.set(kd.key, (e = { kd, weights: new Float64Array(Math.max(1, kd.count)) }));
    const w = e.weights;
    const n = Math.min(w.length, counts.length);
    for (let d = 0; d < n; d++) if (counts[d] !== 0) w[d] += weight * counts[d]!;
    this.contributions++;
  }

  finish(): PreScore {
    const domainOf: Int32Array[] = [];
    const weights: Float64Array[] = [];
    for (const e of this.byKey.values()) {
      domainOf.push(e.kd.domainOf);
      weights.push(e.weights);
    }
    return { domainOf, weights };
  }
}

/** processTerm for one of the incoming pod's preferred terms over every existing pod. */
function addIncoming(acc: TopologyScore, idx: PodIndexes, t: PodAffinityTerm, weight: number, view: ClusterView): void {
  const kd = idx.domains.forKey(t.topologyKey);
  const tally = idx.terms.acquire([incomingClause(t, view)], false).tally(kd);
  if (tally.total > 0) acc.add(kd, tally.counts, weight);
}

/** processTerm for every existing pod's term of `kind` that matches the incoming pod. */
function addExisting(
  acc: TopologyScore, existing: ExistingTerms, kind: TermKind, pod: CompiledPod, nsLabels: LabelSet,
  multiplier: number, scratch: TermGroup[],
): void {
  scratch.length = 0;
  existing.matching(kind, pod, nsLabels, scratch);
  for (const g of scratch) acc.add(g.domains, g.synced(), multiplier);
  scratch.length = 0;
}

// ---- args ------------------------------------------------------------------------------

const argsSchema = z.strictObject({
  ...TYPE_META,
  hardPodAffinityWeight: z.number().int().optional(),
  ignorePreferredTermsOfExistingPods: z.boolean().optional(),
}).nullish();

/** Validates InterPodAffinityArgs (ValidateInterPodAffinityArgs) and applies the v1 defaults. */
function compileArgs(raw: unknown): Args {
  const args = parsePluginArgs(argsSchema, raw) ?? {};
  const w = args.hardPodAffinityWeight ?? 1;
  if (w < 0 || w > 100) throw new ProfileError('hardPodAffinityWeight', `not in valid range [0-100], got ${w}`);
  return { hardPodAffinityWeight: w, ignorePreferredTermsOfExistingPods: args.ignorePreferredTermsOfExistingPods ?? false };
}
