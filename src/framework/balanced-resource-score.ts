/** MaxNodeScore: the top of every plugin's score range. */
const MAX_NODE_SCORE = 100;

/**
 * Mirrors balancedResourceScorer (noderesources/balanced_allocation.go) in float64 as Go
 * computes it: each resource with non-zero allocatable contributes its requested share
 * (capped at 1); the score is (1 - std) * 100 truncated to an integer, where std is the
 * population standard deviation of the shares (|a - b| / 2 for exactly two, 0 for one).
 */
export function balancedResourceScore(requested: Float64Array, allocatable: Float64Array, count: number, fractions: Float64Array): number {
  let n = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const a = allocatable[i]!;
    if (a === 0) continue;
    let f = requested[i]! / a;
    if (f > 1) f = 1;
    total += f;
    fractions[n++] = f;
  }
  let std = 0;
  if (n === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = fractions[i]! - mean;
      sum = sum + d * d;
    }
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
