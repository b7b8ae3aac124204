import { describe, expect, it } from 'vitest';
import { leastAllocatedScore, leastRequestedScore } from './least-allocated.js';

describe('leastRequestedScore', () => {
  const cases: [string, number, number, number][] = [
    // (capacity - requested) * 100 / capacity, truncated.
    ['a quarter used -> 75', 1000, 4000, 75],
    ['2000 of 6000 -> 66 (66.6 truncated)', 2000, 6000, 66],
    ['full -> 0', 4000, 4000, 0],
    ['over capacity -> 0', 5000, 4000, 0],
    ['no capacity -> 0', 0, 0, 0],
  ];
  for (const [name, r, c, want] of cases) it(name, () => expect(leastRequestedScore(r, c)).toBe(want));
});

describe('leastAllocatedScore', () => {
  it('weighted mean, int64 division, resources with allocatable 0 skipped', () => {
    // memory (weight 2): 50 -> 100; cpu (weight 1): 66; gpu: skipped. (100 + 66) / 3 = 55.33 -> 55.
    const got = leastAllocatedScore(Float64Array.of(5000, 2000, 3), Float64Array.of(10000, 6000, 0), Float64Array.of(2, 1, 5), 3);
    expect(got).toBe(Math.trunc((50 * 2 + 66) / 3));
  });
  it('no resource with allocatable gives 0', () => {
    expect(leastAllocatedScore(Float64Array.of(1), Float64Array.of(0), Float64Array.of(1), 1)).toBe(0);
  });
});
