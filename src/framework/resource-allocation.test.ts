import { describe, expect, it } from 'vitest';
import { goRound, mulDivTrunc } from './resource-allocation.js';

describe('mulDivTrunc (int64 a * b / c)', () => {
  const cases: { name: string; a: number; b: number; c: number }[] = [
    { name: 'small', a: 3000, b: 100, c: 4000 },
    { name: 'negative numerator truncates toward zero', a: -7, b: 10, c: 4 },
    { name: 'product past 2^53 (1Pi of memory)', a: 2 ** 50 - 3, b: 100, c: 2 ** 50 },
    { name: 'product past 2^53, odd divisor', a: 9_007_199_254_740_000, b: 100, c: 9_007_199_254_740_991 },
    { name: 'product past 2^53, quotient just below an integer', a: 4_503_599_627_370_495, b: 100, c: 9_007_199_254_740_991 },
  ];
  for (const c of cases) {
    it(c.name, () => expect(mulDivTrunc(c.a, c.b, c.c)).toBe(Number((BigInt(c.a) * BigInt(c.b)) / BigInt(c.c))));
  }
});

describe('goRound (math.Round)', () => {
  const cases: [number, number][] = [[2.5, 3], [-2.5, -3], [2.4999, 2], [3.875, 4], [3.125, 3], [0, 0]];
  for (const [x, want] of cases) it(`${x} -> ${want}`, () => expect(goRound(x)).toBe(want));
});
