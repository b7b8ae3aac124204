import type { ClusterState } from '../cluster/cluster-state.js';
import type { NominatedPods } from '../framework/nominated-pods.js';
import type { NodeId, PodId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';

/** A pending pod and the node preemption (or its status.nominatedNodeName) named for it. */
interface Nomination {
  readonly pod: CompiledPod;
  readonly node: NodeId;
}

/**
 * Pending pods nominated to a node by preemption (status.nominatedNodeName): kube's
 * PodNominator, as the scheduling cycles of other pods must respect them
 * (NominatedPods: filtered with, then without; never scored).
 * The pass with the pods added is a what-if over an overlay view (framework/what-if.ts):
 * the live state is never changed for it.
 */
export class Nominator implements NominatedPods {
  /** Insertion-ordered, so pods are added in a deterministic order. */
  private readonly nominated = new Map<PodId, Nomination>();
  /** Per node, its nominations in the order they were made. */
  private readonly byNode = new Map<NodeId, Nomination[]>();

  constructor(private readonly state: ClusterState) {}

  get size(): number {
    return this.nominated.size;
  }

  nominate(pod: CompiledPod, node: NodeId): void {
    this.clear(pod.id);
    const n = { pod, node };
    this.nominated.set(pod.id, n);
    let list = this.byNode.get(node);
    if (list === undefined) this.byNode.set(node, (list = []));
    list.push(n);
  }

  clear(pod: PodId): void {
    const n = this.nominated.get(pod);
    if (n === undefined) return;
    this.nominated.delete(pod);
    const list = this.byNode.get(n.node)!;
    list.splice(list.indexOf(n), 1);
    if (list.length === 0) this.byNode.delete(n.node);
  }

  /** The pod's nominated node, or -1. */
  nodeOf(pod: PodId): NodeId | -1 {
    return this.nominated.get(pod)?.node ?? -1;
  }

  /**
   * Clears the nominations of pods with priority below `priority` on `node`
   * (getLowerPriorityNominatedPods + clearNominatedNodeName in prepareCandidate).
   */
  clearLowerPriority(node: NodeId, priority: number): void {
    for (const n of [...(this.byNode.get(node) ?? [])]) {
      if (n.pod.priority < priority) this.clear(n.pod.id);
    }
  }

  affects(node: NodeId, pod: CompiledPod): boolean {
    const list = this.byNode.get(node);
    if (list === undefined) return false;
    for (const n of list) if (this.respected(n, pod)) return true;
    return false;
  }

  forEach(node: NodeId, pod: CompiledPod, each: (nominated: CompiledPod) => void): void {
    for (const n of this.byNode.get(node) ?? []) if (this.respected(n, pod)) each(n.pod);
  }

  /**
   * addGENominatedPods: another pod, of priority >= the cycle's, on a live node, and not
   * bound already (a bound pod's nomination is cleared when it binds).
   */
  private respected(n: Nomination, pod: CompiledPod): boolean {
    return n.pod.id !== pod.id && n.pod.priority >= pod.priority && this.state.live[n.node] === 1 && this.state.nodeOf(n.pod.id) === -1;
  }
}
