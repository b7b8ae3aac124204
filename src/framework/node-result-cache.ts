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
  /** Whether the last cycle could not reuse (then this one's results are not kept either). */
  private lastFailed = false;
  /** This cycle: every node is computed (the last results cannot be reused). */
  private fresh = true;
  /** This cycle, when fresh: whether its results are kept for the next one. */
  private keep = true;
  private missIds = new Int32Array(0);
  private missPos = new Int32Array(0);
  private missOut = new Float64Array(0);
  private missVerdicts = new Int32Array(0);

  /**
   * Fills out[0..count) with the results for nodes[0..count), computing with `compute`
   * (a batch call writing results for its ids into an array of out's type) only what the
   * cache cannot answer. With `totals`, also adds each result times `weight` to totals[i]
   * (saves a pass). When the new pod's state cannot reuse the last one's results, every
   * node is computed straight into `out`, without the per-node lookups. Calls with the
   * same `pod` and `pre` (one cycle in chunks) share the first call's decision.
   */
  fill<P, O extends Float64Array | Int32Array>(
    view: ClusterView, nodes: Int32Array, count: number, pod: CompiledPod, pre: P, reuse: ReuseTest<P>,
    compute: (ids: Int32Array, n: number, out: O) => void, out: O,
    totals?: Float64Array, weight = 0,
  ): void {
    this.ensure(view.nodeCapacity, count);
    const gen = view.generation;
    const { values, stamps, epochs } = this;
    // The filter search calls once per chunk with the same state: one decision per cycle.
    const sameCycle = this.view === view && this.hasPrev && pre === this.prevPre && pod === this.prevPod;
    if (!sameCycle) {
      const valid = this.view === view && this.hasPrev && reuse(this.prevPre as P, pre, this.prevPod!, pod);
      this.view = view;
      this.hasPrev = true;
      this.prevPre = pre;
      this.prevPod = pod;
      this.fresh = !valid;
      if (valid) {
        this.lastFailed = false;
      } else {
        this.epoch++;
        // Twice in a row nothing reusable (requests that change every pod): keeping the
        // results costs a store per node that the next cycle is unlikely to read. The
        // new epoch already hides older values; a run of equal pods resumes keeping
        // them from its second pod on.
        this.keep = !this.lastFailed;
        this.lastFailed = true;
      }
    }
    if (this.fresh) {
      compute(nodes, count, out);
      if (!this.keep) {
        if (totals) for (let i = 0; i < count; i++) totals[i] += out[i]! * weight;
        return;
      }
      const epoch = this.epoch;
      for (let i = 0; i < count; i++) {
        const n = nodes[i]!;
        const v = out[i]!;
        if (totals) totals[i] += v * weight;
        values[n] = v;
        stamps[n] = gen[n]! + 1;
        epochs[n] = epoch;
      }
      return;
    }
    const epoch = this.epoch;
    const { missIds, missPos } = this;
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
    const missOut = (out instanceof Int32Array ? this.missVerdicts : this.missOut) as O;
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
      this.missVerdicts = new Int32Array(count);
    }
  }
}
