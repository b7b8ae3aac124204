import type { PodArrival } from './types.js';

/**
 * The Job controller's parallelism limit over a run's arrivals: the arrivals of one
 * group (PodArrival.group, one Job) are its pods in creation order, and at most
 * `parallelism` of them are active (created and not yet finished) at once. An arrival
 * that finds its group full is held back, first come first served, and released when
 * an active pod of the group finishes: it completes, or is deleted and not replaced.
 * Invariant: a group holds arrivals back only while it is full, so a held arrival is
 * released at the moment a slot frees (never later) and in arrival order.
 * Groups are numbered in order of first appearance; arrivals without a group get -1.
 */
export class JobParallelism {
  /** Per arrival index: its group, or -1. */
  private readonly groupOfArrival: Int32Array;
  private readonly limit: Int32Array;
  private readonly active: Int32Array;
  /** Per group: held arrival indices, oldest first, from `head` on. */
  private readonly held: number[][];
  private readonly head: Int32Array;
  private heldTotal = 0;

  constructor(arrivals: readonly PodArrival[]) {
    this.groupOfArrival = new Int32Array(arrivals.length).fill(-1);
    const ids = new Map<string, number>();
    const limits: number[] = [];
    arrivals.forEach((a, i) => {
      if (a.group === undefined) return;
      let g = ids.get(a.group.key);
      if (g === undefined) {
        g = limits.length;
        ids.set(a.group.key, g);
        limits.push(a.group.parallelism);
      }
      this.groupOfArrival[i] = g;
    });
    this.limit = Int32Array.from(limits);
    this.active = new Int32Array(limits.length);
    this.held = limits.map(() => []);
    this.head = new Int32Array(limits.length);
  }

  /** The group of arrival `index`, or -1 when it has none. */
  groupOf(index: number): number {
    return this.groupOfArrival[index]!;
  }

  /**
   * Arrival `index` of group `group` is due: true when it may be created now (it takes a
   * slot); false when its group is full and it is held back until release() hands it out.
   */
  admit(index: number, group: number): boolean {
    if (this.active[group]! < this.limit[group]!) {
      this.active[group]!++;
      return true;
    }
    this.held[group]!.push(index);
    this.heldTotal++;
    return false;
  }

  /**
   * An active pod of `group` finished (completed, or deleted without a replacement): its
   * slot goes to the oldest held arrival, whose index is returned (create it now), or is
   * freed when nothing is held (-1).
   */
  release(group: number): number {
    const queue = this.held[group]!;
    const h = this.head[group]!;
    if (h < queue.length) {
      const next = queue[h]!;
      this.heldTotal--;
      if (h + 1 === queue.length) {
        // Drained: start the queue over so it does not grow for the whole run.
        queue.length = 0;
        this.head[group] = 0;
      } else {
        this.head[group] = h + 1;
      }
      return next;
    }
    this.active[group]!--;
    return -1;
  }

  /** Arrivals that were due but are still held back. */
  get heldCount(): number {
    return this.heldTotal;
  }

  /** Active pods of `group` (created, not finished). */
  activeCount(group: number): number {
    return this.active[group]!;
  }
}
