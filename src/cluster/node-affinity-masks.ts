import type { NodeId, Sym } from '../model/ids.js';
import type { NodeSelector, NodeSelectorTerm } from '../model/node-selector.js';
import { bindRequiredAffinity, requiredAffinityMatches, termCanMatch } from '../model/node-selector.js';
import type { CompiledPod } from '../model/pod.js';
import type { ClusterView } from './cluster-view.js';
import type { AffinityMaskView, KeyDomainsView, NodeAffinityMasksView } from './pod-indexes-view.js';
import { selectorKey } from './selector-keys.js';

/**
 * Which nodes satisfy a pod's spec.nodeSelector and required node affinity
 * (nodeaffinity.RequiredNodeAffinity.Match), as a 0/1 mask per node id, cached by the
 * text of the affinity: the replicas of a workload share it, so a mask is computed once
 * per workload until a node is added, removed or relabeled (then every mask is dropped).
 * PodTopologySpread's nodeAffinityPolicy: Honor reads it instead of matching every node
 * in every cycle. At most `capacity` masks are kept, the oldest dropped first.
 */
export class NodeAffinityMasks implements NodeAffinityMasksView {
  private readonly masks = new Map<string, AffinityMask>();

  constructor(private readonly view: ClusterView, private readonly capacity = 256) {}

  /** The mask of the pod's required node affinity; null when the pod has none (every node matches). */
  of(pod: CompiledPod): AffinityMask | null {
    if (pod.nodeSelector === null && pod.requiredNodeAffinity === null) return null;
    const key = affinityKey(pod.nodeSelector, pod.requiredNodeAffinity);
    let mask = this.masks.get(key);
    if (mask === undefined) {
      mask = new AffinityMask(this.compute(pod));
      if (this.masks.size >= this.capacity) this.masks.delete(this.masks.keys().next().value!);
      this.masks.set(key, mask);
    }
    return mask;
  }

  /** Nodes changed (added, removed, relabeled): every mask may be stale. */
  invalidate(): void {
    this.masks.clear();
  }

  private compute(pod: CompiledPod): Uint8Array {
    const view = this.view;
    const mask = new Uint8Array(Math.max(1, view.nodeCapacity));
    const bound = bindRequiredAffinity(pod.nodeSelector, pod.requiredNodeAffinity, (key) => view.labelColumn(key));
    const symbols = view.model.symbols;
    const order = view.nodeOrder();
    for (let i = 0; i < order.length; i++) {
      const n = order[i] as NodeId;
      if (requiredAffinityMatches(bound, n, view.nodeName[n] as Sym, symbols)) mask[n] = 1;
    }
    return mask;
  }
}

/** One cached mask, with the topology domains its nodes cover (computed on demand). */
export class AffinityMask implements AffinityMaskView {
  private readonly covered = new Map<Sym, { readonly present: Uint8Array; readonly domains: number }>();

  constructor(
    /** 1 per node id that satisfies the affinity (live nodes only). */
    readonly nodes: Uint8Array,
  ) {}

  /** Which domains of kd's key hold a node of the mask (present[d] = 1), and how many. */
  domainsOf(kd: KeyDomainsView): { readonly present: Uint8Array; readonly domains: number } {
    let c = this.covered.get(kd.key);
    if (c === undefined) {
      const present = new Uint8Array(Math.max(1, kd.count));
      let domains = 0;
      const dom = kd.domainOf;
      const n = Math.min(this.nodes.length, dom.length);
      for (let node = 0; node < n; node++) {
        if (this.nodes[node] === 0) continue;
        const d = dom[node]!;
        if (d < 0 || present[d] === 1) continue;
        present[d] = 1;
        domains++;
      }
      c = { present, domains };
      this.covered.set(kd.key, c);
    }
    return c;
  }
}

/** The text of a required node affinity: equal texts match the same nodes. */
function affinityKey(nodeSelector: NodeSelectorTerm | null, required: NodeSelector | null): string {
  let k = nodeSelector === null ? '-' : termKey(nodeSelector);
  if (required === null) return `${k}|-`;
  for (const t of required.terms) k += `|${termKey(t)}`;
  return k;
}

function termKey(t: NodeSelectorTerm): string {
  if (!termCanMatch(t)) return '!';
  const labels = selectorKey({ nothing: false, requirements: t.labels });
  const fields = selectorKey({ nothing: false, requirements: t.fields });
  return `${labels}#${fields}`;
}
