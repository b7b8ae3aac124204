import type { NodeId, PodId } from '../model/ids.js';
import type { LabelSelector } from '../model/labels.js';
import { selectorMatches } from '../model/labels.js';
import type { CompiledPod } from '../model/pod.js';
import type { WorkloadSet } from '../model/workloads.js';
import type { ClusterListener } from './cluster-listener.js';
import type { ClusterView } from './cluster-view.js';
import { ExistingTerms } from './existing-terms.js';
import { LabelPostings } from './label-postings.js';
import { NodeAffinityMasks } from './node-affinity-masks.js';
import type { PodIndexesView } from './pod-indexes-view.js';
import { anchorOf } from './selector-anchors.js';
import { TermCounts } from './term-counts.js';
import { TopologyDomains } from './topology-domains.js';

/**
 * The incremental pod indexes behind InterPodAffinity and PodTopologySpread, kept beside
 * a ClusterState as one ClusterListener:
 *  - domains: per topology key, the domain of every node;
 *  - terms: counted terms (selector + namespaces), matching pods per node and per domain;
 *  - existing: bound pods' affinity terms grouped, with weights per domain;
 *  - affinityMasks: which nodes a required node affinity admits, per distinct affinity;
 *  - workloads: the cluster's Services and controllers (system default spreading).
 * Built by one pass over the bound pods when first asked for; afterwards a bind or unbind
 * costs O(pod labels + terms the pod may match + its own affinity terms), and a scheduling
 * cycle reads counts instead of recounting pods.
 */
export class PodIndexes implements ClusterListener, PodIndexesView {
  readonly domains: TopologyDomains;
  readonly terms: TermCounts;
  readonly existing: ExistingTerms;
  readonly affinityMasks: NodeAffinityMasks;
  private readonly postings = new LabelPostings();

  constructor(private readonly view: ClusterView, readonly workloads: WorkloadSet) {
    this.domains = new TopologyDomains(view);
    this.terms = new TermCounts(view, this.postings);
    this.existing = new ExistingTerms(this.domains, view.model.symbols);
    this.affinityMasks = new NodeAffinityMasks(view);
    const order = view.nodeOrder();
    for (let i = 0; i < order.length; i++) {
      const node = order[i] as NodeId;
      for (const id of view.podsOn(node)) this.podBound(view.pod(id), node);
    }
  }

  /** A pod was bound: it joins the postings, the counted terms it matches, and its terms' groups. */
  podBound(pod: CompiledPod, node: NodeId): void {
    this.postings.add(pod);
    this.terms.podChanged(pod, node, 1);
    this.existing.podChanged(pod, node, 1);
  }

  /** The exact inverse of podBound. */
  podUnbound(pod: CompiledPod, node: NodeId): void {
    this.existing.podChanged(pod, node, -1);
    this.terms.podChanged(pod, node, -1);
    this.postings.remove(pod);
  }

  /** A node joined: it gets its domains; cached affinity masks are dropped. */
  nodeAdded(node: NodeId): void {
    this.domains.nodeAdded(node);
    this.affinityMasks.invalidate();
  }

  /** A node leaves (its pods were unbound already). */
  nodeRemoved(node: NodeId): void {
    this.domains.nodeRemoved(node);
    this.affinityMasks.invalidate();
  }

  /**
   * Before a node's labels change: its pods leave the counts of their old domains, then
   * the node leaves its domains. nodeLabelsChanged puts both back under the new labels.
   */
  nodeLabelsChanging(node: NodeId): void {
    for (const id of this.view.podsOn(node)) {
      const pod = this.view.pod(id);
      this.existing.podChanged(pod, node, -1);
      this.terms.podChanged(pod, node, -1);
    }
    this.domains.nodeRemoved(node);
  }

  /** After a node's labels changed: see nodeLabelsChanging. */
  nodeLabelsChanged(node: NodeId): void {
    this.domains.nodeAdded(node);
    this.affinityMasks.invalidate();
    for (const id of this.view.podsOn(node)) {
      const pod = this.view.pod(id);
      this.terms.podChanged(pod, node, 1);
      this.existing.podChanged(pod, node, 1);
    }
  }

  /**
   * The bound pods in `namespace` whose labels match `selector` (what a workload owns),
   * sorted by pod id. Visits only the pods that carry the selector's anchor label.
   */
  podsSelectedBy(namespace: number, selector: LabelSelector): PodId[] {
    const out: PodId[] = [];
    const symbols = this.view.model.symbols;
    this.postings.forEachCandidate(anchorOf([selector]), (id) => {
      const pod = this.view.pod(id);
      if (pod.namespace === namespace && selectorMatches(selector, pod.labels, symbols)) out.push(id);
    });
    return out.sort((a, b) => a - b);
  }
}
