import { goRound, mulDivTrunc } from './resource-allocation.js';

/** One point of a scoring shape: utilization 0..100 -> score, already on the 0..100 scale. */
export interface ShapePoint {
  readonly utilization: number;
  readonly score: number;
}

/** MaxNodeScore / MaxCustomPriorityScore: shape scores (0..10) are scaled by this. */
export const SHAPE_SCORE_SCALE = 100 / 10;
const MAX_UTILIZATION = 100;

/**
 * Mirrors helper.BuildBrokenLinearFunction: shape[0].score below the first point, the
 * last score above the last one, linear (int64 arithmetic) in between. `shape` must be
 * non-empty with strictly increasing utilizations (validated with the args).
 */
export function brokenLinear(shape: readonly ShapePoint[]): (p: number) => number {
  const u = Float64Array.from(shape, (s) => s.utilization);
  const s = Float64Array.from(shape, (x) => x.score);
  const n = u.length;
  return (p) => {
    for (let i = 0; i < n; i++) {
      if (p <= u[i]!) {
        if (i === 0) return s[0]!;
        return s[i - 1]! + Math.trunc(((s[i]! - s[i - 1]!) * (p - u[i - 1]!)) / (u[i]! - u[i - 1]!));
      }
    }
    return s[n - 1]!;
  };
}

/**
 * Mirrors buildRequestedToCapacityRatioScorerFunction (requested_to_capacity_ratio.go):
 * each resource's utilization percentage (int64 division) goes through the shape; a full
 * or absent-capacity resource scores shape(100). Only resources scoring above 0 enter
 * the weighted mean, which is rounded (math.Round), not truncated.
 */
export function requestedToCapacityRatioScorer(
  shape: readonly ShapePoint[],
): (requested: Float64Array, allocatable: Float64Array, weights: Float64Array, count: number) => number {
  const f = brokenLinear(shape);
  return (requested, allocatable, weights, count) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < count; i++) {
      const capacity = allocatable[i]!;
      if (capacity === 0) continue;
      const req = requested[i]!;
      const score = req > capacity ? f(MAX_UTILIZATION) : f(mulDivTrunc(req, MAX_UTILIZATION, capacity));
      if (score > 0) {
        nodeScore += score * weights[i]!;
        weightSum += weights[i]!;
      }
    }
    return weightSum === 0 ? 0 : goRound(nodeScore / weightSum);
  };
}
