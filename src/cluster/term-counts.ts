import type { NodeId, PodId, Sym } from '../model/ids.js';
import { selectorMatches } from '../model/labels.js';
import type { CompiledPod } from '../model/pod.js';
import type { SymbolTable } from '../model/symbols.js';
import type { ClusterView } from './cluster-view.js';
import type { LabelPostings } from './label-postings.js';
import type { CountedTermView, DomainTally, KeyDomainsView, MatchClause, TermCountsView } from './pod-indexes-view.js';
import type { Anchor } from './selector-anchors.js';
import { anchorOf, SelectorAnchors } from './selector-anchors.js';
import { selectorKey, sortedText } from './selector-keys.js';
import { grownI32 } from './topology-domains.js';

/**
 * A term whose matching bound pods are counted per node and per topology domain: the
 * conjunction of its clauses, optionally ignoring terminating pods (PodTopologySpread
 * skips them, InterPodAffinity does not). Counts change only through TermCounts.
 */
export class CountedTerm implements CountedTermView {
  /** Matching pods per node id. */
  perNode: Int32Array;
  /** Matching bound pods anywhere. */
  total = 0;
  /** TermCounts' clock at the last acquire (for eviction). */
  lastUse = 0;
  private readonly tallies = new Map<Sym, DomainTally>();
  /** The nodes with a non-zero count, as a sparse set: nonzero[0..nonzeroCount), position + 1 per node. */
  private nonzero: Int32Array = new Int32Array(8);
  private nonzeroCount = 0;
  private nonzeroPos: Int32Array;

  constructor(
    readonly key: string,
    readonly clauses: readonly MatchClause[],
    readonly skipTerminating: boolean,
    readonly anchor: Anchor,
    nodeCapacity: number,
  ) {
    this.perNode = new Int32Array(Math.max(1, nodeCapacity));
    this.nonzeroPos = new Int32Array(Math.max(1, nodeCapacity));
  }

  /**
   * The nodes holding at least one matching pod: ids[0..count), in no particular order.
   * Valid until the next bind or unbind.
   */
  nodesWithMatches(): { readonly ids: Int32Array; readonly count: number } {
    return { ids: this.nonzero, count: this.nonzeroCount };
  }

  /** Whether a pod is one this term counts. */
  matches(pod: CompiledPod, symbols: SymbolTable): boolean {
    if (this.skipTerminating && pod.terminating) return false;
    for (let i = 0; i < this.clauses.length; i++) {
      const c = this.clauses[i]!;
      if (c.namespaces !== null && !includes(c.namespaces, pod.namespace)) return false;
      if (!selectorMatches(c.selector, pod.labels, symbols)) return false;
    }
    return true;
  }

  /**
   * The counts per domain of `domains.key`, built from the per-node counts the first
   * time (O(nodes)) and kept current by every later bind and unbind. The returned arrays
   * cover every domain id that exists now.
   */
  tally(domains: KeyDomainsView): DomainTally {
    let t = this.tallies.get(domains.key);
    if (t === undefined) {
      t = { domains, counts: new Int32Array(Math.max(1, domains.count)), total: 0 };
      const dom = domains.domainOf;
      for (let k = 0; k < this.nonzeroCount; k++) {
        const node = this.nonzero[k]!;
        const d = node < dom.length ? dom[node]! : -1;
        if (d < 0) continue;
        t.counts[d] += this.perNode[node]!;
        t.total += this.perNode[node]!;
      }
      this.tallies.set(domains.key, t);
    } else if (t.counts.length < domains.count) {
      t.counts = grownI32(t.counts, domains.count, 0);
    }
    return t;
  }

  /** Per-node counts covering node ids below `nodeCapacity`. */
  nodeCounts(nodeCapacity: number): Int32Array {
    if (this.perNode.length < nodeCapacity) this.perNode = grownI32(this.perNode, nodeCapacity, 0);
    return this.perNode;
  }

  /** Adds `delta` matching pods on `node` (the node's current domains). */
  add(node: NodeId, delta: number): void {
    if (node >= this.perNode.length) this.perNode = grownI32(this.perNode, node + 1, 0);
    const before = this.perNode[node]!;
    this.perNode[node] = before + delta;
    this.total += delta;
    if (before === 0) this.nonzeroAdd(node);
    else if (before + delta === 0) this.nonzeroRemove(node);
    for (const t of this.tallies.values()) {
      const d = node < t.domains.domainOf.length ? t.domains.domainOf[node]! : -1;
      if (d < 0) continue;
      if (d >= t.counts.length) t.counts = grownI32(t.counts, d + 1, 0);
      t.counts[d] += delta;
      t.total += delta;
    }
  }

  private nonzeroAdd(node: NodeId): void {
    if (this.nonzeroCount === this.nonzero.length) this.nonzero = grownI32(this.nonzero, this.nonzeroCount + 1, 0);
    if (node >= this.nonzeroPos.length) this.nonzeroPos = grownI32(this.nonzeroPos, node + 1, 0);
    this.nonzero[this.nonzeroCount++] = node;
    this.nonzeroPos[node] = this.nonzeroCount;
  }

  private nonzeroRemove(node: NodeId): void {
    const at = this.nonzeroPos[node]! - 1;
    const last = this.nonzero[--this.nonzeroCount]!;
    this.nonzero[at] = last;
    this.nonzeroPos[last] = at + 1;
    this.nonzeroPos[node] = 0;
  }
}

/**
 * Interned counted terms. The first acquire of a term counts its pods once, visiting only
 * the pods that carry its anchor label (LabelPostings); after that every bind and unbind
 * updates the terms the pod may match (SelectorAnchors), so reading a term's counts
 * never rescans pods. Pods of one workload share their terms, so the number of terms
 * follows the number of workloads, not pods. Beyond `maxTerms`, the least recently
 * acquired half is dropped (and recounted if asked for again).
 */
export class TermCounts implements TermCountsView {
  private readonly terms = new Map<string, CountedTerm>();
  private readonly anchors = new SelectorAnchors<CountedTerm>();
  private readonly scratch: CountedTerm[] = [];
  private clock = 0;

  constructor(
    private readonly view: ClusterView,
    private readonly postings: LabelPostings,
    /** @default 1024 (each term holds a few arrays of one int per node) */
    private readonly maxTerms = 1024,
  ) {}

  /** Number of terms counted now. */
  get size(): number {
    return this.terms.size;
  }

  /** The counted term for these clauses, counting its pods when it is new. */
  acquire(clauses: readonly MatchClause[], skipTerminating: boolean): CountedTerm {
    const key = this.termKey(clauses, skipTerminating);
    let t = this.terms.get(key);
    if (t === undefined) {
      t = this.create(key, clauses, skipTerminating);
      if (this.terms.size > this.maxTerms) this.evict();
    }
    t.lastUse = ++this.clock;
    t.nodeCounts(this.view.nodeCapacity);
    return t;
  }

  /** A pod was bound (sign +1) or unbound (-1) on `node`. */
  podChanged(pod: CompiledPod, node: NodeId, sign: 1 | -1): void {
    if (this.terms.size === 0) return;
    const cands = this.scratch;
    cands.length = 0;
    this.anchors.candidates(pod.labels, cands);
    const symbols = this.view.model.symbols;
    for (let i = 0; i < cands.length; i++) {
      const t = cands[i]!;
      if (t.matches(pod, symbols)) t.add(node, sign);
    }
    cands.length = 0;
  }

  private create(key: string, clauses: readonly MatchClause[], skipTerminating: boolean): CountedTerm {
    const anchor = anchorOf(clauses.map((c) => c.selector));
    const t = new CountedTerm(key, clauses, skipTerminating, anchor, this.view.nodeCapacity);
    const view = this.view;
    const symbols = view.model.symbols;
    this.postings.forEachCandidate(anchor, (id: PodId) => {
      const pod = view.pod(id);
      if (t.matches(pod, symbols)) t.add(view.nodeOf(id) as NodeId, 1);
    });
    this.terms.set(key, t);
    this.anchors.add(t, anchor);
    return t;
  }

  private evict(): void {
    const all = [...this.terms.values()].sort((a, b) => a.lastUse - b.lastUse);
    const drop = all.length - (this.maxTerms >> 1);
    for (let i = 0; i < drop; i++) {
      const t = all[i]!;
      this.terms.delete(t.key);
      this.anchors.remove(t, t.anchor);
    }
  }

  private termKey(clauses: readonly MatchClause[], skipTerminating: boolean): string {
    let k = skipTerminating ? 'T' : 'A';
    for (let i = 0; i < clauses.length; i++) {
      const c = clauses[i]!;
      k += `|${selectorKey(c.selector)}@${c.namespaces === null ? '*' : sortedText(c.namespaces)}`;
    }
    return k;
  }
}

function includes(a: Int32Array, v: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] === v) return true;
  return false;
}
