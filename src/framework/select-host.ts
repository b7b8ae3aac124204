import type { RandomSource } from './types.js';

/**
 * Index of the highest total in totals[0..count), ties broken uniformly at random.
 * kube-scheduler's selectHost does reservoir sampling over the max-score nodes (one
 * random draw per tie); counting the ties first and drawing once gives the same
 * uniform choice at one draw per cycle, which matters when thousands of identical
 * nodes tie.
 */
export function selectHost(totals: Float64Array, count: number, rng: RandomSource): number {
  let best = -Infinity;
  let ties = 0;
  let first = 0;
  for (let i = 0; i < count; i++) {
    const t = totals[i]!;
    if (t > best) {
      best = t;
      ties = 1;
      first = i;
    } else if (t === best) {
      ties++;
    }
  }
  if (ties <= 1) return first;
  let k = rng.int(ties);
  for (let i = first; i < count; i++) {
    if (totals[i] === best && k-- === 0) return i;
  }
  return first;
}
