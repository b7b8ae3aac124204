import type { ClusterView } from '../cluster/cluster-view.js';
import type { CompiledPod } from '../model/pod.js';

/** Says whether per-node results for `prev` stay valid for `next` on unchanged nodes. */
export type ReuseTest<P> = (prev: P, next: P, prevPod: CompiledPod, nextPod: CompiledPod) => boolean;

/**
 * Remembers one plugin's last per-node results (verdicts or raw scores) with the node's
 * generation, so the next cycle recomputes only nodes whose row changed since, when the
 * plugin says the new pod's state gives the same results (consecutive replicas of one
 * workload do). A node's result is reused only while ClusterView.generation[node] is
 * the one it was computed at.
 */
export class NodeResultCache {
  private values = new Float64Array(0);
  /** generation + 1 at which values[node] was computed; 0 = never. */
  private stamps = new Int32Array(0);
  /** The pod-state epoch values[node] belongs to; a new epoch starts when reuse fails. */
  private epochs = new Int32Array(0);
  private epoch = 0;
  private view: ClusterView | null = null;
  private hasPrev = false;
  private prevPre: unknown = undefined;
  private prevPod: CompiledPod | null = null;
  private missIds = new Int32Array(0);
  private missPos = new Int32Array(0);
  private missOut = new Float64Array(0);

  /**
   * Fills out[0..count) with the results for nodes[0..count), computing with `compute`
   * (a batch call writing results for its ids) only what the cache cannot answer.
   * With `totals`, also adds each result times `weight` to totals[i] (saves a pass).
   */
  fill<P>(
    view: ClusterView, nodes: Int32Array, count: number, pod: CompiledPod, pre: P, reuse: ReuseTest<P>,
    compute: (ids: Int32Array, n: number, out: Float64Array) => void, out: Float64Array | Int32Array,
    totals?: Float64Array, weight = 0,
  ): void {
    this.ensure(view.nodeCapacity, count);
    const gen = view.generation;
    const { values, stamps, epochs, missIds, missPos, missOut } = this;
    const valid = this.view === view && this.hasPrev && reuse(this.prevPre as P, pre, this.prevPod!, pod);
    this.view = view;
    this.hasPrev = true;
    this.prevPre = pre;
    this.prevPod = pod;
    if (!valid) this.epoch++;
    const epoch = this.epoch;
    let m = 0;
    for (let i = 0; i < count; i++) {
      const n = nodes[i]!;
      if (stamps[n] === gen[n]! + 1 && epochs[n] === epoch) {
        const v = values[n]!;
        out[i] = v;
        if (totals) totals[i] += v * weight;
      } else {
        missIds[m] = n;
        missPos[m] = i;
        m++;
      }
    }
    if (m === 0) return;
    compute(missIds, m, missOut);
    for (let j = 0; j < m; j++) {
      const n = missIds[j]!;
      const v = missOut[j]!;
      out[missPos[j]!] = v;
      if (totals) totals[missPos[j]!] += v * weight;
      values[n] = v;
      stamps[n] = gen[n]! + 1;
      epochs[n] = epoch;
    }
  }

  private ensure(nodeCapacity: number, count: number): void {
    if (this.values.length < nodeCapacity) {
      const values = new Float64Array(nodeCapacity);
      values.set(this.values);
      const stamps = new Int32Array(nodeCapacity);
      stamps.set(this.stamps);
      const epochs = new Int32Array(nodeCapacity);
      epochs.set(this.epochs);
      this.values = values;
      this.stamps = stamps;
      this.epochs = epochs;
    }
    if (this.missIds.length < count) {
      this.missIds = new Int32Array(count);
      this.missPos = new Int32Array(count);
      this.missOut = new Float64Array(count);
    }
  }
}
