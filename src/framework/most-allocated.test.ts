import { describe, expect, it } from 'vitest';
import { mostAllocatedScore, mostRequestedScore } from './most-allocated.js';

describe('mostRequestedScore', () => {
  const cases: [string, number, number, number][] = [
    ['a quarter used -> 25', 1000, 4000, 25],
    ['2000 of 6000 -> 33', 2000, 6000, 33],
    ['over capacity counts as full -> 100', 5000, 4000, 100],
    ['no capacity -> 0', 10, 0, 0],
  ];
  for (const [name, r, c, want] of cases) it(name, () => expect(mostRequestedScore(r, c)).toBe(want));
});

describe('mostAllocatedScore', () => {
  it('weighted mean, int64 division', () => {
    // cpu 75 (w1), memory 60 (w1) -> 67 (67.5 truncated).
    expect(mostAllocatedScore(Float64Array.of(3000, 6000), Float64Array.of(4000, 10000), Float64Array.of(1, 1), 2)).toBe(67);
  });
});
