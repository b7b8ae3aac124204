import type { NodeId, Sym } from '../model/ids.js';
import { affinityTermMatches } from '../model/affinity-term-matches.js';
import type { LabelSet } from '../model/labels.js';
import type { CompiledPod, PodAffinityTerm } from '../model/pod.js';
import type { SymbolTable } from '../model/symbols.js';
import type { ExistingTermsView, TermGroupView, TermKind } from './pod-indexes-view.js';
import type { Anchor } from './selector-anchors.js';
import { anchorOf, SelectorAnchors } from './selector-anchors.js';
import { selectorKey, sortedText } from './selector-keys.js';
import type { KeyDomains, TopologyDomains } from './topology-domains.js';
import { grownI32 } from './topology-domains.js';

/** Which list of a bound pod's spec.affinity a term group collects (a TermKind, see pod-indexes-view.ts). */
export const REQUIRED_ANTI_AFFINITY = 0;
export const REQUIRED_AFFINITY = 1;
export const PREFERRED_AFFINITY = 2;
export const PREFERRED_ANTI_AFFINITY = 3;

/**
 * Identical pod-affinity terms of bound pods (same kind, selector, namespaces,
 * namespaceSelector and topology key), with their weights summed per topology domain of
 * the pods' nodes. An incoming pod is matched against a group once, not against each pod
 * that carries the term.
 */
export class TermGroup implements TermGroupView {
  /** Summed weights (1 per required term) per domain id of term.topologyKey. */
  sums: Int32Array;
  /** Terms in the group whose pod sits on a node that has the topology key. */
  keyedTerms = 0;
  /** Terms in the group (the group is dropped at 0). */
  refs = 0;

  constructor(
    readonly key: string,
    readonly kind: TermKind,
    /** The first pod's term: every term in the group selects exactly what it selects. */
    readonly term: PodAffinityTerm,
    readonly domains: KeyDomains,
    readonly anchor: Anchor,
  ) {
    this.sums = new Int32Array(Math.max(1, domains.count));
  }

  /**
   * Whether the incoming pod (its labels, namespace and namespace labels) matches the
   * term. Mirrors framework.AffinityTerm.Matches: the namespace is listed or the
   * namespaceSelector matches the namespace's labels; then the label selector decides.
   */
  matches(labels: LabelSet, namespace: number, nsLabels: LabelSet, symbols: SymbolTable): boolean {
    return affinityTermMatches(this.term, labels, namespace as Sym, nsLabels, symbols);
  }

  /** The per-domain sums, covering every domain id that exists now. */
  synced(): Int32Array {
    if (this.sums.length < this.domains.count) this.sums = grownI32(this.sums, this.domains.count, 0);
    return this.sums;
  }
}

/**
 * The affinity terms of bound pods, grouped (TermGroup) and filed by selector anchor per
 * kind. InterPodAffinity's symmetry checks (existing pods' required anti-affinity in
 * Filter; their required and preferred terms in Score) read the groups an incoming pod
 * matches instead of walking every pod with affinity.
 */
export class ExistingTerms implements ExistingTermsView {
  private readonly groups = new Map<string, TermGroup>();
  private readonly anchors: SelectorAnchors<TermGroup>[] = [
    new SelectorAnchors(), new SelectorAnchors(), new SelectorAnchors(), new SelectorAnchors(),
  ];

  constructor(
    private readonly domains: TopologyDomains,
    private readonly symbols: SymbolTable,
  ) {}

  /** Number of groups (all kinds). */
  get size(): number {
    return this.groups.size;
  }

  /** A pod was bound (+1) or unbound (-1) on `node`: its terms join or leave their groups. */
  podChanged(pod: CompiledPod, node: NodeId, sign: 1 | -1): void {
    for (const t of pod.antiAffinityRequired) this.change(REQUIRED_ANTI_AFFINITY, t, 1, node, sign);
    for (const t of pod.affinityRequired) this.change(REQUIRED_AFFINITY, t, 1, node, sign);
    for (const w of pod.affinityPreferred) this.change(PREFERRED_AFFINITY, w.term, w.weight, node, sign);
    for (const w of pod.antiAffinityPreferred) this.change(PREFERRED_ANTI_AFFINITY, w.term, w.weight, node, sign);
  }

  /**
   * Appends to `out` the groups of `kind` that the incoming pod matches and that have at
   * least one term on a node with the topology key (the others contribute nothing).
   */
  matching(kind: TermKind, pod: CompiledPod, nsLabels: LabelSet, out: TermGroup[]): void {
    const start = out.length;
    this.anchors[kind]!.candidates(pod.labels, out);
    let w = start;
    for (let r = start; r < out.length; r++) {
      const g = out[r]!;
      if (g.keyedTerms > 0 && g.matches(pod.labels, pod.namespace, nsLabels, this.symbols)) out[w++] = g;
    }
    out.length = w;
  }

  private change(kind: TermKind, term: PodAffinityTerm, weight: number, node: NodeId, sign: 1 | -1): void {
    const key = `${kind}#${termKey(term)}`;
    let g = this.groups.get(key);
    if (g === undefined) {
      if (sign < 0) throw new Error('ExistingTerms: unbinding a term that was never bound');
      const anchor = anchorOf([term.selector]);
      g = new TermGroup(key, kind, term, this.domains.forKey(term.topologyKey), anchor);
      this.groups.set(key, g);
      this.anchors[kind]!.add(g, anchor);
    }
    g.refs += sign;
    const dom = g.domains.domainOf;
    const d = node < dom.length ? dom[node]! : -1;
    if (d >= 0) {
      if (d >= g.sums.length) g.sums = grownI32(g.sums, d + 1, 0);
      g.sums[d] += sign * weight;
      g.keyedTerms += sign;
    }
    if (g.refs === 0) {
      this.groups.delete(key);
      this.anchors[kind]!.remove(g, g.anchor);
    }
  }

}

/** The identity of a term: equal keys select the same pods in the same domains. */
function termKey(t: PodAffinityTerm): string {
  return `${selectorKey(t.selector)}@${sortedText(t.namespaces)}@${selectorKey(t.namespaceSelector)}@${t.topologyKey}`;
}

