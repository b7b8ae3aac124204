import { z } from 'zod';
import type { ExistingTerms, TermGroup, TermKind } from '../cluster/existing-terms.js';
import {
  PREFERRED_AFFINITY, PREFERRED_ANTI_AFFINITY, REQUIRED_AFFINITY, REQUIRED_ANTI_AFFINITY,
} from '../cluster/existing-terms.js';
import type { ClusterView } from '../cluster/cluster-view.js';
import type { PodIndexes } from '../cluster/pod-indexes.js';
import type { MatchClause } from '../cluster/term-counts.js';
import type { KeyDomains } from '../cluster/topology-domains.js';
import { MAX_NODE_SCORE } from '../framework/normalize.js';
import { parsePluginArgs, TYPE_META } from '../framework/plugin-args.js';
import { ProfileError } from '../framework/profile-error.js';
import type { Plugin, PluginEnv } from '../framework/types.js';
import { PASS, SKIP } from '../framework/types.js';
import type { Sym } from '../model/ids.js';
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
 * O(terms + domains), never a walk over the cluster's pods.
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
   * No pod matching all affinity terms sits on a node with one of their keys, and the
   * pod matches all its own terms: the first pod of a group may go anywhere its terms'
   * keys exist.
   */
  readonly firstOfGroup: boolean;
  /** Per required anti-affinity term with matches: domain id per node, matching pods per domain. */
  readonly antiDomainOf: readonly Int32Array[];
  readonly antiCounts: readonly Int32Array[];
  /** Per topology key of existing pods' matching anti-affinity terms: terms per domain. */
  readonly existingDomainOf: readonly Int32Array[];
  readonly existingCounts: readonly Int32Array[];
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
    // Counts of matching pods per domain: a what-if that unbinds pods must recompute them.
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
      let firstOfGroup = false;
      if (affinity.length > 0) {
        // An existing pod counts only when it matches every term (updateWithAffinityTerms).
        const clauses = affinity.map((t) => incomingClause(t, cx.view));
        const all = idx.terms.acquire(clauses, false);
        let anyMatch = false;
        for (const t of affinity) {
          const kd = idx.domains.forKey(t.topologyKey);
          const tally = all.tally(kd);
          if (tally.total > 0) anyMatch = true;
          affinityDomainOf.push(kd.domainOf);
          affinityCounts.push(tally.counts);
        }
        firstOfGroup = !anyMatch && matchesAllClauses(clauses, pod, symbols);
      }

      const antiDomainOf: Int32Array[] = [];
      const antiCounts: Int32Array[] = [];
      for (const t of anti) {
        const kd = idx.domains.forKey(t.topologyKey);
        const tally = idx.terms.acquire([incomingClause(t, cx.view)], false).tally(kd);
        // A term no pod matches (on a node with its key) can reject no node.
        if (tally.total === 0) continue;
        antiDomainOf.push(kd.domainOf);
        antiCounts.push(tally.counts);
      }

      const existing = sumGroupsByKey(groups);
      groups.length = 0;
      return {
        affinityDomainOf, affinityCounts, firstOfGroup, antiDomainOf, antiCounts,
        existingDomainOf: existing.domainOf, existingCounts: existing.counts,
      };
    },

    filter(_cx, _pod, node, s) {
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

/** podMatchesAllAffinityTerms for the incoming pod against its own (merged) terms. */
function matchesAllClauses(clauses: readonly MatchClause[], pod: CompiledPod, symbols: SymbolTable): boolean {
  for (const c of clauses) {
    if (c.namespaces !== null && !c.namespaces.includes(pod.namespace)) return false;
    if (!selectorMatches(c.selector, pod.labels, symbols)) return false;
  }
  return clauses.length > 0;
}

/** Per topology key, the matching groups' per-domain counts summed (one array per key). */
function sumGroupsByKey(groups: readonly TermGroup[]): { domainOf: Int32Array[]; counts: Int32Array[] } {
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
  const domainOf: Int32Array[] = [];
  const counts: Int32Array[] = [];
  for (const v of byKey.values()) {
    domainOf.push(v.kd.domainOf);
    counts.push(v.counts);
  }
  return { domainOf, counts };
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
