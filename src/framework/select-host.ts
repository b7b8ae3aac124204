import type { RandomSource } from './types.js';

/**
 * Index of the highest total in totals[0..count), ties broken uniformly at random.
 * kube-scheduler's selectHost does reservoir sampling over the max-score nodes (each
 * replaces the candidate with probability 1/k); one pass here gives the same
 * distribution, drawing from the seeded stream only when a tie occurs.
 */
export function selectHost(totals: Float64Array, count: number, rng: RandomSource): number {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < count; i++) {
    const t = totals[i]!;
    if (t > totals[best]!) {
      best = i;
      ties = 1;
    } else if (t === totals[best]) {
      ties++;
      if (rng.int(ties) === 0) best = i;
    }
  }
  return best;
}
