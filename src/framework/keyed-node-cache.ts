import type { ClusterView } from '../cluster/cluster-view.js';

/**
 * Per-node values for several keys at once (a key is, say, a pod shape), each valid while
 * the node's ClusterView.generation is the one it was computed at. Unlike
 * NodeResultCache, which keeps only the last pod's results, a workload that cycles
 * through a few dozen shapes recomputes a node for a shape only when the node changed
 * since that shape was last seen. Holds up to `maxKeys` keys; when more arrive it starts
 * over. Results are identical with or without it.
 */
export class KeyedNodeCache {
  private readonly slots = new Map<string, number>();
  private values: Float64Array[] = [];
  /** generation + 1 at which a value was computed; 0 = never. */
  private stamps: Int32Array[] = [];
  private view: ClusterView | null = null;
  private width = 0;

  constructor(private readonly maxKeys = 256) {}

  /** The slot of `key` for this view (resets everything when the view changed). */
  slot(view: ClusterView, key: string): number {
    if (view !== this.view || view.nodeCapacity > this.width) this.reset(view);
    let s = this.slots.get(key);
    if (s === undefined) {
      if (this.slots.size >= this.maxKeys) this.reset(view);
      s = this.slots.size;
      this.slots.set(key, s);
      this.values[s] = new Float64Array(this.width);
      this.stamps[s] = new Int32Array(this.width);
    }
    return s;
  }

  /** The cached value of `node` in `slot`, or NaN when it is missing or stale. */
  get(slot: number, node: number): number {
    return this.stamps[slot]![node] === this.view!.generation[node]! + 1 ? this.values[slot]![node]! : Number.NaN;
  }

  set(slot: number, node: number, value: number): void {
    this.values[slot]![node] = value;
    this.stamps[slot]![node] = this.view!.generation[node]! + 1;
  }

  /** Forgets every value (the values' meaning changed). */
  clear(): void {
    this.view = null;
  }

  private reset(view: ClusterView): void {
    this.view = view;
    this.width = Math.max(view.nodeCapacity, 16);
    this.slots.clear();
    this.values = [];
    this.stamps = [];
  }
}
