import { mulDivTrunc } from './resource-allocation.js';

/** MaxNodeScore: the top of every plugin's score range. */
const MAX_NODE_SCORE = 100;

/**
 * Mirrors mostRequestedScore (noderesources/most_allocated.go): the used share of one
 * resource on a 0..100 scale. Requests beyond capacity (pods scored with the non-zero
 * defaults) count as full.
 */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return mulDivTrunc(requested > capacity ? capacity : requested, MAX_NODE_SCORE, capacity);
}

/**
 * Mirrors mostResourceScorer: the weighted mean (int64 division) of mostRequestedScore
 * over the resources with non-zero allocatable; 0 when there are none.
 */
export function mostAllocatedScore(requested: Float64Array, allocatable: Float64Array, weights: Float64Array, count: number): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < count; i++) {
    const capacity = allocatable[i]!;
    if (capacity === 0) continue;
    const w = weights[i]!;
    nodeScore += mostRequestedScore(requested[i]!, capacity) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
}
