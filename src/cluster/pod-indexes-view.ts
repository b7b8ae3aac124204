import type { PodId, Sym } from '../model/ids.js';
import type { LabelSelector, LabelSet } from '../model/labels.js';
import type { CompiledPod, PodAffinityTerm } from '../model/pod.js';
import type { SymbolTable } from '../model/symbols.js';

/**
 * What plugins read of the incremental pod indexes (ClusterView.podIndexes): interfaces
 * only, implemented by PodIndexes and its parts, so the view never imports the classes
 * that keep the indexes (they import ClusterView). See PodIndexes for what each part
 * holds and how binds and unbinds keep it current.
 *
 * Nothing here changes what any reader sees. Three reads build on first use
 * (domains.forKey, terms.acquire, affinityMasks.of): each returns a function of the live
 * nodes and bound pods alone, so building it earlier or later gives the same numbers
 * (the batch-hooks and what-if property tests compare against recounting). They are not
 * built before the run because the terms a run needs depend on pods that have not
 * arrived yet, and counting every possible term would cost a term x nodes array each.
 */
export interface PodIndexesView {
  readonly domains: TopologyDomainsView;
  readonly terms: TermCountsView;
  readonly existing: ExistingTermsView;
  readonly affinityMasks: NodeAffinityMasksView;
  /** The cluster's Services and controllers (system default spreading). */
  readonly workloads: WorkloadsView;
  /** The bound pods in `namespace` whose labels match `selector`, sorted by pod id. */
  podsSelectedBy(namespace: number, selector: LabelSelector): PodId[];
}

/** What plugins read of the cluster's Services and controllers (WorkloadSet). */
export interface WorkloadsView {
  /** Changes whenever a workload is added or removed, so per-pod answers can be cached. */
  readonly generation: number;
  /** The selector system default spreading uses for the pod (helper.DefaultSelector); no requirements: none. */
  defaultSelector(pod: CompiledPod): LabelSelector;
}

/** Per topology key, the domain of every node (TopologyDomains). */
export interface TopologyDomainsView {
  /** The domains of `key`, indexing it on first use. */
  forKey(key: Sym): KeyDomainsView;
}

/**
 * The topology domains of one label key (KeyDomains): dense domain ids per distinct
 * value, never reused; a domain whose nodes all left keeps its id with nodesIn = 0.
 */
export interface KeyDomainsView {
  readonly key: Sym;
  /** Domain id per node id; -1 when the node lacks the key or is not live. */
  readonly domainOf: Int32Array;
  /** The label value of each domain id. */
  readonly values: readonly Sym[];
  /** Live nodes per domain id. */
  readonly nodesIn: Int32Array;
  /** Domains with at least one live node. */
  readonly liveDomains: number;
  /** Live nodes that have the key. */
  readonly nodesWithKey: number;
  /** Domain ids handed out so far (arrays indexed by domain id need this length). */
  readonly count: number;
  /** The domain id of the value "" (what kube reads for a missing label); it always exists. */
  readonly emptyDomain: number;
  /** The domain id of a value if it has one, else -1 (never creates). */
  lookup(value: Sym): number;
}

/** One condition of a counted term: the pod's labels match `selector` and its namespace is allowed. */
export interface MatchClause {
  readonly selector: LabelSelector;
  /** Allowed namespaces (syms); null: any namespace. */
  readonly namespaces: Int32Array | null;
}

/** A counted term's matching pods summed per domain of one topology key. */
export interface DomainTally {
  readonly domains: KeyDomainsView;
  /** Matching pods per domain id; length >= domains.count after CountedTerm.tally(). */
  counts: Int32Array;
  /** Matching pods on nodes that have the key (the sum of counts). */
  total: number;
}

/** Counted terms: matching bound pods per node and per domain (TermCounts). */
export interface TermCountsView {
  /** The counted term for these clauses, counting its pods when it is new. */
  acquire(clauses: readonly MatchClause[], skipTerminating: boolean): CountedTermView;
}

/** A term whose matching bound pods are counted per node and per topology domain (CountedTerm). */
export interface CountedTermView {
  readonly clauses: readonly MatchClause[];
  readonly skipTerminating: boolean;
  /** Matching pods per node id. */
  readonly perNode: Int32Array;
  /** Matching bound pods anywhere. */
  readonly total: number;
  /** The nodes holding at least one matching pod: ids[0..count); valid until the next bind or unbind. */
  nodesWithMatches(): { readonly ids: Int32Array; readonly count: number };
  /** Whether a pod is one this term counts. */
  matches(pod: CompiledPod, symbols: SymbolTable): boolean;
  /** The counts per domain of `domains.key`, covering every domain id that exists now. */
  tally(domains: KeyDomainsView): DomainTally;
  /** Per-node counts covering node ids below `nodeCapacity`. */
  nodeCounts(nodeCapacity: number): Int32Array;
}

/**
 * Kinds of pod-affinity terms, the order ExistingTerms files them in (the constants
 * REQUIRED_ANTI_AFFINITY .. PREFERRED_ANTI_AFFINITY of existing-terms.ts).
 */
export type TermKind = 0 | 1 | 2 | 3;

/** Bound pods' affinity terms, grouped (ExistingTerms). */
export interface ExistingTermsView {
  /**
   * Appends to `out` the groups of `kind` that the incoming pod matches and that have at
   * least one term on a node with the topology key.
   */
  matching(kind: TermKind, pod: CompiledPod, nsLabels: LabelSet, out: TermGroupView[]): void;
}

/** Identical affinity terms of bound pods with their weights summed per domain (TermGroup). */
export interface TermGroupView {
  readonly kind: TermKind;
  /** The first pod's term: every term in the group selects exactly what it selects. */
  readonly term: PodAffinityTerm;
  readonly domains: KeyDomainsView;
  /** Terms in the group whose pod sits on a node that has the topology key. */
  readonly keyedTerms: number;
  /** Whether the incoming pod (its labels, namespace and namespace labels) matches the term. */
  matches(labels: LabelSet, namespace: number, nsLabels: LabelSet, symbols: SymbolTable): boolean;
  /** The per-domain sums, covering every domain id that exists now. */
  synced(): Int32Array;
}

/** Which nodes satisfy a pod's required node affinity, cached (NodeAffinityMasks). */
export interface NodeAffinityMasksView {
  /** The mask of the pod's required node affinity; null when the pod has none (every node matches). */
  of(pod: CompiledPod): AffinityMaskView | null;
}

/** One cached node affinity mask (AffinityMask). */
export interface AffinityMaskView {
  /** 1 per node id that satisfies the affinity (live nodes only). */
  readonly nodes: Uint8Array;
  /** Which domains of kd's key hold a node of the mask (present[d] = 1), and how many. */
  domainsOf(kd: KeyDomainsView): { readonly present: Uint8Array; readonly domains: number };
}
