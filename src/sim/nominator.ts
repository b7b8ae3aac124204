import type { ClusterState } from '../cluster/cluster-state.js';
import type { NodeId, PodId } from '../model/ids.js';
import type { CompiledPod } from '../model/pod.js';

/**
 * Pending pods nominated to a node by preemption (status.nominatedNodeName), and the
 * reservations that protect the room preemption freed for them. kube's
 * RunFilterPluginsWithNominatedPods filters every node as if the pods nominated to it
 * with priority >= the pod being scheduled were already there. Without plugin AddPod
 * hooks the same effect comes from binding those pods to their nominated nodes for the
 * length of one cycle (reserve) and unbinding them after it (release): exact for the
 * filters, and free when nothing is nominated (the usual case).
 * CAVEAT: the reservations are visible to scoring too, where kube does not add them;
 * and kube also re-runs the filters without them (for pod affinity), which this skips.
 */
export class Nominator {
  /** Insertion-ordered, so reservations happen in a deterministic order. */
  private readonly nominated = new Map<PodId, { readonly pod: CompiledPod; readonly node: NodeId }>();
  private readonly reserved: { readonly pod: CompiledPod; readonly node: NodeId }[] = [];
  private readonly reservedIds = new Set<PodId>();

  get size(): number {
    return this.nominated.size;
  }

  nominate(pod: CompiledPod, node: NodeId): void {
    this.nominated.delete(pod.id);
    this.nominated.set(pod.id, { pod, node });
  }

  clear(pod: PodId): void {
    this.nominated.delete(pod);
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
    for (const [id, n] of this.nominated) {
      if (n.node === node && n.pod.priority < priority) this.nominated.delete(id);
    }
  }

  /** Binds every other nominated pod with priority >= forPod's to its nominated (live) node. */
  reserve(state: ClusterState, forPod: CompiledPod): void {
    if (this.nominated.size === 0) return;
    for (const n of this.nominated.values()) {
      if (n.pod.id === forPod.id || n.pod.priority < forPod.priority) continue;
      if (state.live[n.node] !== 1 || state.nodeOf(n.pod.id) !== -1) continue;
      state.bind(n.pod, n.node);
      this.reserved.push(n);
      this.reservedIds.add(n.pod.id);
    }
  }

  /** Undoes reserve(), in reverse order. */
  release(state: ClusterState): void {
    if (this.reserved.length === 0) return;
    for (let i = this.reserved.length - 1; i >= 0; i--) {
      const n = this.reserved[i]!;
      state.unbind(n.pod, n.node);
    }
    this.reserved.length = 0;
    this.reservedIds.clear();
  }

  /** Whether the pod is bound only as a reservation right now. */
  isReserved(pod: PodId): boolean {
    return this.reservedIds.has(pod);
  }
}
