/**
 * A binary min-heap of events keyed by (simulated time, insertion sequence): events at
 * the same time come out in the order they were pushed, so a run never depends on heap
 * internals. Times and sequence numbers live in typed arrays; push and pop are O(log n).
 */
export class EventQueue<T> {
  private timesS = new Float64Array(64);
  private seqs = new Float64Array(64);
  private items: (T | undefined)[] = new Array<T | undefined>(64);
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  /** Adds an event at `atS` (simulated seconds). */
  push(atS: number, item: T): void {
    if (Number.isNaN(atS)) throw new RangeError('event time is NaN');
    if (this.n === this.timesS.length) this.grow();
    let i = this.n++;
    const seq = this.nextSeq++;
    // Sift up: move parents down until the slot fits (time, seq).
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.timesS[p]!;
      if (pt < atS || (pt === atS && this.seqs[p]! < seq)) break;
      this.move(p, i);
      i = p;
    }
    this.timesS[i] = atS;
    this.seqs[i] = seq;
    this.items[i] = item;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeS(): number {
    return this.n === 0 ? Infinity : this.timesS[0]!;
  }

  /** Removes and returns the earliest event; throws when empty. */
  pop(): T {
    if (this.n === 0) throw new Error('pop from an empty event queue');
    const top = this.items[0]!;
    const last = --this.n;
    const t = this.timesS[last]!;
    const s = this.seqs[last]!;
    const item = this.items[last];
    this.items[last] = undefined;
    if (last > 0) {
      // Sift down the former last element from the root.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        let c = l;
        if (r < last && this.less(r, l)) c = r;
        const ct = this.timesS[c]!;
        if (t < ct || (t === ct && s < this.seqs[c]!)) break;
        this.move(c, i);
        i = c;
      }
      this.timesS[i] = t;
      this.seqs[i] = s;
      this.items[i] = item;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const ta = this.timesS[a]!;
    const tb = this.timesS[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  private move(from: number, to: number): void {
    this.timesS[to] = this.timesS[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.items[to] = this.items[from];
  }

  private grow(): void {
    const cap = this.timesS.length * 2;
    const t = new Float64Array(cap);
    t.set(this.timesS);
    const s = new Float64Array(cap);
    s.set(this.seqs);
    this.timesS = t;
    this.seqs = s;
    this.items.length = cap;
  }
}
