import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

describe('EventQueue', () => {
  const cases = [
    { name: 'orders by time', pushes: [[3, 'c'], [1, 'a'], [2, 'b']] as const, want: ['a', 'b', 'c'] },
    { name: 'ties keep insertion order', pushes: [[1, 'x'], [0, 'first'], [1, 'y'], [1, 'z']] as const, want: ['first', 'x', 'y', 'z'] },
    { name: 'negative and fractional times', pushes: [[0.5, 'b'], [-1, 'a'], [0.25, 'c']] as const, want: ['a', 'c', 'b'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const q = new EventQueue<string>();
      for (const [t, v] of c.pushes) q.push(t, v);
      const got: string[] = [];
      while (q.size > 0) got.push(q.pop());
      expect(got).toEqual(c.want);
    });
  }

  it('peekTimeS is Infinity when empty and pop throws', () => {
    const q = new EventQueue<number>();
    expect(q.peekTimeS()).toBe(Infinity);
    expect(() => q.pop()).toThrow(/empty/);
    expect(() => q.push(NaN, 1)).toThrow(RangeError);
  });

  it('pops every event sorted by (time, insertion) for any interleaving of pushes and pops', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }).map((t) => ({ push: t })), fc.constant({ push: -1 })), { maxLength: 300 }),
      (ops) => {
        const q = new EventQueue<number>();
        const times: number[] = [];
        let seq = 0;
        let lastT = -Infinity;
        let lastSeq = -1;
        for (const op of ops) {
          if (op.push >= 0) {
            // Pushes never go back in time past the last pop (as in the simulator).
            const t = Math.max(op.push, lastT);
            times[seq] = t;
            q.push(t, seq++);
          } else if (q.size > 0) {
            const s = q.pop();
            const t = times[s]!;
            if (t < lastT || (t === lastT && s < lastSeq)) return false;
            lastT = t;
            lastSeq = s;
          }
        }
        const rest: number[] = [];
        while (q.size > 0) rest.push(q.pop());
        for (let i = 1; i < rest.length; i++) {
          const a = rest[i - 1]!;
          const b = rest[i]!;
          if (times[a]! > times[b]! || (times[a] === times[b] && a > b)) return false;
        }
        return true;
      },
    ));
  });
});
