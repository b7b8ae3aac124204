/** The highest score a plugin may give a node after NormalizeScore (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/**
 * Scales scores[0..count) from [0, max(scores)] to [0, maxPriority] in place, then, with
 * `reverse`, replaces each by maxPriority minus itself. When every score is 0 they stay 0,
 * or all become maxPriority with `reverse`. Mirrors helper.DefaultNormalizeScore in
 * kube-scheduler plugins/helper/normalize_score.go; the int64 division truncates.
 * Scores are assumed to be non-negative integers, as kube assumes. Only the first `count`
 * entries are touched: score buffers are reused and may be longer.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: Float64Array, count: number): void {
  let maxCount = 0;
  for (let i = 0; i < count; i++) if (scores[i]! > maxCount) maxCount = scores[i]!;
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority, 0, count);
    return;
  }
  for (let i = 0; i < count; i++) {
    const s = Math.trunc((maxPriority * scores[i]!) / maxCount);
    scores[i] = reverse ? maxPriority - s : s;
  }
}
