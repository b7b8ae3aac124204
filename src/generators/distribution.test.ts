import { describe, expect, it } from 'vitest';
import type { Distribution } from './distribution.js';
import { meanOf, sample } from './distribution.js';
import { Rng } from './rng.js';

const draws = (d: Distribution, n = 20_000, seed = 1) => {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: n }, () => sample(d, rng));
};
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('sample', () => {
  const cases: { name: string; d: Distribution; min: number; max: number; tol: number }[] = [
    { name: 'constant', d: { kind: 'constant', value: 7 }, min: 7, max: 7, tol: 0 },
    { name: 'uniform', d: { kind: 'uniform', min: 2, max: 4 }, min: 2, max: 4, tol: 0.05 },
    { name: 'truncated normal stays in bounds', d: { kind: 'normal', mean: 10, stddev: 5, min: 8, max: 12 }, min: 8, max: 12, tol: 0.1 },
    { name: 'normal without min is truncated at 0, never negative', d: { kind: 'normal', mean: 1, stddev: 5 }, min: 0, max: Infinity, tol: 0 },
    { name: 'lognormal', d: { kind: 'lognormal', mu: 1, sigma: 0.5 }, min: 0, max: Infinity, tol: 0.1 },
    { name: 'exponential', d: { kind: 'exponential', mean: 3 }, min: 0, max: Infinity, tol: 0.1 },
    { name: 'weighted choice', d: { kind: 'choice', values: [1, 10], weights: [3, 1] }, min: 1, max: 10, tol: 0.1 },
    { name: 'empirical', d: { kind: 'empirical', values: [5, 6, 9] }, min: 5, max: 9, tol: 0.1 },
  ];
  for (const c of cases) {
    it(`${c.name}: within range, mean near the closed form`, () => {
      const xs = draws(c.d);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(c.min);
      expect(Math.max(...xs)).toBeLessThanOrEqual(c.max);
      if (c.d.kind !== 'normal') expect(Math.abs(avg(xs) - meanOf(c.d))).toBeLessThanOrEqual(c.tol * Math.max(1, meanOf(c.d)));
    });
  }

  it('is a pure function of the seed', () => {
    const d: Distribution = { kind: 'lognormal', mu: 0, sigma: 1 };
    expect(draws(d, 50, 9)).toEqual(draws(d, 50, 9));
    expect(draws(d, 50, 9)).not.toEqual(draws(d, 50, 10));
  });

  it('forked streams are independent of draws on the parent', () => {
    const a = Rng.fromSeed(1);
    const b = Rng.fromSeed(1);
    b.float();
    b.float();
    expect(a.fork('x').float()).toBe(b.fork('x').float());
  });
});
