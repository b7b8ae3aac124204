import { describe, expect, it } from 'vitest';
import { Rng } from '../generators/rng.js';
import { selectHost } from './select-host.js';

describe('selectHost', () => {
  it('picks the single highest total', () => {
    expect(selectHost(Float64Array.of(3, 9, 4), 3, Rng.fromSeed(1))).toBe(1);
  });

  it('ignores entries past count', () => {
    expect(selectHost(Float64Array.of(3, 1, 99), 2, Rng.fromSeed(1))).toBe(0);
  });

  it('breaks ties uniformly among the best (reservoir sampling) and never picks a lower one', () => {
    const rng = Rng.fromSeed(7);
    const totals = Float64Array.of(5, 9, 1, 9, 9, 2);
    const hits = new Map<number, number>();
    for (let i = 0; i < 30_000; i++) {
      const k = selectHost(totals, totals.length, rng);
      hits.set(k, (hits.get(k) ?? 0) + 1);
    }
    expect([...hits.keys()].sort()).toEqual([1, 3, 4]);
    for (const k of [1, 3, 4]) expect(hits.get(k)! / 30_000).toBeGreaterThan(0.3);
  });

  it('is deterministic for a seed', () => {
    const totals = Float64Array.of(1, 1, 1, 1, 1, 1, 1, 1);
    const run = () => { const r = Rng.fromSeed(3); return Array.from({ length: 20 }, () => selectHost(totals, 8, r)); };
    expect(run()).toEqual(run());
  });
});
