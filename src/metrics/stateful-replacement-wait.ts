import type { StorageFacts } from './storage-observer.js';

/**
 * How long each recreated StatefulSet pod waited, in simulated seconds: from its
 * controller's recreation to its bind, or to `endS` when it was never bound (a lower
 * bound on its wait). In order of recreation.
 */
export function statefulReplacementWaitsS(facts: StorageFacts, endS: number): number[] {
  return facts.statefulReplacements.map((r) => (r.boundS ?? endS) - r.recreatedS);
}
