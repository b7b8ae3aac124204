import { mulDivTrunc } from './resource-allocation.js';

/** MaxNodeScore: the top of every plugin's score range. */
const MAX_NODE_SCORE = 100;

/**
 * Mirrors leastRequestedScore (noderesources/least_allocated.go): the unused share of
 * one resource on a 0..100 scale, 0 when nothing is left or the node has none.
 */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return mulDivTrunc(capacity - requested, MAX_NODE_SCORE, capacity);
}

/**
 * Mirrors leastResourceScorer: the weighted mean (int64 division) of leastRequestedScore
 * over the resources with non-zero allocatable; 0 when there are none.
 */
export function leastAllocatedScore(requested: Float64Array, allocatable: Float64Array, weights: Float64Array, count: number): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < count; i++) {
    const capacity = allocatable[i]!;
    if (capacity === 0) continue;
    const w = weights[i]!;
    nodeScore += leastRequestedScore(requested[i]!, capacity) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
}
