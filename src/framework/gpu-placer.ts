import type { Plugin } from './types.js';

/**
 * The plugin of a profile that decides which GPUs of the chosen node a GPU pod gets (its
 * placeGpus hook), or null when none does and the cluster's default, the tightest fit,
 * applies. Resolved once per profile, from what plugins declare: the first score plugin
 * in profile order with a placeGpus hook. A pod gets one set of GPUs, so a second score
 * plugin declaring the hook is not asked: listing FGD before Random places GPUs as FGD
 * does, Random before FGD as Random does. Filter and PostFilter plugins never place GPUs:
 * placement is part of the policy, which the score plugins are.
 */
export function gpuPlacerOf(scorers: readonly Plugin[]): Plugin | null {
  for (const p of scorers) if (typeof p.placeGpus === 'function') return p;
  return null;
}

/**
 * The name of the stream a Scheduler forks from its tie-break stream for placements when
 * it is given none, so a random placement never shifts the node tie-breaks.
 */
export const GPU_PLACEMENT_STREAM = 'gpu-placement';
