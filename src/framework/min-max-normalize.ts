import { MAX_NODE_SCORE } from './normalize.js';

/**
 * Scales scores[0..count) linearly so the lowest becomes 0 and the highest 100, in place;
 * all 0 when every score is equal. Integer arithmetic as the FGD artifact's
 * NormalizeScore (plugin/plugin_utils.go): (s - lowest) * 100 / (highest - lowest),
 * truncated. Scores are integers, possibly negative.
 */
export function minMaxNormalize(scores: Float64Array, count: number): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < count; i++) {
    const s = scores[i]!;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const range = hi - lo;
  for (let i = 0; i < count; i++) scores[i] = range === 0 ? 0 : Math.trunc(((scores[i]! - lo) * MAX_NODE_SCORE) / range);
}
