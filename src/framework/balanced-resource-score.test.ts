import { describe, expect, it } from 'vitest';
import { balancedResourceScore } from './balanced-resource-score.js';

describe('balancedResourceScore', () => {
  const cases: { name: string; req: number[]; alloc: number[]; want: number }[] = [
    // |0.75 - 0.5| / 2 = 0.125 -> 87.5 -> 87.
    { name: 'two shares: std is half the difference', req: [3000, 5000], alloc: [4000, 10000], want: 87 },
    { name: 'equal shares score 100', req: [1, 1], alloc: [2, 2], want: 100 },
    // Shares 1 (capped from 2) and 0 -> std 0.5 -> 50.
    { name: 'shares are capped at 1', req: [8000, 0], alloc: [4000, 10000], want: 50 },
    // Shares 0.5, 0.25, 0 -> mean 0.25, std sqrt((0.0625 + 0 + 0.0625)/3) = 0.2041 -> 79.
    { name: 'three shares: population standard deviation', req: [1, 1, 0], alloc: [2, 4, 8], want: 79 },
    { name: 'allocatable 0 entries are skipped', req: [1, 5], alloc: [2, 0], want: 100 },
  ];
  for (const c of cases) {
    it(c.name, () => expect(balancedResourceScore(Float64Array.from(c.req), Float64Array.from(c.alloc), c.req.length, new Float64Array(c.req.length))).toBe(c.want));
  }
});
