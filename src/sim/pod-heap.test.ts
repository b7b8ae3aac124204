import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PodId } from '../model/ids.js';
import { PodHeap } from './pod-heap.js';

describe('PodHeap', () => {
  it('pops by (k1, k2, pod id), whatever the insertion order', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.record({ id: fc.integer({ min: 0, max: 10_000 }), k1: fc.integer({ min: -3, max: 3 }), k2: fc.integer({ min: 0, max: 3 }) }), { selector: (e) => e.id, maxLength: 200 }),
      (entries) => {
        const h = new PodHeap();
        for (const e of entries) h.push(e.id as PodId, e.k1, e.k2);
        const want = [...entries].sort((a, b) => a.k1 - b.k1 || a.k2 - b.k2 || a.id - b.id).map((e) => e.id);
        const got: number[] = [];
        for (let p = h.pop(); p !== -1; p = h.pop()) got.push(p);
        expect(got).toEqual(want);
      },
    ));
  });

  it('reports an empty heap', () => {
    const h = new PodHeap();
    expect(h.pop()).toBe(-1);
    expect(h.peek()).toBe(-1);
    expect(h.peekK1()).toBe(Infinity);
  });
});
