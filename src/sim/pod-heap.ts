import type { PodId } from '../model/ids.js';

/**
 * A binary min-heap of pod ids keyed by (k1, k2, pod id), in typed arrays. The pod id
 * is the last key, so the order is total and never depends on insertion history.
 * The scheduling queue uses it twice: activeQ with k1 = -priority, k2 = queued time;
 * backoffQ with k1 = backoff expiry.
 */
export class PodHeap {
  private k1 = new Float64Array(64);
  private k2 = new Float64Array(64);
  private ids = new Int32Array(64);
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(pod: PodId, k1: number, k2: number): void {
    if (this.n === this.ids.length) this.grow();
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.before(p, k1, k2, pod)) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, k1, k2, pod);
  }

  /** The smallest pod id, or -1 when empty. */
  peek(): PodId | -1 {
    return this.n === 0 ? -1 : (this.ids[0] as PodId);
  }

  /** First key of the smallest entry, or Infinity when empty. */
  peekK1(): number {
    return this.n === 0 ? Infinity : this.k1[0]!;
  }

  /** Removes and returns the smallest pod id, or -1 when empty. */
  pop(): PodId | -1 {
    if (this.n === 0) return -1;
    const top = this.ids[0] as PodId;
    const last = --this.n;
    if (last > 0) {
      const k1 = this.k1[last]!;
      const k2 = this.k2[last]!;
      const id = this.ids[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        let c = l;
        if (r < last && this.before(r, this.k1[l]!, this.k2[l]!, this.ids[l]!)) c = r;
        if (!this.before(c, k1, k2, id)) break;
        this.move(c, i);
        i = c;
      }
      this.set(i, k1, k2, id);
    }
    return top;
  }

  /** Whether slot i orders strictly before (k1, k2, id). */
  private before(i: number, k1: number, k2: number, id: number): boolean {
    const a = this.k1[i]!;
    if (a !== k1) return a < k1;
    const b = this.k2[i]!;
    if (b !== k2) return b < k2;
    return this.ids[i]! < id;
  }

  private set(i: number, k1: number, k2: number, id: number): void {
    this.k1[i] = k1;
    this.k2[i] = k2;
    this.ids[i] = id;
  }

  private move(from: number, to: number): void {
    this.set(to, this.k1[from]!, this.k2[from]!, this.ids[from]!);
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const a = new Float64Array(cap);
    a.set(this.k1);
    const b = new Float64Array(cap);
    b.set(this.k2);
    const c = new Int32Array(cap);
    c.set(this.ids);
    this.k1 = a;
    this.k2 = b;
    this.ids = c;
  }
}
