import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.js';
import { inflatedTaskOrder } from './inflated-task-order.js';

/** A random source that returns the scripted draws in turn. */
const scripted = (draws: number[]) => ({ int: (n: number) => { const d = draws.shift()!; expect(d).toBeLessThan(n); return d; } });

describe('inflatedTaskOrder', () => {
  const cases = [
    {
      // Shuffle [0,1,2]: i=2 swaps with 0 → [2,1,0]; i=1 stays. Total 1500 < 2600 (1.3 × 2000):
      // draw task 0 (1000 → 2500, kept), then task 1 (500 → 3000 > 2600: stop).
      name: 'tops up with draws until the next one would pass the target', milli: [1000, 500, 0], cap: 2000, inflate: 1.3,
      draws: [0, 1, 0, 1], want: [2, 1, 0, 0],
    },
    {
      // Shuffle: i=2 ↔ 0 → [2,1,0]; i=1 ↔ 0 → [1,2,0]. Total 3000 > 2000: remove position 1 (task 2).
      name: 'removes random tasks while above the target', milli: [1000, 1000, 1000], cap: 2000, inflate: 1,
      draws: [0, 0, 1], want: [1, 0],
    },
    { name: 'an empty list', milli: [], cap: 2000, inflate: 1.3, draws: [], want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => expect(Array.from(inflatedTaskOrder(c.milli, c.cap, c.inflate, scripted([...c.draws])))).toEqual(c.want));
  }

  it('is a function of the seed, and never passes the target', () => {
    const milli = Array.from({ length: 50 }, (_, i) => [0, 250, 500, 1000, 2000, 8000][i % 6]!);
    const a = inflatedTaskOrder(milli, 100_000, 1.3, Rng.fromSeed(42).fork('workload'));
    const b = inflatedTaskOrder(milli, 100_000, 1.3, Rng.fromSeed(42).fork('workload'));
    const c = inflatedTaskOrder(milli, 100_000, 1.3, Rng.fromSeed(43).fork('workload'));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const total = Array.from(a).reduce((s, i) => s + milli[i]!, 0);
    expect(total).toBeLessThanOrEqual(130_000);
    expect(a.length).toBeGreaterThan(50);
    expect(new Set(Array.from(a).slice(0, 50)).size).toBe(50); // every task once first
  });
});
