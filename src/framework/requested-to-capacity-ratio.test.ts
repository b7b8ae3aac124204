import { describe, expect, it } from 'vitest';
import { brokenLinear, requestedToCapacityRatioScorer } from './requested-to-capacity-ratio.js';

describe('brokenLinear (helper.BuildBrokenLinearFunction)', () => {
  // Go TestBrokenLinearFunction, its three shapes and assertions.
  const cases: { name: string; shape: { utilization: number; score: number }[]; points: [number, number][] }[] = [
    {
      name: 'case_0: (10,1) (90,9)',
      shape: [{ utilization: 10, score: 1 }, { utilization: 90, score: 9 }],
      points: [[-10, 1], [0, 1], [9, 1], [10, 1], [15, 1], [19, 1], [20, 2], [89, 8], [90, 9], [99, 9], [100, 9], [110, 9]],
    },
    {
      name: 'case_1: (0,2) (40,10) (100,0), a falling segment truncates toward zero',
      shape: [{ utilization: 0, score: 2 }, { utilization: 40, score: 10 }, { utilization: 100, score: 0 }],
      points: [[-10, 2], [0, 2], [20, 6], [30, 8], [40, 10], [70, 5], [100, 0], [110, 0]],
    },
    {
      name: 'case_2: flat',
      shape: [{ utilization: 0, score: 2 }, { utilization: 40, score: 2 }, { utilization: 100, score: 2 }],
      points: [[-10, 2], [0, 2], [20, 2], [30, 2], [40, 2], [70, 2], [100, 2], [110, 2]],
    },
    {
      // 100 + (0 - 100) * 33 / 100 = 100 - 33 (Go truncates -33.0 toward zero) = 67; at 1: 100 - 1 = 99.
      name: 'scaled least-allocated shape (0,100) (100,0)',
      shape: [{ utilization: 0, score: 100 }, { utilization: 100, score: 0 }],
      points: [[33, 67], [1, 99], [99, 1]],
    },
    {
      // (70 - 0) * 5 / 60 = 5.83.. -> 5 (truncated, not rounded).
      name: 'single rising segment truncates',
      shape: [{ utilization: 40, score: 0 }, { utilization: 100, score: 70 }],
      points: [[45, 5]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = brokenLinear(c.shape);
      for (const [p, want] of c.points) expect([p, f(p)]).toEqual([p, want]);
    });
  }
});

describe('requestedToCapacityRatioScorer', () => {
  const f = (req: number[], alloc: number[], w: number[], shape = [{ utilization: 0, score: 0 }, { utilization: 100, score: 100 }]) =>
    requestedToCapacityRatioScorer(shape)(Float64Array.from(req), Float64Array.from(alloc), Float64Array.from(w), req.length);
  const cases: { name: string; got: () => number; want: number }[] = [
    // 25 * 3 + 50 * 5 = 325; / 8 = 40.625 -> 41 (math.Round).
    { name: 'weighted mean is rounded, not truncated', got: () => f([2, 2], [8, 4], [3, 5]), want: 41 },
    // Over capacity scores shape(100) = 100; the other resource 10% -> 10; (100 + 10) / 2 = 55.
    { name: 'a request above capacity scores the shape at 100%', got: () => f([9, 1], [8, 10], [1, 1]), want: 55 },
    // Zero-scoring resources stay out of the mean: 0% -> 0 (dropped), 50% -> 50 -> 50.
    { name: 'resources scoring 0 do not count', got: () => f([0, 5], [8, 10], [1, 1]), want: 50 },
    { name: 'nothing scorable gives 0', got: () => f([1], [0], [1]), want: 0 },
    // 12.5 rounds half away from zero -> 13 (weights 1 and 1: (10 + 15) / 2).
    { name: 'halves round up', got: () => f([1, 3], [10, 20], [1, 1]), want: 13 },
  ];
  for (const c of cases) it(c.name, () => expect(c.got()).toBe(c.want));
});
